"""Every main page in each language and on a phone, with screenshots, on the demo data."""

from __future__ import annotations

import pytest
from django.utils import translation
from playwright.sync_api import BrowserContext, Page, expect

from lintas.members.demo import WG_SLUG, load_demo
from lintas.members.models import User
from lintas.reporting.demo import load_reporting_demo

from .conftest import PHONE

pytestmark = pytest.mark.browser

SECRETARIAT = "wg.secretariat@demo.lintas.example"
FOCAL = "wg.vn-cd@demo.lintas.example"
WG = f"/b/{WG_SLUG}"
WG_NAME = "Regional Working Group on Disrupting People-Smuggling and Trafficking Networks"

TABS = ["Overview", "Member units", "People", "Audit log"]

# (screenshot name, address, text the page must show (by language where names differ), only
# for managers)
PAGES: list[tuple[str, str, str | dict[str, str], bool]] = [
    ("home", "/", WG_NAME, False),
    ("overview", f"{WG}/", {"en": "Viet Nam", "vi": "Việt Nam", "id": "Vietnam"}, False),
    ("units", f"{WG}/units/", {"en": "Viet Nam", "vi": "Việt Nam", "id": "Vietnam"}, False),
    ("people", f"{WG}/people/", "@demo.lintas.example", False),
    ("invite", f"{WG}/people/invite/", "", True),
    ("audit", f"{WG}/audit/", "members.body.created", True),
    ("reports", f"{WG}/reports/", "", False),
    ("my-reports", f"{WG}/reports/mine/", "", False),
]


@pytest.fixture
def demo(transactional_db: None) -> None:
    load_demo()
    load_reporting_demo()


def person(email: str, language: str) -> User:
    user = User.objects.get(email=email)
    User.objects.filter(pk=user.pk).update(language=language)
    return user


def no_horizontal_scroll(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


@pytest.mark.parametrize(
    ("role", "email"),
    [("secretariat", SECRETARIAT), ("focal", FOCAL)],
    ids=["secretariat", "focal"],
)
def test_main_pages_in_each_language(
    new_context, signed_in, demo, role: str, email: str, shot
) -> None:
    manager = role == "secretariat"
    context: BrowserContext = new_context()
    user = person(email, "en")
    signed_in(context, user)
    page = context.new_page()
    for language in ("en", "vi", "id"):
        User.objects.filter(pk=user.pk).update(language=language)  # as the top-bar select does
        for index, (name, url, text, managers_only) in enumerate(PAGES, start=30):
            response = page.goto(url)
            assert response is not None
            if managers_only and not manager:
                assert response.status == 403, url
                continue
            assert response.status == 200, url
            expect(page.locator("html")).to_have_attribute("lang", language)
            expect(page.locator("#lang-select")).to_have_value(language)
            expect(page.locator("h1")).to_be_visible()
            if text:
                wanted = text[language] if isinstance(text, dict) else text
                expect(page.locator("main")).to_contain_text(wanted)
            if url.startswith(WG):
                expect(page.locator(".bodybar .body-name")).to_have_text(WG_NAME)
                audit_tab = page.locator(f".tabs a[href='{WG}/audit/']")
                expect(audit_tab).to_have_count(1 if manager else 0)
                with translation.override(language):
                    tabs = {translation.gettext(t) for t in TABS[: 4 if manager else 3]}
                assert tabs <= set(page.locator(".tabs a").all_inner_texts()), url
            assert no_horizontal_scroll(page), url
            shot(page, f"{index}-{role}-{name}-{language}")


def test_pages_fit_a_phone(new_context, signed_in, demo, shot) -> None:
    context: BrowserContext = new_context(viewport=PHONE)
    signed_in(context, person(SECRETARIAT, "en"))
    page = context.new_page()
    assert page.evaluate("window.innerWidth") == PHONE["width"]
    too_wide = []
    for index, (name, url, text, _managers_only) in enumerate(PAGES, start=50):
        page.goto(url)
        if text:
            expect(page.locator("main")).to_contain_text(
                text["en"] if isinstance(text, dict) else text
            )
        shot(page, f"{index}-secretariat-{name}-phone-en")
        if not no_horizontal_scroll(page):
            too_wide.append(url)
    # The people table turns into stacked cards: its header row is hidden on phones.
    page.goto(f"{WG}/people/")
    expect(page.locator("table.responsive thead").first).to_be_hidden()
    expect(page.locator("td[data-label='Person']").first).to_be_visible()
    # The top bar and the body tabs stay within the screen.
    for selector in (".topbar .inner", ".bodybar .tabs", "main"):
        box = page.locator(selector).bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= PHONE["width"] + 1, selector
    assert too_wide == []
