"""The secretariat builds a report template with a field of every type in chromium, owes it
to a unit, and the unit's focal point fills it in and submits it the same day."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from lintas.reporting import services
from lintas.reporting.models import ReportTemplate, Submission
from tests.conftest import Cast

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

# code, type, English label
FIELDS = [
    ("people", "integer", "People identified"),
    ("share", "decimal", "Share referred"),
    ("place", "short_text", "Main place"),
    ("story", "long_text", "What happened"),
    ("channel", "choice", "Main channel"),
    ("needs", "multi_choice", "Needs met"),
    ("seen_on", "date", "First seen on"),
    ("hotline", "yes_no", "Hotline open"),
    ("trainings", "table", "Trainings held"),
]


def test_the_secretariat_builds_a_template_and_a_focal_point_submits_it(
    new_context, signed_in, live_cast: Cast, shot
) -> None:
    c = live_cast
    today = timezone.localtime(timezone.now(), c.body.tzinfo).date()
    last_month_start = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)

    secretariat = new_context()
    signed_in(secretariat, c.secretariat)
    sec = secretariat.new_page()
    sec.goto("/b/twg/reports/")
    sec.get_by_role("link", name="Report templates").click()
    sec.get_by_role("link", name="New report template").click()
    expect(sec.get_by_role("heading", name="New report template")).to_be_visible()
    sec.get_by_label("Code").first.fill("field-check")
    sec.get_by_label("Name (en)").fill("Field check")
    sec.get_by_label("Name (vi)").fill("Kiểm tra thực địa")
    for _ in FIELDS:
        sec.get_by_role("button", name="Add a field").click()
    for j, (code, kind, label) in enumerate(FIELDS):
        sec.locator(f"#id_s0_f{j}_code").fill(code)
        sec.locator(f"#id_s0_f{j}_type").select_option(kind)
        sec.locator(f"#id_s0_f{j}_label_en").fill(label)
    sec.locator("input[name=s0_f0_required]").check()
    sec.get_by_role("button", name="Update the preview").click()

    # A choice field without choices is refused, naming it; nothing is saved.
    sec.get_by_role("button", name="Save").click()
    expect(sec.locator("#builder-error")).to_contain_text("channel needs at least one choice")
    expect(sec.locator("#s0_f4 .errorlist")).to_be_visible()
    assert not ReportTemplate.objects.filter(body=c.body, code="field-check").exists()

    sec.locator("#id_s0_f4_choices").fill("online | Online\nfriend | Acquaintance")
    sec.locator("#id_s0_f5_choices").fill("shelter | Shelter\nlegal | Legal aid")
    sec.locator("#id_s0_f8_columns").fill("title | short_text | Title\nheads | integer | People")
    # the last field moves up one place, with the keyboard
    sec.get_by_role("button", name="Move trainings up").focus()
    sec.keyboard.press("Enter")
    expect(sec.locator("#id_s0_f7_code")).to_have_value("trainings")
    sec.get_by_role("button", name="Move trainings down").click()
    expect(sec.locator("#id_s0_f8_code")).to_have_value("trainings")
    sec.get_by_role("button", name="Add a rule").click()
    sec.locator("#id_r0_left").select_option("share")
    sec.locator("#id_r0_op").select_option("lte")
    sec.locator("#id_r0_right").select_option("people")
    sec.locator("#id_r0_message_en").fill("The share cannot exceed the people identified.")
    sec.get_by_role("button", name="Update the preview").click()
    preview = sec.locator(".builder-preview")
    for _code, _kind, label in FIELDS:
        expect(preview).to_contain_text(label)
    shot(sec, "template-builder-desktop")
    sec.get_by_role("button", name="Save").click()
    expect(sec.get_by_text("Template saved.")).to_be_visible()
    template = ReportTemplate.objects.get(body=c.body, code="field-check")
    version = services.latest_version(template)
    saved = [(f.code, f.type) for s in version.sections.all() for f in s.fields.all()]
    assert saved == [(code, kind) for code, kind, _label in FIELDS]
    expect(
        sec.get_by_role("link", name="Offline workbook of the saved template (XLSX)")
    ).to_be_visible()

    phone = new_context(viewport=PHONE)
    signed_in(phone, c.secretariat)
    small = phone.new_page()
    small.goto(f"/b/twg/reports/templates/{template.pk}/edit/")
    expect(small.locator("#id_s0_f0_code")).to_have_value("people")
    shot(small, "template-builder-phone")

    # The secretariat owes the new report to unit A, for last month.
    sec.goto("/b/twg/reports/obligations/new/")
    sec.get_by_label("Report template").select_option(label="Field check")
    sec.get_by_label("Units that report").select_option(label=c.unit_a.name)
    sec.locator("#id_period_type").select_option("monthly")
    sec.get_by_label("First period starts").fill(last_month_start.isoformat())
    sec.get_by_label("Due, days after the period ends").fill("40")
    sec.get_by_role("button", name="Save").click()
    expect(sec.get_by_text("Obligation defined.")).to_be_visible()

    # Unit A's focal point fills every field and submits, the same day.
    period = last_month_start.strftime("%Y-%m")
    focal = new_context()
    signed_in(focal, c.focal_a)
    fp = focal.new_page()
    fp.goto("/b/twg/reports/mine/")
    row = fp.locator("tr", has_text=period).filter(has_text="Field check")
    row.get_by_role("button", name="Start").click()
    expect(fp.get_by_role("heading", level=1)).to_contain_text("Field check")
    fp.get_by_label("People identified").fill("12")
    fp.get_by_label("Share referred").fill("0.5")
    fp.get_by_label("Main place").fill("Border market")
    fp.get_by_label("What happened").fill("Two job advertisements led to a scam compound.")
    fp.get_by_label("Main channel").select_option("online")
    fp.get_by_label("Legal aid").check()
    fp.get_by_label("First seen on").fill(last_month_start.isoformat())
    fp.locator("#field-hotline").get_by_label("Yes").check()
    fp.get_by_label("Title 1").fill("Border officers")
    fp.get_by_label("People 1").fill("30")
    shot(fp, "template-builder-focal-form")
    fp.get_by_role("button", name="Submit to the secretariat").click()
    expect(fp.get_by_text("Report sent.")).to_be_visible()
    report = Submission.objects.get(obligation__template=template, unit=c.unit_a)
    assert report.state == Submission.State.SUBMITTED
    assert report.data["people"] == 12
    assert report.data["needs"] == ["legal"]
    assert report.data["hotline"] is True
    assert report.data["trainings"] == [{"title": "Border officers", "heads": 30}]


def test_the_preview_follows_typing_and_fields_move_by_drag_and_by_keyboard(
    new_context, signed_in, live_cast: Cast, shot
) -> None:
    context = new_context()
    signed_in(context, live_cast.secretariat)
    page = context.new_page()
    page.goto("/b/twg/reports/templates/new/")
    for _ in range(2):
        page.get_by_role("button", name="Add a field").click()
    page.locator("#id_s0_f0_code").fill("first")
    page.locator("#id_s0_f1_code").fill("second")
    page.locator("#id_s0_f0_label_en").fill("Alpha question")
    page.locator("#id_s0_f1_label_en").fill("Beta question")
    preview = page.locator("#builder-preview")
    # no button pressed: the preview follows what was typed
    expect(preview).to_contain_text("Alpha question")
    expect(preview).to_contain_text("Beta question")

    # dragged by its handle onto the first field, the second field goes first
    page.locator("#s0_f1 .drag-handle").drag_to(page.locator("#s0_f0 summary"))
    expect(page.locator("#id_s0_f0_code")).to_have_value("second")
    expect(page.locator("#id_s0_f1_code")).to_have_value("first")

    # and back with the keyboard: the "Move first up" button, pressed with Enter
    page.get_by_role("button", name="Move first up").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#id_s0_f0_code")).to_have_value("first")
    labels = preview.locator("label").all_inner_texts()
    assert [t for t in labels if "question" in t][:2] == ["Alpha question", "Beta question"]
    shot(page, "builder-drag-and-preview")
