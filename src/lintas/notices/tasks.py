"""Background tasks of notices, run by ``lintas worker``."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from lintas.core.periodic import queue_unless_waiting
from lintas.notices import delivery

SWEEP_EVERY = dt.timedelta(minutes=5)


@task()
def send_emails(ids: list[int]) -> dict[str, int]:
    """E-mail the notices just made for people who want them at once (queued after the commit
    that made them)."""
    return {"sent": delivery.send_emails(ids)}


@task()
def send_due_emails() -> dict[str, int]:
    """Retry the e-mails that failed, send those whose task was lost and the daily digests that
    are due, then queue the next run five minutes on. Periodic (see ``core.periodic``)."""
    try:
        return delivery.send_due(timezone.now())
    finally:
        queue_unless_waiting(send_due_emails, run_after=timezone.now() + SWEEP_EVERY)
