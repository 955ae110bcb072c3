"""Obligations, their exceptions, and the measures of who reported what and when."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import NonNegativeInt

from lintas.reporting.api.schemas.common import Texts
from lintas.reporting.measures import Measures
from lintas.reporting.models import (
    Obligation,
)
from lintas.reporting.selectors import Matrix


class ObligationIn(Schema):
    template_id: int
    unit_ids: list[int]
    period_type: Obligation.PeriodType
    starts_on: dt.date
    due_days: NonNegativeInt
    timely_days: NonNegativeInt | None = None
    expiry_days: NonNegativeInt | None = None
    ends_on: dt.date | None = None
    custom_periods: list[tuple[dt.date, dt.date]] = []
    requires_validation: bool = False
    reminder_days_before: list[NonNegativeInt] | None = None
    reminder_days_after: list[NonNegativeInt] | None = None
    escalation_days: NonNegativeInt | None = None
    name: Texts = {}


class ObligationOut(Schema):
    """Read from an ``Obligation`` (its units prefetched)."""

    id: int
    template_id: int
    display_name: str
    name: Texts
    unit_ids: list[int]
    period_type: str
    custom_periods: list[list[str]]
    starts_on: dt.date
    ends_on: dt.date | None
    due_days: int
    timely_days: int
    expiry_days: int | None
    requires_validation: bool
    reminder_days_before: list[int]
    reminder_days_after: list[int]
    escalation_days: int | None
    is_active: bool

    @staticmethod
    def resolve_unit_ids(obligation: Obligation) -> list[int]:
        return sorted(u.pk for u in obligation.units.all())


class ExceptionIn(Schema):
    unit_id: int
    period: str
    open_until: dt.date
    reason: str


class ExceptionOut(Schema):
    id: int
    obligation_id: int
    unit_id: int
    period_key: str
    open_until: dt.date
    reason: str


class MeasuresOut(Schema):
    """DHIS2's names; rates are shares of expected reports (0 to 1), null when none is expected.
    A report is expected once its deadline has passed, or earlier when it has arrived; owed
    reports whose deadline is ahead are counted apart, in ``reports_not_yet_due``."""

    expected_reports: int
    actual_reports: int
    actual_reports_on_time: int
    reporting_rate: float | None
    reporting_rate_on_time: float | None
    completeness: float | None
    days_late: int
    reports_not_yet_due: int


class PeriodMeasuresOut(Schema):
    period: str
    start: dt.date
    end: dt.date
    due: dt.date
    measures: MeasuresOut


class CellOut(Schema):
    period: str
    state: str
    owed: bool  # the unit owes this period
    expected: bool  # owed and counted in the rates: its deadline has passed or it is in
    actual: bool
    on_time: bool
    days_late: int | None
    completeness: float | None
    submission_id: int | None


class UnitMeasuresOut(Schema):
    unit_id: int
    unit_name: str
    measures: MeasuresOut
    cells: list[CellOut]


class ObligationMeasuresOut(Schema):
    obligation_id: int
    as_of: dt.datetime
    periods: list[PeriodMeasuresOut]
    units: list[UnitMeasuresOut]
    total: MeasuresOut


def measures_out(m: Measures) -> MeasuresOut:
    return MeasuresOut(
        expected_reports=m.expected,
        actual_reports=m.actual,
        actual_reports_on_time=m.on_time,
        reporting_rate=m.reporting_rate,
        reporting_rate_on_time=m.reporting_rate_on_time,
        completeness=m.completeness,
        days_late=m.days_late,
        reports_not_yet_due=m.not_yet_due,
    )


def matrix_out(obligation: Obligation, matrix: Matrix) -> ObligationMeasuresOut:
    return ObligationMeasuresOut(
        obligation_id=obligation.pk,
        as_of=matrix.now,
        periods=[
            PeriodMeasuresOut(
                period=p.key,
                start=p.start,
                end=p.end,
                due=obligation.deadlines(p).due,
                measures=measures_out(m),
            )
            for p, m in zip(matrix.periods, matrix.by_period, strict=True)
        ],
        units=[
            UnitMeasuresOut(
                unit_id=row.unit.pk,
                unit_name=row.unit.name,
                measures=measures_out(row.measures),
                cells=[
                    CellOut(
                        period=p.key,
                        state=c.state,
                        owed=c.owed,
                        expected=c.expected,
                        actual=c.actual,
                        on_time=c.on_time,
                        days_late=c.days_late,
                        completeness=c.completeness,
                        submission_id=sid,
                    )
                    for p, c, sid in zip(matrix.periods, row.cells, row.submission_ids, strict=True)
                ],
            )
            for row in matrix.rows
        ],
        total=measures_out(matrix.total),
    )
