"""A forgotten password, reset through the link of the e-mail, end to end; and backup codes."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from lintas.members import tasks
from tests.conftest import Cast

pytestmark = pytest.mark.browser

NEW_PASSWORD = "river delta 2026 morning"


def test_a_forgotten_password_is_reset_through_the_emailed_link(
    new_context, live_server, live_cast: Cast, mailoutbox, run_queued_tasks, shot
) -> None:
    person = live_cast.focal_a
    page: Page = new_context().new_page()

    page.goto("/login/")
    shot(page, "acct-01-sign-in-with-forgot-link")
    page.get_by_role("link", name="Forgot your password?").click()
    expect(page.locator("h1")).to_have_text("Forgot your password?")
    page.get_by_label("E-mail address").fill(person.email)
    shot(page, "acct-02-forgot-password")
    page.get_by_role("button", name="Send the link").click()
    expect(page.locator("h1")).to_have_text("Look in your mailbox")
    shot(page, "acct-03-look-in-your-mailbox")

    assert mailoutbox == []  # the e-mail leaves from the worker
    assert run_queued_tasks(tasks.send_password_reset) == ["sent"]
    assert [m.to for m in mailoutbox] == [[person.email]]
    found = re.search(r"https?://[^/\s]+(/password-reset/\S+/)", mailoutbox[0].body)
    assert found, mailoutbox[0].body
    link = found.group(1)

    page.goto(link)
    expect(page.locator("h1")).to_have_text("Choose a new password")
    page.locator("#id_new_password1").fill(NEW_PASSWORD)
    page.locator("#id_new_password2").fill(NEW_PASSWORD)
    shot(page, "acct-04-choose-new-password")
    page.get_by_role("button", name="Save the new password").click()
    expect(page.locator("h1")).to_have_text("Password saved")
    shot(page, "acct-05-password-saved")

    page.get_by_role("link", name="Sign in", exact=True).last.click()
    page.locator("#id_username").fill(person.email)
    page.locator("#id_password").fill(NEW_PASSWORD)
    page.locator("form.stack button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.locator(".topbar")).to_contain_text(person.full_name)

    # the link worked once
    other = new_context().new_page()
    other.goto(link)
    expect(other.locator("#link-refused")).to_contain_text("can no longer be used")
    shot(other, "acct-06-link-used-already")


def test_backup_codes_are_shown_once_and_one_opens_the_second_step(
    new_context, signed_in, live_server, live_cast: Cast, mailoutbox, run_queued_tasks, shot
) -> None:
    context: BrowserContext = new_context()
    signed_in(context, live_cast.secretariat)
    page = context.new_page()
    page.goto("/account/")
    shot(page, "acct-07-account-links")
    page.get_by_role("link", name="Backup codes").click()
    expect(page.locator("#backup-codes-left")).to_contain_text("0 unused backup codes")
    page.get_by_role("button", name="Make new backup codes").click()
    expect(page.locator("#backup-codes li")).to_have_count(10)
    shot(page, "acct-08-backup-codes")
    codes = page.locator("#backup-codes li").all_inner_texts()
    page.reload()
    expect(page.locator("#backup-codes")).to_have_count(0)
    expect(page.locator("#backup-codes-left")).to_contain_text("10 unused backup codes")

    # elsewhere, without the phone: the password, then a backup code instead of the app's code
    person = live_cast.secretariat
    person.set_password(NEW_PASSWORD)
    person.save()
    away = new_context().new_page()
    away.goto("/login/?next=/account/")
    away.locator("#id_username").fill(person.email)
    away.locator("#id_password").fill(NEW_PASSWORD)
    away.locator("form.stack button[type=submit]").click()
    expect(away.locator("h1")).to_have_text("Two-step sign-in")
    away.locator("#id_token").fill(codes[0].strip())
    shot(away, "acct-09-backup-code-at-the-prompt")
    away.get_by_role("button", name="Confirm").click()
    expect(away).to_have_url(f"{live_server.url}/account/")
    assert run_queued_tasks(tasks.send_backup_code_notice) == ["sent"]
    assert [m.to for m in mailoutbox] == [[person.email]]
    assert "9 backup codes are left" in mailoutbox[0].body
