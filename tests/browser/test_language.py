"""Switching the interface language with the select in the top bar."""

from __future__ import annotations

import pytest
from django.utils import translation
from playwright.sync_api import BrowserContext, Page, expect

from tests.conftest import Cast

pytestmark = pytest.mark.browser


TABS = ["Overview", "Member units", "People"]


def translated(words: list[str], code: str) -> list[str]:
    """The words as the compiled catalogue has them; each must differ from the English."""
    with translation.override(code):
        out = [translation.gettext(word) for word in words]
    untranslated = [w for w, t in zip(words, out, strict=True) if w == t]
    assert untranslated == [], f"{code}: no translation for {untranslated}"
    return out


def choose_language(page: Page, code: str) -> None:
    """Pick a language; the select submits its form on change and the page reloads."""
    with page.expect_navigation():
        page.locator("#lang-select").select_option(code)


def test_language_switch_sticks_across_pages(
    new_context, signed_in, live_server, live_cast: Cast, shot
) -> None:
    context: BrowserContext = new_context()
    signed_in(context, live_cast.focal_a)
    page = context.new_page()
    html = page.locator("html")

    page.goto("/b/twg/")
    expect(html).to_have_attribute("lang", "en")
    expect(page.locator("#lang-select")).to_have_value("en")

    choose_language(page, "vi")
    expect(page).to_have_url(f"{live_server.url}/b/twg/")  # back on the same page
    expect(html).to_have_attribute("lang", "vi")
    expect(page.locator("#lang-select")).to_have_value("vi")
    # Dates use Vietnamese formats ("Ngày 5 tháng 3 năm 2026").
    expect(page.locator("dl.facts")).to_contain_text("tháng")
    assert set(translated(TABS, "vi")) <= set(page.locator(".tabs a").all_inner_texts())
    expect(page.locator(".topbar button")).to_have_text(translated(["Sign out"], "vi"))
    live_cast.focal_a.refresh_from_db()
    assert live_cast.focal_a.language == "vi"  # saved on the profile
    shot(page, "20-focal-overview-vi")

    # Other pages, by link and by address, keep the language.
    page.locator(".tabs a[href$='/people/']").click()
    expect(page).to_have_url(f"{live_server.url}/b/twg/people/")
    expect(html).to_have_attribute("lang", "vi")
    shot(page, "21-focal-people-vi")
    page.goto("/b/twg/units/")
    expect(html).to_have_attribute("lang", "vi")
    page.goto("/")
    expect(html).to_have_attribute("lang", "vi")
    shot(page, "22-focal-home-vi")

    choose_language(page, "id")
    expect(page).to_have_url(f"{live_server.url}/")
    expect(html).to_have_attribute("lang", "id")
    expect(page.locator("#lang-select")).to_have_value("id")
    shot(page, "23-focal-home-id")
    page.locator("a.card", has_text="Test Working Group").click()
    expect(page).to_have_url(f"{live_server.url}/b/twg/")
    expect(html).to_have_attribute("lang", "id")
    expect(page.locator("dl.facts")).not_to_contain_text("tháng")
    assert set(translated(TABS, "id")) <= set(page.locator(".tabs a").all_inner_texts())
    shot(page, "24-focal-overview-id")
    live_cast.focal_a.refresh_from_db()
    assert live_cast.focal_a.language == "id"

    # A new browser session for the same person opens in the saved language.
    other: BrowserContext = new_context()
    signed_in(other, live_cast.focal_a)
    again = other.new_page()
    again.goto("/b/twg/people/")
    expect(again.locator("html")).to_have_attribute("lang", "id")


def test_language_switch_before_signing_in(page: Page, live_server, live_cast: Cast) -> None:
    page.goto("/login/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    choose_language(page, "vi")
    expect(page).to_have_url(f"{live_server.url}/login/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", level=1)).to_have_text(translated(["Sign in"], "vi")[0])
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    assert cookies["django_language"] == "vi"
    page.goto("/login/?next=/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
