"""Reading a submitted value: as a number, aggregated the field's way, or as text to display."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from lintas.reporting.models import (
    Field,
    localized,
)


def _number(value: Any) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def aggregate(values: Iterable[Decimal | None], how: str) -> Decimal | None:
    found = [v for v in values if v is not None]
    if not found:
        return None
    if how == Field.Aggregation.MEAN:
        return sum(found, Decimal(0)) / len(found)
    if how == Field.Aggregation.MIN:
        return min(found)
    if how == Field.Aggregation.MAX:
        return max(found)
    if how == Field.Aggregation.NONE:
        return None
    return sum(found, Decimal(0))


def _display(f: Field, value: Any, language: str) -> str:
    if value is None or value == "" or value == []:
        return ""
    if f.type == Field.Type.YES_NO:
        return "✓" if value else "✗"
    if f.type == Field.Type.CHOICE:
        return _choice(f, value, language)
    if f.type == Field.Type.MULTI_CHOICE and isinstance(value, list):
        return ", ".join(_choice(f, v, language) for v in value)
    return str(value)


def _choice(f: Field, value: Any, language: str) -> str:
    for choice in f.choices or []:
        if choice.get("value") == value:
            return localized(choice.get("label"), language) or str(value)
    return str(value)
