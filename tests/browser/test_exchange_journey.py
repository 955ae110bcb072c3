"""The exchange journey in chromium: A posts an AMBER alert to B and C; B reads and acknowledges
on time; C is reminded, then escalated; B's forward to D, wider than AMBER, is held for A's
approval and D sees nothing before it; the secretariat sees the acknowledgement matrix; a RED
message stays invisible to everyone unnamed. Screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import BrowserContext, expect

from lintas.exchange import services
from lintas.exchange.models import Forward, Message, Receipt
from lintas.members import services as members
from lintas.members.models import Role
from lintas.notices.models import Notification
from lintas.policy import SYSTEM
from tests.browser.conftest import PHONE
from tests.conftest import Cast, make_person

pytestmark = pytest.mark.browser

SUBJECT = "Recruiter offering factory jobs in Bangkok"


def test_an_amber_alert_is_acknowledged_chased_and_passed_on_with_approval(
    new_context, signed_in, live_cast: Cast, shot
) -> None:
    c = live_cast
    unit_d = members.create_unit(body=c.body, by=SYSTEM, name="Agency D", kind="agency")
    focal_d = make_person("d@example.org", "Dung Focal")
    members.grant_role(body=c.body, person=focal_d, role=Role.FOCAL_POINT, unit=unit_d, by=SYSTEM)
    head_c = make_person("headc@example.org", "Hoa Head")
    members.grant_role(body=c.body, person=head_c, role=Role.LEADER, unit=c.unit_c, by=SYSTEM)

    # --- A posts the alert ---------------------------------------------------------------------
    a_ctx: BrowserContext = new_context()
    signed_in(a_ctx, c.focal_a)
    a = a_ctx.new_page()
    a.goto("/b/twg/exchange/")
    a.get_by_role("link", name="New message").click()
    a.get_by_label("Kind").select_option("alert")
    a.get_by_label("Type of alert").select_option("recruiter")
    a.get_by_label("Priority").select_option("urgent")
    a.get_by_label("Label").select_option("amber")
    a.get_by_label("Agency B").check()
    a.get_by_label("Agency C").check()
    a.get_by_label("Subject").fill(SUBJECT)
    a.locator("summary", has_text="Recruiter or modus operandi warning").click()
    a.get_by_label("Phone numbers").fill("+66 81 234 5678")
    a.get_by_label("Text").fill(
        "A man calling himself Mr Somchai recruits young women for factory jobs.\n\n"
        "He asks for a fee of 15,000 baht and keeps their passports."
    )
    shot(a, "exchange-1-compose")
    a.get_by_role("button", name="Send").click()
    expect(a.locator("h1")).to_contain_text(SUBJECT)
    message = Message.objects.get(subject=SUBJECT)
    assert message.tlp == "amber" and message.alert_type == "recruiter"
    assert message.text.count("<p>") == 2  # typed plainly, kept as two paragraphs
    assert message.details == {"phones": "+66 81 234 5678"}

    # --- B reads and acknowledges on time ------------------------------------------------------
    b_ctx = new_context()
    signed_in(b_ctx, c.focal_b)
    b = b_ctx.new_page()
    b.goto("/b/twg/exchange/?box=to_acknowledge")
    expect(b.get_by_role("link", name=SUBJECT)).to_be_visible()
    shot(b, "exchange-2-inbox-b")
    b.get_by_role("link", name=SUBJECT).click()
    expect(b.get_by_text("TLP:AMBER").first).to_be_visible()
    shot(b, "exchange-3-alert-b")
    b.get_by_role("button", name="Acknowledge for Agency B").click()
    expect(b.get_by_text("Agency B acknowledged this")).to_be_visible()
    assert Receipt.objects.get(message=message, unit=c.unit_b).acknowledged_by == c.focal_b

    # --- C stays silent: reminded after the 4 hours, escalated after 8 -------------------------
    now = timezone.now()
    assert services.chase_unacknowledged(now + dt.timedelta(hours=5)).reminded == 1
    assert services.chase_unacknowledged(now + dt.timedelta(hours=9)).escalated == 1
    escalated = set(
        Notification.objects.filter(kind="message_escalation").values_list("user_id", flat=True)
    )
    assert escalated == {c.focal_c.pk, head_c.pk, c.secretariat.pk}

    # --- B passes it on to D, wider than AMBER: held for A -------------------------------------
    b.get_by_label("Agency D").check()
    b.get_by_label("Why").fill("D runs the shelter these women may reach.")
    b.get_by_role("button", name="Pass on").click()
    expect(b.get_by_text("Asked the author's unit to approve")).to_be_visible()
    d_ctx = new_context()
    signed_in(d_ctx, focal_d)
    d = d_ctx.new_page()
    response = d.goto(f"/b/twg/exchange/{message.pk}/")
    assert response is not None and response.status == 404
    d.goto("/b/twg/exchange/")
    expect(d.get_by_role("link", name=SUBJECT)).to_have_count(0)

    # --- A approves; D now reads it ------------------------------------------------------------
    a.reload()
    expect(a.get_by_text("1 unit has not acknowledged.")).to_be_visible()
    shot(a, "exchange-4-author-view")
    a.get_by_role("button", name="Approve").click()
    assert Forward.objects.get().state == Forward.State.APPROVED
    d.goto("/b/twg/exchange/")
    expect(d.get_by_role("link", name=SUBJECT)).to_be_visible()

    # --- the secretariat sees the matrix -------------------------------------------------------
    s_ctx = new_context()
    signed_in(s_ctx, c.secretariat)
    s = s_ctx.new_page()
    s.goto("/b/twg/exchange/measures/")
    expect(s.get_by_role("heading", name="Acknowledgement measures")).to_be_visible()
    shot(s, "exchange-5-matrix")
    # ... and does not read the AMBER alert it was not sent.
    response = s.goto(f"/b/twg/exchange/{message.pk}/")
    assert response is not None and response.status == 404

    phone = new_context(viewport=PHONE)
    signed_in(phone, c.focal_b)
    p = phone.new_page()
    p.goto(f"/b/twg/exchange/{message.pk}/")
    shot(p, "exchange-6-alert-phone")


def test_a_red_message_is_invisible_to_everyone_unnamed(
    new_context, signed_in, live_cast: Cast
) -> None:
    c = live_cast
    red = services.post_message(
        body=c.body,
        by=c.focal_a,
        author_unit=c.unit_a,
        kind="bulletin",
        subject="Informant inside the compound",
        text="<p>Name and phone of the informant.</p>",
        tlp="red",
        named=[c.focal_b],
    )
    for person in (c.focal_c, c.secretariat, c.leader, c.analyst, c.admin):
        ctx = new_context()
        signed_in(ctx, person)
        page = ctx.new_page()
        response = page.goto(f"/b/twg/exchange/{red.pk}/")
        assert response is not None and response.status == 404
        page.goto("/b/twg/exchange/?q=informant")
        expect(page.get_by_text("Informant inside the compound")).to_have_count(0)
        page.goto("/notifications/")
        expect(page.get_by_text("Informant")).to_have_count(0)
    named = new_context()
    signed_in(named, c.focal_b)
    page = named.new_page()
    page.goto(f"/b/twg/exchange/{red.pk}/")
    expect(page.get_by_text("TLP:RED").first).to_be_visible()
