"""Background tasks of synthesis, run by ``lintas worker``."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from lintas.core.periodic import queue_unless_waiting
from lintas.synthesis import services

LOCK_CHECK_EVERY = dt.timedelta(hours=1)


@task()
def generate_report(report_id: int) -> dict[str, object]:
    """Build every format of one requested report and tell the secretariat."""
    report = services.build_report(report_id)
    return {"id": report.pk, "status": report.status}


@task()
def generate_after_lock() -> dict[str, int]:
    """Queue the consolidated report of each period that has just locked, then queue the next
    check an hour on. Periodic (see ``core.periodic``)."""
    try:
        made = services.queue_reports_of_locked_periods(timezone.now())
    finally:
        queue_unless_waiting(generate_after_lock, run_after=timezone.now() + LOCK_CHECK_EVERY)
    return {"queued": len(made)}
