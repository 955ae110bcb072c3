"""The secretariat edits an obligation and its reminder schedule in chromium, on a desktop and
on a phone."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from lintas.reporting import services
from lintas.reporting.models import Obligation
from tests.conftest import Cast
from tests.reporting.conftest import STRUCTURE

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def test_the_secretariat_edits_an_obligation_and_its_reminders(
    new_context, signed_in, live_cast: Cast, shot
) -> None:
    c = live_cast
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
        starts_on=dt.date(2024, 1, 1),
        due_days=10,
        expiry_days=30,
        by=c.secretariat,
    )
    context = new_context()
    signed_in(context, c.secretariat)
    page = context.new_page()
    page.goto(f"/b/twg/reports/obligations/{obligation.pk}/")
    page.get_by_role("link", name="Edit the obligation").click()
    expect(page.get_by_role("heading", name="Edit the obligation")).to_be_visible()

    # A lock before the deadline is refused next to the lock; nothing changes.
    page.get_by_label("Due, days after the period ends").fill("20")
    page.get_by_label("Locks after (days after the period)").fill("5")
    page.get_by_label("Remind, days before the deadline").fill("5, 2")
    page.get_by_label("Tell the secretariat, days after the deadline").fill("14")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The lock cannot come before the deadline.")).to_be_visible()
    shot(page, "obligation-edit-refused")
    assert Obligation.objects.get(pk=obligation.pk).due_days == 10

    page.get_by_label("Locks after (days after the period)").fill("45")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Obligation saved.")).to_be_visible()
    expect(page.locator("#schedule")).to_contain_text("5, 2 days before the deadline")
    expect(page.locator("#schedule")).to_contain_text("1, 7 days after it")
    expect(page.locator("#schedule")).to_contain_text("the secretariat is told 14 days after it")
    shot(page, "obligation-matrix-schedule")
    saved = Obligation.objects.get(pk=obligation.pk)
    assert (saved.due_days, saved.expiry_days, saved.reminder_days_before) == (20, 45, [5, 2])
    assert saved.escalation_days == 14

    phone = new_context(viewport=PHONE)
    signed_in(phone, c.secretariat)
    small = phone.new_page()
    small.goto(f"/b/twg/reports/obligations/{obligation.pk}/edit/")
    expect(small.get_by_label("Remind, days before the deadline")).to_have_value("5, 2")
    shot(small, "obligation-edit-phone")
    page.goto(f"/b/twg/reports/obligations/{obligation.pk}/edit/")
    shot(page, "obligation-edit-desktop")
