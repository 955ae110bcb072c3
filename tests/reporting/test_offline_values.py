"""The offline file keeps what people typed and who they are: numbers and dates read in the file's
language, an identification that survives LibreOffice and Excel, and refusals that say plainly
which report a file belongs to and who uploaded it already."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.core import signing
from django.utils import formats, timezone
from openpyxl import load_workbook

from lintas.reporting import offline, services
from lintas.reporting.models import Submission
from lintas.reporting.offline import layout
from tests.reporting.conftest import GOOD, Regime

NOW = dt.datetime(2024, 4, 5, 3, 0, tzinfo=dt.UTC)
MAIN = {"en": "Report", "vi": "Báo cáo", "id": "Laporan"}  # the report sheet in each language
BASE64URL = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


@pytest.fixture(autouse=True)
def _in_april_2024() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def _draft(regime: Regime) -> Submission:
    c = regime.cast
    sub = services.start_submission(
        obligation=regime.obligation, unit=c.unit_a, period_key="2024-03", by=c.focal_a
    )
    services.save_draft(sub, data=GOOD, revision=sub.revision, by=c.focal_a)
    return sub


def _file(sub: Submission, language: str, changes: dict[str, Any] | None = None) -> bytes:
    """The report's file in a language, with cells typed in (``"Report!C7"``; ``"main!C7"``
    is the report sheet whatever its name)."""
    wb = load_workbook(io.BytesIO(offline.build_workbook(sub, language)))
    for ref, value in (changes or {}).items():
        sheet, cell = ref.split("!")
        wb[MAIN[language] if sheet == "main" else sheet][cell] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _upload(regime: Regime, sub: Submission, content: bytes) -> list[tuple[str, str, str]]:
    """The problems of an upload by unit A's focal point; none when the file was taken in."""
    try:
        services.upload_workbook(sub, content=content, by=regime.cast.focal_a)
    except offline.WorkbookProblems as exc:
        return [tuple(p) for p in exc.problems]  # type: ignore[misc]
    return []


# --- numbers and dates typed as text ---------------------------------------------------------


def test_one_and_a_half_typed_in_a_count_of_a_vietnamese_file_is_refused_not_read_as_15(
    regime: Regime,
) -> None:
    sub = _draft(regime)
    before = (sub.data, sub.revision)

    problems = _upload(regime, sub, _file(sub, "vi", {"main!C7": "1,5"}))

    assert problems == [
        (
            "Báo cáo",
            "C7",
            "“1,5” is not a whole number, and it is not rounded: write a whole number, like 1234 "
            "or 1.234.",
        )
    ]
    sub.refresh_from_db()
    assert (sub.data, sub.revision) == before


def test_a_comma_in_an_english_file_that_could_be_a_decimal_mark_is_refused_as_ambiguous(
    regime: Regime,
) -> None:
    sub = _draft(regime)
    problems = _upload(regime, sub, _file(sub, "en", {"main!C7": "1,5", "trainings!C2": "3.000"}))
    assert problems == [
        (
            "Report",
            "C7",
            "“1,5” is ambiguous: write it like 1234 or 1,234, with “.” before the decimals and "
            "“,” between thousands.",
        ),
        (
            "trainings",
            "C2",
            "“3.000” is ambiguous: write it like 1234 or 1,234, with “.” before the decimals "
            "and “,” between thousands.",
        ),
    ]


def test_a_numeric_cell_with_a_fraction_in_a_count_is_refused_never_rounded(
    regime: Regime,
) -> None:
    sub = _draft(regime)
    problems = _upload(regime, sub, _file(sub, "id", {"main!C8": 8.5}))
    assert problems == [
        (
            "Laporan",
            "C8",
            "“8,5” is not a whole number, and it is not rounded: write a whole number, like 1234 "
            "or 1.234.",
        )
    ]


