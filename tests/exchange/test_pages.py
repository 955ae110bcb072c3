"""The exchange's pages: post, read, acknowledge, pass on, the matrix, the PDF for the file."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader
from tests.conftest import ClientFor
from tests.exchange.conftest import Ex

from lintas.audit.models import AuditEntry
from lintas.core.tlp import TLP
from lintas.exchange import services
from lintas.exchange.models import Forward, Kind, Message, Priority, Receipt


def post(ex: Ex, **kw) -> Message:
    c = ex.cast
    fields: dict[str, Any] = {
        "body": c.body,
        "by": c.focal_a,
        "author_unit": c.unit_a,
        "kind": Kind.ALERT,
        "subject": "Recruiter active on the border",
        "text": "<p>A recruiter offers factory jobs.</p>",
        "tlp": TLP.AMBER,
        "priority": Priority.URGENT,
        "units": [c.unit_b, c.unit_c],
    }
    fields.update(kw)
    return services.post_message(**fields)


def url(ex: Ex, name: str, *args: int) -> str:
    return reverse(f"exchange:{name}", args=[ex.cast.body.slug, *args])


def test_a_focal_point_posts_an_alert_from_the_page(ex: Ex, client_for: ClientFor) -> None:
    c = ex.cast
    page = client_for(c.focal_a)
    response = page.post(
        url(ex, "compose"),
        {
            "author_unit": c.unit_a.pk,
            "kind": "alert",
            "alert_type": "job_offer",
            "priority": "urgent",
            "tlp": "amber",
            "units": [c.unit_b.pk, c.unit_c.pk],
            "subject": "Fake jobs at a fish factory",
            "text": "<p>Offers posted on a job board.</p><script>alert(1)</script>",
        },
    )
    message = Message.objects.get()
    assert response.status_code == 302 and response["Location"] == url(ex, "message", message.pk)
    assert "<script" not in message.text
    assert set(message.receipts.values_list("unit_id", flat=True)) == {c.unit_b.pk, c.unit_c.pk}


def test_a_message_to_nobody_is_refused_on_the_form(ex: Ex, client_for: ClientFor) -> None:
    c = ex.cast
    response = client_for(c.focal_a).post(
        url(ex, "compose"),
        {
            "author_unit": c.unit_a.pk,
            "kind": "bulletin",
            "priority": "routine",
            "tlp": "green",
            "subject": "Weekly summary",
            "text": "<p>Nothing new.</p>",
        },
    )
    assert response.status_code == 200
    assert "Choose at least one recipient." in response.content.decode()
    assert not Message.objects.exists()


def test_a_recipient_reads_and_acknowledges_on_the_page(ex: Ex, client_for: ClientFor) -> None:
    c = ex.cast
    message = post(ex)
    page = client_for(c.focal_b)
    shown = page.get(url(ex, "message", message.pk))
    html = shown.content.decode()
    assert shown.status_code == 200 and "TLP:AMBER" in html and "Acknowledge for Agency B" in html
    assert shown["Cache-Control"] == "private, no-store"
    done = page.post(url(ex, "acknowledge", message.pk), {"unit": c.unit_b.pk})
    assert done.status_code == 302
    receipt = Receipt.objects.get(message=message, unit=c.unit_b)
    assert receipt.acknowledged_by == c.focal_b and receipt.read_by == c.focal_b
    # C may not acknowledge for B.
    assert (
        client_for(c.focal_c).post(url(ex, "acknowledge", message.pk), {"unit": c.unit_b.pk})
    ).status_code == 403
    # The author sees who has not responded.
    author = client_for(c.focal_a).get(url(ex, "message", message.pk)).content.decode()
    assert "1 unit has not acknowledged." in author


@pytest.mark.parametrize("tlp", [TLP.RED, TLP.AMBER_STRICT])
def test_a_stranger_to_a_message_gets_404_everywhere(
    ex: Ex, client_for: ClientFor, tlp: str
) -> None:
    c = ex.cast
    units = [] if tlp == TLP.RED else [c.unit_b]
    message = post(ex, tlp=tlp, units=units, named=[c.focal_b] if tlp == TLP.RED else [])
    for person in (c.focal_c, ex.focal_d, c.secretariat, c.leader, c.analyst, c.admin):
        page = client_for(person)
        for name in ("message", "pdf"):
            assert page.get(url(ex, name, message.pk)).status_code == 404, (person, name)
        for name in ("acknowledge", "act", "forward", "update", "summary"):
            assert page.post(url(ex, name, message.pk), {}).status_code == 404, (person, name)
        inbox = page.get(url(ex, "inbox") + "?q=Recruiter").content.decode()
        assert message.subject not in inbox


def test_a_forward_wider_than_amber_is_held_until_the_author_approves(
    ex: Ex, client_for: ClientFor
) -> None:
    c = ex.cast
    message = post(ex, units=[c.unit_b])
    page_b = client_for(c.focal_b)
    page_b.post(
        url(ex, "forward", message.pk),
        {"unit": c.unit_b.pk, "units": [ex.unit_d.pk], "reason": "D holds the file"},
    )
    fwd = Forward.objects.get()
    assert fwd.state == Forward.State.PENDING
    assert client_for(ex.focal_d).get(url(ex, "message", message.pk)).status_code == 404
    approve = client_for(c.focal_a).post(
        url(ex, "decide", message.pk, fwd.pk), {"approve": "1", "note": "fine"}
    )
    assert approve.status_code == 302
    assert client_for(ex.focal_d).get(url(ex, "message", message.pk)).status_code == 200


def test_the_inbox_costs_the_same_queries_for_2_and_for_12_messages(
    ex: Ex, client_for: ClientFor
) -> None:
    c = ex.cast
    page = client_for(c.focal_b)

    def count() -> int:
        page.get(url(ex, "inbox"))  # warm the per-person caches of the session
        with CaptureQueriesContext(connection) as captured:
            response = page.get(url(ex, "inbox"))
        assert response.status_code == 200
        return len(captured)

    for _ in range(2):
        post(ex)
    small = count()
    for _ in range(10):
        post(ex)
    assert count() == small


def test_the_matrix_counts_acknowledgements_for_the_secretariat(
    ex: Ex, client_for: ClientFor
) -> None:
    c = ex.cast
    message = post(ex)
    services.acknowledge(message, unit=c.unit_b, by=c.focal_b)
    page = client_for(c.secretariat).get(url(ex, "matrix"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "1/1" in html  # B: acknowledged on time, of the one expected so far
    assert client_for(c.focal_b).get(url(ex, "matrix")).status_code == 403


def test_the_pdf_carries_the_label_on_every_page_and_is_audited(
    ex: Ex, client_for: ClientFor
) -> None:
    c = ex.cast
    long_text = "".join(
        f"<p>Paragraph {i} of a long alert. Đà Nẵng, Hải Phòng.</p>" for i in range(150)
    )
    message = post(ex, text=long_text)
    response = client_for(c.focal_b).get(url(ex, "pdf", message.pk))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) >= 2
    for pdf_page in reader.pages:
        assert "TLP:AMBER" in pdf_page.extract_text()
    assert "Đà Nẵng" in reader.pages[0].extract_text()
    assert AuditEntry.objects.filter(action="exchange.thread.exported", actor=c.focal_b).exists()


def test_a_stricter_attachment_is_withheld_from_readers_of_the_message_only(
    ex: Ex, client_for: ClientFor
) -> None:
    c = ex.cast
    message = post(
        ex,
        units=[c.unit_b],
        attachments=[services.Upload("list.pdf", b"%PDF-1.4 names", tlp=TLP.AMBER_STRICT)],
    )
    item = message.attachments.get()
    path = url(ex, "attachment", message.pk, item.pk)
    assert client_for(c.focal_b).get(path).status_code == 200
    # B's sub-unit reads the AMBER message as B's client, not its AMBER+STRICT attachment.
    assert client_for(ex.focal_sub_b).get(url(ex, "message", message.pk)).status_code == 200
    assert client_for(ex.focal_sub_b).get(path).status_code == 404
    assert AuditEntry.objects.filter(action="exchange.attachment.downloaded").count() == 1


def test_a_file_named_in_vietnamese_with_a_quote_keeps_its_name_and_cannot_break_the_header(
    ex: Ex, client_for: ClientFor
) -> None:
    c = ex.cast
    message = post(
        ex, units=[c.unit_b], attachments=[services.Upload('Danh sách "mới".pdf', b"%PDF-1.4 x")]
    )
    item = message.attachments.get()

    got = client_for(c.focal_b).get(url(ex, "attachment", message.pk, item.pk))

    assert got.status_code == 200
    assert got["Content-Disposition"] == (
        "attachment; filename*=utf-8''Danh%20s%C3%A1ch%20%22m%E1%BB%9Bi%22.pdf"
    )
    assert got["X-Content-Type-Options"] == "nosniff"
    assert got["Cache-Control"] == "private, no-store"


def test_an_overdue_alert_shows_in_the_overdue_box(ex: Ex, client_for: ClientFor) -> None:
    c = ex.cast
    message = post(ex, now=dt.datetime.now(dt.UTC) - dt.timedelta(hours=5))
    html = client_for(c.focal_c).get(url(ex, "inbox") + "?box=overdue").content.decode()
    assert message.subject in html and "Overdue" in html
    services.acknowledge(message, unit=c.unit_c, by=c.focal_c)
    html = client_for(c.focal_c).get(url(ex, "inbox") + "?box=overdue").content.decode()
    assert message.subject not in html


def test_the_author_sees_which_units_hold_matching_cases_and_whom_to_contact(
    ex: Ex, client_for: ClientFor
) -> None:
    from tests.networks.conftest import RECRUITER_PHONE, person, record

    from lintas.networks import services as networks

    c = ex.cast
    record(c, c.unit_b, "NET-B1", person("recruiter", "", phones=[RECRUITER_PHONE]))
    record(c, c.unit_c, "NET-C1", person("recruiter", "", phones=[RECRUITER_PHONE]))
    networks.relink_now(body=c.body, email=False)
    message = post(ex, units=[ex.unit_d], text="<p>He calls from +84 91 234 5678.</p>")
    author = client_for(c.focal_a).get(url(ex, "message", message.pk)).content.decode()
    matches = author[author.index("Matches in cases of other units") :]
    assert "Agency B" in matches and "Budi Focal" in matches and "NET-B1" not in matches
    reader = client_for(ex.focal_d).get(url(ex, "message", message.pk)).content.decode()
    assert "Matches in cases of other units" not in reader


def test_the_secretariat_sets_agreed_times_groups_and_clients(
    ex: Ex, client_for: ClientFor
) -> None:
    from lintas.exchange.models import AgreedTime, ClientLink, RecipientGroup

    c = ex.cast
    page = client_for(c.secretariat)
    setup = url(ex, "setup")
    times = {
        f"{w}-{k}-{p}": v
        for k in ("alert", "bulletin", "request")
        for p in ("routine", "priority", "urgent")
        for w, v in (("ack", "72"), ("act", "168"))
    }
    times.update({"ack-alert-urgent": "2", "act-alert-urgent": "12"})
    assert page.post(setup, {"action": "times", **times}).status_code == 302
    changed = {
        (a.kind, a.priority): (a.acknowledge_hours, a.act_hours) for a in AgreedTime.objects.all()
    }
    assert changed[("alert", "urgent")] == (2, 12)
    post(ex)
    receipt = Receipt.objects.filter(unit=c.unit_b).latest("pk")
    assert receipt.acknowledge_due is not None
    assert receipt.acknowledge_due - receipt.delivered_at == dt.timedelta(hours=2)
    bad = page.post(
        setup, {"action": "times", **{**times, "ack-alert-urgent": "soon"}}, follow=True
    )
    assert "the hours are whole numbers" in bad.content.decode()
    page.post(
        setup,
        {
            "action": "group",
            "group-name": "Bilateral VN-KH",
            "group-units": [c.unit_b.pk, c.unit_c.pk],
            "group-members_hidden": "on",
        },
    )
    group = RecipientGroup.objects.get()
    assert group.members_hidden and set(group.units.values_list("pk", flat=True)) == {
        c.unit_b.pk,
        c.unit_c.pk,
    }
    page.post(
        setup, {"action": "client", "client-unit": c.unit_c.pk, "client-client": ex.unit_d.pk}
    )
    assert ClientLink.objects.filter(unit=c.unit_c, client=ex.unit_d).exists()
    assert client_for(c.focal_a).get(setup).status_code == 403

    # A message to the hidden group: B sees the group's name, not C.
    message = services.post_message(
        body=c.body,
        by=c.focal_a,
        author_unit=c.unit_a,
        kind=Kind.BULLETIN,
        subject="Joint patrol next week",
        text="Details follow.",
        tlp=TLP.AMBER,
        groups=[group],
    )
    html = client_for(c.focal_b).get(url(ex, "message", message.pk)).content.decode()
    assert "Bilateral VN-KH" in html and "Agency C" not in html
    # D, named C's client, reads the AMBER message sent to C's group.
    assert client_for(ex.focal_d).get(url(ex, "message", message.pk)).status_code == 200


def test_a_notice_naming_a_message_is_shown_only_while_its_reader_may_read_it(
    ex: Ex, client_for: ClientFor
) -> None:
    from lintas.members import services as members
    from lintas.members.models import Membership

    c = ex.cast
    post(ex, subject="Raid planned at the karaoke bar")
    page = client_for(ex.alternate_b)
    assert "Raid planned at the karaoke bar" in page.get(reverse("notices:list")).content.decode()
    membership = Membership.objects.get(user=ex.alternate_b, unit=c.unit_b)
    members.end_membership(membership, by=c.secretariat)
    html = page.get(reverse("notices:list")).content.decode()
    assert "Raid planned" not in html
    assert "A notice about something you may no longer see." in html
