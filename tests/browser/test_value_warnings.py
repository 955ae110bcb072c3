"""A figure far from the unit's usual one, in chromium: the focal point sees the warning, the
unit's median and the previous report's value beside the field, explains the figure in a comment
and submits; the secretariat reviews the warning and the comment. On a desktop and on a phone."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from lintas.policy import SYSTEM
from lintas.reporting import periods, services
from lintas.reporting.models import Submission
from tests.conftest import Cast

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

STRUCTURE = {
    "sections": [
        {
            "code": "figures",
            "title": {"en": "Figures for the month"},
            "fields": [
                {
                    "code": "cases",
                    "type": "integer",
                    "label": {"en": "Cases identified"},
                    "min": 0,
                    "soft_max": 60,
                },
                {
                    "code": "victims",
                    "type": "integer",
                    "label": {"en": "Victims assisted"},
                    "min": 0,
                },
                {
                    "code": "trained",
                    "type": "integer",
                    "label": {"en": "Officials trained"},
                    "help": {"en": "People who finished the course in the month."},
                    "min": 0,
                    "max": 100000,
                    "soft_max": 500,
                },
            ],
        }
    ]
}
USUAL = [11, 13, 10, 12, 14, 11, 12, 10]


def _mobile(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


def test_a_focal_point_explains_an_unusual_figure_and_the_secretariat_reviews_it(
    new_context, signed_in, live_cast: Cast, shot
) -> None:
    c = live_cast
    today = timezone.localtime(timezone.now(), c.body.tzinfo).date()
    first = (today.replace(day=1) - dt.timedelta(days=300)).replace(day=1)
    template = services.create_template(
        body=c.body, code="monthly", name={"en": "Monthly figures"}, structure=STRUCTURE, by=SYSTEM
    )
    obligation = services.define_obligation(
        body=c.body,
        template=template,
        units=[c.unit_a],
        period_type="monthly",
        starts_on=first,
        due_days=400,  # every month stays open whatever today's date
        by=SYSTEM,
    )
    months = periods.periods_between("monthly", first, today)
    for period, cases in zip(months, USUAL, strict=False):
        sub = services.start_submission(
            obligation=obligation, unit=c.unit_a, period_key=period.key, by=SYSTEM
        )
        data = {"cases": cases, "victims": cases - 2, "trained": 35}
        services.submit_report(sub, data=data, revision=sub.revision, by=SYSTEM)
    current = months[len(USUAL)]
    sub = services.start_submission(
        obligation=obligation, unit=c.unit_a, period_key=current.key, by=SYSTEM
    )
    services.save_draft(
        sub, data={"cases": 140, "victims": 9, "trained": 40}, revision=sub.revision, by=SYSTEM
    )
    edit = f"/b/twg/submissions/{sub.pk}/edit/"
    previous = months[len(USUAL) - 1].key

    for name, viewport in (("desktop", DESKTOP), ("phone", {**PHONE, "height": 844})):
        context = new_context(viewport)
        signed_in(context, c.focal_a)
        page = context.new_page()
        page.goto(edit)
        notes = page.locator("#notes-cases")
        expect(notes).to_contain_text("Higher than expected: the template expects at most 60.")
        expect(notes).to_contain_text("the median of its last 8 reports is 11.5")
        expect(page.locator("#field-cases .previous-value")).to_have_text(
            f"Previous report ({previous}): 10"
        )
        expect(page.locator("#notes-victims .warnlist")).to_have_count(0)
        expect(page.locator("#field-cases").get_by_label("Comment on this value")).to_be_visible()
        assert _mobile(page)
        shot(page, f"50-report-value-warning-{name}-en")

    # Submitting without a comment is refused at the field; with one it goes through.
    page.get_by_role("button", name="Submit to the secretariat").click()
    expect(page.locator("#field-cases .errorlist")).to_contain_text("say why in its comment")
    shot(page, "50-report-value-warning-refused-phone-en")
    page.locator("#field-cases").get_by_label("Comment on this value").fill(
        "A raid on a scam compound: 128 cases opened at once."
    )
    page.get_by_role("button", name="Submit to the secretariat").click()
    expect(page.locator(".messages, .notice").first).to_be_visible()
    sub.refresh_from_db()
    assert sub.state == Submission.State.SUBMITTED
    assert sub.comments == {"cases": "A raid on a scam compound: 128 cases opened at once."}

    for name, viewport in (("desktop", DESKTOP), ("phone", {**PHONE, "height": 844})):
        context = new_context(viewport)
        signed_in(context, c.secretariat)
        review = context.new_page()
        review.goto(f"/b/twg/submissions/{sub.pk}/")
        expect(review.locator(".notice.warn")).to_contain_text("1 value looks unusual")
        expect(review.locator(".value-comment-text")).to_contain_text("A raid on a scam compound")
        expect(review.locator(".previous-value").first).to_contain_text(
            f"Previous report ({previous}): 10"
        )
        assert _mobile(review)
        shot(review, f"51-report-value-review-{name}-en")
