from __future__ import annotations

import datetime as dt
import io
import re

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document

from lintas.notices.models import Notification
from lintas.policy import SYSTEM
from lintas.reporting.models import Obligation
from lintas.synthesis import services
from lintas.synthesis.models import GeneratedReport
from tests.conftest import ClientFor
from tests.synthesis.conftest import NARRATIVE_A, NARRATIVE_B, TODAY, Filled

UTC = dt.UTC


def _report_url(filled: Filled, **query: str) -> str:
    url = reverse("synthesis:report", args=[filled.cast.body.slug, filled.obligation.pk])
    return url + "?" + "&".join(f"{k}={v}" for k, v in query.items())


@time_machine.travel(TODAY, tick=False)
def test_the_secretariat_reads_the_report_on_screen(filled: Filled, client_for: ClientFor) -> None:
    response = client_for(filled.cast.secretariat).get(_report_url(filled, first="2024-03"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Consolidated report: Monthly situation report, March 2024" in html
    assert NARRATIVE_A in html and NARRATIVE_B in html
    assert "<svg" in html  # the charts are inline
    assert 'href="/b/twg/synthesis/obligations/' in html  # the download links


@time_machine.travel(TODAY, tick=False)
def test_the_report_page_speaks_the_chosen_language(filled: Filled, client_for: ClientFor) -> None:
    response = client_for(filled.cast.leader).get(
        _report_url(filled, first="2024-03", language="vi")
    )

    html = response.content.decode()
    assert 'lang="vi"' in html
    assert "Báo cáo tình hình tháng" in html
    assert "Tỷ lệ báo cáo" in html


@time_machine.travel(TODAY, tick=False)
def test_a_leader_gets_the_docx_from_the_worker_never_inside_the_request(
    filled: Filled,
    client_for: ClientFor,
) -> None:
    client = client_for(filled.cast.leader)
    page = client.get(_report_url(filled, first="2024-03")).content.decode()
    direct = reverse("synthesis:download", args=["twg", filled.obligation.pk, "docx"])
    assert direct not in page  # the page offers DOCX and PDF through the worker only
    assert client.get(direct + "?first=2024-03").status_code == 404

    response = client.post(
        reverse("synthesis:generate", args=["twg", filled.obligation.pk]),
        {"first": "2024-03", "last": "2024-03", "language": "en"},
    )
    made = GeneratedReport.objects.get()
    assert response.status_code == 302
    assert made.requested_by == filled.cast.leader
    services.build_report(made.pk)

    file_url = reverse("synthesis:generated-file", args=["twg", made.pk, "docx"])
    response = client.get(file_url)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.docx"')
    doc = Document(io.BytesIO(response.content))
    assert any(p.text == f"Agency A: {NARRATIVE_A}" for p in doc.paragraphs)


@time_machine.travel(TODAY, tick=False)
def test_a_focal_point_may_not_read_the_synthesis(filled: Filled, client_for: ClientFor) -> None:
    response = client_for(filled.cast.focal_a).get(_report_url(filled, first="2024-03"))

    assert response.status_code == 403


@time_machine.travel(TODAY, tick=False)
def test_a_period_outside_the_obligation_is_not_found(
    filled: Filled, client_for: ClientFor
) -> None:
    response = client_for(filled.cast.secretariat).get(_report_url(filled, first="2031-01"))

    assert response.status_code == 404


@time_machine.travel(TODAY, tick=False)
def test_a_generation_is_queued_then_built_with_progress_and_the_secretariat_is_told(
    filled: Filled,
    client_for: ClientFor,
) -> None:
    client = client_for(filled.cast.secretariat)
    response = client.post(
        reverse("synthesis:generate", args=["twg", filled.obligation.pk]),
        {"first": "2024-02", "last": "2024-03", "language": "id"},
    )
    made = GeneratedReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("synthesis:generated", args=["twg", made.pk])
    assert (made.status, made.progress) == ("queued", 0)
    progress_url = reverse("synthesis:generated-progress", args=["twg", made.pk])
    assert 'hx-trigger="every 1s"' in client.get(progress_url).content.decode()

    services.build_report(made.pk)

    made.refresh_from_db()
    assert (made.status, made.progress) == ("done", 100)
    assert sorted(made.files.values_list("format", flat=True)) == ["csv", "docx", "pdf", "xlsx"]
    fragment = client.get(progress_url).content.decode()
    assert "hx-trigger" not in fragment and ".docx" in fragment
    notice = Notification.objects.get(user=filled.cast.secretariat, kind="synthesis")
    assert "2024-02..2024-03" in notice.text
    file_url = reverse("synthesis:generated-file", args=["twg", made.pk, "docx"])
    doc = Document(io.BytesIO(client_for(filled.cast.leader).get(file_url).content))
    header_cells = {c.text for t in doc.tables for c in t.rows[0].cells}
    assert "Tingkat pelaporan" in header_cells  # Indonesian, as asked
    assert "Maret 2024" in doc.paragraphs[0].text


def test_building_twice_builds_once(filled: Filled) -> None:
    made = services.request_report(
        obligation=filled.obligation,
        first="2024-03",
        last="2024-03",
        language="en",
        include_submitted=False,
        by=filled.cast.secretariat,
    )
    with time_machine.travel(TODAY, tick=False):
        services.build_report(made.pk)
        again = services.build_report(made.pk)

    assert again.status == "done"
    assert Notification.objects.filter(kind="synthesis").count() == 1


def test_each_locked_period_gets_its_report_once(filled: Filled) -> None:
    # March locks 30 days after its end: the report is made from 1 May
    before = dt.datetime(2024, 4, 30, 3, tzinfo=UTC)
    after = dt.datetime(2024, 5, 1, 3, tzinfo=UTC)

    assert services.queue_reports_of_locked_periods(before) == [] or all(
        r.first_period != "2024-03" for r in GeneratedReport.objects.all()
    )
    made = services.queue_reports_of_locked_periods(after)
    again = services.queue_reports_of_locked_periods(after)

    assert [r.first_period for r in made] == ["2024-03"]
    assert again == []
    assert GeneratedReport.objects.get(first_period="2024-03").trigger == "lock"


@time_machine.travel(TODAY, tick=False)
def test_the_dashboard_links_each_figure_and_reads_as_many_queries_for_more_units(
    filled: Filled,
    client_for: ClientFor,
) -> None:
    from lintas.members import services as members

    client = client_for(filled.cast.leader)
    url = reverse("synthesis:dashboard", args=["twg"])
    client.get(url)  # warm the session and the role cache

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    more = [
        members.create_unit(body=filled.cast.body, by=SYSTEM, name=f"Dept {n}", kind="department")
        for n in range(4)
    ]
    filled.obligation.units.add(*more)
    with CaptureQueriesContext(connection) as wider:
        wide = client.get(url).content.decode()

    assert all(f"Dept {n}" in wide for n in range(4))
    assert len(wider) == len(queries)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Agency C" in html
    matrix = reverse("reporting:matrix", args=["twg", filled.obligation.pk])
    assert f'href="{matrix}?last=4&amp;state=missing"' in html  # C, missing in February
    assert (
        reverse("reporting:submission-detail", args=["twg", filled.subs[("b", "2024-03")].pk])
        in html
    )


@time_machine.travel(TODAY, tick=False)
def test_a_range_with_a_running_month_says_so_at_the_top_and_never_calls_it_missing(
    filled: Filled, client_for
) -> None:
    response = client_for(filled.cast.secretariat).get(
        _report_url(filled, first="2024-03", last="2024-04")
    )

    html = response.content.decode()
    note = html.index('id="range-note"')
    assert note < html.index("<h2>")  # at the top, before the summary
    assert "the deadline of April 2024 (deadline 10 May 2024) has not passed" in html
    pending = html[html.index('id="not-yet-due"') :]
    assert pending.count('class="cell not_yet_due"') == 3
    late = html[html.index('id="late"') : html.index('id="not-yet-due"')]
    assert "April 2024" not in late


@time_machine.travel(TODAY, tick=False)
def test_the_matrix_dashboard_and_report_agree_and_ignore_the_running_month(
    filled: Filled,
    client_for: ClientFor,
) -> None:
    """January: all three missing; February: A, B in; March: A, B, C in; April is running.
    By hand: 5 reports in of the 9 due (55.6 %), and April changes nothing."""
    client = client_for(filled.cast.secretariat)
    matrix_url = reverse("reporting:matrix", args=["twg", filled.obligation.pk])
    matrix = client.get(matrix_url).content.decode()
    assert '55.6%</div><div class="stat-label">reporting rate · 5/9 · ' in matrix
    assert "3 not yet due" in matrix
    footer = matrix[matrix.index("<tfoot>") :]
    # January 0 of 3, February 2 of 3, March 3 of 3, April: no rate yet (not 0 %)
    assert [cell.split("<")[0] for cell in footer.split('<td class="rate">')[1:5]] == [
        "0.0%",
        "66.7%",
        "100.0%",
        "—",
    ]
    row_a = matrix[matrix.index(">Agency A<") :].split("</tr>")[0]
    assert row_a.count('<td class="rate">66.7%</td>') == 2  # 2 of 3 due, both on time

    board = client.get(reverse("synthesis:dashboard", args=["twg"])).content.decode()
    assert "reporting rate · 5/9" in board and "3 not yet due" in board

    report = client.get(_report_url(filled, first="2024-01", last="2024-04")).content
    assert b'<div class="stat">5 / 9</div>' in report


@time_machine.travel(TODAY, tick=False)
def test_the_dashboard_shows_the_exchange_acknowledgements(
    filled: Filled, client_for: ClientFor
) -> None:
    import datetime as dt

    from lintas.exchange import services as exchange

    c = filled.cast
    sent = TODAY - dt.timedelta(days=3)
    for acknowledged in (True, False):
        alert = exchange.post_message(
            body=c.body,
            by=c.focal_a,
            author_unit=c.unit_a,
            kind="alert",
            subject="Watch list",
            text="Two names.",
            tlp="green",
            priority="urgent",
            units=[c.unit_b],
            now=sent,
        )
        if acknowledged:
            exchange.acknowledge(
                alert, unit=c.unit_b, by=c.focal_b, now=sent + dt.timedelta(hours=2)
            )
    html = client_for(c.leader).get(reverse("synthesis:dashboard", args=["twg"])).content.decode()
    board = html[html.index('id="exchange"') :]
    assert "1/2" in board and "2.0 h" in board
    assert reverse("exchange:matrix", args=["twg"]) in board


@time_machine.travel(TODAY, tick=False)
def test_the_synthesis_form_sends_no_csrf_token_in_the_address(
    filled: Filled, client_for: ClientFor
) -> None:
    home = client_for(filled.cast.secretariat).get(
        reverse("synthesis:home", args=[filled.cast.body.slug])
    )
    get_forms = re.findall(r'<form[^>]*method="get".*?</form>', home.content.decode(), re.S)
    assert get_forms  # the period choice is there
    assert not [form for form in get_forms if "csrfmiddlewaretoken" in form]


def test_a_page_closed_to_the_role_says_so_instead_of_read_not_change(
    filled: Filled, client_for: ClientFor
) -> None:
    c = filled.cast
    response = client_for(c.focal_a).get(reverse("synthesis:dashboard", args=[c.body.slug]))

    assert response.status_code == 403
    page = response.content.decode()
    assert "This page is not open to your role." in page
    assert "lets you read this" not in page


def test_the_dashboard_explains_its_signs_and_which_units_it_lists(
    filled: Filled, client_for: ClientFor
) -> None:
    c = filled.cast
    with time_machine.travel(TODAY, tick=False):
        html = client_for(c.leader).get(reverse("synthesis:dashboard", args=["twg"]))

    page = html.content.decode()
    assert '<ul class="legend"' in page and "Missing (past the deadline)" in page
    assert "Lowest first." in page


def test_an_ended_obligation_is_not_on_the_leaders_dashboard(
    filled: Filled, client_for: ClientFor
) -> None:
    ended = Obligation.objects.get(pk=filled.obligation.pk)
    ended.pk = None
    ended.name = {"en": "Old quarterly return"}
    ended.ends_on = dt.date(2020, 12, 31)
    ended.save()

    with time_machine.travel(TODAY, tick=False):
        page = client_for(filled.cast.leader).get(reverse("synthesis:dashboard", args=["twg"]))

    html = page.content.decode()
    assert "Old quarterly return" not in html
    assert filled.obligation.display_name in html
