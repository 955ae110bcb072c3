"""Browser fixtures: one headless Debian chromium for the run, a fresh context per test.

Playwright's sync API runs an event loop in the main thread; Django refuses database work while
one is running unless DJANGO_ALLOW_ASYNC_UNSAFE is set (as the pytest-playwright docs advise).
The ``browser`` fixture sets it for as long as chromium is open: package scope closes chromium,
and lifts the setting, once the last browser test is done, so the rest of the suite keeps
Django's check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    ViewportSize,
    sync_playwright,
)

from lintas.members.models import User
from tests.conftest import Cast, audit_triggers_lifted, sign_in

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 800}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder is a browser test (the PostgreSQL run deselects them)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    with pytest.MonkeyPatch.context() as mp, sync_playwright() as pw:
        # Django reads this at each database call made while Playwright's loop runs.
        mp.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="package", autouse=True)
def _audit_log_can_be_flushed(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """Live-server tests end by emptying every table: see ``audit_triggers_lifted``. Package
    scope puts this around every browser test's database fixtures."""
    with audit_triggers_lifted(django_db_blocker):
        yield


@pytest.fixture
def live_cast(transactional_db: None, cast: Cast) -> Cast:
    """The test cast, committed so that the live server thread sees it."""
    return cast


@pytest.fixture
def new_context(browser: Browser, live_server) -> Iterator[Callable[..., BrowserContext]]:
    """Open browser contexts on the live server; all are closed after the test, which then
    fails if the browser refused anything under the Content-Security-Policy (an inline style or
    script that a page or its JavaScript wrote)."""
    opened: list[BrowserContext] = []
    refused: list[str] = []

    def _listen(message: ConsoleMessage) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            refused.append(f"{message.location.get('url', '')}: {message.text}")

    def _new(viewport: ViewportSize | None = None) -> BrowserContext:
        context = browser.new_context(
            base_url=live_server.url, viewport=viewport or DESKTOP, locale="en-GB"
        )
        context.set_default_timeout(10_000)
        context.on("console", _listen)
        opened.append(context)
        return context

    yield _new
    for context in opened:
        context.close()
    assert refused == [], "the Content-Security-Policy refused:\n" + "\n".join(refused)


@pytest.fixture
def page(new_context: Callable[..., BrowserContext]) -> Page:
    return new_context().new_page()


@pytest.fixture
def signed_in(live_server) -> Callable[[BrowserContext, User], None]:
    """Put a signed-in session (second factor confirmed) into a browser context.

    For tests whose subject is not the sign-in form itself: saves the form round trips.
    """

    def _sign_in(context: BrowserContext, user: User) -> None:
        client = sign_in(Client(), user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
        )

    return _sign_in


@pytest.fixture(scope="session")
def shot() -> Callable[[Page, str], Path]:
    """Save a full-page screenshot under test-artifacts/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def _shot(page: Page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return _shot
