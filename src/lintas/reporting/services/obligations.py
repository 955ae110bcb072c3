"""Obligations: which units owe which template, how often, and by when."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lintas.audit.services import log_action
from lintas.core.errors import LintasError
from lintas.members.models import Body, Unit
from lintas.reporting import policy
from lintas.reporting.models import Obligation, ReportTemplate


def _check(obligation: Obligation) -> None:
    """Refuse an obligation the model would not keep, naming the field that is wrong."""
    _check_schedule(obligation.reminder_days_before, field="reminder_days_before")
    _check_schedule(obligation.reminder_days_after, field="reminder_days_after")
    try:
        obligation.full_clean(exclude=["units"])
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise LintasError(" ".join(messages), field=field) from None


def _check_schedule(days: object, *, field: str) -> None:
    if not isinstance(days, list) or any(
        isinstance(d, bool) or not isinstance(d, int) or d < 0 for d in days
    ):
        raise LintasError(_("Reminder days must be whole numbers of 0 or more."), field=field)


@transaction.atomic
def define_obligation(
    *,
    body: Body,
    template: ReportTemplate,
    units: Iterable[Unit],
    period_type: str,
    starts_on: dt.date,
    due_days: int,
    by: policy.Actor,
    timely_days: int | None = None,
    expiry_days: int | None = None,
    ends_on: dt.date | None = None,
    custom_periods: list[list[str]] | None = None,
    requires_validation: bool = False,
    reminder_days_before: list[int] | None = None,
    reminder_days_after: list[int] | None = None,
    escalation_days: int | None = None,
    name: dict[str, str] | None = None,
) -> Obligation:
    if by is not policy.SYSTEM:
        policy.require(policy.can_manage_reporting(by, body))
    if template.body_id != body.pk:
        raise LintasError(_("The template belongs to another body."), field="template")
    unit_list = list(units)
    if any(u.body_id != body.pk for u in unit_list):
        raise LintasError(_("A unit belongs to another body."), field="units")
    obligation = Obligation(
        body=body,
        template=template,
        name=name or {},
        period_type=period_type,
        custom_periods=custom_periods or [],
        starts_on=starts_on,
        ends_on=ends_on,
        due_days=due_days,
        timely_days=due_days if timely_days is None else timely_days,
        expiry_days=expiry_days,
        requires_validation=requires_validation,
        reminder_days_before=reminder_days_before if reminder_days_before is not None else [7, 1],
        reminder_days_after=reminder_days_after if reminder_days_after is not None else [1, 7],
        escalation_days=escalation_days,
    )
    _check(obligation)
    obligation.save()
    obligation.units.set(unit_list)
    log_action(
        "reporting.obligation.defined",
        actor=by,
        body=body,
        target=obligation,
        data={"units": len(unit_list), "period_type": period_type, "due_days": due_days},
    )
    return obligation


SCHEDULE_FIELDS = ("reminder_days_before", "reminder_days_after", "escalation_days")
EDITABLE_FIELDS = (
    "period_type",
    "starts_on",
    "ends_on",
    "due_days",
    "timely_days",
    "expiry_days",
    "requires_validation",
    "is_active",
    *SCHEDULE_FIELDS,
)


@transaction.atomic
def change_obligation(
    obligation: Obligation,
    *,
    by: policy.Actor,
    units: Iterable[Unit] | None = None,
    **changes: object,
) -> Obligation:
    """Change an obligation's periods, deadlines, lock, validation, reminders or units.

    Only the fields named in ``EDITABLE_FIELDS`` may change; the template stays (a different
    report is a different obligation). Checked as ``define_obligation`` checks a new one."""
    body = obligation.body
    if by is not policy.SYSTEM:
        policy.require(policy.can_manage_reporting(by, body))
    unknown = sorted(set(changes) - set(EDITABLE_FIELDS))
    if unknown:
        raise LintasError(
            _("This field cannot be changed: %(field)s.") % {"field": unknown[0]}, field=unknown[0]
        )
    unit_list = list(units) if units is not None else None
    if unit_list is not None and any(u.body_id != body.pk for u in unit_list):
        raise LintasError(_("A unit belongs to another body."), field="units")
    before = {name: getattr(obligation, name) for name in changes}
    for name, value in changes.items():
        setattr(obligation, name, value)
    if obligation.timely_days is None:
        obligation.timely_days = obligation.due_days
    _check(obligation)
    obligation.save()
    if unit_list is not None:
        obligation.units.set(unit_list)
    changed = sorted(name for name in changes if before[name] != getattr(obligation, name))
    log_action(
        "reporting.obligation.changed",
        actor=by,
        body=body,
        target=obligation,
        data={"fields": changed, "units": None if unit_list is None else len(unit_list)},
    )
    return obligation
