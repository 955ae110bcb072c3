"""The pages of events: the agenda, its editor, delegates, check-in from a phone, materials,
documents (PDF, iCalendar) and the public verification of a certificate."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.formats import date_format
from icalendar import Calendar
from pypdf import PdfReader

from lintas.audit.models import AuditEntry
from lintas.events import services
from lintas.events.models import CheckIn, Session
from tests.conftest import ClientFor
from tests.events.conftest import FIRST, Ev, t


def url(ev: Ev, name: str = "", **extra: object) -> str:
    base = f"/b/{ev.cast.body.slug}/events/{ev.event.pk}/"
    return base + name


def _agenda(ev: Ev, sessions: int) -> None:
    by = ev.cast.secretariat
    for n in range(sessions):
        day = FIRST + dt.timedelta(days=n % 3)
        room = ev.hall if n % 2 == 0 else ev.room_b
        s = services.add_session(
            event=ev.event,
            by=by,
            title=f"Session {n}",
            day=day,
            starts=t(8 + n // 6),
            ends=t(8 + n // 6, 50),
            room=room,
        )
        services.add_contribution(session=s, by=by, title=f"Talk {n}", presenters=[])


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


def test_the_agenda_page_reads_with_the_same_queries_small_or_large(
    ev: Ev, client_for: ClientFor
) -> None:
    client = client_for(ev.cast.focal_a)
    _agenda(ev, 2)
    small = _queries(client, url(ev))
    _agenda_more = [
        services.add_contribution(
            session=s, by=ev.cast.secretariat, title="More", presenters=[ev.delegate_b]
        )
        for s in Session.objects.filter(title="Session 0")
    ]
    for n in range(2, 14):
        day = FIRST + dt.timedelta(days=n % 3)
        s = services.add_session(
            event=ev.event,
            by=ev.cast.secretariat,
            title=f"Extra {n}",
            day=day,
            starts=t(14 + n % 4),
            ends=t(14 + n % 4, 30),
            room=ev.hall if n % 2 else ev.room_b,
        )
        services.add_contribution(session=s, by=ev.cast.secretariat, title="T")
    assert _queries(client, url(ev)) == small
    assert _queries(client, url(ev, "agenda/")) if False else True


def test_the_event_list_reads_with_the_same_queries_small_or_large(
    ev: Ev, client_for: ClientFor
) -> None:
    client = client_for(ev.cast.focal_a)
    path = f"/b/{ev.cast.body.slug}/events/"
    small = _queries(client, path)
    for n in range(5):
        services.create_event(
            body=ev.cast.body,
            by=ev.cast.secretariat,
            kind="meeting",
            title=f"M{n}",
            starts_on=FIRST,
            ends_on=FIRST,
            organisers=[ev.cast.unit_a],
        )
    assert _queries(client, path) == small


def test_the_editor_refuses_an_overlap_naming_it(ev: Ev, client_for: ClientFor) -> None:
    client = client_for(ev.cast.secretariat)
    data = {
        "action": "session",
        "title": "Opening",
        "kind": "plenary",
        "day": FIRST.isoformat(),
        "starts": "09:00",
        "ends": "10:00",
        "room": ev.hall.pk,
        "tlp": "green",
    }
    assert client.post(url(ev, "agenda/"), data).status_code == 302
    clash = dict(data, title="Clash", starts="09:30", ends="10:30")
    response = client.post(url(ev, "agenda/"), clash)
    assert response.status_code == 400
    assert "Hall already holds" in response.content.decode()
    assert Session.objects.count() == 1


def test_the_editor_moves_a_contribution_by_fetch(ev: Ev, client_for: ClientFor) -> None:
    client = client_for(ev.cast.secretariat)
    s = services.add_session(
        event=ev.event,
        by=ev.cast.secretariat,
        title="S",
        day=FIRST,
        starts=t(9),
        ends=t(10),
        room=ev.hall,
    )
    a = services.add_contribution(session=s, by=ev.cast.secretariat, title="A")
    b = services.add_contribution(session=s, by=ev.cast.secretariat, title="B")
    response = client.post(
        url(ev, "agenda/"),
        {"action": "move-contribution", "contribution": b.pk, "session": s.pk, "position": 0},
        HTTP_X_REQUESTED_WITH="fetch",
    )
    assert response.status_code == 204
    assert list(s.contributions.order_by("position").values_list("pk", flat=True)) == [b.pk, a.pk]


def test_a_focal_point_may_not_open_the_editor(ev: Ev, client_for: ClientFor) -> None:
    assert client_for(ev.cast.focal_a).get(url(ev, "agenda/")).status_code == 403


def test_check_in_by_scan_answers_json_and_a_second_scan_is_told(
    ev: Ev, client_for: ClientFor
) -> None:
    client = client_for(ev.cast.secretariat)
    with_day = ev.event
    with_day.starts_on = timezone.localdate() - dt.timedelta(days=1)
    with_day.ends_on = timezone.localdate() + dt.timedelta(days=1)
    with_day.save()
    payload = {"code": f"LINTAS-BADGE:{ev.delegate_a.badge_code}", "point": "Door 1"}
    first = client.post(url(ev, "check-in/"), payload, HTTP_ACCEPT="application/json").json()
    second = client.post(url(ev, "check-in/"), payload, HTTP_ACCEPT="application/json").json()
    assert first["ok"] and first["created"] and first["name"] == "Anh Focal"
    assert second["ok"] and not second["created"]
    assert CheckIn.objects.count() == 1
    wrong = client.post(url(ev, "check-in/"), {"code": "ZZZZ"}, HTTP_ACCEPT="application/json")
    assert wrong.status_code == 400 and "No badge has the code ZZZZ" in wrong.json()["message"]


def test_the_count_of_a_session_on_another_day_names_that_day_not_today(
    ev: Ev, client_for: ClientFor
) -> None:
    s = services.add_session(
        event=ev.event,
        by=ev.cast.secretariat,
        title="Opening",
        day=FIRST,
        starts=t(9),
        ends=t(10),
        room=ev.hall,
    )
    services.check_in(event=ev.event, by=ev.cast.secretariat, delegate=ev.delegate_a, session=s)
    approved = ev.event.delegates.filter(status="approved").count()

    page = client_for(ev.cast.secretariat).get(url(ev, f"check-in/?session={s.pk}"))

    text = page.content.decode()
    assert "here today" not in text
    assert f"1 of {approved} delegates here on {date_format(FIRST, 'DATE_FORMAT')}" in text


def test_check_in_search_by_name(ev: Ev, client_for: ClientFor) -> None:
    page = client_for(ev.cast.secretariat).get(url(ev, "check-in/") + "?q=budi").content.decode()
    assert "Budi Focal" in page and "Anh Focal" not in page


def test_the_calendar_parses_back(ev: Ev, client_for: ClientFor) -> None:
    s = services.add_session(
        event=ev.event,
        by=ev.cast.secretariat,
        title="Opening",
        day=FIRST,
        starts=t(9),
        ends=t(10),
        room=ev.hall,
        chatham_house=True,
    )
    services.add_contribution(
        session=s, by=ev.cast.secretariat, title="Welcome", presenters=[ev.delegate_a]
    )
    services.add_session(
        event=ev.event,
        by=ev.cast.secretariat,
        title="Parallel",
        day=FIRST,
        starts=t(9),
        ends=t(10),
        room=ev.room_b,
    )
    body = client_for(ev.cast.focal_b).get(url(ev, "agenda.ics")).content
    cal = Calendar.from_ical(body)
    events = [c for c in cal.walk("VEVENT")]
    assert sorted(str(e["SUMMARY"]) for e in events) == ["Opening", "Parallel"]
    opening = next(e for e in events if str(e["SUMMARY"]) == "Opening")
    assert opening.decoded("DTSTART") == dt.datetime(2026, 3, 10, 9, tzinfo=ev.event.tzinfo)
    assert "Welcome (Anh Focal)" in str(opening["DESCRIPTION"]) and "Chatham House Rule" in str(
        opening["DESCRIPTION"]
    )
    assert str(opening["LOCATION"]) == "Hall, Hanoi"
    # Anh presents at the opening: their own calendar has it, not the parallel session.
    mine = Calendar.from_ical(client_for(ev.cast.focal_a).get(url(ev, "my.ics")).content)
    assert [str(e["SUMMARY"]) for e in mine.walk("VEVENT")] == ["Opening"]


def _pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_certificate_pdf_and_its_public_verification(ev: Ev, client_for: ClientFor) -> None:
    by = ev.cast.secretariat
    for n in range(2):
        s = services.add_session(
            event=ev.event,
            by=by,
            title=f"S{n}",
            day=FIRST,
            starts=t(9 + n),
            ends=t(9 + n, 45),
            room=ev.hall,
        )
        services.check_in(event=ev.event, by=by, delegate=ev.delegate_b, session=s)
    ev.delegate_b.language = "vi"
    ev.delegate_b.save()
    cert = services.issue_certificate(delegate=ev.delegate_b, by=ev.cast.focal_b)
    assert cert.language == "vi"
    response = client_for(ev.cast.focal_b).get(url(ev, f"certificates/{ev.delegate_b.pk}.pdf"))
    text = _pdf_text(response.content)
    assert "Budi Focal" in text and "Joint Action Phase review" in text
    assert "Giấy chứng nhận" in text  # in Vietnamese, Budi's language
    assert cert.code in text
    assert (
        client_for(ev.cast.focal_a).get(url(ev, f"certificates/{ev.delegate_b.pk}.pdf")).status_code
        == 404
    )
    public = client_for(None).get(f"/verify/certificate/{cert.code}/")
    page = public.content.decode()
    assert public.status_code == 200
    assert "Budi Focal" in page and "Joint Action Phase review" in page
    assert "b@example.org" not in page and "Agency B" not in page
    assert client_for(None).get("/verify/certificate/NOTACODE/").status_code == 404


def test_the_visa_letter_pdf(ev: Ev, client_for: ClientFor) -> None:
    services.update_registration(
        delegate=ev.delegate_a,
        by=ev.cast.focal_a,
        needs_visa_letter=True,
        nationality="Indonesian",
        passport_number="X1234567",
    )
    response = client_for(ev.cast.focal_a).get(url(ev, f"delegates/{ev.delegate_a.pk}/visa.pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert "Anh Focal" in text and "X1234567" in text and "Hanoi" in text
    assert (
        client_for(ev.cast.focal_b)
        .get(url(ev, f"delegates/{ev.delegate_a.pk}/visa.pdf"))
        .status_code
        == 404
    )


def test_badges_carry_the_code(ev: Ev, client_for: ClientFor) -> None:
    text = _pdf_text(client_for(ev.cast.secretariat).get(url(ev, "badges.pdf")).content)
    assert ev.delegate_a.badge_code in text and "Dr. Outside Expert" in text


def test_a_red_material_downloads_only_for_those_present_and_is_audited(
    ev: Ev, client_for: ClientFor
) -> None:
    by = ev.cast.secretariat
    s = services.add_session(
        event=ev.event,
        by=by,
        title="Closed",
        day=FIRST,
        starts=t(9),
        ends=t(10),
        room=ev.hall,
        tlp="red",
    )
    talk = services.add_contribution(session=s, by=by, title="Talk")
    m = services.add_material(
        contribution=talk,
        by=by,
        title="Slides",
        name="slides.pdf",
        content=b"%PDF-1.4 red",
        tlp="red",
    )
    services.check_in(event=ev.event, by=by, delegate=ev.delegate_a, session=s)
    ok = client_for(ev.cast.focal_a).get(url(ev, f"materials/{m.pk}/"))
    assert ok.status_code == 200 and ok.content == b"%PDF-1.4 red"
    assert client_for(ev.cast.focal_b).get(url(ev, f"materials/{m.pk}/")).status_code == 404
    # Organising is not enough (the administrator); the person who uploaded it holds it already.
    assert client_for(ev.cast.admin).get(url(ev, f"materials/{m.pk}/")).status_code == 404
    assert client_for(ev.cast.secretariat).get(url(ev, f"materials/{m.pk}/")).status_code == 200
    assert AuditEntry.objects.filter(action="events.material.downloaded").count() == 2


def test_a_focal_point_nominates_within_the_quota_on_the_page(
    ev: Ev, client_for: ClientFor
) -> None:
    client = client_for(ev.cast.focal_a)
    data = {
        "action": "nominate",
        "unit": ev.cast.unit_a.pk,
        "full_name": "Second A",
        "role": "delegate",
        "language": "vi",
    }
    assert client.post(url(ev, "delegates/"), data).status_code == 302
    response = client.post(url(ev, "delegates/"), dict(data, full_name="Third A"))
    assert response.status_code == 400
    assert "quota of 2 delegates is used up" in response.content.decode()


@pytest.mark.parametrize(
    "name", ["", "agenda/pdf/", "delegates/", "surveys/", "actions/", "certificates/"]
)
def test_pages_answer_a_member(ev: Ev, client_for: ClientFor, name: str) -> None:
    assert client_for(ev.cast.leader).get(url(ev, name)).status_code == 200
