"""The value types and the bases every input of the cases API shares."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from ninja import Schema
from pydantic import BeforeValidator, ConfigDict, StringConstraints, ValidationInfo, field_validator


def _upper(value: Any) -> Any:
    return value.strip().upper() if isinstance(value, str) else value


# An ISO 3166 code; "vn" is read as "VN".
Country = Annotated[str, BeforeValidator(_upper), StringConstraints(pattern=r"^[A-Z]{2}$")]
NoCountry = Literal[""]
# the interface languages (members.models.LANGUAGE_CHOICES), or none
Language = Literal["", "en", "vi", "id"]
Reason = Annotated[str, StringConstraints(max_length=2000)]


class _In(Schema):
    """Input: choices as plain values, unknown fields refused."""

    model_config = ConfigDict(use_enum_values=True, extra="forbid")


class _Patch(_In):
    """A partial change: only the fields sent are changed; null only where a field may be empty."""

    NULLABLE: ClassVar[frozenset[str]] = frozenset()

    @field_validator("*", mode="before")
    @classmethod
    def _not_null(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None and info.field_name not in cls.NULLABLE:
            raise ValueError("This field cannot be null.")
        return value

    def changes(self) -> dict[str, Any]:
        changes = self.model_dump(exclude_unset=True)
        changes.pop("version", None)
        return changes


class ReasonIn(_In):
    reason: Reason = ""
