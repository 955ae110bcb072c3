"""Background tasks of the core: forgetting the worker's finished work.

Every queued task leaves a result row whose arguments stay in the database: the sealed key of an
invitation, the sealed two-step code, ids of people. Nobody reads them once the task is done, so
``prune_task_results`` deletes results that succeeded more than ``KEEP_SUCCEEDED`` ago and those
that failed more than ``KEEP_FAILED`` ago (long enough for an administrator to read the error in
the admin site). It runs daily, periodic as ``core.periodic`` describes."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from lintas.core.periodic import queue_unless_waiting

KEEP_SUCCEEDED = dt.timedelta(days=1)
KEEP_FAILED = dt.timedelta(days=30)
EVERY = dt.timedelta(days=1)


def prune_results(now: dt.datetime) -> int:
    """Delete the finished results old enough to go; return how many went."""
    deleted, _kinds = DBTaskResult.objects.filter(
        Q(status=TaskResultStatus.SUCCESSFUL, finished_at__lt=now - KEEP_SUCCEEDED)
        | Q(status=TaskResultStatus.FAILED, finished_at__lt=now - KEEP_FAILED)
    ).delete()
    return deleted


@task()
def prune_task_results() -> int:
    """Delete old finished task results, then queue the next run a day on."""
    try:
        return prune_results(timezone.now())
    finally:
        queue_unless_waiting(prune_task_results, run_after=timezone.now() + EVERY)
