"""Surveys and tests, knowledge gain, certificates by the organisers' rule, materials under TLP,
and the measures plans reads (people trained, knowledge gain)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from lintas.audit.models import AuditEntry
from lintas.core.errors import LintasError
from lintas.events import policy, selectors, services
from lintas.events.models import Certificate, Event, Response
from lintas.notices.models import Notification
from lintas.plans import sources
from tests.events.conftest import FIRST, Ev, t

TEST_QUESTIONS = [
    {"kind": "choice", "text": "Who reports?", "choices": ["Focal point", "Leader"], "correct": 0},
    {"kind": "choice", "text": "Which label?", "choices": ["RED", "CLEAR"], "correct": 1},
]


@pytest.fixture
def training(ev: Ev) -> Event:
    cast = ev.cast
    event = services.create_event(
        body=cast.body,
        by=cast.secretariat,
        kind="training",
        title="Human-rights training",
        starts_on=FIRST,
        ends_on=FIRST,
        rooms=["Hall"],
        languages=["vi", "en"],
        certificate_all_mandatory=True,
    )
    return event


def _approved(event: Event, by, user, unit, name):
    services.invite_unit(event=event, by=by, unit=unit, quota=3)
    d = services.nominate_delegate(event=event, by=by, unit=unit, full_name=name, user=user)
    return services.decide_nomination(delegate=d, by=by, approve=True)


def test_a_test_cannot_be_anonymous(ev: Ev, training: Event) -> None:
    with pytest.raises(LintasError) as e:
        services.create_survey(
            event=training,
            by=ev.cast.secretariat,
            kind="pre_test",
            title="Pre",
            questions=TEST_QUESTIONS,
            anonymous=True,
        )
    assert e.value.field == "anonymous"


def test_knowledge_gain_per_participant_and_overall(ev: Ev, training: Event) -> None:
    cast = ev.cast
    a = _approved(training, cast.secretariat, cast.focal_a, cast.unit_a, "Anh")
    b = _approved(training, cast.secretariat, cast.focal_b, cast.unit_b, "Budi")
    pre = services.create_survey(
        event=training, by=cast.secretariat, kind="pre_test", title="Pre", questions=TEST_QUESTIONS
    )
    post = services.create_survey(
        event=training,
        by=cast.secretariat,
        kind="post_test",
        title="Post",
        questions=TEST_QUESTIONS,
    )
    q1, q2 = (str(q.pk) for q in pre.questions.all())
    p1, p2 = (str(q.pk) for q in post.questions.all())
    services.answer_survey(survey=pre, by=cast.focal_a, answers={q1: 1, q2: 0})  # 0 %
    services.answer_survey(survey=pre, by=cast.focal_b, answers={q1: 0, q2: 0})  # 50 %
    services.answer_survey(survey=post, by=cast.focal_a, answers={p1: 0, p2: 1})  # 100 %
    services.answer_survey(survey=post, by=cast.focal_b, answers={p1: 0, p2: 1})  # 100 %
    gain = selectors.knowledge_gain_of(training)
    assert gain.participants == 2
    assert (gain.pre_mean, gain.post_mean, gain.gain_mean) == (25.0, 100.0, 75.0)
    assert gain.per_person[a.pk] == (0.0, 100.0) and gain.per_person[b.pk] == (50.0, 100.0)
    with pytest.raises(LintasError, match="answered this survey already"):
        services.answer_survey(survey=post, by=cast.focal_a, answers={p1: 0, p2: 1})
    # Plans reads the same figures over a body and a range of days.
    body_gain = selectors.knowledge_gain(cast.body, FIRST, FIRST)
    assert body_gain.gain_mean == 75.0
    assert sources.REGISTRY["knowledge_gain"].compute(cast.body, FIRST, FIRST) == 75.0
    assert (
        selectors.knowledge_gain(
            cast.body, FIRST + dt.timedelta(days=1), FIRST + dt.timedelta(days=9)
        ).participants
        == 0
    )


def test_a_test_answer_out_of_range_is_refused(ev: Ev, training: Event) -> None:
    cast = ev.cast
    _approved(training, cast.secretariat, cast.focal_a, cast.unit_a, "Anh")
    pre = services.create_survey(
        event=training, by=cast.secretariat, kind="pre_test", title="Pre", questions=TEST_QUESTIONS
    )
    q1, q2 = (str(q.pk) for q in pre.questions.all())
    with pytest.raises(LintasError) as e:
        services.answer_survey(survey=pre, by=cast.focal_a, answers={q1: 7, q2: 0})
    assert e.value.field == f"q{q1}"
    assert not Response.objects.exists()


def test_people_trained_counts_people_who_attended_a_training(ev: Ev, training: Event) -> None:
    cast = ev.cast
    a = _approved(training, cast.secretariat, cast.focal_a, cast.unit_a, "Anh")
    _approved(training, cast.secretariat, cast.focal_b, cast.unit_b, "Budi")  # never came
    services.check_in(
        event=training,
        by=cast.secretariat,
        delegate=a,
        at=dt.datetime(2026, 3, 10, 9, tzinfo=training.tzinfo),
    )
    assert selectors.people_trained(cast.body, FIRST, FIRST) == 1
    # A conference is not a training; another body's range is its own.
    services.check_in(
        event=ev.event,
        by=cast.secretariat,
        delegate=ev.delegate_b,
        at=dt.datetime(2026, 3, 10, 9, tzinfo=training.tzinfo),
    )
    assert selectors.people_trained(cast.body, FIRST, FIRST + dt.timedelta(days=5)) == 1
    assert selectors.people_trained(cast.other_body, FIRST, FIRST) == 0
    # The plans app's computed indicator reads the same count.
    assert sources.REGISTRY["people_trained"].compute(cast.body, FIRST, FIRST) == 1.0


def test_a_certificate_is_refused_to_someone_who_missed_a_mandatory_session(
    ev: Ev, training: Event
) -> None:
    cast = ev.cast
    a = _approved(training, cast.secretariat, cast.focal_a, cast.unit_a, "Anh")
    one = services.add_session(
        event=training,
        by=cast.secretariat,
        title="Topic one",
        day=FIRST,
        starts=t(8),
        ends=t(10),
        mandatory=True,
    )
    two = services.add_session(
        event=training,
        by=cast.secretariat,
        title="Topic two",
        day=FIRST,
        starts=t(10, 30),
        ends=t(12),
        mandatory=True,
    )
    services.check_in(event=training, by=cast.secretariat, delegate=a, session=one)
    with pytest.raises(LintasError) as e:
        services.issue_certificate(delegate=a, by=cast.focal_a)
    assert e.value.field == "certificate"
    assert 'missed the mandatory session "Topic two"' in e.value.message
    assert not Certificate.objects.exists()
    services.check_in(event=training, by=cast.secretariat, delegate=a, session=two)
    cert = services.issue_certificate(delegate=a, by=cast.focal_a)
    assert cert.language == "en"  # Anh's language, which the training is held in


def test_a_certificate_by_number_of_sessions(ev: Ev) -> None:
    cast = ev.cast
    s = services.add_session(
        event=ev.event,
        by=cast.secretariat,
        title="Only one",
        day=FIRST,
        starts=t(9),
        ends=t(10),
        room=ev.hall,
    )
    services.check_in(event=ev.event, by=cast.secretariat, delegate=ev.delegate_a, session=s)
    with pytest.raises(LintasError, match="attended 1 session; the rule asks for 2"):
        services.issue_certificate(delegate=ev.delegate_a, by=cast.secretariat)
    issued, refused = services.issue_certificates(event=ev.event, by=cast.secretariat)
    assert (issued, refused) == (0, 3)


def _red_material(ev: Ev):
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
    talk = services.add_contribution(session=session, by=by, title="Talk", presenters=[ev.expert])
    material = services.add_material(
        contribution=talk, by=by, title="Slides", name="s.pdf", content=b"%PDF-1.4", tlp="red"
    )
    return session, material


def test_red_materials_reach_only_those_present_in_the_session(ev: Ev) -> None:
    session, material = _red_material(ev)
    services.check_in(
        event=ev.event, by=ev.cast.secretariat, delegate=ev.delegate_a, session=session
    )
    assert policy.access(ev.cast.focal_a, ev.event).may_read_material(
        material, session.tlp, session.pk
    )
    for outsider in (ev.cast.focal_b, ev.cast.leader):
        assert not policy.access(outsider, ev.event).may_read_material(
            material, session.tlp, session.pk
        )
    services.record_download(material=material, by=ev.cast.focal_a)
    with pytest.raises(Http404):
        services.record_download(material=material, by=ev.cast.focal_b)
    assert AuditEntry.objects.filter(action="events.material.downloaded").count() == 1


def test_organisers_read_a_red_material_only_as_its_uploader_or_when_present(ev: Ev) -> None:
    """TLP:RED names its recipients; organising the event is not one of the names."""
    session, material = _red_material(ev)  # uploaded by the secretariat
    assert policy.access(ev.cast.secretariat, ev.event).organises
    assert policy.access(ev.cast.secretariat, ev.event).may_read_material(
        material, session.tlp, session.pk
    )
    admin = policy.access(ev.cast.admin, ev.event)
    assert admin.organises
    assert not admin.may_read_material(material, session.tlp, session.pk)
    with pytest.raises(Http404):
        services.record_download(material=material, by=ev.cast.admin)
    services.record_download(material=material, by=ev.cast.secretariat)
    assert AuditEntry.objects.filter(action="events.material.downloaded").count() == 1


def test_amber_materials_reach_attendees_only(ev: Ev) -> None:
    by = ev.cast.secretariat
    session = services.add_session(
        event=ev.event,
        by=by,
        title="S",
        day=FIRST,
        starts=t(9),
        ends=t(10),
        room=ev.hall,
        tlp="amber",
    )
    talk = services.add_contribution(session=session, by=by, title="Talk")
    material = services.add_material(
        contribution=talk, by=by, title="Slides", name="s.pdf", content=b"x"
    )
    services.check_in(
        event=ev.event,
        by=by,
        delegate=ev.delegate_b,
        at=dt.datetime(2026, 3, 11, 9, tzinfo=ev.event.tzinfo),
    )
    assert policy.access(ev.cast.focal_b, ev.event).may_read_material(material, "amber", session.pk)
    assert not policy.access(ev.cast.focal_a, ev.event).may_read_material(
        material, "amber", session.pk
    )
    assert not policy.access(ev.cast.leader, ev.event).may_read_material(
        material, "amber", session.pk
    )


def test_the_survey_reminder_goes_to_those_who_have_not_answered(ev: Ev) -> None:
    cast = ev.cast
    survey = services.create_survey(
        event=ev.event,
        by=cast.secretariat,
        kind="feedback",
        title="How was it?",
        questions=[{"kind": "rating", "text": "Overall"}, {"kind": "text", "text": "Comments"}],
        anonymous=True,
    )
    rating = str(survey.questions.all()[0].pk)
    services.answer_survey(survey=survey, by=cast.focal_a, answers={rating: 5})
    assert Response.objects.get().delegate is None  # anonymous
    with pytest.raises(PermissionDenied):
        services.remind_non_responders(survey=survey, by=cast.focal_a)
    assert services.remind_non_responders(survey=survey, by=cast.secretariat) == 1
    assert list(
        Notification.objects.filter(kind="event_survey").values_list("user__email", flat=True)
    ) == [cast.focal_b.email]


def test_action_reminders_go_once_to_the_owner_unit(ev: Ev) -> None:
    cast = ev.cast
    services.record_action_item(
        event=ev.event,
        by=cast.secretariat,
        text_="Share the list",
        owner_unit=cast.unit_a,
        due_on=dt.date(2026, 4, 1),
    )
    assert services.remind_action_items(dt.date(2026, 3, 20)).reminded == 0  # not due within a week
    assert services.remind_action_items(dt.date(2026, 3, 27)).reminded == 1
    assert services.remind_action_items(dt.date(2026, 3, 28)).reminded == 0  # once a week
    assert services.remind_action_items(dt.date(2026, 4, 3)).reminded == 1  # overdue
    assert Notification.objects.filter(kind="event_action_due", user=cast.focal_a).count() == 2


def test_an_amber_event_is_hidden_from_units_not_invited(cast) -> None:
    event = services.create_event(
        body=cast.body,
        by=cast.secretariat,
        kind="meeting",
        title="Closed",
        starts_on=FIRST,
        ends_on=FIRST,
        tlp="amber",
    )
    services.invite_unit(event=event, by=cast.secretariat, unit=cast.unit_a, quota=1)
    seen = {
        u: policy.visible_events(getattr(cast, u), cast.body).filter(pk=event.pk).exists()
        for u in ("focal_a", "focal_b", "secretariat", "leader", "stranger")
    }
    assert seen == {
        "focal_a": True,
        "focal_b": False,
        "secretariat": True,
        "leader": False,
        "stranger": False,
    }
