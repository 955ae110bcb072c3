"""Background tasks of the exchange, run by ``lintas worker``."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from lintas.core.periodic import queue_unless_waiting
from lintas.exchange.services import chase_unacknowledged

CHASE_EVERY = dt.timedelta(minutes=15)


@task()
def chase_messages() -> dict[str, int]:
    """Remind the units that have not acknowledged an alert or request by its deadline, and
    escalate those still silent as long again (each once), then queue the next run a quarter of
    an hour on: an urgent alert's four hours leave no room for an hourly round. Periodic (see
    ``core.periodic``): ``lintas worker`` queues the first run when it starts."""
    try:
        summary = chase_unacknowledged(timezone.now())
    finally:
        queue_unless_waiting(chase_messages, run_after=timezone.now() + CHASE_EVERY)
    return summary.as_dict()
