"""``/health/`` reports the database and the worker's last heartbeat."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from lintas.core.heartbeat import record_beat

UTC = dt.UTC
NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.mark.django_db
def test_health_says_when_no_worker_was_ever_seen() -> None:
    with time_machine.travel(NOW, tick=False):
        response = Client().get("/health/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "worker-silent",
        "database": "ok",
        "worker": {"status": "silent", "last_seen": None, "seconds_since": None},
    }


@pytest.mark.django_db
def test_health_reports_a_beating_worker_and_one_gone_silent() -> None:
    record_beat(worker="host:1", now=NOW - dt.timedelta(seconds=20))
    with time_machine.travel(NOW, tick=False):
        fresh = Client().get("/health/").json()
    assert fresh == {"status": "ok", "database": "ok", "worker": {"status": "ok"}}
    with time_machine.travel(NOW + dt.timedelta(minutes=10), tick=False):
        late = Client().get("/health/").json()
    assert late["status"] == "worker-silent"
    assert late["worker"]["seconds_since"] == 620
    assert late["worker"]["last_seen"] == "2026-03-02T08:59:40+00:00"


@pytest.mark.django_db
def test_health_answers_over_plain_http_without_a_redirect(settings) -> None:
    settings.SECURE_SSL_REDIRECT = True
    assert Client().get("/health/").status_code == 200
    assert Client().get("/login/").status_code == 301


@pytest.mark.django_db
def test_the_favicon_is_ours_and_linked_from_every_page(client: Client) -> None:
    answer = client.get("/favicon.ico")
    assert answer.status_code == 301
    assert answer["Location"].endswith("lintas/favicon.svg")
    page = client.get(reverse("login")).content.decode()
    assert '<link rel="icon" type="image/svg+xml" href="' in page
    assert finders.find("lintas/favicon.svg")
