"""Every main page of every part of Lintas at a 390x844 phone on the whole demo: the document is
never wider than the screen (a wide table scrolls inside its own frame), and a screenshot of
each page is saved to be looked at."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import BrowserContext, expect

from lintas.cases.models import Case
from lintas.events.models import Event
from lintas.exchange.models import Message
from lintas.members.demo import WG_SLUG
from lintas.members.models import User
from lintas.networks.models import Network
from lintas.plans.models import Phase
from lintas.reporting.models import Obligation, ReportTemplate, Submission

pytestmark = pytest.mark.browser

PHONE_TALL = {"width": 390, "height": 844}
WG = f"/b/{WG_SLUG}"


@pytest.fixture
def whole_demo(transactional_db: None) -> None:
    call_command("demo", quiet=True)


def _pages() -> list[tuple[str, str, str]]:
    """(name, address, e-mail of the person who uses the page)."""
    sec = "wg.secretariat@demo.lintas.example"
    focal = "wg.vn-cd@demo.lintas.example"
    obligation = Obligation.objects.filter(body__slug=WG_SLUG).order_by("id").first()
    assert obligation is not None
    draft = Submission.objects.filter(
        obligation__body__slug=WG_SLUG, unit__memberships__user__email=focal
    ).first()
    case = Case.objects.filter(body__slug=WG_SLUG, tlp="amber").order_by("id").first()
    message = Message.objects.filter(body__slug=WG_SLUG, tlp="amber").order_by("id").first()
    event = Event.objects.filter(body__slug=WG_SLUG).order_by("id").first()
    phase = Phase.objects.filter(body__slug=WG_SLUG, predecessor__isnull=True).first()
    network = Network.objects.filter(body__slug=WG_SLUG).order_by("id").first()
    template = ReportTemplate.objects.filter(body__slug=WG_SLUG).order_by("id").first()
    assert template is not None
    unit = draft.unit if draft is not None else None
    pages = [
        ("overview", f"{WG}/", sec),
        ("units", f"{WG}/units/", sec),
        ("people", f"{WG}/people/", sec),
        ("audit", f"{WG}/audit/", sec),
        ("reports", f"{WG}/reports/", sec),
        ("matrix", f"{WG}/reports/obligations/{obligation.pk}/", sec),
        ("my-reports", f"{WG}/reports/mine/", focal),
        ("templates", f"{WG}/reports/templates/", sec),
        ("dashboard", f"{WG}/dashboard/", sec),
        ("synthesis", f"{WG}/synthesis/", sec),
        ("synthesis-report", f"{WG}/synthesis/obligations/{obligation.pk}/", sec),
        ("template", f"{WG}/reports/templates/{template.pk}/", sec),
        ("template-builder", f"{WG}/reports/templates/{template.pk}/edit/", sec),
        ("template-new", f"{WG}/reports/templates/new/", sec),
        ("cases", f"{WG}/cases/", sec),
        ("case-new", f"{WG}/cases/new/", focal),
        ("case-import", f"{WG}/cases/import/", focal),
        ("statistics", f"{WG}/cases/statistics/", sec),
        ("referrals", f"{WG}/referrals/", focal),
        ("exchange", f"{WG}/exchange/", sec),
        ("compose", f"{WG}/exchange/new/", sec),
        ("exchange-measures", f"{WG}/exchange/measures/", sec),
        ("networks", f"{WG}/networks/", "wg.analyst@demo.lintas.example"),
        ("plans", f"{WG}/plans/", sec),
        ("library", f"{WG}/plans/library/", sec),
        ("events", f"{WG}/events/", sec),
        ("notifications", "/notifications/", sec),
        ("account", "/account/", sec),
        ("two-factor", "/account/two-factor/", sec),
        ("password", "/account/password/", sec),
        ("sign-in", "/login/", ""),
        ("public-page", f"/public/{WG_SLUG}/", ""),
    ]
    if draft is not None:
        pages.append(("submission", f"{WG}/submissions/{draft.pk}/edit/", focal))
        pages.append(("submission-view", f"{WG}/submissions/{draft.pk}/", focal))
    if unit is not None:
        pages.append(("unit", f"{WG}/units/{unit.pk}/", sec))
    if case is not None and case.created_by is not None:
        pages.append(("case", f"{WG}/cases/{case.pk}/", case.created_by.email))
    if message is not None:
        pages.append(("message", f"{WG}/exchange/{message.pk}/", message.author.email))
    if event is not None:
        e = f"{WG}/events/{event.pk}/"
        pages += [("event", e, sec), ("delegates", e + "delegates/", sec)]
        pages += [("agenda", e + "agenda/", sec)]
        pages += [("check-in", e + "check-in/", sec), ("attendance", e + "attendance/", sec)]
    if phase is not None:
        p = f"{WG}/plans/{phase.pk}/"
        pages += [("phase", p, sec), ("timeline", p + "timeline/", sec)]
        if evaluation := phase.evaluations.first():
            pages.append(("evaluation", f"{p}evaluations/{evaluation.pk}/", sec))
    if network is not None:
        pages.append(("network", f"{WG}/networks/{network.pk}/", "wg.analyst@demo.lintas.example"))
    return pages


def test_every_main_page_fits_a_phone(new_context: Any, signed_in: Any, whole_demo: None, shot):
    contexts: dict[str, BrowserContext] = {}
    too_wide: list[str] = []
    missing: list[str] = []
    for name, url, email in _pages():
        if email not in contexts:
            contexts[email] = new_context(viewport=PHONE_TALL)
            if email:
                signed_in(contexts[email], User.objects.get(email=email))
        page = contexts[email].pages[0] if contexts[email].pages else contexts[email].new_page()
        response = page.goto(url)
        if response is None or response.status != 200:
            missing.append(f"{url} ({response.status if response else 'no answer'})")
            continue
        width = page.evaluate("document.documentElement.scrollWidth")
        shot(page, f"phone-{name}")
        if width > PHONE_TALL["width"]:
            too_wide.append(f"{url} is {width} px wide")
    assert missing == [], missing
    assert too_wide == [], too_wide
    # The body's tabs are one row on a phone, with the current tab in view.
    page = contexts["wg.secretariat@demo.lintas.example"].pages[0]
    page.goto(f"{WG}/events/")
    strip = page.locator(".bodybar .tabs")
    one_row = strip.evaluate("s => s.getBoundingClientRect().height")
    tab = page.locator(".bodybar .tabs a").first.evaluate("a => a.getBoundingClientRect().height")
    assert one_row < 2 * tab
    box = page.locator(".bodybar .tabs a[aria-current='page']").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE_TALL["width"]

    # The leaders' dashboard: each chart over time starts at its latest month, no swipe needed.
    page.goto(f"{WG}/dashboard/")
    charts = page.locator(".rate-chart")
    scrolled = 0
    for i in range(charts.count()):
        chart = charts.nth(i)
        last = chart.locator(".rate-col").last.bounding_box()
        first = chart.locator(".rate-col").first.bounding_box()
        assert last is not None and first is not None
        assert last["x"] >= 0 and last["x"] + last["width"] <= PHONE_TALL["width"]
        if chart.evaluate("c => c.scrollWidth > c.clientWidth"):
            scrolled += 1
            assert first["x"] < 0  # the oldest months are a swipe to the left
    assert scrolled >= 1, "no chart is wider than a phone: the test shows nothing"

    # The template builder: saved fields start folded to their labels on a phone, and open.
    template = ReportTemplate.objects.filter(body__slug=WG_SLUG).order_by("id").first()
    assert template is not None
    page.goto(f"{WG}/reports/templates/{template.pk}/edit/")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 6 * PHONE_TALL["height"], f"the builder is {height} px tall"
    field = page.locator("details.builder-field").first
    code = field.locator("input[name$='_code']")
    expect(code).to_be_hidden()
    field.locator("summary").click()
    expect(code).to_be_visible()
    # Without folding (a wide screen), every field is open as before.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.reload()
    expect(field.locator("input[name$='_code']")).to_be_visible()