@pytest.mark.parametrize(
    ("language", "cases", "rate", "people"),
    [
        ("vi", "1.234", "0,25", "1 200"),
        ("id", "1.234", "1.234,5", "1200"),
        ("en", "1,234", "1,234.5", "1\u00a0200"),
    ],
)
def test_numbers_typed_as_text_are_read_in_the_files_language(
    regime: Regime, language: str, cases: str, rate: str, people: str
) -> None:
    sub = _draft(regime)
    changes = {"main!C7": cases, "main!C9": rate, "trainings!C2": people}

    assert _upload(regime, sub, _file(sub, language, changes)) == []

    sub.refresh_from_db()
    assert sub.data["cases"] == 1234
    assert sub.data["rate"] == ("0.25" if language == "vi" else "1234.5")
    assert sub.data["trainings"][0]["people"] == 1200


@pytest.mark.parametrize(
    ("language", "typed"),
    [
        ("en", "02/03/2024"),
        ("en", "2-Mar-2024"),
        ("vi", "02.03.2024"),
        ("vi", "2 tháng 3 năm 2024"),
        ("id", "2 Maret 2024"),
    ],
)
def test_a_date_typed_as_text_is_read_day_first_as_the_case_import_reads_it(
    regime: Regime, language: str, typed: str
) -> None:
    sub = _draft(regime)
    changes = {"trainings!A3": "Prosecutors", "trainings!B3": typed}

    assert _upload(regime, sub, _file(sub, language, changes)) == []

    sub.refresh_from_db()
    assert sub.data["trainings"][1] == {
        "title": "Prosecutors",
        "date": "2024-03-02",
        "people": None,
    }


def test_a_date_the_file_cannot_read_names_the_forms_it_can_read(regime: Regime) -> None:
    sub = _draft(regime)
    changes = {"trainings!A3": "Prosecutors", "trainings!B3": "2024/13/02"}
    assert _upload(regime, sub, _file(sub, "vi", changes)) == [
        (
            "trainings",
            "B3",
            "“2024/13/02” is not a date: write it as 2024-03-02, 02/03/2024, 02.03.2024, 2 tháng "
            "3 năm 2024 (day before month).",
        )
    ]


# --- the identification across spreadsheets --------------------------------------------------


def _meta(content: bytes) -> dict[str, Any]:
    ws = load_workbook(io.BytesIO(content))[layout.META]
    return {row[0].value: row[1].value for row in ws.iter_rows(max_col=2)}


def _rewrite_meta(content: bytes, **cells: Any) -> bytes:
    wb = load_workbook(io.BytesIO(content))
    for key, value in cells.items():
        wb[layout.META][layout.meta_cell(key)] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _escaped(text: str) -> str:
    """Text as OOXML may write it: every character as ``_xHHHH_``."""
    return "".join(f"_x{ord(c):04X}_" for c in text)


def _libreoffice(signature: str) -> str:
    """What LibreOffice saves for a text holding ``_x8_``: it reads the sequence as the character
    U+0008 and writes that character back as ``_x0008_``."""
    return re.sub(r"_x([0-9A-Fa-f]{1,4})_", lambda m: f"_x{int(m[1], 16):04X}_", signature)


def _older_signature(sub: Submission, language: str) -> tuple[str, str]:
    """A secret key and the signature an earlier version of the site gave a file (base64, from
    django.core.signing), chosen so that it holds a ``_x…_`` sequence a spreadsheet decodes."""
    message = f"{layout.FORMAT}:{sub.pk}:{sub.version_id}:{sub.revision}:{language}"
    for n in itertools.count():
        key = f"an earlier secret key {n}"
        signature = signing.Signer(key=key, salt=layout.SALT).sign(message).rsplit(":", 1)[1]
        found = re.search(r"_x([0-9A-Fa-f]{1,4})_", signature)
        if found and chr(int(found[1], 16)) not in BASE64URL:
            return key, signature
    raise AssertionError  # pragma: no cover


def test_a_new_file_is_signed_with_characters_a_spreadsheet_never_re_escapes(
    regime: Regime,
) -> None:
    sub = _draft(regime)
    signature = _meta(offline.build_workbook(sub, "en"))["signature"]
    assert re.fullmatch(r"[0-9a-f]{64}", signature)


