"""What the events pages do, a script does through /api/v1/ too: contributions, materials under
the same labels and presence rules, surveys, certificates and badges; bad input answers 400
naming the field."""

from __future__ import annotations

import base64
import io
from collections.abc import Callable

import pytest

from lintas.audit.models import AuditEntry
from lintas.events import services
from lintas.events.models import Material
from lintas.members.models import User
from tests.api.conftest import ApiClient
from tests.conftest import Cast
from tests.events.conftest import FIRST, Ev, t
from tests.events.conftest import ev as conference

pytestmark = pytest.mark.django_db


@pytest.fixture
def ev(cast: Cast) -> Ev:
    """The events tests' three-day conference (units A and B invited, their focal points
    approved delegates, an outside expert)."""
    return conference.__wrapped__(cast)  # type: ignore[attr-defined]


ApiAs = Callable[[User], ApiClient]


def _url(ev: Ev, rest: str = "") -> str:
    return f"bodies/{ev.event.body.slug}/events/{ev.event.pk}{rest}"


def test_a_red_material_reaches_through_the_api_only_those_present(ev: Ev, api_as: ApiAs) -> None:
    c = ev.cast
    sec, a, b, admin = api_as(c.secretariat), api_as(c.focal_a), api_as(c.focal_b), api_as(c.admin)
    session = services.add_session(
        event=ev.event, by=c.secretariat, title="Closed", day=FIRST, starts=t(9), ends=t(10),
        room=ev.hall, tlp="red",
    )  # fmt: skip
    talk = sec.post(_url(ev, "/contributions"), {"session": session.pk, "title": "Case review"})
    assert talk.status_code == 201, talk.content
    upload = _url(ev, f"/contributions/{talk.json()['id']}/materials")
    bad = sec.post(upload, {"name": "case.pdf", "content_base64": "not base64!"})
    assert bad.status_code == 400 and bad.json()["field"] == "content_base64"
    loose = sec.post(
        upload, {"name": "c.pdf", "content_base64": "eA==", "tlp": "green"}
    )  # looser than its RED session
    assert loose.status_code == 400 and loose.json()["field"] == "tlp"
    assert not Material.objects.exists()
    made = sec.post(
        upload,
        {"name": "case.pdf", "content_base64": base64.b64encode(b"%PDF red").decode()},
    )
    assert made.status_code == 201 and made.json()["tlp"] == "red"
    material = made.json()["id"]
    services.check_in(event=ev.event, by=c.secretariat, delegate=ev.delegate_a, session=session)

    listed = {m["id"]: m["readable"] for m in b.get(_url(ev, "/materials")).json()}
    assert listed == {material: False}
    assert a.get(_url(ev, "/materials")).json()[0]["readable"] is True
    got = a.get(_url(ev, f"/materials/{material}"))
    assert got.status_code == 200 and got.content == b"%PDF red"
    assert b.get(_url(ev, f"/materials/{material}")).status_code == 404  # not present
    assert (
        admin.get(_url(ev, f"/materials/{material}")).status_code == 404
    )  # organising is not enough
    assert sec.get(_url(ev, f"/materials/{material}")).status_code == 200  # its uploader
    assert AuditEntry.objects.filter(action="events.material.downloaded").count() == 2


def test_surveys_certificates_and_badges_through_the_api(ev: Ev, api_as: ApiAs) -> None:
    c = ev.cast
    sec, a, b = api_as(c.secretariat), api_as(c.focal_a), api_as(c.focal_b)
    survey = services.create_survey(
        event=ev.event, by=c.secretariat, kind="feedback", title="How was it?",
        questions=[{"kind": "rating", "text": "Overall"}],
    )  # fmt: skip
    question = str(survey.questions.get().pk)
    listed = a.get(_url(ev, "/surveys")).json()
    assert [(s["title"], s["answered"]) for s in listed] == [("How was it?", False)]
    wrong = a.post(_url(ev, f"/surveys/{survey.pk}/answers"), {"answers": {question: 9}})
    assert wrong.status_code == 400 and wrong.json()["field"]
    ok = a.post(_url(ev, f"/surveys/{survey.pk}/answers"), {"answers": {question: 5}})
    assert ok.status_code == 201
    assert a.get(_url(ev, "/surveys")).json()[0]["answered"] is True

    ev.event.certificate_min_sessions = 1
    ev.event.save(update_fields=["certificate_min_sessions"])
    session = services.add_session(
        event=ev.event, by=c.secretariat, title="Open", day=FIRST, starts=t(11), ends=t(12),
        room=ev.hall,
    )  # fmt: skip
    services.check_in(event=ev.event, by=c.secretariat, delegate=ev.delegate_a, session=session)
    refused = b.post(_url(ev, f"/delegates/{ev.delegate_b.pk}/certificate"))
    assert refused.status_code == 400
    assert "attended 0 sessions" in refused.json()["detail"]
    assert sec.post(_url(ev, "/certificates")).json() == {"issued": 1, "refused": 2}
    rows = {r["delegate"]["id"]: r for r in sec.get(_url(ev, "/certificates")).json()}
    assert rows[ev.delegate_a.pk]["verify_url"].endswith(
        f"/verify/certificate/{rows[ev.delegate_a.pk]['code']}/"
    )
    assert [r["delegate"]["id"] for r in b.get(_url(ev, "/certificates")).json()] == [
        ev.delegate_b.pk
    ]

    badge = a.get(_url(ev, f"/delegates/{ev.delegate_a.pk}/badge"))
    assert badge.status_code == 200 and badge.content.startswith(b"%PDF")
    assert b.get(_url(ev, f"/delegates/{ev.delegate_a.pk}/badge")).status_code == 404


