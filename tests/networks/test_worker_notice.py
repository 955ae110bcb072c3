"""A relink run waiting for the worker says so plainly when no worker runs."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.urls import reverse

from lintas.core import heartbeat
from tests.conftest import Cast
from tests.networks.conftest import queued_run

NOW = dt.datetime(2024, 4, 20, 3, 0, tzinfo=dt.UTC)


@time_machine.travel(NOW, tick=False)
def test_a_queued_relink_says_when_no_worker_has_been_seen(cast: Cast, client_for) -> None:
    run = queued_run(cast)
    client = client_for(cast.analyst)
    progress = reverse("networks:run-progress", args=[cast.body.slug, run.pk])

    heartbeat.record_beat(worker="host:1", now=NOW - dt.timedelta(hours=2))
    gone = client.get(progress).content.decode()
    heartbeat.record_beat(worker="host:2", now=NOW)
    running = client.get(progress).content.decode()

    assert "No background worker has been seen for 2 hours" in gone
    assert "No background worker" not in running
