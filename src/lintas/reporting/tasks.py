"""Background tasks of reporting, run by ``lintas worker``."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from lintas.core.periodic import queue_unless_waiting
from lintas.reporting.reminders import send_due_reminders

REMINDERS_EVERY = dt.timedelta(hours=1)


@task()
def send_reminders() -> dict[str, int]:
    """Send the reminders and escalations that are due, then queue the next run an hour on.

    Periodic (see ``core.periodic``): ``lintas worker`` queues the first run when it starts."""
    try:
        summary = send_due_reminders(timezone.now())
    finally:
        queue_unless_waiting(send_reminders, run_after=timezone.now() + REMINDERS_EVERY)
    return summary.as_dict()
