"""What the writes of plans share: the check of who acts, texts in three languages, periods."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils.translation import gettext as _

from lintas.core.errors import LintasError
from lintas.members.models import User
from lintas.plans import policy
from lintas.plans.models import Phase
from lintas.reporting import periods

LANGUAGES = ("en", "vi", "id")


def allow(by: policy.Actor, rule: Callable[[User], bool]) -> None:
    """The system may do anything; a person what the policy's ``rule`` allows them; nobody
    (``None``) nothing."""
    if by is policy.SYSTEM:
        return
    if not isinstance(by, User):
        raise PermissionDenied
    policy.require(rule(by))


def texts(value: Mapping[str, Any] | None, *, field: str, required: bool = True) -> dict[str, str]:
    """A text in the body's languages, trimmed; refused when required and empty in all."""
    out = {
        lang: str((value or {}).get(lang) or "").strip()
        for lang in LANGUAGES
        if str((value or {}).get(lang) or "").strip()
    }
    if required and not out:
        raise LintasError(_("Write this in at least one language."), field=field)
    if any(len(v) > 5000 for v in out.values()):
        raise LintasError(_("This text is too long (5,000 characters at most)."), field=field)
    return out


def phase_period(phase: Phase, key: str, *, field: str = "period") -> periods.Period:
    """The period of the phase named by ``key``, or a refusal naming the field."""
    try:
        kind, period = periods.parse_key((key or "").strip())
    except (ValueError, TypeError):
        raise LintasError(
            _("%(key)s is not a period (e.g. 2024Q1).") % {"key": key}, field=field
        ) from None
    if kind != phase.period_type:
        raise LintasError(
            _("This phase counts in %(kind)s periods.") % {"kind": phase.get_period_type_display()},
            field=field,
        )
    if period.start < phase.starts_on or period.end > phase.ends_on:
        raise LintasError(
            _("The period %(key)s is outside the phase (%(start)s to %(end)s).")
            % {"key": period.key, "start": phase.starts_on, "end": phase.ends_on},
            field=field,
        )
    return period


def full_clean(obj: models.Model, *, exclude: list[str] | None = None) -> None:
    """The model's own checks, as a LintasError naming the first field refused."""
    try:
        obj.full_clean(exclude=exclude, validate_unique=True)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise LintasError(" ".join(messages), field=None if field == "__all__" else field) from None
