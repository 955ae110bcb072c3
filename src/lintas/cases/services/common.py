"""What every case write shares: who hears of a change, the fields a write may touch, validation
and saving that turns a database refusal into a message."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from lintas.core.errors import LintasError
from lintas.members.models import Body

# --- who hears of a change ------------------------------------------------------------------
# An app above cases that keeps something read from case records (the networks app links them)
# registers a listener here, once, in its AppConfig.ready(). This is the one place where cases
# calls an app above it: a plain list of typed functions, called in order, not a signal.


class CaseChangeListener(Protocol):
    def __call__(self, *, body: Body) -> None: ...


case_changed_listeners: list[CaseChangeListener] = []


def on_case_changed(listener: CaseChangeListener) -> CaseChangeListener:
    """Have ``listener(body=…)`` called whenever a case or a person of the body is recorded or
    changed. It runs inside the writing transaction: work that must see the change committed
    goes through ``transaction.on_commit``. Registering twice registers once."""
    if listener not in case_changed_listeners:
        case_changed_listeners.append(listener)
    return listener


def _case_changed(body: Body) -> None:
    for listener in case_changed_listeners:
        listener(body=body)


CASE_FIELDS = (
    "reference",
    "status",
    "opened_on",
    "closed_on",
    "location_country",
    "exploitation_types",
    "means_of_control",
    "recruitment_methods",
    "origin_countries",
    "transit_countries",
    "destination_countries",
    "narrative",
    "narrative_language",
)
PERSON_FIELDS = (
    "role",
    "full_name",
    "aliases",
    "date_of_birth",
    "sex",
    "nationality",
    "documents",
    "contacts",
    "accounts",
    "tlp",
)
# Values of these fields never reach the audit log; only the fact that they changed.
PERSONAL_FIELDS = frozenset(
    {"narrative", "full_name", "aliases", "date_of_birth", "documents", "contacts", "accounts"}
)


def _validated(obj: Any) -> None:
    try:
        obj.full_clean()
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise LintasError(" ".join(messages), field=None if field == "__all__" else field) from None


def _changes(obj: Any, fields: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    """Apply fields to obj; return what changed, personal values masked."""
    changes: dict[str, Any] = {}
    for name, value in fields.items():
        if name not in allowed:
            raise LintasError(_("Unknown field: %(name)s") % {"name": name})
        old = getattr(obj, name)
        if old != value:
            setattr(obj, name, value)
            changes[name] = "changed" if name in PERSONAL_FIELDS else [str(old), str(value)]
    return changes


def _save(obj: Any, fields: Iterable[str] | None = None) -> None:
    """Save ``obj``; with ``fields``, only those (and ``updated_at``), so a change never writes
    back what someone else saved meanwhile in the fields it did not touch."""
    try:
        with transaction.atomic():
            if fields is None:
                obj.save()
            else:
                obj.save(update_fields=[*fields, "updated_at"])
    except IntegrityError:
        raise LintasError(
            _("Your unit already has a case with this reference."), field="reference"
        ) from None


# --- cases ----------------------------------------------------------------------------------
