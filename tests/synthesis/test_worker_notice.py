"""A report waiting for the worker says so plainly when no worker runs."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.urls import reverse

from lintas.core import heartbeat
from lintas.synthesis import services
from tests.conftest import ClientFor
from tests.synthesis.conftest import TODAY, Filled


@time_machine.travel(TODAY, tick=False)
def test_a_queued_report_says_when_no_worker_has_been_seen(
    filled: Filled,
    client_for: ClientFor,
) -> None:
    made = services.request_report(
        obligation=filled.obligation,
        first="2024-03",
        last="2024-03",
        language="en",
        include_submitted=False,
        by=filled.cast.secretariat,
    )
    client = client_for(filled.cast.secretariat)
    progress = reverse("synthesis:generated-progress", args=["twg", made.pk])
    page = reverse("synthesis:generated", args=["twg", made.pk])

    never = client.get(page).content.decode()
    heartbeat.record_beat(worker="host:1", now=TODAY - dt.timedelta(minutes=5))
    gone = client.get(progress).content.decode()
    heartbeat.record_beat(worker="host:1", now=TODAY - dt.timedelta(seconds=30))
    running = client.get(progress).content.decode()

    assert "No background worker has been seen yet" in never
    assert "No background worker has been seen for 5 minutes" in gone
    assert "<code>lintas worker</code>" in gone
    assert "No background worker" not in running and "0%" in running
