"""The main journeys, driven through chromium against the live server."""

from __future__ import annotations

import base64
import re

import pytest
from django.core import mail
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import BrowserContext, Page, expect

from lintas.audit.models import AuditEntry
from lintas.members.models import Invitation, Role
from tests.conftest import PASSWORD, Cast

pytestmark = pytest.mark.browser


def submit_login(page: Page, email: str) -> None:
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_focal_point_signs_in_and_browses_their_body(
    page: Page, live_server, live_cast: Cast, shot
) -> None:
    page.goto("/")
    expect(page).to_have_url(f"{live_server.url}/login/?next=/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    shot(page, "01-login-en")

    submit_login(page, "a@example.org")
    # No second factor for focal points: straight to the home page.
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Anh Focal")
    card = page.locator("a.card", has_text="Test Working Group")
    expect(card).to_contain_text("Focal point · Agency A")
    expect(page.locator("a.card", has_text="Other Committee")).to_have_count(0)
    expect(page.locator(".topbar")).to_contain_text("Anh Focal")
    shot(page, "02-focal-home-en")

    card.click()
    expect(page).to_have_url(f"{live_server.url}/b/twg/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Test Working Group")
    expect(page.locator(".page-head")).to_contain_text("Your roles: Focal point · Agency A")
    expect(page.locator(".stat").first).to_have_text("4")  # Viet Nam and agencies A, B, C
    expect(page.get_by_role("link", name="Invite a person")).to_have_count(0)
    # Focal points do not manage the body: no audit log tab.
    tabs = page.get_by_role("navigation", name="Body")
    tab_names = tabs.get_by_role("link").all_inner_texts()
    assert {"Overview", "Member units", "People"} <= set(tab_names)
    assert "Audit log" not in tab_names
    expect(tabs.get_by_role("link", name="Overview")).to_have_attribute("aria-current", "page")
    shot(page, "03-focal-overview-en")

    tabs.get_by_role("link", name="Member units").click()
    expect(page).to_have_url(f"{live_server.url}/b/twg/units/")
    tree = page.locator("ul.tree > li")
    expect(tree).to_have_count(4)
    expect(tree.filter(has_text="Viet Nam")).to_contain_text("Country")
    # Agency A sits under Viet Nam: it is indented one step deeper than the top level.
    indent_a = tree.filter(has_text="Agency A").evaluate("li => getComputedStyle(li).paddingLeft")
    indent_c = tree.filter(has_text="Agency C").evaluate("li => getComputedStyle(li).paddingLeft")
    assert float(indent_a.removesuffix("px")) > float(indent_c.removesuffix("px"))
    expect(page.get_by_role("link", name="Add a unit")).to_have_count(0)
    shot(page, "04-focal-units-en")

    tabs.get_by_role("link", name="People").click()
    expect(page).to_have_url(f"{live_server.url}/b/twg/people/")
    expect(page.get_by_role("heading", level=1)).to_have_text("People and roles")
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(7)  # the seven people with a role in this body
    expect(page.locator("table")).to_contain_text("Sara Secretariat")
    expect(page.locator("table")).not_to_contain_text("Stan Stranger")
    expect(page.get_by_role("link", name="Invite a person")).to_have_count(0)
    shot(page, "05-focal-people-en")


def test_secretariat_confirms_a_code_invites_and_finds_it_in_the_audit_log(
    page: Page, live_server, live_cast: Cast, shot, run_queued_tasks
) -> None:
    page.goto("/b/twg/people/")
    expect(page).to_have_url(f"{live_server.url}/login/?next=/b/twg/people/")
    submit_login(page, "sec@example.org")

    # The secretariat must confirm a one-time code before going anywhere.
    expect(page).to_have_url(f"{live_server.url}/account/two-factor/?next=/b/twg/people/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-step sign-in")
    # First the code mailed to the account's own address; only then the authenticator's secret.
    expect(page.locator(".qr svg")).to_have_count(0)
    shot(page, "06-secretariat-two-factor-email-en")
    run_queued_tasks()  # as the worker would
    mailed = re.search(r"\b\d{4} \d{4}\b", str(mail.outbox[-1].body))
    assert mailed is not None and mail.outbox[-1].to == ["sec@example.org"]
    page.get_by_label("Code from the e-mail").fill(mailed.group(0))
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator(".qr svg")).to_be_visible()
    shot(page, "06-secretariat-two-factor-en")
    secret = page.locator("code.secret").inner_text().replace(" ", "")
    device = TOTPDevice.objects.get(user=live_cast.secretariat)
    assert not device.confirmed
    assert base64.b32decode(secret) == device.bin_key  # the page shows the device's key
    code = TOTP(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    page.get_by_label("Code").fill(f"{code.token():0{device.digits}d}")
    page.get_by_role("button", name="Confirm").click()

    expect(page).to_have_url(f"{live_server.url}/b/twg/people/")
    expect(page.get_by_role("heading", level=1)).to_have_text("People and roles")
    device.refresh_from_db()
    assert device.confirmed
    shot(page, "07-secretariat-people-en")

    page.get_by_role("link", name="Invite a person").click()
    expect(page).to_have_url(f"{live_server.url}/b/twg/people/invite/")
    page.get_by_label("Full name").fill("Dewi Newcomer")
    page.get_by_label("E-mail address").fill("dewi@example.org")
    page.locator("#id_role").select_option(Role.FOCAL_POINT.value)
    page.locator("#id_unit").select_option(label="Agency C")
    page.locator("#id_language").select_option("id")
    shot(page, "08-secretariat-invite-en")
    page.get_by_role("button", name="Send invitation").click()

    expect(page).to_have_url(f"{live_server.url}/b/twg/people/")
    expect(page.get_by_role("status")).to_contain_text("Invitation sent to dewi@example.org.")
    expect(page.get_by_role("heading", name="Open invitations")).to_be_visible()
    invitation_row = page.locator("tr", has_text="dewi@example.org")
    expect(invitation_row).to_contain_text("Dewi Newcomer")
    expect(invitation_row).to_contain_text("dewi@example.org")
    expect(invitation_row).to_contain_text("Focal point · Agency C")
    expect(invitation_row.get_by_role("button", name="Withdraw")).to_be_visible()
    shot(page, "09-secretariat-people-invited-en")
    invitation = Invitation.objects.get(email="dewi@example.org")
    assert invitation.body == live_cast.body
    assert invitation.role == Role.FOCAL_POINT
    assert invitation.unit == live_cast.unit_c
    assert invitation.language == "id"
    assert invitation.invited_by == live_cast.secretariat

    page.get_by_role("navigation", name="Body").get_by_role("link", name="Audit log").click()
    expect(page).to_have_url(f"{live_server.url}/b/twg/audit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Audit log")
    entry = page.locator("tbody tr", has=page.locator("code", has_text="members.invitation.sent"))
    expect(entry).to_have_count(1)
    expect(entry).to_contain_text("Sara Secretariat")
    expect(entry).to_contain_text("dewi@example.org")
    shot(page, "10-secretariat-audit-en")
    assert AuditEntry.objects.filter(
        action="members.invitation.sent", body=live_cast.body, actor=live_cast.secretariat
    ).exists()


def test_leader_reads_but_cannot_invite(
    new_context, signed_in, live_server, live_cast: Cast, shot
) -> None:
    context: BrowserContext = new_context()
    signed_in(context, live_cast.leader)
    page = context.new_page()

    page.goto("/b/twg/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Test Working Group")
    expect(page.locator(".page-head")).to_contain_text("Leader / observer")
    expect(page.get_by_role("link", name="Invite a person")).to_have_count(0)
    expect(page.get_by_role("link", name="Audit log")).to_have_count(0)
    shot(page, "11-leader-overview-en")

    page.goto("/b/twg/people/")
    expect(page.locator("table")).to_contain_text("Anh Focal")
    expect(page.get_by_role("link", name="Invite a person")).to_have_count(0)
    expect(page.get_by_role("heading", name="Open invitations")).to_have_count(0)
    shot(page, "12-leader-people-en")

    response = page.goto("/b/twg/people/invite/")
    assert response is not None
    assert response.status == 403
    # The site's own 403 page, in the normal layout, with a way back.
    expect(page.get_by_role("heading", level=1)).to_have_text("Not allowed")
    expect(page.locator("main")).to_contain_text("This page is not open to your role.")
    expect(page.get_by_role("link", name="Back to your bodies")).to_have_attribute("href", "/")
    expect(page.locator(".topbar")).to_contain_text("Lan Leader")
    expect(page.locator("#id_email")).to_have_count(0)
    shot(page, "13-leader-invite-403-en")
    assert not Invitation.objects.exists()


def test_first_tab_focuses_the_skip_link(
    new_context, signed_in, live_server, live_cast: Cast
) -> None:
    context: BrowserContext = new_context()
    signed_in(context, live_cast.focal_a)
    page = context.new_page()
    page.goto("/b/twg/people/")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).not_to_be_in_viewport()  # hidden off-screen until focused
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_text("Skip to content")
    expect(focused).to_have_attribute("href", "#content")
    expect(focused).to_be_in_viewport()  # it slides into view when focused
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/b/twg/people/#content")
    # The next Tab continues inside the main content, past the top bar and the tabs.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")
