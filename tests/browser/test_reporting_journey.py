"""The reporting journey in chromium: fill, submit, return with a reason, fix, resubmit, and the
matrix cell that changes colour on the way."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import BrowserContext, Page, expect

from lintas.reporting import services
from lintas.reporting.models import Submission
from tests.conftest import Cast
from tests.reporting.conftest import STRUCTURE

pytestmark = pytest.mark.browser


def cell_colour(page: Page) -> str:
    cell = page.locator("#matrix tbody tr", has_text="Agency A").locator(".cell").first
    return cell.evaluate("el => getComputedStyle(el).backgroundColor")


def test_focal_point_submits_secretariat_returns_focal_point_fixes_and_resubmits(
    new_context, signed_in, live_cast: Cast, shot
) -> None:
    c = live_cast
    today = timezone.localtime(timezone.now(), c.body.tzinfo).date()
    last_month_start = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    template = services.create_template(
        body=c.body,
        code="monthly-situation",
        name={"en": "Monthly situation report"},
        structure=STRUCTURE,
        by=c.secretariat,
    )
    obligation = services.define_obligation(
        body=c.body,
        template=template,
        units=[c.unit_a, c.unit_b],
        period_type="monthly",
        starts_on=last_month_start,
        due_days=40,  # last month stays open whatever today's date
        timely_days=40,
        expiry_days=60,
        by=c.secretariat,
    )
    period = last_month_start.strftime("%Y-%m")
    matrix_url = f"/b/twg/reports/obligations/{obligation.pk}/"

    secretariat: BrowserContext = new_context()
    signed_in(secretariat, c.secretariat)
    sec = secretariat.new_page()
    sec.goto(matrix_url)
    expect(sec.locator("#matrix tbody tr")).to_have_count(2)
    colour_due = cell_colour(sec)

    # The focal point fills the report, first with a mistake the form points at.
    focal: BrowserContext = new_context()
    signed_in(focal, c.focal_a)
    fp = focal.new_page()
    fp.goto("/b/twg/reports/mine/")
    row = fp.locator("tr", has_text=period).filter(has_text="Agency A")
    row.get_by_role("button", name="Start").click()
    expect(fp.get_by_role("heading", level=1)).to_contain_text("Monthly situation report")
    fp.get_by_label("Cases identified").fill("4")
    fp.get_by_label("Victims assisted").fill("9")
    fp.get_by_label("Situation in the period").fill("Two fake job advertisements found.")
    fp.get_by_role("button", name="Submit to the secretariat").click()
    error = fp.locator("#field-victims .errorlist")
    expect(error).to_contain_text("Victims assisted cannot exceed cases identified.")
    shot(fp, "40-report-inline-error-en")
    fp.get_by_label("Cases identified").fill("12")
    fp.get_by_role("button", name="Submit to the secretariat").click()
    expect(fp.locator(".messages, .notice").first).to_be_visible()
    sub = Submission.objects.get(obligation=obligation, unit=c.unit_a)
    assert sub.state == Submission.State.SUBMITTED
    assert sub.data["cases"] == 12

    sec.reload()
    colour_submitted = cell_colour(sec)
    assert colour_submitted != colour_due
    shot(sec, "41-matrix-submitted-en")

    # The secretariat returns it with a reason.
    sec.locator("#matrix tbody tr", has_text="Agency A").locator("a.cell").first.click()
    sec.get_by_label("What needs fixing").fill(
        "Victims figure: count only those assisted this month."
    )
    sec.get_by_role("button", name="Return with these reasons").click()
    sub.refresh_from_db()
    assert sub.state == Submission.State.RETURNED
    sec.goto(matrix_url)
    colour_returned = cell_colour(sec)
    assert colour_returned not in {colour_due, colour_submitted}
    expect(
        sec.locator("#matrix tbody tr", has_text="Agency A").locator(".cell").first
    ).to_have_class("cell returned")

    # The focal point sees the reason, fixes and resends.
    fp.goto("/b/twg/reports/mine/")
    returned = fp.locator("section", has_text="Returned to you")
    expect(returned).to_contain_text("count only those assisted this month")
    shot(fp, "42-my-reports-returned-en")
    returned.get_by_role("link", name="Fix and send again").click()
    fp.get_by_label("Victims assisted").fill("7")
    fp.get_by_role("button", name="Submit to the secretariat").click()
    sub.refresh_from_db()
    assert (sub.state, sub.data["victims"]) == (Submission.State.SUBMITTED, 7)

    sec.goto(matrix_url)
    assert cell_colour(sec) == colour_submitted  # on time again, as its first arrival was
    shot(sec, "43-matrix-resubmitted-en")