def test_a_script_edits_the_event_and_its_agenda(ev: Ev, api_as: ApiAs) -> None:
    c = ev.cast
    sec, a = api_as(c.secretariat), api_as(c.focal_a)
    event = {"kind": "conference", "title": "Renamed", "starts_on": "2026-03-10"}
    backwards = sec.put(_url(ev), {**event, "ends_on": "2026-03-09"})
    assert backwards.status_code == 400 and backwards.json()["field"] == "ends_on"
    renamed = sec.put(_url(ev), {**event, "ends_on": "2026-03-12", "languages": ["en", "vi"]})
    assert renamed.status_code == 200 and renamed.json()["title"] == "Renamed"
    assert a.put(_url(ev), {**event, "ends_on": "2026-03-12"}).status_code == 403

    assert sec.post(_url(ev, "/rooms"), {"name": "Annex"}).status_code == 201
    first = services.add_session(
        event=ev.event, by=c.secretariat, title="One", day=FIRST, starts=t(9), ends=t(10),
        room=ev.hall,
    )  # fmt: skip
    second = services.add_session(
        event=ev.event, by=c.secretariat, title="Two", day=FIRST, starts=t(11), ends=t(12),
        room=ev.hall,
    )  # fmt: skip
    clash = sec.post(
        _url(ev, f"/sessions/{second.pk}/move"), {"day": "2026-03-10", "starts": "09:30"}
    )
    assert clash.status_code == 400
    moved = sec.post(
        _url(ev, f"/sessions/{second.pk}/move"),
        {"day": "2026-03-11", "starts": "09:30", "room": "Annex"},
    )
    assert moved.status_code == 200, moved.content
    assert moved.json()["room"] == "Annex" and moved.json()["starts_at"].startswith("2026-03-11")

    talks = [
        sec.post(_url(ev, "/contributions"), {"session": first.pk, "title": n}).json()["id"]
        for n in ("A", "B")
    ]
    up = sec.post(_url(ev, f"/contributions/{talks[1]}/move"), {"position": 0})
    assert up.status_code == 200 and up.json()["position"] == 0
    assert [x.title for x in first.contributions.order_by("position")] == ["B", "A"]
    assert sec.post(_url(ev, f"/sessions/{second.pk}/remove")).status_code == 204
    assert not ev.event.sessions.filter(pk=second.pk).exists()


def test_invitations_decisions_registration_and_visa_letters_through_the_api(
    ev: Ev, api_as: ApiAs
) -> None:
    c = ev.cast
    sec, a, b = api_as(c.secretariat), api_as(c.focal_a), api_as(c.focal_b)

    assert (
        sec.post(_url(ev, "/invitations"), {"unit": c.unit_b.pk, "quota": 0}).json()["field"]
        == "quota"
    )
    raised = sec.post(_url(ev, "/invitations"), {"unit": c.unit_b.pk, "quota": 3})
    assert raised.status_code == 201 and raised.json() == {"unit": c.unit_b.pk, "quota": 3}
    assert b.post(_url(ev, "/invitations"), {"unit": c.unit_b.pk, "quota": 9}).status_code == 403

    nominee = b.post(_url(ev, "/delegates"), {"unit": c.unit_b.pk, "full_name": "Dewi Lestari"})
    assert nominee.status_code == 201, nominee.content
    path = _url(ev, f"/delegates/{nominee.json()['id']}")
    assert b.post(path + "/decision", {"approve": True}).status_code == 403  # not an organiser
    assert a.post(path + "/decision", {"approve": True}).status_code == 404  # not unit A's
    decided = sec.post(path + "/decision", {"approve": True})
    assert decided.status_code == 200 and decided.json()["status"] == "approved"

    wrong = b.put(path + "/registration", {"languages": ["fr"]})
    assert wrong.status_code == 400 and wrong.json()["field"] == "languages"
    no_letter = b.get(path + "/visa-letter")
    assert no_letter.status_code == 400 and no_letter.json()["field"] == "delegate"
    filled = b.put(
        path + "/registration",
        {"needs_visa_letter": True, "nationality": "Indonesia", "passport_number": "X1234567"},
    )
    assert filled.status_code == 200, filled.content
    assert filled.json()["needs_visa_letter"] and "passport_number" not in filled.json()
    letter = b.get(path + "/visa-letter")
    assert letter.status_code == 200 and letter.content.startswith(b"%PDF")
    assert b.get(path + "/registration").json()["nationality"] == "Indonesia"


