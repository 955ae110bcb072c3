"""The worker's heartbeat: ``lintas worker`` says it is alive, and stops saying so when it ends."""

from __future__ import annotations

import datetime as dt
import io
import os
import time

import pytest
import time_machine
from django.core.management import call_command

from lintas.core import heartbeat
from lintas.core.models import WorkerBeat

NOW = dt.datetime(2024, 4, 20, 3, 0, tzinfo=dt.UTC)


@pytest.fixture
def worker_keeps_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    """Inside a test's transaction the worker must not close the connection between tasks."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def test_the_worker_command_records_that_a_worker_runs(
    db: None, worker_keeps_connection: None
) -> None:
    assert heartbeat.worker_silence(now=NOW) == heartbeat.Silence(None)

    with time_machine.travel(NOW, tick=False):
        call_command("worker", "--batch", "--no-periodic", stdout=io.StringIO())

    beat = WorkerBeat.objects.get()
    assert beat.seen_at == NOW and beat.worker.endswith(f":{os.getpid()}")
    assert heartbeat.worker_silence(now=NOW + dt.timedelta(minutes=1)) is None
    later = NOW + dt.timedelta(minutes=3)
    assert heartbeat.worker_silence(now=later) == heartbeat.Silence(NOW)


def test_beats_of_workers_gone_for_a_week_are_forgotten(db: None) -> None:
    heartbeat.record_beat(worker="old:1", now=NOW - dt.timedelta(days=8))
    heartbeat.record_beat(worker="recent:2", now=NOW - dt.timedelta(days=1))

    assert heartbeat.forget_old_beats(now=NOW) == 1
    assert list(WorkerBeat.objects.values_list("worker", flat=True)) == ["recent:2"]


@pytest.mark.usefixtures("audit_log_can_be_flushed")
@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_thread_beats_until_stopped() -> None:
    beating = heartbeat.Heartbeat(worker="thread:1", every=dt.timedelta(milliseconds=20))
    beating.start()
    try:
        deadline = time.monotonic() + 10
        while beating.beats < 3:  # the database is left to the thread meanwhile
            assert time.monotonic() < deadline, "fewer than 3 beats in 10 s"
            time.sleep(0.02)
    finally:
        beating.stop()

    assert not beating.alive
    assert WorkerBeat.objects.filter(worker="thread:1").count() == 1
