from __future__ import annotations

from decimal import Decimal
from typing import Any

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from lintas.synthesis.consolidate import Consolidated, NumberBlock, consolidate
from lintas.synthesis.render import words
from tests.synthesis.conftest import NARRATIVE_A, NARRATIVE_B, NARRATIVE_C, TODAY, Filled


def _march(filled: Filled, **kw: Any) -> Consolidated:
    with time_machine.travel(TODAY, tick=False):
        return consolidate(filled.obligation, first="2024-03", **kw)


def _number(report: Consolidated, code: str) -> NumberBlock:
    return next(n for n in report.numbers if n.code == code)


def test_it_adds_up_accepted_reports_with_per_unit_rows_and_change(filled: Filled) -> None:
    report = _march(filled)

    cases = _number(report, "cases")
    assert cases.total == 20  # A 12 + B 8; C's report is not accepted
    assert cases.previous == 14  # February: A 10 + B 4
    assert cases.change == 6
    assert {(r.unit, r.value, r.previous) for r in cases.rows} == {
        ("Agency A", 12, 10),
        ("Agency B", 8, 4),
    }
    assert not cases.provisional


def test_a_field_that_says_mean_is_averaged(filled: Filled) -> None:
    assert _number(_march(filled), "rate").total == Decimal("0.5")


def test_submitted_reports_count_only_when_asked_and_are_marked(filled: Filled) -> None:
    report = _march(filled, include_submitted=True)

    cases = _number(report, "cases")
    assert cases.total == 120
    assert cases.provisional
    c_row = next(r for r in cases.rows if r.unit == "Agency C")
    assert c_row.provisional and c_row.value == 100
    assert not next(r for r in cases.rows if r.unit == "Agency A").provisional


def test_the_report_says_which_reports_its_figures_come_from_and_which_it_leaves_out(
    filled: Filled,
) -> None:
    report = _march(filled)

    assert (report.reports_counted, report.reports_waiting) == (2, 1)  # C's is only submitted
    with translation.override("en"):
        note = words.scope_note(report)
        assert note == (
            "The figures come from the 2 accepted reports of the range. The reporting rate "
            "counts every report that arrived: 1 of them is not accepted yet and is not in the "
            "figures."
        )
        assert report.measures.actual == 3  # the rate counts all three that arrived
        assert words.scope_note(_march(filled, include_submitted=True)).startswith(
            "This report includes submitted reports"
        )


def test_narratives_are_gathered_under_their_unit_and_section(filled: Filled) -> None:
    report = _march(filled)

    section = next(s for s in report.sections if s.code == "narrative")
    situation = next(t for t in section.texts if t.code == "situation")
    assert [(e.unit, e.text) for e in situation.entries] == [
        ("Agency A", NARRATIVE_A),
        ("Agency B", NARRATIVE_B),
    ]
    assert NARRATIVE_C not in [e.text for e in situation.entries]
    channel = next(t for t in section.texts if t.code == "channel")
    assert dict(channel.counts) == {"Online job advertisement": 1, "Social media": 1}


def test_tables_are_combined_with_column_totals(filled: Filled) -> None:
    section = next(s for s in _march(filled).sections if s.code == "narrative")
    trainings = section.tables[0]

    assert [(r.unit, r.cells[0]) for r in trainings.rows] == [
        ("Agency A", "Border officers"),
        ("Agency B", "Police"),
    ]
    assert trainings.totals[2] == 42


def test_it_lists_late_and_missing_units_with_days_late(filled: Filled) -> None:
    with time_machine.travel(TODAY, tick=False):
        report = consolidate(filled.obligation, first="2024-02", last="2024-03")

    late = {(i.unit, i.period): (i.state, i.days_late) for i in report.late}
    assert late == {
        ("Agency C", "2024-02"): ("missing", 41),
        ("Agency B", "2024-03"): ("accepted", 5),
        ("Agency C", "2024-03"): ("late", 2),
    }
    assert report.late[0].unit == "Agency C"  # the longest delay first


def test_it_says_who_submitted_what_and_when(filled: Filled) -> None:
    report = _march(filled, include_submitted=True)

    by_unit = {a.unit: a for a in report.arrivals}
    assert by_unit["Agency A"].submitted_by == "Anh Focal"
    assert by_unit["Agency A"].accepted_by == "Sara Secretariat"
    assert by_unit["Agency B"].submitted_at.day == 15  # type: ignore[union-attr]
    assert by_unit["Agency C"].provisional


def test_a_range_adds_up_every_period_and_compares_with_the_range_before(
    filled: Filled,
) -> None:
    with time_machine.travel(TODAY, tick=False):
        report = consolidate(filled.obligation, first="2024-02", last="2024-03")

    cases = _number(report, "cases")
    assert cases.total == 34
    assert cases.previous is None  # nothing was reported for December and January
    assert {(r.unit, r.value) for r in cases.rows} == {("Agency A", 22), ("Agency B", 12)}


def test_it_reads_a_fixed_number_of_queries(filled: Filled) -> None:
    with CaptureQueriesContext(connection) as small:
        _march(filled)
    with CaptureQueriesContext(connection) as wide, time_machine.travel(TODAY, tick=False):
        consolidate(filled.obligation, first="2024-01", last="2024-03", include_submitted=True)
    assert len(small) == len(wide) <= 9


def test_a_returned_report_is_listed_with_the_days_it_is_overdue(filled: Filled) -> None:
    from lintas.reporting import services

    with time_machine.travel(TODAY, tick=False):
        services.return_report(
            filled.subs[("c", "2024-03")], by=filled.cast.secretariat, reason="Check the figure."
        )
        report = consolidate(filled.obligation, first="2024-03", include_submitted=True)

    late = {(i.unit, i.period): (i.state, i.days_late) for i in report.late}
    assert late[("Agency C", "2024-03")] == ("returned", 10)
    assert "Agency C" not in {r.unit for r in report.numbers[0].rows}


def test_a_running_month_is_not_yet_due_never_missing_and_counts_in_no_rate(
    filled: Filled,
) -> None:
    """On 20 April, April is running (due 10 May): nobody has sent it, nobody is late for it."""
    with time_machine.travel(TODAY, tick=False):
        march = consolidate(filled.obligation, first="2024-03")
        both = consolidate(filled.obligation, first="2024-03", last="2024-04")

    assert march.complete and not march.not_yet_due
    assert not both.complete
    assert [(p.key, due.isoformat()) for p, due in both.open_periods] == [("2024-04", "2024-05-10")]
    assert {(i.unit, i.period, i.state) for i in both.not_yet_due} == {
        ("Agency A", "2024-04", "not_yet_due"),
        ("Agency B", "2024-04", "not_yet_due"),
        ("Agency C", "2024-04", "not_yet_due"),
    }
    assert all(i.due is not None and i.due.isoformat() == "2024-05-10" for i in both.not_yet_due)
    assert not [i for i in both.late if i.period == "2024-04"]
    # April changes no rate: the two-month range reads as March alone
    assert (both.measures.expected, both.measures.actual, both.measures.on_time) == (
        march.measures.expected,
        march.measures.actual,
        march.measures.on_time,
    )
    assert both.measures.reporting_rate == march.measures.reporting_rate
    assert both.measures.not_yet_due == 3


def test_a_report_of_only_past_periods_is_complete_whatever_today_is(filled: Filled) -> None:
    with time_machine.travel(TODAY, tick=False):
        report = consolidate(filled.obligation, first="2024-02", last="2024-03")
    assert report.complete and report.open_periods == []
