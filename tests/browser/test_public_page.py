"""From preparing a release to reading it anonymously: the secretariat chooses who signs off,
prepares a release, sends it; unit A's focal point approves; the secretariat publishes; a visitor
without an account reads it on a desktop and on a phone, in English and in Vietnamese, and
downloads its CSV."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, ViewportSize, expect

from lintas.cases.models import TLP
from lintas.members.models import User
from lintas.public.models import Release
from tests.cases.test_statistics import _case_with_victims
from tests.conftest import Cast

pytestmark = pytest.mark.browser

PHONE: ViewportSize = {"width": 390, "height": 844}


def _no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"]  # type: ignore[index]


def test_a_release_goes_from_the_secretariat_to_an_anonymous_reader(
    live_cast: Cast,
    new_context: Callable[..., BrowserContext],
    signed_in: Callable[[BrowserContext, User], None],
    shot: Callable[[Page, str], Path],
) -> None:
    c = live_cast
    _case_with_victims(c, "CLEAR-1", TLP.CLEAR, 12, nationality="VN")
    _case_with_victims(c, "CLEAR-2", TLP.CLEAR, 14, nationality="ID")
    _case_with_victims(c, "GREEN-1", TLP.GREEN, 20, nationality="PH")  # never public
    secretariat = new_context()
    signed_in(secretariat, c.secretariat)
    page = secretariat.new_page()

    # The secretariat asks unit A's focal point to sign off, within a week.
    page.goto(f"/b/{c.body.slug}/")
    page.get_by_role("link", name="Releases").click()
    page.get_by_role("link", name="Sign-off settings").click()
    page.get_by_label("The listed units").check()
    page.get_by_label(str(c.unit_a.label)).check()
    page.get_by_label("Days to answer").fill("7")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved.")).to_be_visible()

    # It prepares a release of the nationality table only, and sends it for sign-off.
    page.goto(f"/b/{c.body.slug}/releases/new/")
    page.get_by_label("Title").fill("Victims identified, 2024")
    for name in ("type of exploitation", "sex", "age at identification"):
        page.get_by_label(f"Victims by year and {name}").uncheck()
    shot(page, "public-1-prepare")
    page.get_by_role("button", name="Prepare", exact=True).click()
    expect(page.get_by_role("heading", name="Victims identified, 2024")).to_be_visible()
    page.get_by_role("button", name="Send for sign-off").click()
    expect(page.get_by_text("Awaiting sign-off")).to_be_visible()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Still waiting for")).to_be_visible()  # not before the approval

    # Unit A's focal point approves.
    focal = new_context()
    signed_in(focal, c.focal_a)
    release = Release.objects.get(body=c.body)
    approval = focal.new_page()
    approval.goto(f"/b/{c.body.slug}/releases/{release.pk}/sign-off/")
    approval.get_by_role("button", name="Approve").click()
    expect(approval.get_by_text("Your answer is recorded.")).to_be_visible()

    # The secretariat publishes; the log says who approved.
    page.reload()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Published").first).to_be_visible()
    expect(page.get_by_text("approved").first).to_be_visible()
    shot(page, "public-2-published")

    # A visitor without an account reads it, on a desktop and on a phone.
    for name, viewport in (("desktop", None), ("phone", PHONE)):
        reader = new_context(viewport).new_page()
        reader.goto(f"/public/{c.body.slug}/")
        expect(reader.get_by_role("heading", name="Victims identified, 2024")).to_be_visible()
        assert reader.locator("nav.bodybar").count() == 0
        assert reader.locator('td[data-cell="nationality|total|total"]').inner_text() == "26"
        assert reader.get_by_text("PH", exact=True).count() == 0  # the GREEN case is not public
        assert reader.locator("script").count() == 0
        _no_sideways_scroll(reader)
        shot(reader, f"public-3-page-{name}")
        reader.get_by_role("link", name="Tiếng Việt").click()
        expect(reader.locator("html")).to_have_attribute("lang", "vi")
        expect(reader.get_by_role("heading", name="Tất cả các lần công bố")).to_be_visible()
        _no_sideways_scroll(reader)
        shot(reader, f"public-4-page-vi-{name}")
        reader.get_by_role("link", name="Vì sao một số số liệu bị giữ lại").click()
        expect(reader.get_by_role("heading", level=1)).to_have_text(
            "Số liệu được bảo vệ như thế nào"
        )
        shot(reader, f"public-5-privacy-vi-{name}")

    reader = new_context().new_page()
    reader.goto(f"/public/{c.body.slug}/")
    with reader.expect_download() as download:
        reader.get_by_role("link", name="Download CSV").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert ",nationality,total,total,26,0" in text
