"""Dates typed as text, read the same way wherever a file or a form takes them. No Django import.

Day before month always (02/03/2024 is 2 March), as the bodies' members write dates in all three
languages. The case import reads the forms of ``DATE_FORMS``; given a language, a date may also
name its month in that language ("2 Maret 2024", "2 tháng 3 năm 2024").
"""

from __future__ import annotations

import datetime as dt
import re

DATE_FORMS = "2024-03-02, 02/03/2024, 02.03.2024, 2-Mar-2024, 2 March 2024"
_FORMS_IN = {
    "vi": "2024-03-02, 02/03/2024, 02.03.2024, 2 tháng 3 năm 2024",
    "id": "2024-03-02, 02/03/2024, 02.03.2024, 2-Mar-2024, 2 Maret 2024",
}


def _months(names: list[tuple[str, ...]]) -> dict[str, int]:
    return {name: number for number, group in enumerate(names, start=1) for name in group}


_MONTHS = _months(
    [
        ("jan", "january"),
        ("feb", "february"),
        ("mar", "march"),
        ("apr", "april"),
        ("may",),
        ("jun", "june"),
        ("jul", "july"),
        ("aug", "august"),
        ("sep", "sept", "september"),
        ("oct", "october"),
        ("nov", "november"),
        ("dec", "december"),
    ]
)
_MONTHS_IN = {
    "id": _months(
        [
            ("jan", "januari"),
            ("feb", "februari"),
            ("mar", "maret"),
            ("apr", "april"),
            ("mei",),
            ("jun", "juni"),
            ("jul", "juli"),
            ("agu", "agt", "ags", "agustus"),
            ("sep", "september"),
            ("okt", "oktober"),
            ("nov", "november"),
            ("des", "desember"),
        ]
    ),
}
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})([/.])(\d{1,2})\2(\d{4})$")
_MONTH_NAME = re.compile(r"^(\d{1,2})[- ]([A-Za-z]+)\.?[- ](\d{4})$")
# "2 tháng 3 năm 2024", "ngày 02 tháng 03 năm 2024", "2 tháng 3, 2024"
_VI_MONTH = re.compile(
    r"^(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+|\s*,\s*|\s+)(\d{4})$", re.IGNORECASE
)


def _base(language: str | None) -> str:
    return (language or "").split("-")[0].lower()


def date_forms(language: str | None = None) -> str:
    """The forms ``parse_date`` reads in a language, as examples for a message."""
    return _FORMS_IN.get(_base(language), DATE_FORMS)


def parse_date(text: str, *, language: str | None = None) -> dt.date | None:
    """A date in one of the accepted forms, day before month; None when it is none of them.

    Without a language, month names are English (the case import); with one, they may also be
    that language's."""
    text = text.strip()
    months = {**_MONTHS, **_MONTHS_IN.get(_base(language), {})}
    if match := _ISO.match(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DAY_FIRST.match(text):
        day, month, year = int(match[1]), int(match[3]), int(match[4])
    elif (match := _MONTH_NAME.match(text)) and match[2].lower() in months:
        day, month, year = int(match[1]), months[match[2].lower()], int(match[3])
    elif _base(language) == "vi" and (match := _VI_MONTH.match(text)):
        day, month, year = int(match[1]), int(match[2]), int(match[3])
    else:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
