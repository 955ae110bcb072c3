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
    return time_machine.travel(dt.datetime(*args, tzinfo=UTC), tick=False)  # type: ignore[arg-type, misc]


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
    assert total.expected + total.not_yet_due == sum(owes for owes, _f in mix)
    assert total.on_time <= total.actual <= total.expected
    for rate in (total.reporting_rate, total.reporting_rate_on_time, total.completeness):
        assert rate is None or 0.0 <= rate <= 1.0


# random obligations: period type, due and timely days; random membership dates, exceptions
# (which move only the lock) and "today"
period_types = st.sampled_from(["monthly", "quarterly", "six_monthly", "yearly"])
days = st.dates(dt.date(2023, 1, 1), dt.date(2026, 12, 31))


@st.composite
def regimes(draw: st.DrawFn) -> tuple[list[tuple[periods.Period, Deadlines]], dt.datetime]:
    kind = draw(period_types)
    due_days = draw(st.integers(0, 45))
    timely_days = draw(st.integers(0, due_days))
    expiry = draw(st.one_of(st.none(), st.integers(due_days, due_days + 60)))
    first = periods.period_of(kind, draw(st.dates(dt.date(2023, 1, 1), dt.date(2025, 6, 30))))
    period_list = periods.periods_between(kind, first.start, first.start + dt.timedelta(days=720))
    now = draw(
        st.datetimes(
            min_value=dt.datetime(2023, 1, 1),  # noqa: DTZ001 (hypothesis wants naive bounds)
            max_value=dt.datetime(2027, 1, 1),  # noqa: DTZ001
            timezones=st.just(UTC),
        )
    )
    table = [
        (
            p,
            Deadlines(
                due=p.end + dt.timedelta(days=due_days),
                timely=p.end + dt.timedelta(days=timely_days),
                expiry=None if expiry is None else p.end + dt.timedelta(days=expiry),
            ),
        )
        for p in period_list
    ]
    return table, now


unit_facts = st.lists(
    st.tuples(
        st.one_of(st.none(), days),  # joined
        st.one_of(st.none(), days),  # left
        st.dictionaries(st.integers(0, 30), facts.filter(lambda f: f is not None)),
    ),
    min_size=1,
    max_size=6,
)


@given(regimes(), unit_facts)
def test_a_period_not_yet_due_changes_no_rate_unless_its_report_is_in(
    regime: tuple[list[tuple[periods.Period, Deadlines]], dt.datetime],
    units: list[tuple[dt.date | None, dt.date | None, dict[int, Facts]]],
) -> None:
    table, now = regime
    today = periods.local_date(now, TZ)
    cells: list[measures.Cell] = []
    for joined, left, sent in units:
        for i, (period, deadlines) in enumerate(table):
            if period.start > today:
                continue  # periods that have not started are never shown
            owes = periods.unit_owes(period, joined, left)
            cell = measures.cell_for(
                period=period, owes=owes, deadlines=deadlines, facts=sent.get(i), now=now, tz=TZ
            )
            cells.append(cell)
            due = today > deadlines.due
            if not owes:
                assert not cell.expected and not cell.owed
            elif not due and not cell.actual:
                # a report not yet due and not in: out of every rate, whatever its draft says
                assert not cell.expected
                assert cell.state in {
                    measures.NOT_YET_DUE,
                    measures.DUE,
                    measures.RETURNED,
                    measures.AWAITING_VALIDATION,
                }
            else:
                assert cell.expected  # due, or arrived early: counts
    total = measures.summarise(cells)
    assert total.on_time <= total.actual <= total.expected
    for rate in (total.reporting_rate, total.reporting_rate_on_time, total.completeness):
        assert rate is None or 0.0 <= rate <= 1.0
    # the same measures without the cells that are not yet due
    counted = measures.summarise(c for c in cells if c.expected)
    assert (counted.expected, counted.actual, counted.on_time) == (
        total.expected,
        total.actual,
        total.on_time,
    )


def test_a_running_month_and_an_early_report(regime: Regime) -> None:
    """Example 5: on 20 April, April is running. Unit A sent April early on 18 April; unit B has
    sent March on time and nothing for April. March counts for both; April only for A."""
    a, b = regime.cast.unit_a, regime.cast.unit_b
    with at(2024, 4, 5, 3, 0):
        send(regime, a, "2024-03")
        send(regime, b, "2024-03")
    with at(2024, 4, 18, 3, 0):
        send(regime, a, "2024-04")
    with at(2024, 4, 20, 3, 0):
        row_a = row_for(regime, a, "2024-03", "2024-04")
        row_b = row_for(regime, b, "2024-03", "2024-04")
    assert [c.state for c in row_b.cells] == [measures.ON_TIME, measures.NOT_YET_DUE]
    assert (row_b.measures.expected, row_b.measures.actual) == (1, 1)
    assert row_b.measures.reporting_rate == 1.0  # not 50%: April is not due yet
    assert row_b.measures.not_yet_due == 1
    assert (row_a.measures.expected, row_a.measures.actual, row_a.measures.on_time) == (2, 2, 2)
    assert row_a.measures.reporting_rate == 1.0
    # between the period's end and its deadline April is "due", still out of the rate
    with at(2024, 5, 5, 3, 0):
        row_b = row_for(regime, b, "2024-03", "2024-04")
    assert [c.state for c in row_b.cells] == [measures.ON_TIME, measures.DUE]
    assert row_b.measures.reporting_rate == 1.0
    # the day after the deadline it is missing and counts
    with at(2024, 5, 11, 3, 0):
        row_b = row_for(regime, b, "2024-03", "2024-04")
    assert [c.state for c in row_b.cells] == [measures.ON_TIME, measures.MISSING]
    assert (row_b.measures.expected, row_b.measures.reporting_rate) == (2, 0.5)


def test_the_matrix_and_a_units_history_cost_the_same_queries_whatever_their_size(
    regime: Regime,
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lintas.members import services as members

    def queries(step) -> int:
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
        members.create_unit(body=regime.cast.body, by=SYSTEM, name=f"Dept {i}", kind="department")
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


def test_each_version_is_labelled_by_what_it_was_when_sent(regime: Regime) -> None:
    unit = regime.cast.unit_a
    with at(2024, 4, 8, 3, 0):
        sub = send(regime, unit, "2024-03")
    with at(2024, 4, 12, 3, 0):
        services.return_report(sub, reason="Victims figure looks swapped", by=SYSTEM)
    with at(2024, 4, 20, 3, 0):
        sub.refresh_from_db()
        services.submit_report(sub, data=GOOD, revision=sub.revision, by=SYSTEM)

    sub.refresh_from_db()
    sent = sub.state
    assert sent != "draft"
    assert [r.state for r in sub.revisions.order_by("number")] == [sent, sent]
