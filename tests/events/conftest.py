"""A three-day conference of the test body, organised by the secretariat, with two rooms,
units A and B invited (quota 2 each), and a training for the tests of knowledge gain."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from lintas.events import services
from lintas.events.models import Delegate, Event, Room
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
