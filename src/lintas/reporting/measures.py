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

from lintas.reporting.periods import Period, deadline_instant, local_date

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


@dataclass(frozen=True, slots=True)
class Facts:
    """What the database knows about one submission."""

    state: str  # draft | awaiting_validation | submitted | accepted | returned
    first_submitted_at: dt.datetime | None
    first_complete_at: dt.datetime | None
    required_filled: int
    required_total: int


@dataclass(frozen=True, slots=True)
class Cell:
    state: str
    expected: bool
    actual: bool
    on_time: bool
    days_late: int | None
    required_filled: int
    required_total: int

    @property
    def completeness(self) -> float | None:
        if not self.actual:
            return None
        return 1.0 if self.required_total == 0 else self.required_filled / self.required_total


NOT_EXPECTED_CELL = Cell(NOT_EXPECTED, False, False, False, None, 0, 0)


def cell_for(
    *,
    period: Period,
    owes: bool,
    deadlines: Deadlines,
    facts: Facts | None,
    now: dt.datetime,
    tz: zoneinfo.ZoneInfo,
) -> Cell:
    if not owes:
        return NOT_EXPECTED_CELL
    today = local_date(now, tz)
    due_end = deadline_instant(deadlines.due, tz)
    timely_end = deadline_instant(deadlines.timely, tz)
    state = facts.state if facts else "draft"
    actual = state in ACTUAL_STATES
    filled = facts.required_filled if facts else 0
    total = facts.required_total if facts else 0
    complete_at = facts.first_complete_at if facts else None
    if actual:
        when = complete_at or (facts.first_submitted_at if facts else None) or now
        on_time = complete_at is not None and complete_at < timely_end
        late_days = 0 if on_time else max(0, (local_date(when, tz) - deadlines.due).days)
        label = ACCEPTED if state == "accepted" else (ON_TIME if on_time else LATE)
        return Cell(label, True, True, on_time, late_days, filled, total)
    overdue_days = max(0, (today - deadlines.due).days) if now >= due_end else None
    if state == "returned":
        return Cell(RETURNED, True, False, False, overdue_days, filled, total)
    if state == "awaiting_validation":
        return Cell(AWAITING_VALIDATION, True, False, False, overdue_days, filled, total)
    if now >= due_end:
        return Cell(MISSING, True, False, False, overdue_days, filled, total)
    if today <= period.end:
        return Cell(NOT_YET_DUE, True, False, False, None, filled, total)
    return Cell(DUE, True, False, False, None, filled, total)


@dataclass(frozen=True, slots=True)
class Measures:
    expected: int
    actual: int
    on_time: int
    required_filled: int
    required_total: int
    days_late: int

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
        }


def summarise(cells: Iterable[Cell]) -> Measures:
    expected = actual = on_time = filled = total = late = 0
    for c in cells:
        if not c.expected:
            continue
        expected += 1
        late += c.days_late or 0
        if c.actual:
            actual += 1
            on_time += c.on_time
            filled += c.required_filled
            total += c.required_total
    return Measures(expected, actual, on_time, filled, total, late)
