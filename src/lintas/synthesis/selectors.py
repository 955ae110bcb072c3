"""Reads of synthesis: the leaders' dashboard and the generated reports.

The dashboard reads each obligation's matrix over its last periods (two queries an obligation,
``reporting.selectors.reporting_matrix``) and derives every figure from it in memory."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from lintas.exchange.selectors import Cell, acknowledgement_matrix
from lintas.members.models import Body, Unit
from lintas.reporting import measures, selectors
from lintas.reporting.models import Obligation
from lintas.reporting.periods import Period
from lintas.reporting.selectors import Matrix
from lintas.synthesis.models import GeneratedFile, GeneratedReport

DASHBOARD_PERIODS = 12
MOST_LATE = 5
OVERDUE_STATES = {measures.MISSING, measures.RETURNED, measures.AWAITING_VALIDATION}


@dataclass
class LateUnit:
    unit: Unit
    late: int  # arrived late (accepted late included)
    missing: int  # missing or still returned past the deadline
    days_late: int

    @property
    def total(self) -> int:
        return self.late + self.missing


@dataclass
class Overdue:
    unit: Unit
    period: Period
    state: str
    days: int
    submission_id: int | None


@dataclass
class Board:
    obligation: Obligation
    matrix: Matrix
    most_late: list[LateUnit]
    overdue: list[Overdue]
    completeness: list[tuple[Unit, float | None, int]]  # unit, completeness, reports counted

    @property
    def series(self) -> list[tuple[Period, measures.Measures]]:
        return list(zip(self.matrix.periods, self.matrix.by_period, strict=True))


def _board(obligation: Obligation, now: dt.datetime, last: int) -> Board:
    period_list = selectors.obligation_periods(obligation, now=now, last=last)
    matrix = selectors.reporting_matrix(obligation, period_list=period_list, now=now)
    late: list[LateUnit] = []
    overdue: list[Overdue] = []
    completeness = []
    for row in matrix.rows:
        counts: Counter[str] = Counter()
        days = 0
        for period, cell, sid in zip(matrix.periods, row.cells, row.submission_ids, strict=True):
            if cell.state in {measures.LATE} or (
                cell.state == measures.ACCEPTED and (cell.days_late or 0) > 0
            ):
                counts["late"] += 1
                days += cell.days_late or 0
            elif cell.state in OVERDUE_STATES and cell.days_late:
                counts["missing"] += 1
                days += cell.days_late
                overdue.append(Overdue(row.unit, period, cell.state, cell.days_late, sid))
        if counts:
            late.append(LateUnit(row.unit, counts["late"], counts["missing"], days))
        completeness.append((row.unit, row.measures.completeness, row.measures.actual))
    late.sort(key=lambda u: (-u.total, -u.days_late, u.unit.name))
    overdue.sort(key=lambda o: (-o.days, o.unit.name))
    completeness.sort(key=lambda c: (c[1] if c[1] is not None else -1, c[0].name))
    return Board(obligation, matrix, late[:MOST_LATE], overdue, completeness)


def dashboard_for(
    body: Body, *, now: dt.datetime | None = None, last: int = DASHBOARD_PERIODS
) -> list[Board]:
    now = now or timezone.now()
    today = timezone.localtime(now, body.tzinfo).date()
    return [
        _board(o, now, last)
        for o in selectors.obligations_for_body(body).select_related("body")
        if not selectors.has_ended(o, today)
    ]


def exchange_board(body: Body, *, now: dt.datetime | None = None, months: int = 6) -> Cell:
    """The exchange's acknowledgement measures over the last ``months`` months, all units."""
    now = now or timezone.now()
    today = timezone.localtime(now, body.tzinfo).date().replace(day=1)
    first = today
    for _ in range(months - 1):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return acknowledgement_matrix(body, first=first, last=today, now=now).total


def generated_reports_of(body: Body, *, limit: int = 20) -> QuerySet[GeneratedReport]:
    return (
        GeneratedReport.objects.filter(body=body)
        .select_related("obligation__template", "requested_by")
        .order_by("-created_at", "-id")[:limit]
    )


def generated_report(report_id: int, body: Body) -> GeneratedReport | None:
    return (
        GeneratedReport.objects.filter(pk=report_id, body=body)
        .select_related("obligation__template")
        .prefetch_related(
            Prefetch("files", queryset=GeneratedFile.objects.defer("content").order_by("id"))
        )
        .first()
    )
