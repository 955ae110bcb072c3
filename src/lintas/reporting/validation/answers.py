"""Checking and normalising the answers against the fields and rules of a template version, and
refusing numbers that cannot be stored or are written so that they mislead."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from lintas.core import dates
from lintas.reporting.validation.common import (
    JSON,
    NUL_MESSAGE,
    Text,
    _identity,
    gettext_noop,
    holds_nul,
)
from lintas.reporting.validation.numbers import (
    NumberError,
    read_number,
)

NUMERIC = frozenset({"integer", "decimal"})

# The largest number an answer may hold, whatever the template says: fifteen digits (and a
# decimal answer less than one more than it). Every store
# and reader a number passes through holds it exactly: SQLite's 64-bit integers, PostgreSQL's
# jsonb and bigint, the JSON readers that turn numbers into 64-bit floats (exact up to 2**53),
# and Excel, which keeps fifteen significant digits and silently zeroes the sixteenth. It is far
# above any count of people or events, and above sums of money in dong or rupiah.
LARGEST = Decimal(10**15 - 1)
MAX_COMMENT = 2000  # characters in a comment on one value


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
    soft_min: Decimal | None = None  # below it: a warning, not a refusal
    soft_max: Decimal | None = None

    @property
    def is_numeric(self) -> bool:
        return self.type in NUMERIC


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
    if kind != "table" and holds_nul(raw):
        return None, t(NUL_MESSAGE)
    try:
        if kind in {"integer", "decimal"}:
            number = read_number(raw, integer=kind == "integer", language=language)
            value: Any = int(number) if kind == "integer" else str(number)
        elif kind in {"short_text", "long_text"}:
            value = str(raw).strip()
            limit = spec.max_length or (500 if kind == "short_text" else 20_000)
            if len(value) > limit:
                return None, t(gettext_noop("At most %(n)s characters.")) % {"n": limit}
        elif kind == "choice":
            value = str(raw).strip()
            if spec.choices and value not in spec.choices:
                return None, t(gettext_noop("Choose one of: %(choices)s.")) % {
                    "choices": ", ".join(spec.choices)
                }
        elif kind == "multi_choice":
            items = raw if isinstance(raw, list | tuple) else str(raw).split(";")
            value = [str(i).strip() for i in items if str(i).strip()]
            bad = [v for v in value if spec.choices and v not in spec.choices]
            if bad:
                return None, t(gettext_noop("Not a choice: %(bad)s.")) % {"bad": ", ".join(bad)}
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
            return None, t(gettext_noop("Unknown field type."))
    except NumberError as exc:
        return None, exc.message(integer=kind == "integer", language=language, t=t)
    except (ValueError, InvalidOperation, TypeError):
        return None, _type_message(kind, t)
    if kind in {"integer", "decimal"}:
        number = Decimal(str(value))
        if spec.min_value is not None and number < spec.min_value:
            return None, t(gettext_noop("Must be at least %(n)s.")) % {"n": _plain(spec.min_value)}
        if spec.max_value is not None and number > spec.max_value:
            return None, t(gettext_noop("Must be at most %(n)s.")) % {"n": _plain(spec.max_value)}
    return value, None


def _plain(number: Decimal) -> str:
    text = format(number.normalize(), "f")
    return text


def _type_message(kind: str, t: Text) -> str:
    return {
        "integer": t(gettext_noop("Enter a whole number.")),
        "decimal": t(gettext_noop("Enter a number.")),
        "date": t(gettext_noop("Enter a date as YYYY-MM-DD.")),
        "yes_no": t(gettext_noop("Answer yes or no.")),
    }.get(kind, t(gettext_noop("This value is not valid.")))


def _parse_table(
    spec: FieldSpec, raw: Any, t: Text, language: str | None
) -> tuple[Any, str | None]:
    if not isinstance(raw, list):
        return None, t(gettext_noop("A table needs a list of rows."))
    rows = []
    for i, row in enumerate(raw, start=1):
        if not isinstance(row, dict):
            return None, t(gettext_noop("Row %(n)s is not a row.")) % {"n": i}
        if all(is_empty(row.get(c.code)) for c in spec.columns):
            continue
        clean: dict[str, Any] = {}
        for column in spec.columns:
            value, problem = parse_value(column, row.get(column.code), t, language=language)
            if problem:
                return None, t(gettext_noop("Row %(n)s, %(column)s: %(problem)s")) % {
                    "n": i,
                    "column": column.label,
                    "problem": problem,
                }
            if column.required and value is None:
                return None, t(gettext_noop("Row %(n)s, %(column)s: required.")) % {
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
        answer = raw.get(spec.code)
        problem = _written_out(spec, answer, t)
        value = None
        if problem is None:
            try:
                value, problem = parse_value(spec, answer, t, language=language)
            except OverflowError:  # "Infinity" and the like
                value, problem = None, too_large(t)
        if problem is None:
            problem = _beyond_largest(spec, value, t)
            value = None if problem else value
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
            result.add(spec.code, t(gettext_noop("This field is required.")))
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


# --- numbers that cannot be stored, or are written so that they mislead ----------------------


_TOO_LARGE = gettext_noop("Too large: a number here has at most 15 digits (up to %(n)s).")
_EXPONENT_TEXT = gettext_noop("Write the number in digits, without an exponent (such as 1e9).")
_IN_ROW = gettext_noop("Row %(n)s, %(column)s: %(problem)s")
_EXPONENT = re.compile(r"\d\s*[eE]\s*[-+]?\s*\d")


def too_large(t: Text = _identity) -> str:
    return t(_TOO_LARGE) % {"n": f"{LARGEST:,.0f}"}


def _written_out(spec: FieldSpec, raw: Any, t: Text) -> str | None:
    """A whole number typed with an exponent ("1e9") is refused: it is almost always a slip of
    the keyboard or a spreadsheet's display, and it hides how large the number is."""
    if spec.type == "integer" and isinstance(raw, str) and _EXPONENT.search(raw):
        return t(_EXPONENT_TEXT)
    if spec.type == "table" and isinstance(raw, list):
        for i, row in enumerate(raw, start=1):
            if not isinstance(row, dict):
                continue
            for column in spec.columns:
                problem = _written_out(column, row.get(column.code), t)
                if problem:
                    return t(_IN_ROW) % {"n": i, "column": column.label, "problem": problem}
    return None


def _beyond_largest(spec: FieldSpec, value: Any, t: Text) -> str | None:
    if spec.type in NUMERIC:
        number = as_number(value)
        if number is not None and abs(number) >= LARGEST + 1:
            return too_large(t)
    elif spec.type == "table" and isinstance(value, list):
        for i, row in enumerate(value, start=1):
            for column in spec.columns:
                problem = _beyond_largest(column, row.get(column.code), t)
                if problem:
                    return t(_IN_ROW) % {"n": i, "column": column.label, "problem": problem}
    return None


def as_number(value: Any) -> Decimal | None:
    """A stored numeric answer as a Decimal; None when empty or not a finite number."""
    if value is None or isinstance(value, bool) or value == "":
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None
