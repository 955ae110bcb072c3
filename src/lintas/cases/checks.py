"""System checks for the field keys (lintas.E010, lintas.E011): a lost key stops the start."""

from __future__ import annotations

from typing import Any

from django.core.checks import Error, Tags, register
from django.db import DatabaseError, models
from django.db.models.functions import Cast

from lintas.cases import crypto


@register(Tags.security)
def check_field_keys(app_configs: Any, **kwargs: Any) -> list[Any]:
    try:
        crypto.cipher()
    except crypto.FieldKeyError as exc:
        return [
            Error(
                str(exc),
                hint="Generate a key with: lintas field_key --new, and keep it safe; without it "
                "the personal data of case records cannot be read.",
                id="lintas.E010",
            )
        ]
    return []


def sample_stored_value() -> str | None:
    """One encrypted value as stored, read past the field's decryption, or None."""
    from lintas.cases.models import CasePerson

    try:
        return (
            CasePerson.objects.exclude(full_name="")
            .annotate(raw=Cast("full_name", output_field=models.TextField()))
            .values_list("raw", flat=True)
            .order_by("pk")
            .first()
        )
    except DatabaseError:
        return None  # no table yet: nothing stored to check against


@register(Tags.security)
def check_field_keys_decrypt(app_configs: Any, **kwargs: Any) -> list[Any]:
    try:
        crypto.cipher()
    except crypto.FieldKeyError:
        return []  # reported by check_field_keys
    sample = sample_stored_value()
    if not sample:
        return []
    try:
        crypto.decrypt(sample)
    except crypto.FieldKeyError as exc:
        return [
            Error(
                f"Stored personal data cannot be decrypted: {exc}",
                hint="Put the key the data was written with back into LINTAS_FIELD_KEYS "
                "(newer keys first, older ones after).",
                id="lintas.E011",
            )
        ]
    return []
