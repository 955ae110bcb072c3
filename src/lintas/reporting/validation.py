"""Checking and normalising a submission's answers against its template version.

No Django import: the template arrives as ``FieldSpec``/``RuleSpec`` values, answers as a dict of
raw values (from a form, JSON or a spreadsheet), and the result says, field by field, what is
wrong. The same code serves the web form, the API and the XLSX upload.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from lintas.core import dates

Text = Callable[[str], str]  # translation function for messages

# How answers were written, the ``language`` of ``parse_value`` and ``check``: a language code
# ("en", "vi", "id") for what people typed (the web form, a spreadsheet), ``JSON`` for answers sent
# to the API (a number must be a JSON number), or None for answers in their stored form (what
# ``check`` returns: numbers, and decimals as plain digits with "." before the decimals).
JSON = "json"


def _identity(s: str) -> str:
    return s


def gettext_noop(message: str) -> str:
    """Marks a message for the catalogues; the caller's ``t`` translates it."""
    return message


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


@dataclass(frozen=True)
class FieldSpec:
    code: str
    type: str
    label: str
    required: bool = False
    required_if: dict[str, Any] | None = None
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    max_length: int | None = None
    choices: tuple[str, ...] = ()
    columns: tuple[FieldSpec, ...] = ()


@dataclass(frozen=True)
class RuleSpec:
    left: str
    operator: str
    right: str
    message: str


@dataclass
class Result:
    data: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)
    required_total: int = 0
    required_filled: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def add(self, code: str, message: str) -> None:
        self.errors.setdefault(code, []).append(message)


def is_empty(value: Any) -> bool:
    return (
        value is None
        or value == ""
        or value == []
        or (isinstance(value, str) and not value.strip())
    )


def parse_value(
    spec: FieldSpec, raw: Any, t: Text = _identity, *, language: str | None = None
) -> tuple[Any, str | None]:
    """Turn one raw answer into its stored form, or say why it cannot be. ``language`` says how
    the answer was written (see ``JSON``)."""
    if is_empty(raw):
        return None, None
    kind = spec.type
    try:
        if kind in {"integer", "decimal"}:
            number = read_number(raw, integer=kind == "integer", language=language)
            value: Any = int(number) if kind == "integer" else str(number)
        elif kind in {"short_text", "long_text"}:
            value = str(raw).strip()
            limit = spec.max_length or (500 if kind == "short_text" else 20_000)
            if len(value) > limit:
                return None, t("At most %(n)s characters.") % {"n": limit}
        elif kind == "choice":
            value = str(raw).strip()
            if spec.choices and value not in spec.choices:
                return None, t("Choose one of: %(choices)s.") % {"choices": ", ".join(spec.choices)}
        elif kind == "multi_choice":
            items = raw if isinstance(raw, list | tuple) else str(raw).split(";")
            value = [str(i).strip() for i in items if str(i).strip()]
            bad = [v for v in value if spec.choices and v not in spec.choices]
            if bad:
                return None, t("Not a choice: %(bad)s.") % {"bad": ", ".join(bad)}
        elif kind == "date":
            if isinstance(raw, dt.datetime):
                value = raw.date().isoformat()
            elif isinstance(raw, dt.date):
                value = raw.isoformat()
            elif language not in {None, JSON}:
                day = dates.parse_date(str(raw), language=language)
                if day is None:
                    return None, t(
                        gettext_noop(
                            "“%(value)s” is not a date: write it as %(forms)s (day before month)."
                        )
                    ) % {"value": str(raw).strip(), "forms": dates.date_forms(language)}
                value = day.isoformat()
            else:
                value = dt.date.fromisoformat(str(raw).strip()[:10]).isoformat()
        elif kind == "yes_no":
            text = str(raw).strip().lower()
            if raw is True or text in {"yes", "true", "1", "có", "ya", "y"}:
                value = True
            elif raw is False or text in {"no", "false", "0", "không", "tidak", "n"}:
                value = False
            else:
                raise ValueError
        elif kind == "table":
            return _parse_table(spec, raw, t, language)
        else:
            return None, t("Unknown field type.")
    except NumberError as exc:
        return None, exc.message(integer=kind == "integer", language=language, t=t)
    except (ValueError, InvalidOperation, TypeError):
        return None, _type_message(kind, t)
    if kind in {"integer", "decimal"}:
        number = Decimal(str(value))
        if spec.min_value is not None and number < spec.min_value:
            return None, t("Must be at least %(n)s.") % {"n": _plain(spec.min_value)}
        if spec.max_value is not None and number > spec.max_value:
            return None, t("Must be at most %(n)s.") % {"n": _plain(spec.max_value)}
    return value, None


