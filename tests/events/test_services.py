"""The writes of events, and each bad input of the issue refused with a message naming what is
wrong, nothing saved halfway."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from lintas.audit.models import AuditEntry
from lintas.core.errors import LintasError
from lintas.events import services
from lintas.events.models import CheckIn, Contribution, Delegate, Event, Material, Session
from tests.events.conftest import FIRST, Ev, t

DAY2 = FIRST + dt.timedelta(days=1)


def test_an_event_is_created_with_its_rooms_and_audited(ev: Ev) -> None:
    assert ev.event.days == [FIRST, DAY2, FIRST + dt.timedelta(days=2)]
    assert [r.name for r in ev.event.rooms.all()] == ["Hall", "Room B"]
    assert AuditEntry.objects.filter(action="events.event.created").count() == 1


def test_an_event_ending_before_it_starts_is_refused(ev: Ev) -> None:
    with pytest.raises(LintasError) as e:
        services.create_event(
            body=ev.cast.body,
            by=ev.cast.secretariat,
            kind="meeting",
            title="X",
            starts_on=FIRST,
            ends_on=FIRST - dt.timedelta(days=1),
        )
    assert e.value.field == "ends_on"
    assert Event.objects.count() == 1


def test_a_focal_point_may_not_create_an_event(ev: Ev) -> None:
    with pytest.raises(PermissionDenied):
        services.create_event(
            body=ev.cast.body,
            by=ev.cast.focal_a,
            kind="meeting",
            title="X",
            starts_on=FIRST,
            ends_on=FIRST,
        )


def test_a_session_outside_the_event_days_is_refused(ev: Ev) -> None:
    with pytest.raises(LintasError) as e:
        services.add_session(
            event=ev.event,
            by=ev.cast.secretariat,
            title="Late",
            day=FIRST + dt.timedelta(days=5),
            starts=t(9),
            ends=t(10),
            room=ev.hall,
        )
    assert e.value.field == "day"
    assert "outside the event's days" in e.value.message
    assert not Session.objects.exists()


def test_overlapping_sessions_in_one_room_are_refused_but_parallel_rooms_are_fine(ev: Ev) -> None:
    by = ev.cast.secretariat
    services.add_session(
        event=ev.event, by=by, title="Opening", day=FIRST, starts=t(9), ends=t(10), room=ev.hall
    )
    services.add_session(
        event=ev.event,
        by=by,
        title="Parallel",
        day=FIRST,
        starts=t(9, 30),
        ends=t(10, 30),
        room=ev.room_b,
    )
    with pytest.raises(LintasError) as e:
        services.add_session(
            event=ev.event,
            by=by,
            title="Clash",
            day=FIRST,
            starts=t(9, 30),
            ends=t(11),
            room=ev.hall,
        )
    assert e.value.field == "starts"
    assert 'Hall already holds "Opening" from 09:00 to 10:00' in e.value.message
    assert Session.objects.count() == 2


def test_a_session_ending_before_it_starts_is_refused(ev: Ev) -> None:
    with pytest.raises(LintasError) as e:
        services.add_session(
            event=ev.event,
            by=ev.cast.secretariat,
            title="X",
            day=FIRST,
            starts=t(10),
            ends=t(9),
            room=ev.hall,
        )
    assert e.value.field == "ends"


def test_a_presenter_cannot_be_in_two_sessions_at_once(ev: Ev) -> None:
    by = ev.cast.secretariat
    one = services.add_session(
        event=ev.event, by=by, title="One", day=FIRST, starts=t(9), ends=t(10), room=ev.hall
    )
    two = services.add_session(
        event=ev.event,
        by=by,
        title="Two",
        day=FIRST,
        starts=t(9, 30),
        ends=t(10, 30),
        room=ev.room_b,
    )
    services.add_contribution(session=one, by=by, title="Country update", presenters=[ev.expert])
    with pytest.raises(LintasError) as e:
        services.add_contribution(session=two, by=by, title="Talk", presenters=[ev.expert])
    assert e.value.field == "presenters"
    assert 'Dr. Outside Expert is already in "One"' in e.value.message
    assert not two.contributions.exists()


def test_moving_a_session_onto_a_presenters_other_session_is_refused(ev: Ev) -> None:
    by = ev.cast.secretariat
    one = services.add_session(
        event=ev.event, by=by, title="One", day=FIRST, starts=t(9), ends=t(10), room=ev.hall
    )
    two = services.add_session(
        event=ev.event, by=by, title="Two", day=DAY2, starts=t(9), ends=t(10), room=ev.room_b
    )
    services.add_contribution(session=one, by=by, title="A", presenters=[ev.expert])
    services.add_contribution(session=two, by=by, title="B", presenters=[ev.expert])
    with pytest.raises(LintasError):
        services.move_session(session=two, by=by, day=FIRST, room=ev.room_b)
    two.refresh_from_db()
    assert two.starts_at.astimezone(ev.event.tzinfo).date() == DAY2


def test_a_session_moves_between_days_and_rooms_keeping_its_length(ev: Ev) -> None:
    by = ev.cast.secretariat
    one = services.add_session(
        event=ev.event, by=by, title="One", day=FIRST, starts=t(9), ends=t(10, 30), room=ev.hall
    )
    services.move_session(session=one, by=by, day=DAY2, starts=t(14), room=ev.room_b)
    one.refresh_from_db()
    local = one.starts_at.astimezone(ev.event.tzinfo)
    assert (local.date(), local.time(), one.room) == (DAY2, t(14), ev.room_b)
    assert one.ends_at - one.starts_at == dt.timedelta(minutes=90)
    with pytest.raises(LintasError) as e:
        services.move_session(session=one, by=by, day=FIRST + dt.timedelta(days=9), room=ev.hall)
    assert e.value.field == "day"


def test_contributions_are_reordered_and_moved_between_sessions(ev: Ev) -> None:
    by = ev.cast.secretariat
    one = services.add_session(
        event=ev.event, by=by, title="One", day=FIRST, starts=t(9), ends=t(10), room=ev.hall
    )
    two = services.add_session(
        event=ev.event, by=by, title="Two", day=FIRST, starts=t(11), ends=t(12), room=ev.hall
    )
    a, _b, c = (services.add_contribution(session=one, by=by, title=x) for x in "ABC")
    services.move_contribution(contribution=c, by=by, position=0)
    assert [x.title for x in one.contributions.order_by("position")] == ["C", "A", "B"]
    services.move_contribution(contribution=a, by=by, position=0, session=two)
    assert [x.title for x in one.contributions.order_by("position")] == ["C", "B"]
    assert [x.title for x in two.contributions.order_by("position")] == ["A"]
    assert list(one.contributions.order_by("position").values_list("position", flat=True)) == [0, 1]


def test_a_session_looser_than_its_event_is_refused(cast) -> None:
    event = services.create_event(
        body=cast.body,
        by=cast.secretariat,
        kind="meeting",
        title="Closed",
        starts_on=FIRST,
        ends_on=FIRST,
        tlp="amber",
        rooms=["R"],
    )
    with pytest.raises(LintasError) as e:
        services.add_session(
            event=event,
            by=cast.secretariat,
            title="S",
            day=FIRST,
            starts=t(9),
            ends=t(10),
            tlp="green",
        )
    assert e.value.field == "tlp"


def test_a_quota_cannot_be_exceeded(ev: Ev) -> None:
    cast = ev.cast
    services.nominate_delegate(
        event=ev.event, by=cast.focal_a, unit=cast.unit_a, full_name="Second A"
    )
    with pytest.raises(LintasError) as e:
        services.nominate_delegate(
            event=ev.event, by=cast.focal_a, unit=cast.unit_a, full_name="Third A"
        )
    assert e.value.field == "unit"
    assert "quota of 2 delegates is used up" in e.value.message
    assert not Delegate.objects.filter(full_name="Third A").exists()


def test_a_declined_nomination_frees_its_place_in_the_quota(ev: Ev) -> None:
    cast = ev.cast
    second = services.nominate_delegate(
        event=ev.event, by=cast.focal_a, unit=cast.unit_a, full_name="Second A"
    )
    services.decide_nomination(delegate=second, by=cast.secretariat, approve=False)
    services.nominate_delegate(
        event=ev.event, by=cast.focal_a, unit=cast.unit_a, full_name="Third A"
    )
    assert (
        Delegate.objects.filter(unit=cast.unit_a, status__in=["nominated", "approved"]).count() == 2
    )


def test_a_focal_point_nominates_only_for_their_own_invited_unit(ev: Ev) -> None:
    cast = ev.cast
    with pytest.raises(PermissionDenied):
        services.nominate_delegate(event=ev.event, by=cast.focal_a, unit=cast.unit_b, full_name="X")
    with pytest.raises(PermissionDenied):
        services.nominate_delegate(event=ev.event, by=cast.focal_c, unit=cast.unit_c, full_name="X")


def test_a_quota_cannot_go_below_the_nominations_made(ev: Ev) -> None:
    services.nominate_delegate(
        event=ev.event, by=ev.cast.focal_a, unit=ev.cast.unit_a, full_name="Second A"
    )
    with pytest.raises(LintasError) as e:
        services.invite_unit(event=ev.event, by=ev.cast.secretariat, unit=ev.cast.unit_a, quota=1)
    assert e.value.field == "quota"


def test_a_visa_letter_request_needs_passport_and_nationality(ev: Ev) -> None:
    with pytest.raises(LintasError) as e:
        services.update_registration(
            delegate=ev.delegate_a, by=ev.cast.focal_a, needs_visa_letter=True
        )
    assert e.value.field == "passport_number"
    ev.delegate_a.refresh_from_db()
    assert not ev.delegate_a.needs_visa_letter


def test_a_badge_checks_in_once_and_a_second_scan_finds_the_first(ev: Ev) -> None:
    by = ev.cast.secretariat
    at = dt.datetime(2026, 3, 10, 8, 30, tzinfo=ev.event.tzinfo)
    first = services.check_in(
        event=ev.event,
        by=by,
        code=f"LINTAS-BADGE:{ev.delegate_a.badge_code}",
        at=at,
        point="Door 1",
    )
    again = services.check_in(
        event=ev.event, by=by, code=ev.delegate_a.badge_code.lower(), at=at, point="Door 2"
    )
    assert first.created and not again.created
    assert again.check_in.pk == first.check_in.pk
    assert CheckIn.objects.filter(delegate=ev.delegate_a).count() == 1


def test_a_badge_of_another_event_is_refused_by_name(ev: Ev) -> None:
    cast = ev.cast
    other = services.create_event(
        body=cast.body,
        by=cast.secretariat,
        kind="meeting",
        title="Other meeting",
        starts_on=FIRST,
        ends_on=FIRST,
    )
    stray = services.add_delegate(event=other, by=cast.secretariat, full_name="Stray")
    with pytest.raises(LintasError) as e:
        services.check_in(
            event=ev.event,
            by=cast.secretariat,
            code=stray.badge_code,
            at=dt.datetime(2026, 3, 10, 9, tzinfo=ev.event.tzinfo),
        )
    assert e.value.field == "code"
    assert "another event: Other meeting" in e.value.message
    assert not CheckIn.objects.exists()


def test_an_unknown_or_unapproved_badge_is_refused(ev: Ev) -> None:
    cast = ev.cast
    at = dt.datetime(2026, 3, 10, 9, tzinfo=ev.event.tzinfo)
    with pytest.raises(LintasError, match="No badge has the code"):
        services.check_in(event=ev.event, by=cast.secretariat, code="NOPE", at=at)
    waiting = services.nominate_delegate(
        event=ev.event, by=cast.focal_a, unit=cast.unit_a, full_name="Waiting"
    )
    with pytest.raises(LintasError, match="not approved"):
        services.check_in(event=ev.event, by=cast.secretariat, code=waiting.badge_code, at=at)


def test_a_session_check_in_counts_for_its_day(ev: Ev) -> None:
    by = ev.cast.secretariat
    session = services.add_session(
        event=ev.event, by=by, title="S", day=DAY2, starts=t(9), ends=t(10), room=ev.hall
    )
    services.check_in(event=ev.event, by=by, delegate=ev.delegate_b, session=session)
    assert set(CheckIn.objects.values_list("day", "session_id")) == {
        (DAY2, None),
        (DAY2, session.pk),
    }


def test_a_material_looser_than_its_session_is_refused(ev: Ev) -> None:
    by = ev.cast.secretariat
    session = services.add_session(
        event=ev.event,
        by=by,
        title="Closed",
        day=FIRST,
        starts=t(9),
        ends=t(10),
        room=ev.hall,
        tlp="red",
    )
    talk = services.add_contribution(session=session, by=by, title="Talk")
    with pytest.raises(LintasError) as e:
        services.add_material(
            contribution=talk, by=by, title="Slides", name="s.pdf", content=b"%PDF", tlp="amber"
        )
    assert e.value.field == "tlp"
    assert "TLP:AMBER is looser than its session's TLP:RED" in e.value.message
    assert not Material.objects.exists()


def test_an_action_needs_an_owner_unit_and_a_due_date(ev: Ev) -> None:
    with pytest.raises(LintasError) as e:
        services.record_action_item(event=ev.event, by=ev.cast.secretariat, text_="Share the list")
    assert e.value.field == "owner_unit"
    decision = services.record_action_item(
        event=ev.event, by=ev.cast.secretariat, text_="Adopt the plan", kind="decision"
    )
    with pytest.raises(LintasError):
        services.update_action_item(item=decision, by=ev.cast.secretariat, status="done")


def test_the_owner_units_focal_point_follows_an_action_to_done(ev: Ev) -> None:
    item = services.record_action_item(
        event=ev.event,
        by=ev.cast.secretariat,
        text_="Share the list",
        owner_unit=ev.cast.unit_a,
        due_on=dt.date(2026, 4, 1),
    )
    with pytest.raises(PermissionDenied):
        services.update_action_item(item=item, by=ev.cast.focal_b, status="done")
    services.update_action_item(item=item, by=ev.cast.focal_a, status="done", note="Sent")
    item.refresh_from_db()
    assert item.status == "done" and item.done_at is not None and item.note == "Sent"


def test_contribution_positions_start_at_zero(ev: Ev) -> None:
    s = services.add_session(
        event=ev.event,
        by=ev.cast.secretariat,
        title="S",
        day=FIRST,
        starts=t(9),
        ends=t(10),
        room=ev.hall,
    )
    c = services.add_contribution(session=s, by=ev.cast.secretariat, title="A")
    assert Contribution.objects.get(pk=c.pk).position == 0
