"""Checking and normalising a submission's answers against its template version.

No Django import: the template arrives as ``FieldSpec``/``RuleSpec`` values, answers as a dict of
raw values (from a form, JSON or a spreadsheet), and the result says, field by field, what is
wrong. The same code serves the web form, the API and the XLSX upload.

Numbers are checked twice over. Hard limits (``min_value``/``max_value``, and ``LARGEST`` for
every number) refuse an answer. Soft limits (``soft_min``/``soft_max``) and the unit's own
history (``usual_range``: median and median absolute deviation of its last values) only warn;
``value_warnings`` says which answers look implausible, and ``unexplained`` which of those
still need a comment before the report can be submitted.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
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


# --- comments on values ----------------------------------------------------------------------


_NOT_NUMERIC = gettext_noop("Comments are kept on the report's number fields only.")


def check_comments(
    fields: Iterable[FieldSpec], raw: Mapping[str, Any], *, t: Text = _identity
) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Comments on the numeric answers, by field code: the cleaned comments, and what is wrong.
    An empty comment is no comment."""
    numeric = {spec.code for spec in fields if spec.is_numeric}
    clean: dict[str, str] = {}
    errors: dict[str, list[str]] = {}
    for code, text in raw.items():
        if text is None:
            continue
        if not isinstance(text, str):
            errors.setdefault(str(code), []).append(t(gettext_noop("A comment is text.")))
            continue
        text = text.strip()
        if not text:
            continue
        if code not in numeric:
            errors.setdefault(str(code), []).append(t(_NOT_NUMERIC))
        elif len(text) > MAX_COMMENT:
            errors.setdefault(code, []).append(
                t(gettext_noop("A comment has at most %(n)s characters.")) % {"n": MAX_COMMENT}
            )
        else:
            clean[code] = text
    return clean, errors


# --- plausibility: soft limits and the unit's own history -------------------------------------

HISTORY_VALUES = 12  # the unit's last values a new one is compared with
MIN_HISTORY = 4  # fewer past values than this: no comparison
CUTOFF = Decimal(3)  # how many robust deviations from the median make a value unusual
MAD_SCALE = Decimal("1.4826")  # makes the MAD comparable to a standard deviation
MEAN_AD_SCALE = Decimal("1.2533")  # the same for the mean absolute deviation (MAD = 0)


@dataclass(frozen=True)
class Usual:
    """What a unit usually reports for a field: the median of its last values, and how far its
    values usually stray from it (a robust standard deviation)."""

    median: Decimal
    spread: Decimal
    count: int

    def is_outlier(self, value: Decimal) -> bool:
        return abs(value - self.median) > CUTOFF * self.spread


def usual_range(past: Sequence[Any], *, whole: bool = False) -> Usual | None:
    """The usual range of the last ``HISTORY_VALUES`` values (newest first), or None when there
    is too little history to judge: fewer than ``MIN_HISTORY`` values.

    The spread is the median absolute deviation (MAD) scaled by 1.4826, which makes it comparable
    to a standard deviation. Two cases need more:

    - ``whole`` numbers are counts (cases, victims, people trained), whose natural variation is
      at least the square root of their level (a Poisson count with mean m has that standard
      deviation): the spread is never below √median, nor below 1. Without this floor a unit that
      reported 2, 3, 2, 3 would be told that 6 is unusual, and warnings that cry wolf teach
      people to write empty comments.
    - When more than half of the values are equal the MAD is 0; for decimals the mean absolute
      deviation scaled by 1.2533 stands in for it (as in Iglewicz and Hoaglin's modified
      z-score). When every value is the same there is no spread to judge by, and no decimal
      value is called unusual: soft limits are the tool for that case.
    """
    values = [n for n in (as_number(v) for v in past) if n is not None][:HISTORY_VALUES]
    if len(values) < MIN_HISTORY:
        return None
    middle = statistics.median(values)
    deviations = [abs(v - middle) for v in values]
    spread = MAD_SCALE * statistics.median(deviations)
    if whole:
        spread = max(spread, max(abs(middle), Decimal(1)).sqrt())
    if spread == 0:
        spread = MEAN_AD_SCALE * sum(deviations) / len(deviations)
    if spread == 0:
        return None
    return Usual(median=middle, spread=spread, count=len(values))


@dataclass(frozen=True)
class ValueWarning:
    """An answer that is allowed but looks wrong: below or above the template's soft limit
    (``soft_min``, ``soft_max``), or far from what the unit usually reports (``outlier``)."""

    code: str
    kind: str
    message: str
    median: Decimal | None = None
    count: int = 0


def value_warnings(
    fields: Iterable[FieldSpec],
    data: Mapping[str, Any],
    history: Mapping[str, Sequence[Any]],
    *,
    t: Text = _identity,
) -> dict[str, list[ValueWarning]]:
    """Warnings on the numeric answers of ``data`` (as ``check`` stores them), by field code.
    ``history`` holds each field's past values of the same unit, newest first."""
    found: dict[str, list[ValueWarning]] = {}
    for spec in fields:
        if not spec.is_numeric:
            continue
        number = as_number(data.get(spec.code))
        if number is None:
            continue
        notes: list[ValueWarning] = []
        if spec.soft_min is not None and number < spec.soft_min:
            message = t(
                gettext_noop("Lower than expected: the template expects at least %(n)s.")
            ) % {"n": _plain(spec.soft_min)}
            notes.append(ValueWarning(spec.code, "soft_min", message))
        if spec.soft_max is not None and number > spec.soft_max:
            message = t(
                gettext_noop("Higher than expected: the template expects at most %(n)s.")
            ) % {"n": _plain(spec.soft_max)}
            notes.append(ValueWarning(spec.code, "soft_max", message))
        usual = usual_range(history.get(spec.code, ()), whole=spec.type == "integer")
        if usual is not None and usual.is_outlier(number):
            message = t(
                gettext_noop(
                    "Far from this unit's usual figure: the median of its last %(count)s reports "
                    "is %(median)s."
                )
            ) % {"count": usual.count, "median": _rounded(usual.median)}
            notes.append(
                ValueWarning(spec.code, "outlier", message, median=usual.median, count=usual.count)
            )
        if notes:
            found[spec.code] = notes
    return found


_EXPLAIN = gettext_noop("Check this value; if it is right, say why in its comment to submit.")


def unexplained(
    warnings: Mapping[str, Sequence[ValueWarning]],
    comments: Mapping[str, str],
    *,
    t: Text = _identity,
) -> dict[str, list[str]]:
    """The warnings that still need a comment before the report is submitted, as errors."""
    errors: dict[str, list[str]] = {}
    for code, notes in warnings.items():
        if notes and not (comments.get(code) or "").strip():
            errors[code] = [
                *(w.message for w in notes),
                t(_EXPLAIN),
            ]
    return errors


def _rounded(number: Decimal) -> str:
    """A median as people read it: whole when it is, otherwise with at most two decimals."""
    if number == number.to_integral_value():
        return _plain(number.to_integral_value())
    return _plain(number.quantize(Decimal("0.01")))
