"""The reporting measures, named as DHIS2 names them, plus completeness and days late.

No Django import: the selectors hand plain facts in and get cells and sums back. The rules, with
worked examples, are in docs/reporting-measures.md; in short:

- A unit is *expected* to report a period when it was a member for the whole period
  (``periods.unit_owes``).
- A report is *actual* when the unit has submitted it to the secretariat and it stands submitted
  or accepted. A returned report is not actual until it is sent again.
- A report is *on time* when it is actual and the first submission in which every required field
  was filled arrived before the end of the timely day (period end + timely days, in the body's
  time zone). A report returned for corrections keeps its timeliness if that first complete
  submission was on time; an incomplete report sent on time counts from the day it was complete.
- A report counts as *expected* (the denominator of every rate) once it is due: its deadline
  has passed, or it arrived early (then it counts in both terms). A period still running, or
  whose deadline is ahead, changes no rate until its report is in (``Cell.owed`` still says the
  unit owes it, for the matrix).
- *Reporting rate* = actual / expected; *reporting rate on time* = on time / expected. Both are
  computed only over expected reports, so they never exceed 100%.
- *Completeness* = required fields filled / required fields, over actual reports.
- *Days late* = days between the due day and the first complete submission (or today, for a
  missing report), in the body's time zone.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from lintas.reporting.periods import Period, local_date

# Cell states, in the order of the legend.
NOT_EXPECTED = "not_expected"
NOT_YET_DUE = "not_yet_due"
DUE = "due"
ON_TIME = "on_time"
LATE = "late"
MISSING = "missing"
RETURNED = "returned"
ACCEPTED = "accepted"
AWAITING_VALIDATION = "awaiting_validation"

ACTUAL_STATES = frozenset({"submitted", "accepted"})


@dataclass(frozen=True, slots=True)
class Deadlines:
    due: dt.date  # last day to submit
    timely: dt.date  # last day that counts as on time
    expiry: dt.date | None  # after this day the unit can no longer submit (None: never locks)


class Facts(NamedTuple):
    """What the database knows about one submission."""

    state: str  # draft | awaiting_validation | submitted | accepted | returned
    first_complete_on: dt.date | None  # the day, in the body's calendar, it first arrived complete
    required_filled: int
    required_total: int


class Cell(NamedTuple):
    state: str
    expected: bool  # counts in expected reports: owed, and due (deadline passed) or actual
    actual: bool
    on_time: bool
    days_late: int | None
    required_filled: int
    required_total: int
    owed: bool = True  # the unit owes this period, due or not

    @property
    def completeness(self) -> float | None:
        if not self.actual:
            return None
        return 1.0 if self.required_total == 0 else self.required_filled / self.required_total


NOT_EXPECTED_CELL = Cell(NOT_EXPECTED, False, False, False, None, 0, 0, owed=False)


@dataclass(frozen=True, slots=True)
class Clock:
    """One period's deadlines at one moment, worked out once per period: a matrix of thousands
    of cells then compares dates and does no time-zone arithmetic per cell."""

    today: dt.date  # in the body's calendar
    due: dt.date
    timely: dt.date
    ended: bool  # the period is over
    due_passed: bool  # the due day is over

    @property
    def overdue_days(self) -> int | None:
        return (self.today - self.due).days if self.due_passed else None


def clock_for(
    period: Period, deadlines: Deadlines, now: dt.datetime, tz: zoneinfo.ZoneInfo
) -> Clock:
    today = local_date(now, tz)
    return Clock(
        today=today,
        due=deadlines.due,
        timely=deadlines.timely,
        ended=today > period.end,
        # a day is over at the body's midnight: deadline_instant(due) <= now
        due_passed=today > deadlines.due,
    )


def cell_for(
    *,
    period: Period,
    owes: bool,
    deadlines: Deadlines,
    facts: Facts | None,
    now: dt.datetime,
    tz: zoneinfo.ZoneInfo,
) -> Cell:
    """The state and measures of one unit's report for one period."""
    return cell_at(clock_for(period, deadlines, now, tz), owes, facts)


def cell_at(clock: Clock, owes: bool, facts: Facts | None) -> Cell:
    if not owes:
        return NOT_EXPECTED_CELL
    # before its deadline a report is not yet expected: it counts only once it is in
    due = clock.due_passed
    if facts is None:
        if due:
            return Cell(MISSING, True, False, False, clock.overdue_days, 0, 0)
        return Cell(DUE if clock.ended else NOT_YET_DUE, False, False, False, None, 0, 0)
    state, complete_on, filled, total = facts
    if state in ACTUAL_STATES:
        label = ACCEPTED if state == "accepted" else None
        if complete_on is not None and complete_on <= clock.timely:
            return Cell(label or ON_TIME, True, True, True, 0, filled, total)
        # never complete (a template changed under it): late until today
        late_days = max(0, ((complete_on or clock.today) - clock.due).days)
        return Cell(label or LATE, True, True, False, late_days, filled, total)
    overdue = clock.overdue_days
    if state == "returned":
        return Cell(RETURNED, due, False, False, overdue, filled, total)
    if state == "awaiting_validation":
        return Cell(AWAITING_VALIDATION, due, False, False, overdue, filled, total)
    if due:
        return Cell(MISSING, True, False, False, overdue, filled, total)
    return Cell(DUE if clock.ended else NOT_YET_DUE, False, False, False, None, filled, total)


@dataclass(frozen=True, slots=True)
class Measures:
    expected: int
    actual: int
    on_time: int
    required_filled: int
    required_total: int
    days_late: int
    not_yet_due: int = 0  # owed reports whose deadline is ahead and that are not in yet

    @property
    def reporting_rate(self) -> float | None:
        return self.actual / self.expected if self.expected else None

    @property
    def reporting_rate_on_time(self) -> float | None:
        return self.on_time / self.expected if self.expected else None

    @property
    def completeness(self) -> float | None:
        if not self.actual:
            return None
        return 1.0 if self.required_total == 0 else self.required_filled / self.required_total

    def as_dict(self) -> dict[str, float | int | None]:
        return {
            "expected_reports": self.expected,
            "actual_reports": self.actual,
            "actual_reports_on_time": self.on_time,
            "reporting_rate": self.reporting_rate,
            "reporting_rate_on_time": self.reporting_rate_on_time,
            "completeness": self.completeness,
            "days_late": self.days_late,
            "reports_not_yet_due": self.not_yet_due,
        }


def summarise(cells: Iterable[Cell]) -> Measures:
    expected = actual = on_time = filled = total = late = pending = 0
    for _state, is_expected, is_actual, is_on_time, days_late, c_filled, c_total, owed in cells:
        if not is_expected:
            pending += owed
            continue
        expected += 1
        late += days_late or 0
        if is_actual:
            actual += 1
            on_time += is_on_time
            filled += c_filled
            total += c_total
    return Measures(expected, actual, on_time, filled, total, late, pending)


def combine(parts: Iterable[Measures]) -> Measures:
    """The measures of several disjoint sets of cells (rows of a matrix, say), added up."""
    expected = actual = on_time = filled = total = late = pending = 0
    for m in parts:
        expected += m.expected
        actual += m.actual
        on_time += m.on_time
        filled += m.required_filled
        total += m.required_total
        late += m.days_late
        pending += m.not_yet_due
    return Measures(expected, actual, on_time, filled, total, late, pending)
