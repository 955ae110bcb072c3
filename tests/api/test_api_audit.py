"""The audit list of the API: one body's entries, newest first, filtered, with secrets masked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
import time_machine

from lintas.audit.models import AuditEntry
from lintas.audit.services import MASK, log_action
from lintas.members.models import User
from tests.api.conftest import ApiClient
from tests.conftest import Cast

ApiAs = Callable[[User], ApiClient]


@pytest.fixture
def sec(cast: Cast, api_as: ApiAs) -> ApiClient:
    return api_as(cast.secretariat)


def test_it_lists_the_entries_of_the_body_newest_first(cast: Cast, sec: ApiClient) -> None:
    log_action("members.unit.updated", body=cast.other_body, reason="other body")
    latest = log_action("members.unit.updated", body=cast.body, reason="ours")

    rows = sec.get("bodies/twg/audit").json()

    ids = [r["id"] for r in rows]
    expected = AuditEntry.objects.filter(body=cast.body).order_by("-at", "-id")
    assert ids == [e.pk for e in expected]
    assert ids[0] == latest.pk
    assert "other body" not in {r["reason"] for r in rows}


def test_it_filters_by_action_and_limits_the_count(cast: Cast, sec: ApiClient) -> None:
    rows = sec.get("bodies/twg/audit", {"action": "members.membership", "limit": 3}).json()

    assert len(rows) == 3
    assert {r["action"] for r in rows} == {"members.membership.granted"}


def test_it_filters_by_a_start_time(cast: Cast, sec: ApiClient) -> None:
    with time_machine.travel(dt.datetime(2030, 1, 1, 12, tzinfo=dt.UTC), tick=False):
        later = log_action("members.unit.updated", body=cast.body, reason="in 2030")

    rows = sec.get("bodies/twg/audit", {"since": "2030-01-01T00:00:00+00:00"}).json()

    assert [r["id"] for r in rows] == [later.pk]


def test_it_returns_the_masked_details(cast: Cast, sec: ApiClient) -> None:
    log_action("members.person.updated", body=cast.body, data={"password": "hunter2", "name": "ok"})

    rows = sec.get("bodies/twg/audit", {"action": "members.person.updated"}).json()

    assert rows[0]["data"] == {"password": MASK, "name": "ok"}
    assert "hunter2" not in str(rows)