def test_a_survey_is_made_and_its_reminder_reaches_only_those_who_have_not_answered(
    ev: Ev, api_as: ApiAs
) -> None:
    c = ev.cast
    sec = api_as(c.secretariat)

    bad = sec.post(
        _url(ev, "/surveys"),
        {"kind": "pre_test", "title": "Before", "anonymous": True,
         "questions": [{"kind": "choice", "text": "2+2?", "choices": ["3", "4"], "correct": 1}]},
    )  # fmt: skip
    assert bad.status_code == 400 and bad.json()["field"] == "anonymous"
    made = sec.post(
        _url(ev, "/surveys"),
        {
            "kind": "feedback",
            "title": "Day one",
            "questions": [{"kind": "rating", "text": "Venue"}],
        },
    )
    assert made.status_code == 201, made.content
    survey = made.json()["id"]
    question = api_as(c.focal_a).get(_url(ev, "/surveys")).json()[-1]["questions"][0]["id"]
    answered = api_as(c.focal_a).post(
        _url(ev, f"/surveys/{survey}/answers"), {"answers": {str(question): 5}}
    )
    assert answered.status_code == 201, answered.content

    reminded = sec.post(_url(ev, f"/surveys/{survey}/reminders"))
    assert reminded.status_code == 200
    assert reminded.json() == {"told": 1}  # focal_b: focal_a answered, the expert has no account
    assert api_as(c.focal_a).post(_url(ev, f"/surveys/{survey}/reminders")).status_code == 403


def test_an_action_is_recorded_and_followed_to_done_through_the_api(ev: Ev, api_as: ApiAs) -> None:
    c = ev.cast
    sec, a, b = api_as(c.secretariat), api_as(c.focal_a), api_as(c.focal_b)

    ownerless = sec.post(_url(ev, "/action-items"), {"text": "Share the hotline list"})
    assert ownerless.status_code == 400 and ownerless.json()["field"] == "owner_unit"
    made = sec.post(
        _url(ev, "/action-items"),
        {"text": "Share the hotline list", "owner_unit": c.unit_a.pk, "due_on": "2026-06-30"},
    )
    assert made.status_code == 201 and made.json()["status"] == "open"
    path = _url(ev, f"/action-items/{made.json()['id']}/status")
    assert b.post(path, {"status": "done", "note": "Not ours"}).status_code == 403
    assert a.post(path, {"status": "finished"}).json()["field"] == "status"
    done = a.post(path, {"status": "done", "note": "Sent to every unit"})
    assert done.status_code == 200 and done.json()["status"] == "done"
    listed = a.get(_url(ev, "/action-items")).json()
    assert [(i["text"], i["status"]) for i in listed] == [("Share the hotline list", "done")]


def test_the_organisers_add_an_outside_expert_approved_at_once(ev: Ev, api_as: ApiAs) -> None:
    c = ev.cast
    sec = api_as(c.secretariat)

    wrong = sec.post(_url(ev, "/guests"), {"full_name": "Dr. Maria Santos", "role": "chef"})
    assert wrong.status_code == 400 and wrong.json()["field"] == "role"
    added = sec.post(_url(ev, "/guests"), {"full_name": "Dr. Maria Santos", "role": "expert"})
    assert added.status_code == 201 and added.json()["status"] == "approved"
    assert api_as(c.focal_a).post(_url(ev, "/guests"), {"full_name": "X"}).status_code == 403


def test_the_agenda_badges_and_a_certificate_come_as_files_through_the_api(
    ev: Ev, api_as: ApiAs
) -> None:
    import icalendar
    from pypdf import PdfReader

    c = ev.cast
    opening = services.add_session(
        event=ev.event, by=c.secretariat, title="Opening of the conference", day=FIRST,
        starts=t(9), ends=t(10), room=ev.hall,
    )  # fmt: skip
    reader = api_as(c.leader)

    ics = reader.get(_url(ev, "/agenda.ics"))
    assert ics.status_code == 200 and ics["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(ics.content)
    assert "Opening of the conference" in [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    pdf = reader.get(_url(ev, "/agenda.pdf"))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Opening of the conference" in text

    assert reader.get(_url(ev, "/badges")).status_code == 403
    badges = PdfReader(io.BytesIO(api_as(c.secretariat).get(_url(ev, "/badges")).content))
    assert len(badges.pages) == 3  # the two focal points and the expert, approved

    mine = _url(ev, f"/delegates/{ev.delegate_a.pk}/certificate.pdf")
    assert api_as(c.focal_a).get(mine).status_code == 404  # none issued yet
    closing = services.add_session(
        event=ev.event, by=c.secretariat, title="Closing", day=FIRST, starts=t(16), ends=t(17),
        room=ev.hall,
    )  # fmt: skip
    for session in (opening, closing):  # the rule asks for two sessions
        services.check_in(event=ev.event, by=c.secretariat, delegate=ev.delegate_a, session=session)
    services.issue_certificate(delegate=ev.delegate_a, by=c.secretariat)
    got = api_as(c.focal_a).get(mine)
    assert got.status_code == 200 and got.content.startswith(b"%PDF")
    assert api_as(c.focal_b).get(mine).status_code == 404  # someone else's
