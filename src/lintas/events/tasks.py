"""Background tasks of events, run by ``lintas worker``."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from lintas.core.periodic import queue_unless_waiting
from lintas.events.services import remind_action_items

REMIND_EVERY = dt.timedelta(hours=6)


@task()
def remind_actions() -> dict[str, int]:
    """Remind the owner units of the actions agreed at events that are due within a week or
    overdue (each at most once a week), then queue the next run six hours on. Periodic (see
    ``core.periodic``): ``lintas worker`` queues the first run when it starts."""
    try:
        summary = remind_action_items(timezone.localdate())
    finally:
        queue_unless_waiting(remind_actions, run_after=timezone.now() + REMIND_EVERY)
    return summary.as_dict()
