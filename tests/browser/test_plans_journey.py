"""The joint action phase journey in chromium: the secretariat drafts a phase with a result, an
activity led by unit A and an indicator; unit A's focal point records an actual (a percentage
over 100 first, refused naming the field); the 12-month evaluation is written with a lesson, a
good practice and a recommendation owned by unit A, whose focal point accepts it; the next
phase is drafted from it carrying that recommendation. Screenshots, desktop and phone, go to
test-artifacts/screenshots/."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from lintas.plans import services
from lintas.plans.models import Phase, Recommendation
from lintas.policy import SYSTEM
from tests.browser.conftest import PHONE
from tests.conftest import Cast

pytestmark = pytest.mark.browser


def test_a_phase_is_drafted_reported_evaluated_and_carried_into_the_next(
    new_context, signed_in, live_cast: Cast, shot
) -> None:
    c = live_cast
    slow = 60_000  # a long page on a busy machine

    def context(**kw: Any) -> Any:
        made = new_context(**kw)
        made.set_default_timeout(slow)
        made.set_default_navigation_timeout(slow)
        return made

    sec_ctx = context()
    signed_in(sec_ctx, c.secretariat)
    s = sec_ctx.new_page()
    s.goto("/b/twg/plans/")
    s.get_by_label("Name", exact=True).fill("Joint Action Phase 2023-2024")
    s.get_by_label("Starts on").fill("2023-01-01")
    s.get_by_label("Ends on").fill("2024-12-31")
    s.get_by_role("button", name="Draft the phase").click()
    expect(s.locator("h1")).to_have_text("Joint Action Phase 2023-2024")
    phase = Phase.objects.get(name="Joint Action Phase 2023-2024")

    s.locator("summary", has_text="Add a result").click()
    form = s.locator("form", has=s.locator("input[name=action][value=result]"))
    form.get_by_label("Code", exact=True).fill("1.1")
    form.get_by_label("Level").select_option("outcome")
    form.get_by_label("Title (English)").fill("Agencies answer alerts in time")
    form.get_by_role("button", name="Add the result").click()
    expect(s.locator(".messages")).to_contain_text("The result is added.")

    s.locator("summary", has_text="Add an activity").click()
    form = s.locator("form", has=s.locator("input[name=action][value=activity]"))
    form.get_by_label("Code", exact=True).fill("A1")
    form.get_by_label("Starts on").fill("2023-02-01")
    form.get_by_label("Ends on").fill("2023-12-31")
    form.get_by_label("Title (English)").fill("Duty roster for urgent alerts")
    form.locator("fieldset", has_text="Lead units").get_by_label("Agency A").check()
    form.locator("fieldset", has_text="Contributing units").get_by_label("Agency B").check()
    form.get_by_role("button", name="Add the activity").click()
    expect(s.locator(".messages")).to_contain_text("The activity is added.")

    s.locator("summary", has_text="Add an indicator").click()
    form = s.locator("form", has=s.locator("input[name=action][value=indicator]"))
    form.get_by_label("Code", exact=True).fill("I1")
    form.locator("select[name=owner]").select_option(label="— A1 Duty roster for urgent alerts")
    form.locator("select[name=measure]").select_option("percentage")
    form.get_by_label("Name (English)").fill("Urgent alerts acknowledged within an hour")
    form.get_by_label("Definition", exact=True).fill(
        "Share of urgent alerts acknowledged within an hour"
    )
    form.get_by_role("button", name="Add the indicator").click()
    expect(s.locator(".messages")).to_contain_text("The indicator is added.")
    indicator = phase.indicators.get()
    s.goto(f"/b/twg/plans/{phase.pk}/indicators/{indicator.pk}/")
    form = s.locator("form", has=s.locator("input[name=action][value=target]"))
    form.get_by_label("Period").select_option("2023Q4")
    form.get_by_label("Value").fill("90")
    form.get_by_role("button", name="Set the target").click()
    expect(s.locator(".messages")).to_contain_text("The target is set.")

    # --- unit A's focal point records the actual of the quarter ---------------------------------
    a_ctx = context()
    signed_in(a_ctx, c.focal_a)
    a = a_ctx.new_page()
    a.goto(f"/b/twg/plans/{phase.pk}/indicators/{indicator.pk}/")
    form = a.locator("form", has=a.locator("input[name=action][value=actual]"))
    form.get_by_label("Period").select_option("2023Q4")
    form.get_by_label("Value", exact=True).fill("120")
    form.get_by_role("button", name="Record the actual").click()
    expect(a.locator(".messages")).to_contain_text("Value: A percentage cannot be over 100.")
    form = a.locator("form", has=a.locator("input[name=action][value=actual]"))
    form.get_by_label("Period").select_option("2023Q4")
    form.get_by_label("Value", exact=True).fill("72.5")
    form.get_by_label("Comment", exact=True).fill("The night shift started in November")
    form.get_by_role("button", name="Record the actual").click()
    expect(a.locator("table")).to_contain_text("72.5")
    shot(a, "plans-1-indicator")

    # --- the 12-month evaluation --------------------------------------------------------------
    s.goto(f"/b/twg/plans/{phase.pk}/")
    s.locator("summary", has_text="Start an evaluation").click()
    form = s.locator("form", has=s.locator("input[name=action][value=evaluation]"))
    form.get_by_label("Title", exact=True).fill("12-month evaluation")
    form.get_by_label("As of").fill("2023-12-31")
    form.get_by_role("button", name="Start the evaluation").click()
    s.get_by_role("link", name="12-month evaluation").click()
    expect(s.locator("h1")).to_have_text("12-month evaluation")
    expect(s.locator("table")).to_contain_text("At risk")  # 72.5 of 90: 81%

    s.locator("summary", has_text="Record a lesson").click()
    form = s.locator("form", has=s.locator("input[name=action][value=lesson]"))
    form.get_by_label("Title", exact=True).fill("Nights matter")
    form.get_by_label("What", exact=True).fill("Urgent alerts arrive at night")
    form.get_by_role("button", name="Record the lesson").click()
    expect(s.locator(".messages")).to_contain_text("The lesson is recorded.")

    s.locator("summary", has_text="Record a good practice").click()
    form = s.locator("form", has=s.locator("input[name=action][value=practice]"))
    form.get_by_label("Title", exact=True).fill("A named duty officer")
    form.get_by_label("What", exact=True).fill("One officer on duty each night")
    form.get_by_label("Evidence", exact=True).fill("Acknowledgements within the hour doubled")
    for criterion in ("Shows results", "Plausible cause-effect link", "Potential to replicate"):
        form.get_by_label(criterion).check()
    form.get_by_role("button", name="Record the good practice").click()
    expect(s.locator(".messages")).to_contain_text("The good practice is recorded.")

    s.locator("summary", has_text="Make a recommendation").click()
    form = s.locator("form", has=s.locator("input[name=action][value=recommendation]"))
    form.get_by_label("Recommendation", exact=True).fill(
        "Put every member country on the duty roster"
    )
    form.get_by_label("Owner unit").select_option(label="Agency A")
    form.get_by_role("button", name="Record the recommendation").click()
    expect(s.locator(".messages")).to_contain_text("its owner unit is told")
    shot(s, "plans-2-evaluation")

    # --- the owner unit responds -------------------------------------------------------------
    a.goto(f"/b/twg/plans/{phase.pk}/evaluations/{phase.evaluations.get().pk}/")
    form = a.locator("form", has=a.locator("input[name=action][value=respond]"))
    form.get_by_label("Management response").select_option("accepted")
    form.get_by_label("Due on").fill("2025-06-30")
    form.get_by_role("button", name="Respond").click()
    expect(a.locator(".messages")).to_contain_text("The management response is saved.")
    assert Recommendation.objects.get().response == "accepted"

    # --- the next phase carries the recommendation -------------------------------------------
    s.goto(f"/b/twg/plans/{phase.pk}/next/")
    expect(s.get_by_label("Put every member country on the duty roster")).to_be_checked()
    s.get_by_role("button", name="Draft the phase").click()
    expect(s.locator("h1")).to_have_text("2025-2026")
    expect(s.locator(".plan-tree")).to_contain_text("Put every member country on the duty roster")
    shot(s, "plans-3-next-phase")

    phone = context(viewport=PHONE)
    signed_in(phone, c.secretariat)
    p = phone.new_page()
    p.goto(f"/b/twg/plans/{phase.pk}/timeline/")
    expect(p.locator(".tl-bar")).to_have_count(1)
    shot(p, "plans-4-timeline-phone")


def test_lead_units_report_progress_on_time_and_late_and_the_matrix_shows_which(
    new_context, signed_in, live_cast: Cast, shot
) -> None:
    """Progress updates are obligations of the reporting regime: the update of the quarter under
    way is sent on time, that of a quarter long past is late, and the secretariat's timeliness
    matrix of the activity says so as for any report."""
    c = live_cast
    today = timezone.localdate()
    first = dt.date(today.year - 1, 1, 1)
    phase = services.create_phase(
        body=c.body,
        name="Joint Action Phase now",
        starts_on=first,
        ends_on=dt.date(today.year + 1, 12, 31),
        by=SYSTEM,
    )
    result = services.add_result(
        phase, level="outcome", code="1", title={"en": "Alerts answered"}, by=SYSTEM
    )
    services.add_activity(
        result,
        code="A1",
        title={"en": "Duty roster"},
        lead_units=[c.unit_a],
        starts_on=first,
        ends_on=dt.date(today.year + 1, 12, 31),
        by=SYSTEM,
    )
    sec_ctx = new_context()
    signed_in(sec_ctx, c.secretariat)
    s = sec_ctx.new_page()
    s.goto(f"/b/twg/plans/{phase.pk}/")
    s.get_by_role("button", name="Ask lead units for progress updates").click()
    expect(s.locator(".messages")).to_be_visible()
    obligation = phase.activities.get().obligation
    assert obligation is not None

    now_key = f"{today.year}Q{(today.month - 1) // 3 + 1}"
    past_key = f"{first.year}Q1"
    focal = new_context()
    signed_in(focal, c.focal_a)
    fp = focal.new_page()
    for key, status in ((now_key, "Under way"), (past_key, "Done")):
        fp.goto("/b/twg/reports/mine/")
        row = fp.locator("tr", has_text=key).filter(has_text="A1")
        row.get_by_role("button", name="Start").click()
        expect(fp.locator("main")).to_contain_text("A1 · Duty roster")  # which activity
        fp.get_by_label("Status").select_option(label=status)
        fp.get_by_label("What was done in the period").fill("Night shifts staffed in each week")
        fp.get_by_role("button", name="Submit to the secretariat").click()
        expect(fp.get_by_text("Report sent.")).to_be_visible()

    s.goto(f"/b/twg/reports/obligations/{obligation.pk}/")
    cells = s.locator("#matrix tbody tr", has_text=c.unit_a.short_name or c.unit_a.name)
    titles = cells.locator(".cell").evaluate_all("cells => cells.map(c => c.title)")
    keys = s.locator("#matrix thead th").evaluate_all("ths => ths.map(t => t.textContent)")[1:]
    by_key = dict(zip(keys, titles, strict=False))
    assert "late" in by_key[past_key].lower(), by_key
    assert "late" not in by_key[now_key].lower(), by_key
    shot(s, "plans-5-progress-matrix")
