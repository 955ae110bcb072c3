"""The synthesis journey in chromium: the secretariat reads a consolidated report on screen,
asks for the files, watches the progress and downloads the PDF; a leader opens the dashboard and
follows a figure to what it counts. Screenshots, and the PDF's first page as an image, go to
test-artifacts/screenshots/."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import BrowserContext, expect

from lintas.reporting import services as reporting
from lintas.synthesis import services
from lintas.synthesis.models import GeneratedReport
from tests.browser.conftest import SCREENSHOTS
from tests.conftest import Cast
from tests.reporting.conftest import GOOD
from tests.synthesis.conftest import NARRATIVE_B, build_filled

pytestmark = pytest.mark.browser


def test_secretariat_generates_a_report_and_a_leader_reads_the_dashboard(
    new_context, signed_in, live_cast: Cast, shot, tmp_path: Path
) -> None:
    filled = build_filled(live_cast)
    obligation = filled.obligation
    # and last month, as it happens: A's report accepted, B's waiting, C's missing
    c = live_cast
    last_month = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m")
    for unit, focal in [(c.unit_a, c.focal_a), (c.unit_b, c.focal_b)]:
        sub = reporting.start_submission(
            obligation=obligation, unit=unit, period_key=last_month, by=focal
        )
        reporting.submit_report(sub, by=focal, data=GOOD, revision=sub.revision)
        if unit == c.unit_a:
            reporting.accept_report(sub, by=c.secretariat)

    secretariat: BrowserContext = new_context()
    signed_in(secretariat, live_cast.secretariat)
    sec = secretariat.new_page()
    sec.goto("/b/twg/reports/")
    sec.get_by_role("link", name="Synthesis").click()
    form = sec.locator(f"#synthesis-form-{obligation.pk}")
    form.get_by_label("From").select_option("2024-02")
    form.get_by_label("To").select_option("2024-03")
    form.get_by_label("Include submitted reports not yet accepted").check()
    shot(sec, "synthesis-choose")
    form.get_by_role("button", name="Show the report").click()

    expect(sec.locator("h1")).to_contain_text("Monthly situation report")
    expect(sec.locator("#section-narrative")).to_contain_text(NARRATIVE_B)
    expect(sec.locator("#late")).to_contain_text("Missing (past the deadline)")
    expect(sec.locator("svg").first).to_be_visible()
    shot(sec, "synthesis-report-on-screen")

    # the files, generated in the background while the page shows the progress
    sec.go_back()
    form = sec.locator(f"#synthesis-form-{obligation.pk}")
    form.get_by_label("From").select_option("2024-02")
    form.get_by_label("To").select_option("2024-03")
    form.get_by_label("Language").select_option("vi")
    form.get_by_role("button", name="Show the report").click()
    generate = sec.locator(".page-head form.inline-form button[type=submit]")  # "DOCX and PDF"
    expect(generate).to_be_visible()
    assert "first=2024-02" in sec.url
    assert "csrfmiddlewaretoken" not in sec.url  # a GET form carries no token in the address
    generate.click()
    expect(sec.locator("#progress")).to_contain_text("0%")
    shot(sec, "synthesis-generating")
    services.build_report(GeneratedReport.objects.get().pk)  # what the worker does
    expect(sec.locator("#progress")).to_contain_text("The report is ready", timeout=15_000)
    shot(sec, "synthesis-ready")

    with sec.expect_download() as download:
        sec.locator("#progress a", has_text=".pdf").click()
    pdf = tmp_path / "report.pdf"
    download.value.save_as(pdf)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(  # noqa: S603
        [
            "/usr/bin/pdftoppm",
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(SCREENSHOTS / "synthesis-pdf-page-1"),
        ],
        check=True,
    )
    assert (SCREENSHOTS / "synthesis-pdf-page-1.png").stat().st_size > 10_000

    # a leader: the dashboard, and a figure followed to what it counts
    leader: BrowserContext = new_context()
    signed_in(leader, live_cast.leader)
    lead = leader.new_page()
    lead.goto("/b/twg/")
    lead.get_by_role("link", name="Dashboard").click()
    board = lead.locator(f"#board-{obligation.pk}")
    expect(board).to_contain_text("Units most often late")
    expect(board.locator(".heatmap tbody tr")).to_have_count(3)
    shot(lead, "synthesis-dashboard")
    # every unit has missed the months since the fixture's spring 2024: the link filters on them
    board.get_by_role("link", name="Agency C").first.click()
    expect(lead).to_have_url(re.compile(r"/reports/obligations/\d+/\?last=12&state=missing$"))
    expect(lead.locator("#matrix tbody tr", has_text="Agency C")).to_have_count(1)
