"""A three-day conference of the test body, organised by the secretariat, with two rooms,
units A and B invited (quota 2 each), and a training for the tests of knowledge gain."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from lintas.events import services
from lintas.events.models import Delegate, Event, Room
from lintas.policy import SYSTEM
from tests.conftest import Cast

FIRST = dt.date(2026, 3, 10)


@dataclass
class Ev:
    cast: Cast
    event: Event
    hall: Room
    room_b: Room
    delegate_a: Delegate  # focal_a, approved, of unit A
    delegate_b: Delegate  # focal_b, approved, of unit B
    expert: Delegate  # an outside expert without an account


def t(hour: int, minute: int = 0) -> dt.time:
    return dt.time(hour, minute)


@pytest.fixture
def ev(cast: Cast) -> Ev:
    event = services.create_event(
        body=cast.body,
        by=cast.secretariat,
        kind=Event.Kind.CONFERENCE,
        title="Joint Action Phase review",
        starts_on=FIRST,
        ends_on=FIRST + dt.timedelta(days=2),
        languages=["en", "vi"],
        venue="Hanoi",
        rooms=["Hall", "Room B"],
        certificate_min_sessions=2,
    )
    hall, room_b = list(event.rooms.order_by("position"))
    services.invite_unit(event=event, by=cast.secretariat, unit=cast.unit_a, quota=2)
    services.invite_unit(event=event, by=cast.secretariat, unit=cast.unit_b, quota=2)
    delegate_a = services.nominate_delegate(
        event=event, by=cast.focal_a, unit=cast.unit_a, full_name="Anh Focal", user=cast.focal_a
    )
    delegate_b = services.nominate_delegate(
        event=event, by=cast.focal_b, unit=cast.unit_b, full_name="Budi Focal", user=cast.focal_b
    )
    for d in (delegate_a, delegate_b):
        services.decide_nomination(delegate=d, by=cast.secretariat, approve=True)
    expert = services.add_delegate(
        event=event, by=cast.secretariat, full_name="Dr. Outside Expert", role="expert"
    )
    return Ev(cast, event, hall, room_b, delegate_a, delegate_b, expert)


@dataclass
class MatrixEvent:
    event: Event
    delegate: Delegate  # unit A's focal point, approved, present at the session, certified
    expert: Delegate  # approved, not checked in yet
    session_id: int
    material_id: int
    survey_id: int
    certificate_code: str


def matrix_event(cast: Cast) -> MatrixEvent:
    """The event the permission matrices walk: TLP:GREEN (every member sees it), organised by
    the secretariat, unit A invited and its focal point a delegate with a certificate."""
    from lintas.events.models import Certificate

    existing = Event.objects.filter(body=cast.body, title="Matrix conference").first()
    if existing is not None:
        d = existing.delegates.get(user=cast.focal_a)
        session = existing.sessions.get()
        return MatrixEvent(
            existing,
            d,
            existing.delegates.get(full_name="Outside Expert"),
            session.pk,
            session.contributions.get().materials.get().pk,
            existing.surveys.get().pk,
            Certificate.objects.get(delegate=d).code,
        )
    event = services.create_event(
        body=cast.body,
        by=SYSTEM,
        kind=Event.Kind.CONFERENCE,
        title="Matrix conference",
        starts_on=FIRST,
        ends_on=FIRST,
        rooms=["Hall"],
        certificate_min_sessions=1,
    )
    services.invite_unit(event=event, by=SYSTEM, unit=cast.unit_a, quota=2)
    d = services.nominate_delegate(
        event=event, by=SYSTEM, unit=cast.unit_a, full_name="Anh Focal", user=cast.focal_a
    )
    services.decide_nomination(delegate=d, by=SYSTEM, approve=True)
    session = services.add_session(
        event=event,
        by=SYSTEM,
        title="Opening",
        day=FIRST,
        starts=t(9),
        ends=t(10),
        room=event.rooms.get(),
    )
    talk = services.add_contribution(session=session, by=SYSTEM, title="Welcome")
    material = services.add_material(
        contribution=talk, by=SYSTEM, title="Slides", name="slides.txt", content=b"slides"
    )
    services.check_in(event=event, by=SYSTEM, delegate=d, session=session)
    survey = services.create_survey(
        event=event,
        by=SYSTEM,
        kind="feedback",
        title="Feedback",
        questions=[{"kind": "rating", "text": "Overall"}],
    )
    cert = services.issue_certificate(delegate=d, by=SYSTEM)
    expert = services.add_delegate(event=event, by=SYSTEM, full_name="Outside Expert")
    return MatrixEvent(event, d, expert, session.pk, material.pk, survey.pk, cert.code)
