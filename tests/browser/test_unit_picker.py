"""The unit picker's filter box: typing hides the units that do not match, in the browser."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import BrowserContext, expect

from tests.conftest import Cast

pytestmark = pytest.mark.browser


def test_typing_in_the_filter_box_leaves_the_matching_units(
    new_context, signed_in, live_cast: Cast, shot
) -> None:
    context: BrowserContext = new_context()
    signed_in(context, live_cast.secretariat)
    page = context.new_page()
    page.goto(reverse("members:invite", args=[live_cast.body.slug]))
    select = page.locator("select[data-unit-picker]")
    box = page.locator("input.unit-filter")
    expect(box).to_be_visible()
    box.fill("agency b")
    visible = select.locator("option:not([hidden])")
    expect(visible).to_have_text(["---------", "Agency B"])
    groups = select.locator("optgroup").evaluate_all("gs => gs.map(g => [g.label, g.hidden])")
    assert groups == [["Viet Nam", False]]
    shot(page, "unit-picker-filtered")
    box.fill("")
    expect(select.locator("option:not([hidden])")).to_have_count(5)
