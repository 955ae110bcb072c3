"""The case-sharing journey in chromium: unit A records a case with a victim and a suspect under
TLP:AMBER, records the victim's consent and shares the case with unit B; B reads it, C cannot
even find it; C breaks the glass with a reason and reads it; A sees that first on the case's
"who accessed" page. Screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, expect

from lintas.audit.models import AuditEntry
from lintas.cases.models import Case, EmergencyAccess
from tests.conftest import Cast

pytestmark = pytest.mark.browser

VICTIM = "Nguyễn Thị Hoa"
SUSPECT = "Trần Văn Hùng"
REFERENCE = "VN-HCM-2025-0042"
REASON = "Victim called our hotline from Sihanoukville; her life is at risk tonight."


def test_a_case_is_shared_with_consent_read_by_b_hidden_from_c_until_c_breaks_the_glass(
    new_context, signed_in, live_cast: Cast, shot
) -> None:
    c = live_cast
    # --- unit A records the case, a victim and a suspect --------------------------------------
    a_ctx: BrowserContext = new_context()
    signed_in(a_ctx, c.focal_a)
    a = a_ctx.new_page()
    a.goto("/b/twg/cases/")
    a.get_by_role("link", name="Record a case").first.click()
    a.get_by_label("Reference").fill(REFERENCE)
    a.get_by_label("Opened on").fill("2025-03-02")
    a.get_by_label("TLP label").select_option("amber")
    a.get_by_label("Country of identification").fill("KH")
    a.get_by_label("Forced criminality (e.g. online scam compounds)").check()
    a.get_by_label("Online job advertisement").check()
    a.get_by_label("Countries of origin").fill("VN")
    a.get_by_label("Destination countries").fill("KH")
    a.get_by_label("Narrative", exact=True).fill(
        "Recruited through a Facebook job advert for a casino job."
    )
    shot(a, "case-journey-1-record")
    a.get_by_role("button", name="Save").click()
    expect(a.locator("h1")).to_contain_text(REFERENCE)
    case = Case.objects.get(reference=REFERENCE)
    assert case.tlp == "amber" and case.owner_unit == c.unit_a

    for role, name, phone in [("victim", VICTIM, "0912 345 678"), ("suspect", SUSPECT, "")]:
        a.get_by_role("link", name="Add a person").click()
        a.get_by_label("Role in the case").select_option(role)
        a.get_by_label("Full name").fill(name)
        a.get_by_label("Sex").select_option("female" if role == "victim" else "male")
        a.get_by_label("Nationality").fill("VN")
        if phone:
            a.get_by_label("Phone numbers").fill(phone)
        a.get_by_role("button", name="Save").click()
        expect(a.get_by_text(name)).to_be_visible()

    # sharing the victim's data with B is refused until her consent is recorded
    a.get_by_role("link", name="Share with a unit").click()
    a.get_by_label("Share with").select_option(label="Agency B")
    a.get_by_label("Include personal data").check()
    a.get_by_role("button", name="Share").click()
    expect(a.locator(".errorlist")).to_contain_text("consent")
    shot(a, "case-journey-2-share-refused-without-consent")
    assert not case.shares.exists()

    a.goto(f"/b/twg/cases/{case.pk}/")
    a.get_by_role("link", name="Record consent").click()
    a.get_by_label("Consent to share with").select_option(label="Agency B")
    a.get_by_label("How consent was obtained").fill("Signed form, read to her in Vietnamese")
    a.get_by_role("button", name="Record consent").click()
    a.get_by_role("link", name="Share with a unit").click()
    a.get_by_label("Share with").select_option(label="Agency B")
    a.get_by_label("Include personal data").check()
    a.get_by_role("button", name="Share").click()
    expect(a.locator("main")).to_contain_text("Agency B")
    shot(a, "case-journey-3-shared")
    assert case.shares.filter(unit=c.unit_b, revoked_at__isnull=True).exists()

    # --- unit B reads it ------------------------------------------------------------------------
    b_ctx = new_context()
    signed_in(b_ctx, c.focal_b)
    b = b_ctx.new_page()
    b.goto("/b/twg/cases/")
    b.get_by_role("link", name=REFERENCE).click()
    expect(b.get_by_text(VICTIM)).to_be_visible()
    expect(b.get_by_text(SUSPECT)).to_be_visible()
    shot(b, "case-journey-4-b-reads")

    # --- unit C does not find it, then breaks the glass ----------------------------------------
    c_ctx = new_context()
    signed_in(c_ctx, c.focal_c)
    cp = c_ctx.new_page()
    cp.goto("/b/twg/cases/")
    expect(cp.locator("main")).not_to_contain_text(REFERENCE)
    cp.goto(f"/b/twg/cases/{case.pk}/")
    expect(cp.locator("main")).not_to_contain_text(VICTIM)
    expect(cp.locator("h1")).to_contain_text("You cannot read this case")
    shot(cp, "case-journey-5-c-no-access")
    cp.get_by_role("link", name="Request emergency access").click()
    cp.get_by_role("button", name="Break the glass").click()  # no reason: refused
    expect(cp.locator(".errorlist")).to_be_visible()
    assert not EmergencyAccess.objects.exists()
    cp.get_by_label("Why you need this case now").fill(REASON)
    cp.get_by_label("For how many hours").fill("2")
    cp.get_by_role("button", name="Break the glass").click()
    expect(cp.get_by_text(VICTIM)).to_be_visible()
    expect(cp.locator(".notice.warning")).to_contain_text("emergency access")
    shot(cp, "case-journey-6-c-emergency-read")

    # --- A sees it on the case's "who accessed" page, first --------------------------------------
    a.goto(f"/b/twg/cases/{case.pk}/")
    a.get_by_role("link", name="Who accessed it").click()
    emergency = a.locator(".notice.warning")
    expect(emergency).to_contain_text("Chi Focal")
    expect(emergency).to_contain_text(REASON)
    expect(a.locator("tr.alert-row").first).to_contain_text("broke the glass")
    expect(a.locator("tbody")).to_contain_text("read a person's data")
    shot(a, "case-journey-7-a-sees-who-accessed")
    a.get_by_role("link", name="Only people outside Agency A").click()
    expect(a.locator("tbody")).not_to_contain_text("Anh Focal")
    expect(a.locator("tbody")).to_contain_text("Budi Focal")
    expect(a.locator("tbody")).to_contain_text("Chi Focal")
    shot(a, "case-journey-8-a-sees-outsiders-only")
    reads = AuditEntry.objects.filter(action="cases.person.viewed", actor=c.focal_c)
    assert reads.count() == 2  # the victim and the suspect, each read once
    assert AuditEntry.objects.filter(action="cases.case.glass_broken", reason=REASON).exists()
