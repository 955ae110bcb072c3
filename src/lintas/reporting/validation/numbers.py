"""Numbers as people write them: the decimal and group marks of each language, read and written."""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import Any

from lintas.reporting.validation.common import JSON, Text, _identity, gettext_noop

# --- numbers as people write them --------------------------------------------------------------

_SPACES = " \u00a0\u202f\u2009"  # space, no-break space, narrow no-break space, thin space
_PEOPLE = re.compile(f"[0-9.,{_SPACES}]+")
_STORED = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")
_EXAMPLE = Decimal("1234.5")


def marks(language: str | None) -> tuple[str, str]:
    """The decimal mark and the thousands separator of a language: Vietnamese and Indonesian
    write 1.234,5; English 1,234.5."""
    if (language or "").split("-")[0].lower() in {"vi", "id"}:
        return ",", "."
    return ".", ","


class NumberError(ValueError):
    """Why an answer is not a number of its field. ``kind`` is one of ``NOT_A_NUMBER``,
    ``AMBIGUOUS`` (separators that do not read one way only), ``NOT_WHOLE`` (a fraction where a
    whole number is asked: never rounded) and ``TEXT`` (text where the API takes a JSON number)."""

    NOT_A_NUMBER = "not_a_number"
    AMBIGUOUS = "ambiguous"
    NOT_WHOLE = "not_whole"
    TEXT = "text"

    def __init__(self, kind: str, shown: str = "") -> None:
        super().__init__(kind)
        self.kind = kind
        self.shown = shown

    def message(self, *, integer: bool, language: str | None, t: Text = _identity) -> str:
        if self.kind == self.TEXT:
            return t(gettext_noop("Send “%(value)s” as a JSON number, not as text.")) % {
                "value": self.shown
            }
        example = _EXAMPLE.to_integral_value() if integer else _EXAMPLE
        mark, group = marks(language)
        words = {
            "value": self.shown,
            "plain": format_number(example, language=language, grouping=False),
            "grouped": format_number(example, language=language),
            "decimal": mark,
            "group": group,
        }
        if self.kind == self.AMBIGUOUS:
            return (
                t(
                    gettext_noop(
                        "“%(value)s” is ambiguous: write it like %(plain)s or %(grouped)s, with "
                        "“%(decimal)s” before the decimals and “%(group)s” between thousands."
                    )
                )
                % words
            )
        if self.kind == self.NOT_WHOLE and language not in {None, JSON}:
            return (
                t(
                    gettext_noop(
                        "“%(value)s” is not a whole number, and it is not rounded: write a whole "
                        "number, like %(plain)s or %(grouped)s."
                    )
                )
                % words
            )
        if integer:
            return t(gettext_noop("“%(value)s” is not a whole number.")) % words
        return t(gettext_noop("“%(value)s” is not a number.")) % words


def parse_number(text: str, *, language: str | None) -> Decimal:
    """A number as people write it in ``language`` (1,234.5 in English; 1.234,5 in Vietnamese
    and Indonesian), or NumberError. Thousands may also be separated by spaces; groups must be
    of three digits, or the text could be read two ways and is refused as ambiguous, never
    guessed: "1,5" is 1.5 in Vietnamese and ambiguous in English."""
    decimal = marks(language)[0]  # the whole part holds only digits, separators and spaces
    shown = text.strip()
    body = shown
    negative = body[:1] in {"-", "\u2212"}
    if body[:1] in {"-", "+", "\u2212"}:
        body = body[1:]
    if not body or not _PEOPLE.fullmatch(body) or not any(c.isdigit() for c in body):
        raise NumberError(NumberError.NOT_A_NUMBER, shown)
    whole, found, fraction = body.partition(decimal)
    if found and not fraction.isdigit():
        # a second decimal mark, a separator among the decimals, or nothing after the mark
        raise NumberError(NumberError.AMBIGUOUS, shown)
    separators = {c for c in whole if not c.isdigit()}
    if separators:
        if len({"space" if c in _SPACES else c for c in separators}) > 1:
            raise NumberError(NumberError.AMBIGUOUS, shown)
        groups = re.split(r"[^0-9]", whole)
        if not (
            1 <= len(groups[0]) <= 3
            and not groups[0].startswith("0")
            and all(len(g) == 3 for g in groups[1:])
        ):
            raise NumberError(NumberError.AMBIGUOUS, shown)
        whole = "".join(groups)
    digits = (whole or "0") + ("." + fraction if found else "")
    return Decimal(("-" if negative else "") + digits)


def format_number(value: Decimal | int, *, language: str | None, grouping: bool = True) -> str:
    """A number as ``parse_number`` reads it back in ``language``: 1234.5 is "1,234.5" in
    English and "1.234,5" in Vietnamese (without grouping "1234,5")."""
    decimal, group = marks(language)
    text = format(Decimal(value), "f")
    sign = "-" if text.startswith("-") else ""
    whole, _found, fraction = text.lstrip("-").partition(".")
    if grouping:
        head = len(whole) % 3 or 3
        whole = group.join([whole[:head], *(whole[i : i + 3] for i in range(head, len(whole), 3))])
    return sign + whole + (decimal + fraction if fraction else "")


def read_number(raw: Any, *, integer: bool, language: str | None) -> Decimal:
    """An answer to a number field as a finite Decimal, or NumberError.

    Numbers (a spreadsheet's numeric cell, a JSON number) are taken as they are; text is read as
    ``language`` says (see the module's ``JSON``). A fraction where a whole number is asked is
    refused, never rounded."""
    if isinstance(raw, bool) or not isinstance(raw, int | float | Decimal | str):
        raise NumberError(NumberError.NOT_A_NUMBER, str(raw))
    if isinstance(raw, str):
        if language == JSON:
            raise NumberError(NumberError.TEXT, raw.strip())
        if language is None:
            if not _STORED.fullmatch(raw.strip()):
                raise NumberError(NumberError.NOT_A_NUMBER, raw.strip())
            number = Decimal(raw.strip())
        else:
            number = parse_number(raw, language=language)
            if integer and len(raw.strip().partition(marks(language)[0])[2]) == 3:
                # "3,000" in a count of a Vietnamese file: 3, or the 3000 an English habit wrote?
                raise NumberError(NumberError.AMBIGUOUS, raw.strip())
        shown = raw.strip()
    else:
        if isinstance(raw, float) and not math.isfinite(raw):
            raise NumberError(NumberError.NOT_A_NUMBER, str(raw))
        number = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
        if not number.is_finite():
            raise NumberError(NumberError.NOT_A_NUMBER, str(raw))
        people = language not in {None, JSON}
        shown = format_number(number, language=language, grouping=False) if people else str(raw)
    if integer and number != number.to_integral_value():
        raise NumberError(NumberError.NOT_WHOLE, shown)
    return number
