"""Background tasks of cases, run by ``lintas worker``."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from lintas.cases.services.referrals import send_referral_reminders
from lintas.core.periodic import queue_unless_waiting

REFERRAL_REMINDERS_EVERY = dt.timedelta(hours=1)


@task()
def remind_referrals() -> int:
    """Remind units of referrals left unanswered past their due date (once each), then queue the
    next run an hour on. Periodic (see ``core.periodic``)."""
    try:
        return send_referral_reminders(timezone.now())
    finally:
        queue_unless_waiting(remind_referrals, run_after=timezone.now() + REFERRAL_REMINDERS_EVERY)
