"""The value types the reporting API shares."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from ninja import Field as SchemaField

Code = Annotated[str, SchemaField(pattern=r"^[-a-zA-Z0-9_]+$", max_length=60)]
Texts = dict[str, str]


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)
