"""A period's lock, and the exceptions that open it again for one unit."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lintas.audit.services import log_action
from lintas.core.errors import LintasError
from lintas.members.models import Unit
from lintas.reporting import periods, policy
from lintas.reporting.models import Obligation, PeriodException, Submission


def is_locked(submission: Submission, *, now: dt.datetime | None = None) -> bool:
    obligation = submission.obligation
    if obligation.expiry_days is None:
        return False
    tz = obligation.body.tzinfo
    period = periods.Period(submission.period_start, submission.period_end, submission.period_key)
    lock_day = periods.day_after(period, obligation.expiry_days)
    now = now or timezone.now()
    if now < periods.deadline_instant(lock_day, tz):
        return False  # an exception only ever opens a period longer: no need to look for one
    exception = PeriodException.objects.filter(
        obligation=obligation, unit_id=submission.unit_id, period_key=submission.period_key
    ).first()
    if exception is not None:
        lock_day = max(lock_day, exception.open_until)
    return now >= periods.deadline_instant(lock_day, tz)


def refuse_if_locked(submission: Submission, now: dt.datetime | None = None) -> None:
    """Refuse a change to a report whose period is locked for its unit."""
    if is_locked(submission, now=now):
        raise LintasError(
            _(
                "This period is locked. Ask the secretariat for an exception to submit "
                "after the lock."
            )
        )


@transaction.atomic
def grant_exception(
    *,
    obligation: Obligation,
    unit: Unit,
    period_key: str,
    open_until: dt.date,
    reason: str,
    by: policy.Actor,
) -> PeriodException:
    if by is not policy.SYSTEM:
        policy.require(policy.can_manage_reporting(by, obligation.body))
    if not reason.strip():
        raise LintasError(_("Give the reason for the exception."), field="reason")
    try:
        obligation.period(period_key)
    except ValueError as exc:
        raise LintasError(str(exc), field="period") from None
    exception, _created = PeriodException.objects.update_or_create(
        obligation=obligation,
        unit=unit,
        period_key=period_key,
        defaults={
            "open_until": open_until,
            "reason": reason.strip(),
            "granted_by": policy.acting_user(by),
        },
    )
    log_action(
        "reporting.exception.granted",
        actor=by,
        body=obligation.body,
        target=exception,
        reason=reason,
        data={"unit": str(unit), "period": period_key, "open_until": str(open_until)},
    )
    return exception
