"""The worked examples of docs/reporting-measures.md, each pinned by a test.

The body of the test cast is in Asia/Ho_Chi_Minh (UTC+7). The obligation is monthly, due 10 days
after the period, on time up to the same day, locked 30 days after the period.
"""

from __future__ import annotations

import datetime as dt
from datetime import UTC

import pytest
import time_machine
from hypothesis import given
from hypothesis import strategies as st

from lintas.core.errors import LintasError
from lintas.members.models import Unit
from lintas.policy import SYSTEM
from lintas.reporting import measures, periods, selectors, services
from lintas.reporting.measures import Deadlines, Facts
from lintas.reporting.models import Submission
from tests.reporting.conftest import GOOD, Regime


def at(*args: int) -> time_machine.travel:
    return time_machine.travel(dt.datetime(*args, tzinfo=UTC), tick=False)


def send(regime: Regime, unit: Unit, period_key: str) -> Submission:
    sub = services.start_submission(
        obligation=regime.obligation, unit=unit, period_key=period_key, by=SYSTEM
    )
    return services.submit_report(sub, data=GOOD, revision=sub.revision, by=SYSTEM)


def row_for(regime: Regime, unit: Unit, first: str, last: str) -> selectors.MatrixRow:
    _t, start = periods.parse_key(first)
    _t, end = periods.parse_key(last)
    period_list = periods.periods_between("monthly", start.start, end.end)
    matrix = selectors.reporting_matrix(
        regime.obligation, period_list=period_list, units=[unit], now=dt.datetime.now(UTC)
    )
    return matrix.rows[0]


def test_the_deadline_is_midnight_in_the_bodys_time_zone(regime: Regime) -> None:
    """Example 1: March is due on 10 April; 10 April ends at 17:00 UTC in Ho Chi Minh City."""
    a, b = regime.cast.unit_a, regime.cast.unit_b
    with at(2024, 4, 10, 16, 59):  # 23:59 on 10 April in Ho Chi Minh City
        send(regime, a, "2024-03")
    with at(2024, 4, 10, 17, 1):  # 00:01 on 11 April there, still 10 April in UTC
        send(regime, b, "2024-03")
    with at(2024, 4, 20, 0, 0):
        cell_a = row_for(regime, a, "2024-03", "2024-03").cells[0]
        cell_b = row_for(regime, b, "2024-03", "2024-03").cells[0]
    assert (cell_a.state, cell_a.on_time, cell_a.days_late) == (measures.ON_TIME, True, 0)
    assert (cell_b.state, cell_b.on_time, cell_b.days_late) == (measures.LATE, False, 1)


def test_a_missing_report_turns_missing_the_first_minute_after_the_deadline(
    regime: Regime,
) -> None:
    unit = regime.cast.unit_a
    with at(2024, 4, 10, 16, 59):
        assert row_for(regime, unit, "2024-03", "2024-03").cells[0].state == measures.DUE
    with at(2024, 4, 10, 17, 0):
        cell = row_for(regime, unit, "2024-03", "2024-03").cells[0]
    assert (cell.state, cell.days_late) == (measures.MISSING, 1)
    with at(2024, 3, 20, 0, 0):
        assert row_for(regime, unit, "2024-03", "2024-03").cells[0].state == measures.NOT_YET_DUE


def test_a_unit_joining_mid_year_owes_only_the_whole_months_it_was_a_member(
    regime: Regime,
) -> None:
    """Example 2: a unit joining on 10 July owes August to December: 5 reports, not 6."""
    unit = regime.cast.unit_b
    unit.joined_on = dt.date(2024, 7, 10)
    unit.save()
    with at(2024, 8, 1, 0, 0), pytest.raises(LintasError):
        send(regime, unit, "2024-07")
    for month in range(8, 13):
        with at(2024, month, 28, 0, 0):
            send(regime, unit, f"2024-{month:02d}")
    with at(2025, 2, 1, 0, 0):
        row = row_for(regime, unit, "2024-01", "2024-12")
    figures = row.measures.as_dict()
    assert figures["expected_reports"] == 5
    assert figures["actual_reports"] == 5
    assert figures["actual_reports_on_time"] == 5
    assert figures["reporting_rate"] == 1.0
    assert [c.expected for c in row.cells] == [False] * 7 + [True] * 5


def test_a_unit_leaving_mid_month_owes_up_to_the_month_before(regime: Regime) -> None:
    unit = regime.cast.unit_c
    unit.left_on = dt.date(2024, 6, 20)
    unit.save()
    with at(2024, 8, 1, 0, 0):
        row = row_for(regime, unit, "2024-01", "2024-12")
    assert row.measures.expected == 5  # January to May
    assert row.measures.reporting_rate == 0.0


def test_a_report_sent_under_an_exception_is_actual_but_late(regime: Regime) -> None:
    """Example 3: locked on 1 May, reopened to 12 May, sent on 8 May: actual, 28 days late."""
    unit = regime.cast.unit_a
    with at(2024, 4, 5, 0, 0):
        sub = services.start_submission(
            obligation=regime.obligation, unit=unit, period_key="2024-03", by=SYSTEM
        )
    with at(2024, 5, 5, 3, 0):
        assert services.is_locked(sub)
        services.grant_exception(
            obligation=regime.obligation,
            unit=unit,
            period_key="2024-03",
            open_until=dt.date(2024, 5, 12),
            reason="Office closed by floods",
            by=regime.cast.secretariat,
        )
    with at(2024, 5, 8, 3, 0):
        services.submit_report(sub, data=GOOD, revision=sub.revision, by=SYSTEM)
    with at(2024, 5, 20, 0, 0):
        cell = row_for(regime, unit, "2024-03", "2024-03").cells[0]
    assert (cell.state, cell.actual, cell.on_time, cell.days_late) == (
        measures.LATE,
        True,
        False,
        28,
    )


