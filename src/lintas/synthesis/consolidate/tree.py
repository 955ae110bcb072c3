"""The tree every renderer walks: plain dataclasses, one per block of the report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from lintas.reporting import measures
from lintas.reporting.measures import Measures
from lintas.reporting.models import (
    Field,
)
from lintas.reporting.periods import Period

NUMERIC = {Field.Type.INTEGER, Field.Type.DECIMAL}
NARRATIVE = {Field.Type.LONG_TEXT, Field.Type.SHORT_TEXT}
CATEGORICAL = {Field.Type.CHOICE, Field.Type.MULTI_CHOICE, Field.Type.YES_NO, Field.Type.DATE}
# how many periods the trend charts show at least
TREND_PERIODS = 6
# the states of the matrix that put a unit in the late, missing or returned list
LATE_STATES = {measures.LATE, measures.MISSING, measures.RETURNED}


@dataclass
class UnitValue:
    unit: str
    value: Decimal | None
    previous: Decimal | None
    provisional: bool = False

    @property
    def change(self) -> Decimal | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous


@dataclass
class NumberBlock:
    code: str
    label: str
    aggregation: str
    total: Decimal | None
    previous: Decimal | None
    rows: list[UnitValue]
    trend: list[Decimal | None]  # one per period of Consolidated.trend_periods
    provisional: bool = False

    @property
    def change(self) -> Decimal | None:
        if self.total is None or self.previous is None:
            return None
        return self.total - self.previous

    @property
    def change_ratio(self) -> float | None:
        if self.change is None or not self.previous:
            return None
        return float(self.change / self.previous)


@dataclass
class TableRow:
    unit: str
    period: str
    cells: list[Any]
    provisional: bool = False


@dataclass
class TableBlock:
    code: str
    label: str
    columns: list[tuple[str, str, str]]  # code, label, type
    rows: list[TableRow]
    totals: list[Decimal | None]  # per column, for numeric columns


@dataclass
class Entry:
    unit: str
    period: str
    text: str
    provisional: bool = False


@dataclass
class TextBlock:
    """A narrative field (long or short text) or a categorical one (choice, yes/no, date):
    each unit's answer under its name, and for categorical fields the count of each answer."""

    code: str
    label: str
    type: str
    entries: list[Entry]
    counts: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class SectionBlock:
    code: str
    title: str
    numbers: list[NumberBlock]
    tables: list[TableBlock]
    texts: list[TextBlock]


@dataclass
class LateItem:
    unit: str
    period: str
    state: str  # a cell state of reporting.measures (late, missing, returned, …, accepted)
    days_late: int | None
    submission_id: int | None
    due: dt.date | None = None  # the deadline, for a report not yet due


@dataclass
class Arrival:
    unit: str
    period: str
    state: str
    submitted_by: str
    submitted_at: dt.datetime | None
    accepted_by: str
    accepted_at: dt.datetime | None
    provisional: bool
    submission_id: int


@dataclass
class UnitTimeliness:
    unit: str
    measures: Measures


@dataclass
class ExchangeRow:
    """A unit's acknowledgement of the alerts and requests delivered to it in the report's
    periods (the exchange's measures, ``exchange.selectors``)."""

    unit: str
    expected: int
    acknowledged: int
    on_time: int
    median_hours: float | None
    requests_due: int
    answered_on_time: int


@dataclass
class Consolidated:
    body: str
    time_zone: str  # the body's: every time in the report is read in it
    template: str
    obligation: str
    obligation_id: int
    language: str
    periods: list[Period]
    previous_periods: list[Period]
    trend_periods: list[Period]
    include_submitted: bool
    sections: list[SectionBlock]
    late: list[LateItem]
    arrivals: list[Arrival]
    rates: list[Measures]  # one per trend period
    timeliness: list[UnitTimeliness]  # per unit, over the report's periods
    measures: Measures  # over the report's periods
    units_counted: int
    generated_at: dt.datetime
    # periods of the range whose deadline has not passed, with their deadline
    open_periods: list[tuple[Period, dt.date]] = field(default_factory=list)
    # owed reports of the range that are not in and whose deadline is ahead
    not_yet_due: list[LateItem] = field(default_factory=list)
    # per unit, the alerts and requests of the exchange delivered in the report's periods
    exchange: list[ExchangeRow] = field(default_factory=list)
    exchange_total: ExchangeRow | None = None
    paper: str = "a4"  # the body's paper size: "a4" or "letter"
    # reports of the range in the figures, and those that arrived but are not accepted yet
    # (left out of the figures unless ``include_submitted``; the reporting rate counts them)
    reports_counted: int = 0
    reports_waiting: int = 0

    @property
    def complete(self) -> bool:
        """Every deadline of the range has passed: figures and changes are final."""
        return not self.open_periods

    @property
    def numbers(self) -> list[NumberBlock]:
        return [n for s in self.sections for n in s.numbers]

    @property
    def first(self) -> Period:
        return self.periods[0]

    @property
    def last(self) -> Period:
        return self.periods[-1]


class NoPeriods(ValueError):
    """The range names no period of the obligation."""
