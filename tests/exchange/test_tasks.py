"""The worker's periodic chase of messages not acknowledged, and the command that does it for cron.

An urgent alert from A to B and C at NOW is due to be acknowledged within 4 hours. B acknowledges
after an hour; C never does, so C is reminded after 4 hours and escalated after 8."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from tests.exchange.conftest import Ex

from lintas.audit.models import AuditEntry
from lintas.core.tlp import TLP
from lintas.exchange import services, tasks
from lintas.exchange.models import Kind, Message, Priority, Receipt
from lintas.exchange.tasks import chase_messages
from lintas.notices.models import Notification

NOW = dt.datetime(2026, 6, 1, 3, 0, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)

OnCommit = Callable[..., AbstractContextManager[Any]]


def urgent_alert(ex: Ex) -> Message:
    c = ex.cast
    message = services.post_message(
        body=c.body,
        by=c.focal_a,
        author_unit=c.unit_a,
        kind=Kind.ALERT,
        priority=Priority.URGENT,
        tlp=TLP.AMBER,
        subject="Recruiter active on the border",
        text="<p>A recruiter offers factory jobs.</p>",
        units=[c.unit_b, c.unit_c],
        now=NOW,
    )
    services.acknowledge(message, unit=c.unit_b, by=c.focal_b, now=NOW + HOUR)
    Notification.objects.all().delete()
    return message


def chased(kind: str) -> set[int]:
    return set(Notification.objects.filter(kind=kind).values_list("user_id", flat=True))


@pytest.fixture
def worker_keeps_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker closes stale connections between tasks; inside a test's transaction the
    connection must stay (PostgreSQL's would be closed under the test)."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def run_worker(at: dt.datetime, on_commit: OnCommit, *options: str) -> None:
    with time_machine.travel(at, tick=False), on_commit(execute=True):
        call_command("worker", "--batch", *options, stdout=io.StringIO(), stderr=io.StringIO())


# --- the periodic task --------------------------------------------------------------------------


def test_the_worker_chases_then_queues_the_next_run_a_quarter_of_an_hour_on(
    ex: Ex, django_capture_on_commit_callbacks: OnCommit, worker_keeps_connection: None
) -> None:
    urgent_alert(ex)
    runs = DBTaskResult.objects.filter(task_path=chase_messages.module_path)

    run_worker(NOW + 5 * HOUR, django_capture_on_commit_callbacks)

    done = runs.get(status=TaskResultStatus.SUCCESSFUL)  # queued once at start, run once
    assert done.return_value == {"reminded": 1, "escalated": 0}
    assert chased("message_reminder") == {ex.cast.focal_c.pk}
    waiting = runs.get(status=TaskResultStatus.READY)
    assert waiting.run_after == NOW + 5 * HOUR + dt.timedelta(minutes=15)

    # Not yet due a quarter of an hour later minus a minute: the worker leaves it waiting.
    run_worker(NOW + 5 * HOUR + dt.timedelta(minutes=14), django_capture_on_commit_callbacks)
    assert runs.filter(status=TaskResultStatus.SUCCESSFUL).count() == 1

    # Once C has been silent twice the agreed time, the waiting run escalates, and only that.
    run_worker(NOW + 9 * HOUR, django_capture_on_commit_callbacks)
    results = [r.return_value for r in runs.filter(status=TaskResultStatus.SUCCESSFUL)]
    assert sorted(results, key=str) == [
        {"reminded": 0, "escalated": 1},
        {"reminded": 1, "escalated": 0},
    ]
    assert chased("message_reminder") == {ex.cast.focal_c.pk}
    assert chased("message_escalation") == {
        ex.cast.focal_c.pk,
        ex.head_c.pk,
        ex.cast.secretariat.pk,
    }
    assert runs.filter(status=TaskResultStatus.READY).count() == 1


def test_the_worker_starts_the_chase_itself(
    ex: Ex, django_capture_on_commit_callbacks: OnCommit, worker_keeps_connection: None
) -> None:
    urgent_alert(ex)
    run_worker(NOW + 5 * HOUR, django_capture_on_commit_callbacks, "--no-periodic")
    assert not DBTaskResult.objects.filter(task_path=chase_messages.module_path).exists()
    assert Receipt.objects.get(unit=ex.cast.unit_c).reminded_at is None

    run_worker(NOW + 5 * HOUR, django_capture_on_commit_callbacks)
    assert Receipt.objects.get(unit=ex.cast.unit_c).reminded_at == NOW + 5 * HOUR


def test_a_failed_chase_still_queues_the_next_run(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(now: dt.datetime) -> services.ChaseSummary:
        raise RuntimeError("database went away")

    monkeypatch.setattr(tasks, "chase_unacknowledged", broken)
    with time_machine.travel(NOW, tick=False), pytest.raises(RuntimeError):
        chase_messages.call()
    waiting = DBTaskResult.objects.get(task_path=chase_messages.module_path)
    assert waiting.status == TaskResultStatus.READY
    assert waiting.run_after == NOW + dt.timedelta(minutes=15)


# --- the command for cron -----------------------------------------------------------------------


def send(*options: str) -> list[str]:
    out = io.StringIO()
    call_command("send_message_reminders", *options, stdout=out)
    return out.getvalue().splitlines()


def test_a_dry_run_prints_what_is_due_and_changes_nothing(
    ex: Ex, django_capture_on_commit_callbacks: OnCommit
) -> None:
    urgent_alert(ex)
    with django_capture_on_commit_callbacks() as queued:
        lines = send("--now", "2026-06-01T12:00:00+00:00", "--dry-run")

    assert lines == [
        "reminders: 1 due (dry run: nothing sent)",
        "escalations: 1 due (dry run: nothing sent)",
    ]
    receipt = Receipt.objects.get(unit=ex.cast.unit_c)
    assert receipt.reminded_at is None and receipt.escalated_at is None
    assert not Notification.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="exchange.receipt.").exists()
    assert queued == []  # no e-mail queued for the worker either


def test_the_command_reminds_and_escalates_once_each_and_prints_the_counts(ex: Ex) -> None:
    urgent_alert(ex)
    assert send("--now", "2026-06-01T08:00:00") == ["reminders: 1 sent", "escalations: 0 sent"]
    assert chased("message_reminder") == {ex.cast.focal_c.pk}

    assert send("--now", "2026-06-01T12:00:00Z") == ["reminders: 0 sent", "escalations: 1 sent"]
    assert send("--now", "2026-06-02T12:00:00Z") == ["reminders: 0 sent", "escalations: 0 sent"]
    receipt = Receipt.objects.get(unit=ex.cast.unit_c)
    assert receipt.reminded_at == NOW + 5 * HOUR
    assert receipt.escalated_at == NOW + 9 * HOUR
    assert Receipt.objects.get(unit=ex.cast.unit_b).reminded_at is None


def test_the_command_refuses_a_time_it_cannot_read(db: None) -> None:
    with pytest.raises(CommandError, match="not an ISO"):
        send("--now", "next tuesday")
