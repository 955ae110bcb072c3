"""Cases sit below networks and never import them: an app that must hear of a change to a case
or a person registers with ``on_case_changed`` (the networks app does, in its ready())."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from lintas.cases import services
from lintas.members.models import Body
from lintas.networks.models import LinkRun
from lintas.networks.services import relink_soon
from tests.cases.conftest import add_victim, new_case
from tests.conftest import Cast


@pytest.fixture
def heard(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A listener of its own, on a list of listeners of its own for the test."""
    bodies: list[str] = []
    monkeypatch.setattr(services, "case_changed_listeners", [])

    def listener(*, body: Body) -> None:
        bodies.append(body.slug)

    services.on_case_changed(listener)
    services.on_case_changed(listener)  # registering twice registers once
    return bodies


def test_a_listener_hears_of_a_new_case_a_new_person_and_a_changed_person(
    cast: Cast, heard: list[str]
) -> None:
    case = new_case(cast)
    person = add_victim(cast, case)
    services.update_person(person, by=cast.focal_a, full_name="Nguyen Thi Renamed")

    assert heard == [cast.body.slug] * 3


def test_a_listener_hears_nothing_of_a_change_the_policy_refused(
    cast: Cast, heard: list[str]
) -> None:
    case = new_case(cast)
    person = add_victim(cast, case)
    heard.clear()

    with pytest.raises((PermissionDenied, Http404)):
        services.update_person(person, by=cast.focal_c, full_name="Someone else")

    assert heard == []


def test_the_networks_app_queues_an_update_run_when_a_case_changes(
    cast: Cast, django_capture_on_commit_callbacks
) -> None:
    assert relink_soon in services.case_changed_listeners

    with django_capture_on_commit_callbacks(execute=True):
        new_case(cast)

    assert LinkRun.objects.filter(body=cast.body, kind=LinkRun.Kind.UPDATE).count() == 1
