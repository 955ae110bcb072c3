"""Checking and normalising a submission's answers against its template version.

No Django import: the template arrives as ``FieldSpec``/``RuleSpec`` values, answers as a dict of
raw values (from a form, JSON or a spreadsheet), and the result says, field by field, what is
wrong. The same code serves the web form, the API and the XLSX upload.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

Text = Callable[[str], str]  # translation function for messages


def _identity(s: str) -> str:
    return s


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


def parse_value(spec: FieldSpec, raw: Any, t: Text = _identity) -> tuple[Any, str | None]:
    """Turn one raw answer into its stored form, or say why it cannot be."""
    if is_empty(raw):
        return None, None
    kind = spec.type
    try:
        if kind == "integer":
            if isinstance(raw, bool):
                raise ValueError
            if isinstance(raw, float) and not raw.is_integer():
                raise ValueError
            value: Any = int(Decimal(str(raw).strip().replace(",", "").replace(" ", "")))
            if Decimal(str(raw).strip().replace(",", "").replace(" ", "")) != value:
                raise ValueError
        elif kind == "decimal":
            if isinstance(raw, bool):
                raise ValueError
            number = Decimal(str(raw).strip().replace(" ", ""))
            if not number.is_finite():
                raise ValueError
            value = str(number)
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
            return _parse_table(spec, raw, t)
        else:
            return None, t("Unknown field type.")
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


def _parse_table(spec: FieldSpec, raw: Any, t: Text) -> tuple[Any, str | None]:
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
            value, problem = parse_value(column, row.get(column.code), t)
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
) -> Result:
    """Check every answer; with ``require`` the required fields must be filled (on submit).

    Drafts are saved with ``require=False``: type errors still refuse the save; gaps and rules
    across fields are only enforced when the report is submitted.
    """
    specs = list(fields)
    result = Result()
    for spec in specs:
        value, problem = parse_value(spec, raw.get(spec.code), t)
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