def test_identification_a_spreadsheet_wrote_with_ooxml_escapes_still_identifies_the_file(
    regime: Regime,
) -> None:
    sub = _draft(regime)
    content = offline.build_workbook(sub, "vi")
    meta = _meta(content)
    saved = _rewrite_meta(
        content,
        language=_escaped("vi"),
        signature=_escaped(meta["signature"][:6]) + meta["signature"][6:],
    )

    assert _upload(regime, sub, saved) == []
    sub.refresh_from_db()
    assert sub.revisions.order_by("-number").values_list("source", flat=True)[0] == "xlsx"


def test_an_older_file_whose_signature_libreoffice_re_escaped_is_taken_in(
    regime: Regime, settings: Any
) -> None:
    sub = _draft(regime)
    settings.SECRET_KEY, signature = _older_signature(sub, "en")
    damaged = _libreoffice(signature)
    assert damaged != signature
    content = _rewrite_meta(_file(sub, "en", {"main!C7": 13}), signature=damaged)

    assert _upload(regime, sub, content) == []

    sub.refresh_from_db()
    assert sub.data["cases"] == 13


def test_an_older_file_with_its_signature_intact_is_taken_in(regime: Regime, settings: Any) -> None:
    sub = _draft(regime)
    settings.SECRET_KEY, signature = _older_signature(sub, "en")
    content = _rewrite_meta(_file(sub, "en", {"main!C7": 13}), signature=signature)
    assert _upload(regime, sub, content) == []


def test_an_older_signature_does_not_hold_for_another_revision(
    regime: Regime, settings: Any
) -> None:
    sub = _draft(regime)
    settings.SECRET_KEY, signature = _older_signature(sub, "en")
    content = _rewrite_meta(
        offline.build_workbook(sub, "en"), revision=sub.revision + 1, signature=signature
    )
    [(sheet, cell, message)] = _upload(regime, sub, content)
    assert (sheet, cell) == (layout.META, "B6")
    assert message.startswith("The file's identification was changed or is damaged")


# --- refusals that say what happened ---------------------------------------------------------


def _when(at: dt.datetime, regime: Regime) -> str:
    local = timezone.localtime(at, regime.cast.body.tzinfo)
    return formats.date_format(local, "SHORT_DATETIME_FORMAT")


def test_a_second_upload_of_the_same_file_says_who_uploaded_it_and_when(regime: Regime) -> None:
    sub = _draft(regime)
    content = _file(sub, "en", {"main!C7": 13})
    assert _upload(regime, sub, content) == []
    sub.refresh_from_db()
    after = (sub.data, sub.revision)

    with time_machine.travel(NOW + dt.timedelta(hours=2), tick=False):
        problems = _upload(regime, sub, content)

    assert problems == [
        (
            "lintas",
            "B4",
            f"This file was already uploaded, by Anh Focal on {_when(NOW, regime)} "
            "(Asia/Ho_Chi_Minh time); this upload changed nothing. To change the report again, "
            "download a new copy of it.",
        )
    ]
    sub.refresh_from_db()
    assert (sub.data, sub.revision) == after


def test_an_upload_of_a_file_saved_over_since_also_says_who_saved_after_it(
    regime: Regime,
) -> None:
    sub = _draft(regime)
    content = _file(sub, "en", {"main!C7": 13})
    assert _upload(regime, sub, content) == []
    later = NOW + dt.timedelta(hours=1)
    with time_machine.travel(later, tick=False):
        services.save_draft(
            sub, data={**GOOD, "cases": 14}, revision=sub.revision, by=regime.cast.focal_a
        )

    [(_sheet, _cell, message)] = _upload(regime, sub, _file_again(content, {"Report!C8": 10}))

    assert message == (
        f"This file was already uploaded, by Anh Focal on {_when(NOW, regime)} "
        "(Asia/Ho_Chi_Minh time); this upload changed nothing. To change the report again, "
        "download a new copy of it. Since then, Anh Focal saved the report, on "
        f"{_when(later, regime)}."
    )
    sub.refresh_from_db()
    assert sub.data["cases"] == 14


def _file_again(content: bytes, changes: dict[str, Any]) -> bytes:
    """The same file, changed and saved once more by the person who uploaded it."""
    wb = load_workbook(io.BytesIO(content))
    for ref, value in changes.items():
        sheet, cell = ref.split("!")
        wb[sheet][cell] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
