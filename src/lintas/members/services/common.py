"""What the members services share."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from lintas.core.errors import LintasError


def validated(obj: Any) -> None:
    """The model's own checks (``full_clean``): the first refusal as a LintasError naming its
    field."""
    try:
        obj.full_clean()
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise LintasError(" ".join(messages), field=None if field == "__all__" else field) from None