def test_a_returned_report_is_not_actual_until_sent_again_and_keeps_its_timeliness(
    regime: Regime,
) -> None:
    """Example 4: sent 8 April, returned 12 April, sent again 20 April: on time."""
    unit = regime.cast.unit_a
    with at(2024, 4, 8, 3, 0):
        sub = send(regime, unit, "2024-03")
    with at(2024, 4, 12, 3, 0):
        services.return_report(sub, reason="Victims figure looks swapped", by=SYSTEM)
    with at(2024, 4, 15, 3, 0):
        returned = row_for(regime, unit, "2024-03", "2024-03")
    assert returned.cells[0].state == measures.RETURNED
    assert returned.measures.actual == 0
    assert returned.measures.expected == 1
    with at(2024, 4, 20, 3, 0):
        sub.refresh_from_db()
        services.submit_report(sub, data=GOOD, revision=sub.revision, by=SYSTEM)
    with at(2024, 4, 25, 0, 0):
        again = row_for(regime, unit, "2024-03", "2024-03")
    cell = again.cells[0]
    assert (cell.state, cell.actual, cell.on_time, cell.days_late) == (
        measures.ON_TIME,
        True,
        True,
        0,
    )
    assert again.measures.reporting_rate_on_time == 1.0


def test_a_late_report_returned_and_resent_stays_late(regime: Regime) -> None:
    unit = regime.cast.unit_a
    with at(2024, 4, 13, 3, 0):
        sub = send(regime, unit, "2024-03")
    with at(2024, 4, 14, 3, 0):
        services.return_report(sub, reason="Missing narrative detail", by=SYSTEM)
    with at(2024, 4, 16, 3, 0):
        sub.refresh_from_db()
        services.submit_report(sub, data=GOOD, revision=sub.revision, by=SYSTEM)
        cell = row_for(regime, unit, "2024-03", "2024-03").cells[0]
    assert (cell.state, cell.on_time, cell.days_late) == (measures.LATE, False, 3)


def test_accepted_reports_keep_counting_as_on_time(regime: Regime) -> None:
    unit = regime.cast.unit_a
    with at(2024, 4, 8, 3, 0):
        sub = send(regime, unit, "2024-03")
    with at(2024, 4, 18, 3, 0):
        services.accept_report(sub, by=SYSTEM)
        row = row_for(regime, unit, "2024-03", "2024-03")
    assert row.cells[0].state == measures.ACCEPTED
    assert row.measures.on_time == 1


# --- the pure rules: a rate never exceeds 100% ----------------------------------------------

PERIOD = periods.period_of("monthly", dt.date(2024, 3, 1))
DEADLINES = Deadlines(due=dt.date(2024, 4, 10), timely=dt.date(2024, 4, 10), expiry=None)
TZ = periods.zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
instants = st.datetimes(
    min_value=dt.datetime(2024, 3, 1),  # noqa: DTZ001 (hypothesis wants naive bounds)
    max_value=dt.datetime(2024, 8, 1),  # noqa: DTZ001
    timezones=st.just(UTC),
)
facts = st.one_of(
    st.none(),
    st.builds(
        Facts,
        state=st.sampled_from(
            ["draft", "awaiting_validation", "submitted", "accepted", "returned"]
        ),
        first_complete_on=st.one_of(st.none(), st.dates(dt.date(2024, 3, 1), dt.date(2024, 8, 1))),
        required_filled=st.integers(0, 5),
        required_total=st.just(5),
    ),
)


@given(st.lists(st.tuples(st.booleans(), facts), max_size=40), instants)
def test_no_rate_exceeds_one_whatever_the_mix_of_units_and_states(
    mix: list[tuple[bool, Facts | None]], now: dt.datetime
) -> None:
    cells = [
        measures.cell_for(period=PERIOD, owes=owes, deadlines=DEADLINES, facts=f, now=now, tz=TZ)
        for owes, f in mix
    ]
    total = measures.summarise(cells)
    assert total.expected == sum(owes for owes, _f in mix)
    assert total.on_time <= total.actual <= total.expected
    for rate in (total.reporting_rate, total.reporting_rate_on_time, total.completeness):
        assert rate is None or 0.0 <= rate <= 1.0


def test_the_matrix_and_a_units_history_cost_the_same_queries_whatever_their_size(
    regime: Regime,
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lintas.members import services as members

    def queries(step) -> int:  # type: ignore[no-untyped-def]
        with CaptureQueriesContext(connection) as ctx:
            step()
        return len(ctx.captured_queries)

    obligation, unit = regime.obligation, regime.cast.unit_a
    with at(2024, 4, 20, 0, 0):
        send(regime, unit, "2024-03")
    with at(2024, 4, 25, 0, 0):
        small = queries(lambda: selectors.reporting_matrix(obligation))
        small_history = queries(lambda: selectors.unit_history(obligation, unit))
    extra = [
        members.create_unit(body=regime.cast.body, by=None, name=f"Dept {i}", kind="department")
        for i in range(6)
    ]
    obligation.units.add(*extra)
    for other in extra[:3]:
        with at(2024, 5, 5, 0, 0):
            send(regime, other, "2024-04")
    with at(2025, 6, 1, 0, 0):
        matrix = selectors.reporting_matrix(obligation)
        assert (len(matrix.rows), len(matrix.periods)) == (9, 18)
        assert queries(lambda: selectors.reporting_matrix(obligation)) == small
        assert queries(lambda: selectors.unit_history(obligation, unit)) == small_history
    assert small == 2 and small_history == 1
