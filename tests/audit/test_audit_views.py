"""The audit log page: one body's entries, filtered by action, person, days and text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.utils import timezone

from lintas.audit.models import AuditEntry
from lintas.audit.services import log_action
from lintas.members import services
from lintas.members.models import User
from tests.conftest import Cast

URL = "/b/twg/audit/"
ClientFor = Callable[[User | None], Client]


def _listed(client: Client, params: dict[str, Any] | None = None) -> list[AuditEntry]:
    response = client.get(URL, params or {})
    assert response.status_code == 200
    return list(response.context["page"].object_list)


@pytest.fixture
def sec(cast: Cast, client_for: ClientFor) -> Client:
    return client_for(cast.secretariat)


def test_it_lists_the_entries_of_the_body_only(cast: Cast, sec: Client) -> None:
    log_action("members.unit.updated", body=cast.other_body, reason="other body's secret")
    log_action("members.unit.updated", body=cast.body, reason="our change")

    response = sec.get(URL)

    entries = list(response.context["page"].object_list)
    assert {e.body_id for e in entries} == {cast.body.pk}
    assert len(entries) == AuditEntry.objects.filter(body=cast.body).count()
    assert "our change" in response.content.decode()
    assert "other body&#x27;s secret" not in response.content.decode()
    assert "Dept X" not in response.content.decode()


def test_it_lists_the_newest_entry_first(cast: Cast, sec: Client) -> None:
    latest = log_action("members.unit.updated", body=cast.body, reason="latest")

    entries = _listed(sec)

    assert entries[0] == latest


def test_it_filters_by_action(cast: Cast, sec: Client) -> None:
    entries = _listed(sec, {"action": "members.membership.granted"})

    assert {e.action for e in entries} == {"members.membership.granted"}
    assert len(entries) == 7  # the seven roles of the cast in this body


def test_it_filters_by_the_start_of_an_action_code(cast: Cast, sec: Client) -> None:
    entries = _listed(sec, {"action": "members.unit"})

    assert {e.action for e in entries} == {"members.unit.created"}
    assert {e.object_label for e in entries} == {"Viet Nam", "Agency A", "Agency B", "Agency C"}


def test_it_filters_by_person(cast: Cast, sec: Client) -> None:
    unit = services.create_unit(body=cast.body, by=cast.secretariat, name="Agency D", kind="agency")
    services.grant_role(body=cast.body, person=cast.focal_a, role="leader", by=cast.admin)

    entries = _listed(sec, {"actor": str(cast.secretariat.pk)})

    assert [(e.action, e.object_id) for e in entries] == [("members.unit.created", str(unit.pk))]
    assert {e.actor_id for e in _listed(sec, {"actor": str(cast.admin.pk)})} == {cast.admin.pk}


def _at(moment: dt.datetime, reason: str, cast: Cast) -> AuditEntry:
    with time_machine.travel(moment, tick=False):
        return log_action("members.unit.updated", body=cast.body, reason=reason)


@pytest.fixture
def around_midnight(cast: Cast) -> None:
    """Four entries around the night of 10 to 11 March 2025 in Ho Chi Minh City (UTC+7)."""
    utc = dt.UTC
    _at(dt.datetime(2025, 3, 10, 16, 30, tzinfo=utc), "10 Mar 23:30 local", cast)
    _at(dt.datetime(2025, 3, 10, 17, 30, tzinfo=utc), "11 Mar 00:30 local", cast)
    _at(dt.datetime(2025, 3, 11, 16, 30, tzinfo=utc), "11 Mar 23:30 local", cast)
    _at(dt.datetime(2025, 3, 11, 17, 30, tzinfo=utc), "12 Mar 00:30 local", cast)


@pytest.mark.usefixtures("around_midnight")
@pytest.mark.parametrize(
    ("params", "reasons"),
    [
        (
            {"since": "2025-03-11", "until": "2025-03-11"},
            {"11 Mar 00:30 local", "11 Mar 23:30 local"},
        ),
        ({"until": "2025-03-10"}, {"10 Mar 23:30 local"}),
        ({"since": "2025-03-12", "until": "2025-03-12"}, {"12 Mar 00:30 local"}),
        (
            {"since": "2025-03-10", "until": "2025-03-12"},
            {
                "10 Mar 23:30 local",
                "11 Mar 00:30 local",
                "11 Mar 23:30 local",
                "12 Mar 00:30 local",
            },
        ),
    ],
)
def test_it_filters_by_days_in_the_time_zone_of_the_body(
    cast: Cast, sec: Client, params: dict[str, str], reasons: set[str]
) -> None:
    entries = _listed(sec, {"action": "members.unit.updated", **params})

    assert {e.reason for e in entries} == reasons


@pytest.mark.usefixtures("around_midnight")
def test_it_keeps_entries_from_a_start_day_up_to_now(cast: Cast, sec: Client) -> None:
    entries = _listed(sec, {"since": "2025-03-12"})

    assert "12 Mar 00:30 local" in {e.reason for e in entries}
    assert "11 Mar 23:30 local" not in {e.reason for e in entries}
    assert any(e.action == "members.body.created" for e in entries)  # made today by the cast


def test_it_ignores_a_day_that_is_not_a_date(cast: Cast, sec: Client) -> None:
    entries = _listed(sec, {"since": "yesterday", "until": "2025-02-30"})

    assert len(entries) == AuditEntry.objects.filter(body=cast.body).count()


def test_it_filters_by_text_in_the_object_or_the_person(cast: Cast, sec: Client) -> None:
    services.create_unit(body=cast.body, by=cast.secretariat, name="Agency D", kind="agency")

    by_object = _listed(sec, {"q": "agency b"})
    by_person = _listed(sec, {"q": "sec@example.org"})  # only in the actor label

    assert by_object
    assert all("agency b" in e.object_label.lower() for e in by_object)
    assert {e.object_label for e in by_person} == {"Agency D"}
    assert all(e.actor_id == cast.secretariat.pk for e in by_person)


def test_it_combines_filters(cast: Cast, sec: Client) -> None:
    entries = _listed(sec, {"action": "members.membership.granted", "q": "agency b"})

    assert [e.object_label for e in entries] == ["Budi Focal — Focal point · Agency B"]


def test_it_shows_the_page_to_an_administrator(cast: Cast, client_for: ClientFor) -> None:
    response = client_for(cast.admin).get(URL)

    assert response.status_code == 200
    assert len(response.context["page"].object_list) > 0


@pytest.mark.parametrize("role", ["leader", "analyst", "focal_a"])
def test_it_refuses_a_member_who_does_not_manage_the_body(
    cast: Cast, client_for: ClientFor, role: str
) -> None:
    response = client_for(cast.role_users()[role]).get(URL)

    assert response.status_code == 403


def test_it_answers_404_to_a_stranger(cast: Cast, client_for: ClientFor) -> None:
    response = client_for(cast.stranger).get(URL)

    assert response.status_code == 404
    assert b"Agency A" not in response.content


def test_it_sends_an_anonymous_visitor_to_the_login_page(cast: Cast) -> None:
    response = Client().get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_it_leaves_the_time_zone_as_it_found_it(cast: Cast, sec: Client) -> None:
    timezone.deactivate()

    sec.get(URL)

    assert timezone.get_current_timezone_name() == settings.TIME_ZONE
