"""A generated report always ends: ready, or failed with a message, and whoever asked for it is
told. One that fails never stays "being generated".

The failure is real, not staged: values no renderer can draw (10**308 one month and -10**308
the month before, whose span no chart axis can hold; the answer checks have refused both since
they bound numbers to fifteen digits) written straight into the table, as reports saved before
that bound would hold them."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.urls import reverse
from django.utils.html import escape

from lintas.audit.models import AuditEntry
from lintas.notices.models import Notification
from lintas.reporting import services as reporting
from lintas.reporting import validation
from lintas.reporting.models import Submission
from lintas.synthesis import services
from lintas.synthesis.models import GeneratedFile, GeneratedReport
from tests.conftest import ClientFor
from tests.synthesis.conftest import TODAY, Filled

UTC = dt.UTC


def _plant_a_value_no_renderer_draws(filled: Filled) -> None:
    for key, cases in ((("a", "2024-03"), 10**308), (("a", "2024-02"), -(10**308))):
        sub = filled.subs[key]
        Submission.objects.filter(pk=sub.pk).update(data={**sub.data, "cases": cases})


def _request(filled: Filled, **kwargs: object) -> GeneratedReport:
    return services.request_report(
        obligation=filled.obligation,
        first="2024-03",
        last="2024-03",
        language="en",
        include_submitted=False,
        **kwargs,  # type: ignore[arg-type]
    )


@time_machine.travel(TODAY, tick=False)
def test_a_report_whose_generation_fails_is_marked_failed_and_the_requester_is_told(
    filled: Filled, client_for: ClientFor
) -> None:
    _plant_a_value_no_renderer_draws(filled)
    made = _request(filled, by=filled.cast.leader)

    built = services.build_report(made.pk)

    made.refresh_from_db()
    assert built.status == made.status == GeneratedReport.Status.FAILED
    assert made.finished_at is not None
    assert made.error.startswith("The DOCX file could not be made.")
    assert f"(report {made.pk})" in made.error
    assert not GeneratedFile.objects.filter(report=made).exists()  # no half a report
    notice = Notification.objects.get(user=filled.cast.leader, kind="synthesis")
    assert notice.subject == "Consolidated report failed: Monthly situation report, 2024-03"
    assert "could not be generated" in notice.text
    assert notice.link == reverse("synthesis:generated", args=["twg", made.pk])
    assert not Notification.objects.filter(user=filled.cast.secretariat).exists()
    failed = AuditEntry.objects.get(action="synthesis.report.failed")
    assert failed.data == {"step": "docx", "error": "ValueError"}
    page = client_for(filled.cast.leader).get(
        reverse("synthesis:generated-progress", args=["twg", made.pk])
    )
    html = page.content.decode()
    assert "The report could not be generated" in html and escape(made.error) in html
    assert "hx-trigger" not in html  # the page stops asking for progress


def test_a_report_made_after_a_lock_that_fails_is_told_to_the_secretariat(
    filled: Filled,
) -> None:
    _plant_a_value_no_renderer_draws(filled)
    [made] = [
        r
        for r in services.queue_reports_of_locked_periods(dt.datetime(2024, 5, 1, 3, tzinfo=UTC))
        if r.first_period == "2024-03"
    ]

    with time_machine.travel(TODAY, tick=False):
        services.build_report(made.pk)

    made.refresh_from_db()
    assert (made.status, made.requested_by) == (GeneratedReport.Status.FAILED, None)
    notice = Notification.objects.get(user=filled.cast.secretariat, kind="synthesis")
    assert notice.subject.startswith("Consolidated report failed:")


def test_the_failure_is_written_in_the_language_of_the_report(filled: Filled) -> None:
    _plant_a_value_no_renderer_draws(filled)
    made = services.request_report(
        obligation=filled.obligation,
        first="2024-03",
        last="2024-03",
        language="vi",
        include_submitted=False,
        by=filled.cast.leader,
    )

    with time_machine.travel(TODAY, tick=False):
        services.build_report(made.pk)

    made.refresh_from_db()
    assert made.status == GeneratedReport.Status.FAILED
    assert "DOCX" in made.error and "The DOCX file" not in made.error


@time_machine.travel(TODAY, tick=False)
def test_the_largest_numbers_the_checks_take_are_drawn_in_every_format(filled: Filled) -> None:
    """What entry accepts, the renderers hold: the bound of the answer checks is the line."""
    largest = int(validation.LARGEST)
    for n, sub in enumerate(filled.subs.values()):
        rate = "-999999999999999.5" if n % 2 else "0.000000000000001"
        data = {**sub.data, "cases": largest, "victims": largest, "rate": rate}
        assert reporting.check_answers(sub.version, data, require=False).ok
        Submission.objects.filter(pk=sub.pk).update(data=data)
    made = _request(filled, by=filled.cast.leader)

    services.build_report(made.pk)

    made.refresh_from_db()
    assert made.status == GeneratedReport.Status.DONE, made.error
    assert sorted(made.files.values_list("format", flat=True)) == ["csv", "docx", "pdf", "xlsx"]
