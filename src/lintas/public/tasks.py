"""Background tasks of public releases, run by ``lintas worker``."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from lintas.core.periodic import queue_unless_waiting
from lintas.public.services import publish_due_releases

CHECK_EVERY = dt.timedelta(hours=1)


@task()
def publish_silent_consent() -> dict[str, int]:
    """Publish the releases whose sign-off deadline passed where the body takes silence as
    consent, then queue the next run an hour on. Periodic (see ``core.periodic``)."""
    try:
        published = publish_due_releases(timezone.now())
    finally:
        queue_unless_waiting(publish_silent_consent, run_after=timezone.now() + CHECK_EVERY)
    return {"published": len(published)}
