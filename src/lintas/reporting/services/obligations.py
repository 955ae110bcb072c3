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
    try:
        obligation.full_clean(exclude=["units"])
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise LintasError(" ".join(messages), field=field) from None
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
