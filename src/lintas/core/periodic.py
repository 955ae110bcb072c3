"""Periodic background tasks on Django's task framework, which has no scheduler of its own.

A periodic task ends by queueing its next run one interval later (``queue_unless_waiting`` with
``run_after``), and ``lintas worker`` queues every periodic task when it starts, unless a run is
already waiting. So the chain starts with the worker, survives a failed run (queue the next run
in a ``finally``), and picks up after the worker was down: the waiting run is then overdue and
runs at once. Two workers starting together may queue two runs; the chains merge again, since a
run queues the next only when none is waiting. Periodic tasks must therefore be idempotent.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django_tasks import TaskResultStatus
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult


def is_waiting(task: Task[Any, Any]) -> bool:
    """Whether a run of the task is queued and not started yet (whenever it may run)."""
    return DBTaskResult.objects.filter(
        task_path=task.module_path, status=TaskResultStatus.READY
    ).exists()


def queue_unless_waiting(task: Task[Any, Any], *, run_after: dt.datetime | None = None) -> bool:
    """Queue a run of a task that takes no arguments, unless one is waiting already."""
    if is_waiting(task):
        return False
    (task.using(run_after=run_after) if run_after is not None else task).enqueue()
    return True