def _plain(number: Decimal) -> str:
    text = format(number.normalize(), "f")
    return text


def _type_message(kind: str, t: Text) -> str:
    return {
        "integer": t("Enter a whole number."),
        "decimal": t("Enter a number."),
        "date": t("Enter a date as YYYY-MM-DD."),
        "yes_no": t("Answer yes or no."),
    }.get(kind, t("This value is not valid."))


def _parse_table(
    spec: FieldSpec, raw: Any, t: Text, language: str | None
) -> tuple[Any, str | None]:
    if not isinstance(raw, list):
        return None, t("A table needs a list of rows.")
    rows = []
    for i, row in enumerate(raw, start=1):
        if not isinstance(row, dict):
            return None, t("Row %(n)s is not a row.") % {"n": i}
        if all(is_empty(row.get(c.code)) for c in spec.columns):
            continue
        clean: dict[str, Any] = {}
        for column in spec.columns:
            value, problem = parse_value(column, row.get(column.code), t, language=language)
            if problem:
                return None, t("Row %(n)s, %(column)s: %(problem)s") % {
                    "n": i,
                    "column": column.label,
                    "problem": problem,
                }
            if column.required and value is None:
                return None, t("Row %(n)s, %(column)s: required.") % {
                    "n": i,
                    "column": column.label,
                }
            clean[column.code] = value
        rows.append(clean)
    return rows, None


def _compare(op: str, a: Decimal, b: Decimal) -> bool:
    return {
        "lte": a <= b,
        "lt": a < b,
        "eq": a == b,
        "gte": a >= b,
        "gt": a > b,
    }[op]


def check(
    fields: Iterable[FieldSpec],
    rules: Iterable[RuleSpec],
    raw: dict[str, Any],
    *,
    t: Text = _identity,
    require: bool = True,
    language: str | None = None,
) -> Result:
    """Check every answer; with ``require`` the required fields must be filled (on submit).

    Drafts are saved with ``require=False``: type errors still refuse the save; gaps and rules
    across fields are only enforced when the report is submitted.
    """
    specs = list(fields)
    result = Result()
    for spec in specs:
        value, problem = parse_value(spec, raw.get(spec.code), t, language=language)
        if problem:
            result.add(spec.code, problem)
        result.data[spec.code] = value
    for spec in specs:
        needed = spec.required
        if spec.required_if:
            other = result.data.get(spec.required_if.get("field", ""))
            needed = needed or (other is not None and other == spec.required_if.get("equals"))
        if not needed:
            continue
        result.required_total += 1
        if not is_empty(result.data.get(spec.code)):
            result.required_filled += 1
        elif require and spec.code not in result.errors:
            result.add(spec.code, t("This field is required."))
    for rule in rules if require else []:
        left, right = result.data.get(rule.left), result.data.get(rule.right)
        if left is None or right is None:
            continue
        try:
            ok = _compare(rule.operator, Decimal(str(left)), Decimal(str(right)))
        except (InvalidOperation, KeyError):
            continue
        if not ok:
            result.add(rule.left, rule.message)
    return result
