"""Finished task results, which keep their arguments (sealed keys, codes, ids of people), are
deleted once nobody needs them; what waits or runs is never touched."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from lintas.core import tasks
from lintas.core.management.commands.worker import PERIODIC_TASKS
from lintas.members import emails
from lintas.members import tasks as member_tasks
from tests.conftest import Cast

pytestmark = pytest.mark.django_db


def test_old_finished_results_go_and_waiting_or_recent_ones_stay(
    cast: Cast, run_queued_tasks
) -> None:
    start = timezone.now()
    with time_machine.travel(start - dt.timedelta(days=3), tick=False):
        member_tasks.send_enrolment_code.enqueue(cast.secretariat.pk, emails.seal_key("1"), 30)
        assert run_queued_tasks() == ["sent"]  # succeeded three days ago
    with time_machine.travel(start - dt.timedelta(days=3), tick=False):
        failed = member_tasks.send_role_notice.enqueue(10**9)
    DBTaskResult.objects.filter(id=failed.id).update(
        status=TaskResultStatus.FAILED, finished_at=start - dt.timedelta(days=3)
    )
    member_tasks.send_enrolment_code.enqueue(cast.secretariat.pk, emails.seal_key("2"), 30)
    assert run_queued_tasks() == ["sent"]  # succeeded just now
    waiting = member_tasks.send_role_notice.enqueue(10**9)

    assert tasks.prune_results(timezone.now()) == 1

    left = {str(pk): status for pk, status in DBTaskResult.objects.values_list("id", "status")}
    assert left[str(failed.id)] == TaskResultStatus.FAILED  # an error is read for a month
    assert left[str(waiting.id)] == TaskResultStatus.READY
    assert list(left.values()).count(TaskResultStatus.SUCCESSFUL) == 1
    # a month on, the failure goes too; what waits never does
    assert tasks.prune_results(timezone.now() + dt.timedelta(days=31)) == 2
    assert [str(pk) for pk in DBTaskResult.objects.values_list("id", flat=True)] == [
        str(waiting.id)
    ]


def test_the_worker_prunes_daily_and_queues_its_next_run(run_queued_tasks) -> None:
    assert "lintas.core.tasks.prune_task_results" in PERIODIC_TASKS
    tasks.prune_task_results.enqueue()
    assert run_queued_tasks() == [0]
    following = DBTaskResult.objects.ready().filter(task_path=tasks.prune_task_results.module_path)
    assert following.count() == 0  # not due yet: it waits a day
    assert (
        DBTaskResult.objects.filter(
            task_path=tasks.prune_task_results.module_path, status=TaskResultStatus.READY
        ).count()
        == 1
    )
