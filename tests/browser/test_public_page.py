"""An anonymous visitor reads a body's public statistics on a desktop and on a phone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, ViewportSize

from lintas.cases.models import TLP
from tests.cases.test_statistics import _case_with_victims
from tests.conftest import Cast

pytestmark = pytest.mark.browser

PHONE: ViewportSize = {"width": 390, "height": 844}


def test_a_visitor_reads_the_public_statistics_without_the_body_tabs(
    live_cast: Cast,
    new_context: Callable[..., BrowserContext],
    shot: Callable[[Page, str], Path],
) -> None:
    _case_with_victims(live_cast, "CLEAR-1", TLP.CLEAR, 12, nationality="VN")
    for name, viewport in (("desktop", None), ("phone", PHONE)):
        page = new_context(viewport).new_page()
        page.goto(f"/public/{live_cast.body.slug}/statistics/")
        assert page.locator("nav.bodybar").count() == 0
        assert page.locator('td[data-cell="nationality|total|total"]').inner_text() == "12"
        shot(page, f"public-statistics-{name}")
