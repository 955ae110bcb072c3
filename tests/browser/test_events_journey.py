"""The events journey in chromium, on a desktop and on a phone: the secretariat builds a
three-day agenda in the editor; two units nominate their delegates within their quotas (one
nomination over the quota is refused by name); delegates are checked in by badge code on a
phone; a RED session's material reaches only those present; the survey reminder goes to those
who have not answered; certificates are issued by the rule and verified anonymously through
their QR address; an action is followed to done. Screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import BrowserContext, Page, expect

from lintas.events import services
from lintas.events.models import ActionItem, Certificate, CheckIn, Delegate, Session
from lintas.notices.models import Notification
from tests.conftest import Cast, make_person

pytestmark = pytest.mark.browser

PHONE_844 = {"width": 390, "height": 844}


def _no_sideways_scroll(page: Page) -> None:
    """Nothing on a phone-sized page is wider than the screen."""
    wide = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert wide <= 1, f"{page.url} scrolls sideways by {wide}px"


def _add_session(
    page: Page, title: str, day: dt.date, starts: str, ends: str, *, room: str = "", tlp: str = ""
) -> None:
    form = page.locator("form", has=page.locator("input[name=action][value=session]"))
    form.get_by_label("Title").fill(title)
    form.get_by_label("Day").fill(day.isoformat())
    form.get_by_label("Starts").fill(starts)
    form.get_by_label("Ends").fill(ends)
    if room:
        form.get_by_label("Room").select_option(label=room)
    if tlp:
        form.get_by_label("TLP label").select_option(tlp)
    form.get_by_role("button", name="Add the session").click()
    expect(page.locator("[data-session] h3", has_text=title)).to_be_visible()


def _nominate(page: Page, unit: str, name: str, email: str) -> None:
    form = page.locator("form", has=page.locator("input[name=action][value=nominate]"))
    picker = form.locator("select[name=unit]")  # options read "Name (CODE)"
    value = picker.locator("option", has_text=unit).first.get_attribute("value")
    assert value is not None
    picker.select_option(value)
    form.get_by_label("Full name").fill(name)
    form.get_by_label("E-mail address").fill(email)
    form.get_by_role("button", name="Nominate").click()


def test_an_event_is_planned_attended_certified_and_followed_up(
    new_context, signed_in, live_cast: Cast, shot, run_queued_tasks, tmp_path: Path
) -> None:
    c = live_cast
    first = timezone.localdate()
    days = [first + dt.timedelta(days=n) for n in range(3)]
    event = services.create_event(
        body=c.body,
        by=c.secretariat,
        kind="conference",
        title="Regional Conference on Safe Migration",
        starts_on=days[0],
        ends_on=days[2],
        venue="Hanoi",
        rooms=["Main hall", "Room 2"],
        certificate_min_sessions=1,
    )
    services.invite_unit(event=event, by=c.secretariat, unit=c.unit_a, quota=1)
    services.invite_unit(event=event, by=c.secretariat, unit=c.unit_b, quota=2)
    base = f"/b/twg/events/{event.pk}/"
    b_second = make_person("bdel@example.org", "Bao Delegate")

    # --- the secretariat builds the three-day agenda in the editor ------------------------------
    s_ctx: BrowserContext = new_context()
    signed_in(s_ctx, c.secretariat)
    s = s_ctx.new_page()
    s.goto(base + "agenda/")
    _add_session(s, "Opening plenary", days[0], "09:00", "10:30", room="Main hall")
    _add_session(s, "Coffee", days[0], "10:30", "11:00")
    _add_session(s, "Closed case review", days[1], "09:00", "11:00", room="Room 2", tlp="red")
    _add_session(s, "Referral pathways", days[1], "11:30", "12:30", room="Main hall")
    _add_session(s, "Closing plenary", days[2], "09:00", "10:00", room="Main hall")
    contribution_form = s.locator("form", has=s.locator("input[name=action][value=contribution]"))
    for title in ("Case A: the Bangkok network", "Case B: online recruiters"):
        contribution_form.get_by_label("Session").select_option(label="Closed case review")
        contribution_form.get_by_label("Title").fill(title)
        contribution_form.get_by_role("button", name="Add the contribution").click()
        expect(s.locator("[data-contribution]", has_text=title)).to_be_visible()
    s.get_by_role("button", name="Move Case B: online recruiters up").click()
    expect(s.locator("[data-session-list] li").first).to_contain_text("Case B")
    assert Session.objects.filter(event=event).count() == 5
    assert {x.starts_at.astimezone(event.tzinfo).date() for x in event.sessions.all()} == set(days)
    shot(s, "events-1-agenda-editor")
    s.goto(base)
    shot(s, "events-2-agenda")

    # --- two units nominate within their quotas; one over the quota is refused -----------------
    a_ctx = new_context()
    signed_in(a_ctx, c.focal_a)
    a = a_ctx.new_page()
    a.goto(base + "delegates/")
    _nominate(a, "Agency A", "Anh Focal", "a@example.org")
    expect(a.get_by_role("cell", name="Anh Focal")).to_be_visible()
    _nominate(a, "Agency A", "Extra Person", "extra@example.org")
    expect(a.get_by_text("Agency A's quota of 1 delegate is used up.")).to_be_visible()
    shot(a, "events-3-over-quota")
    assert not Delegate.objects.filter(full_name="Extra Person").exists()

    b_ctx = new_context()
    signed_in(b_ctx, c.focal_b)
    b = b_ctx.new_page()
    b.goto(base + "delegates/")
    _nominate(b, "Agency B", "Budi Focal", "b@example.org")
    _nominate(b, "Agency B", "Bao Delegate", "bdel@example.org")
    expect(b.get_by_role("cell", name="Bao Delegate")).to_be_visible()

    s.goto(base + "delegates/")
    for _n in range(3):
        s.get_by_role("button", name="Approve").first.click()
        s.wait_for_load_state()
    expect(s.get_by_role("button", name="Approve")).to_have_count(0)
    shot(s, "events-4-delegates")
    anh = Delegate.objects.get(event=event, user=c.focal_a)
    budi = Delegate.objects.get(event=event, user=c.focal_b)
    bao = Delegate.objects.get(event=event, user=b_second)
    assert {anh.status, budi.status, bao.status} == {Delegate.Status.APPROVED}

    # --- check-in on a phone, by badge code --------------------------------------------------
    closed = Session.objects.get(event=event, title="Closed case review")
    p_ctx = new_context(viewport=PHONE_844)
    signed_in(p_ctx, c.secretariat)
    p = p_ctx.new_page()
    p.goto(base + "check-in/")
    _no_sideways_scroll(p)
    shot(p, "events-5-check-in-phone")
    p.get_by_label("Checking in to").select_option(value=str(closed.pk))
    p.wait_for_url(f"**session={closed.pk}**")
    p.get_by_label("Check-in point").fill("Door 2")
    p.get_by_label("Or type or paste the badge code").fill(anh.badge_code)
    p.get_by_role("button", name="Check in", exact=True).click()
    expect(p.locator("[data-result]")).to_contain_text("Anh Focal")
    shot(p, "events-6-checked-in-phone")
    p.get_by_label("Or type or paste the badge code").fill(anh.badge_code)
    p.get_by_role("button", name="Check in", exact=True).click()
    expect(p.locator("[data-result]")).to_contain_text("already")
    p.get_by_label("Or type or paste the badge code").fill("NOT-A-BADGE")
    p.get_by_role("button", name="Check in", exact=True).click()
    expect(p.locator("[data-result]")).not_to_contain_text("Anh Focal")
    assert CheckIn.objects.filter(delegate=anh, session=closed).count() == 1
    assert not CheckIn.objects.filter(delegate=budi).exists()
    _no_sideways_scroll(p)

    # --- the RED material reaches only those present ------------------------------------------
    case_a = closed.contributions.get(title="Case A: the Bangkok network")
    s.goto(base + f"sessions/{closed.pk}/")
    upload = s.locator(".ev-contrib", has_text="Case A: the Bangkok network").locator(
        "form.ev-upload"
    )
    upload.get_by_label("Title").fill("Case file")
    case_file = tmp_path / "case.pdf"
    case_file.write_bytes(b"%PDF-1.4 red")
    upload.get_by_label("File").set_input_files(case_file)
    upload.get_by_role("button", name="Add a material").click()
    expect(s.get_by_text("The material is added.")).to_be_visible()
    material = case_a.materials.get()
    assert material.tlp == "red"
    shot(s, "events-7-red-session")

    a_phone = new_context(viewport=PHONE_844)
    signed_in(a_phone, c.focal_a)
    ap = a_phone.new_page()
    ap.goto(base + f"sessions/{closed.pk}/")
    _no_sideways_scroll(ap)
    shot(ap, "events-8-red-session-present-phone")
    with ap.expect_download() as got:
        ap.get_by_role("link", name="Case file").click()
    assert got.value.suggested_filename == "case.pdf"
    b.goto(base + f"sessions/{closed.pk}/")
    expect(b.get_by_role("link", name="Case file")).to_have_count(0)
    expect(b.get_by_text("only for those present in this session")).to_be_visible()
    shot(b, "events-9-red-session-absent")
    response = b.goto(base + f"materials/{material.pk}/")
    assert response is not None and response.status == 404

    # --- the survey reminder goes to those who have not answered ------------------------------
    survey = services.create_survey(
        event=event,
        by=c.secretariat,
        kind="feedback",
        title="How was the conference?",
        questions=[{"kind": "rating", "text": "Overall"}, {"kind": "text", "text": "Comments"}],
    )
    ap.goto(base + f"surveys/{survey.pk}/")
    _no_sideways_scroll(ap)
    ap.get_by_label("5").first.check()
    shot(ap, "events-10-survey-phone")
    ap.get_by_role("button", name="Send my answers").click()
    expect(ap.get_by_text("Thank you")).to_be_visible()
    s.goto(base + "surveys/")
    mail.outbox.clear()
    Notification.objects.all().delete()
    s.get_by_role("button", name="Remind those who have not answered").click()
    shot(s, "events-11-surveys")
    run_queued_tasks()
    reminded = set(
        Notification.objects.filter(kind="event_survey").values_list("user_id", flat=True)
    )
    assert reminded == {c.focal_b.pk, b_second.pk}
    assert {m.to[0] for m in mail.outbox} <= {"b@example.org", "bdel@example.org"}

    # --- certificates by the rule, verified anonymously ---------------------------------------
    s.goto(base + "certificates/")
    s.get_by_role("button", name="Issue to everyone who meets the rule").click()
    expect(s.get_by_text("1 certificate issued. 2 delegates do not meet the rule.")).to_be_visible()
    shot(s, "events-12-certificates")
    certificate = Certificate.objects.get()
    assert certificate.delegate == anh
    anonymous = new_context(viewport=PHONE_844).new_page()
    anonymous.goto(f"/verify/certificate/{certificate.code}/")
    expect(anonymous.get_by_text("Anh Focal")).to_be_visible()
    expect(anonymous.get_by_text("Regional Conference on Safe Migration")).to_be_visible()
    expect(anonymous.get_by_text("a@example.org")).to_have_count(0)
    _no_sideways_scroll(anonymous)
    shot(anonymous, "events-13-verify-phone")
    response = anonymous.goto("/verify/certificate/NOSUCHCODE/")
    assert response is not None and response.status == 404

    # --- an action is recorded and followed to done by its owner unit -------------------------
    s.goto(base + "actions/")
    expect(s.get_by_label("Kind")).to_have_value("action")  # what one records most
    s.get_by_label("Text").fill("Agency A shares its referral form with the network.")
    s.get_by_label("Owner unit").select_option(label="Agency A")
    s.get_by_label("Due").fill((days[2] + dt.timedelta(days=30)).isoformat())
    s.get_by_role("button", name="Record").click()
    expect(s.get_by_text("Agency A shares its referral form")).to_be_visible()
    a.goto(base + "actions/")
    shot(a, "events-14-action-owner")
    a.get_by_label("Status").select_option("done")
    a.get_by_label("Progress note").fill("Shared on the network's drive.")
    a.get_by_role("button", name="Save").click()
    expect(a.get_by_text("Shared on the network's drive.")).to_be_visible()
    shot(a, "events-15-action-done")
    assert ActionItem.objects.get().status == ActionItem.Status.DONE
