"""Reads for reporting pages, exports and the API: the matrix, a unit's history, my reports.

The matrix is computed from two queries whatever its size: the obligation's units, and one row
of facts per submission; ``measures`` does the rest in memory.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from lintas.members.models import Body, Unit
from lintas.reporting import measures, periods
from lintas.reporting.measures import Cell, Facts, Measures
from lintas.reporting.models import (
    Notification,
    Obligation,
    PeriodException,
    Section,
    Submission,
    TemplateVersion,
)


@dataclass
class MatrixRow:
    unit: Unit
    cells: list[Cell]
    submission_ids: list[int | None]
    measures: Measures


@dataclass
class Matrix:
    obligation: Obligation
    periods: list[periods.Period]
    rows: list[MatrixRow]
    by_period: list[Measures]
    total: Measures
    now: dt.datetime
    counts: dict[str, int] = field(default_factory=dict)


def obligations_for_body(body: Body) -> QuerySet[Obligation]:
    return (
        Obligation.objects.filter(body=body, is_active=True)
        .select_related("template")
        .order_by("id")
    )


def obligation_periods(
    obligation: Obligation, *, now: dt.datetime | None = None, last: int | None = None
) -> list[periods.Period]:
    """The obligation's periods that have started by now (the current one included)."""
    today = timezone.localtime(now or timezone.now(), obligation.body.tzinfo).date()
    found = obligation.periods_until(today)
    return found[-last:] if last else found


def _facts_rows(obligation: Obligation, keys: list[str]) -> dict[tuple[int, str], tuple]:
    rows = Submission.objects.filter(obligation=obligation, period_key__in=keys).values_list(
        "unit_id",
        "period_key",
        "state",
        "first_submitted_at",
        "first_complete_at",
        "required_filled",
        "required_total",
        "id",
    )
    return {(r[0], r[1]): r for r in rows}


def reporting_matrix(
    obligation: Obligation,
    *,
    period_list: list[periods.Period] | None = None,
    units: list[Unit] | None = None,
    now: dt.datetime | None = None,
) -> Matrix:
    now = now or timezone.now()
    tz = obligation.body.tzinfo
    period_list = (
        period_list if period_list is not None else obligation_periods(obligation, now=now)
    )
    unit_list = units if units is not None else list(obligation.units.order_by("name"))
    facts = _facts_rows(obligation, [p.key for p in period_list])
    deadlines = [obligation.deadlines(p) for p in period_list]
    rows: list[MatrixRow] = []
    columns: list[list[Cell]] = [[] for _ in period_list]
    counts: dict[str, int] = {}
    for unit in unit_list:
        cells: list[Cell] = []
        ids: list[int | None] = []
        for i, period in enumerate(period_list):
            row = facts.get((unit.pk, period.key))
            cell = measures.cell_for(
                period=period,
                owes=periods.unit_owes(period, unit.joined_on, unit.left_on),
                deadlines=deadlines[i],
                facts=Facts(row[2], row[3], row[4], row[5], row[6]) if row else None,
                now=now,
                tz=tz,
            )
            cells.append(cell)
            ids.append(row[7] if row else None)
            columns[i].append(cell)
            counts[cell.state] = counts.get(cell.state, 0) + 1
        rows.append(MatrixRow(unit, cells, ids, measures.summarise(cells)))
    by_period = [measures.summarise(col) for col in columns]
    total = measures.summarise(c for r in rows for c in r.cells)
    return Matrix(obligation, period_list, rows, by_period, total, now, counts)


def unit_history(
    obligation: Obligation, unit: Unit, *, now: dt.datetime | None = None
) -> list[tuple[periods.Period, Cell, int | None]]:
    matrix = reporting_matrix(obligation, units=[unit], now=now)
    if not matrix.rows:
        return []
    row = matrix.rows[0]
    return list(zip(matrix.periods, row.cells, row.submission_ids, strict=True))[::-1]


@dataclass
class DueItem:
    obligation: Obligation
    unit: Unit
    period: periods.Period
    cell: Cell
    submission_id: int | None
    due: dt.date
    locked: bool = False


def my_reports(units: list[Unit], body: Body, *, now: dt.datetime | None = None) -> list[DueItem]:
    """For each unit and active obligation: every period not yet done, and recent history."""
    now = now or timezone.now()
    items: list[DueItem] = []
    for obligation in obligations_for_body(body).prefetch_related("units"):
        owed = [u for u in units if u in obligation.units.all()]
        if not owed:
            continue
        period_list = obligation_periods(obligation, now=now, last=12)
        matrix = reporting_matrix(obligation, period_list=period_list, units=owed, now=now)
        today = timezone.localtime(now, body.tzinfo).date()
        reopened = {
            (e.unit_id, e.period_key): e.open_until
            for e in PeriodException.objects.filter(obligation=obligation, unit__in=owed)
        }
        for row in matrix.rows:
            for period, cell, sid in zip(
                matrix.periods, row.cells, row.submission_ids, strict=True
            ):
                if cell.state == measures.NOT_EXPECTED:
                    continue
                deadlines = obligation.deadlines(period)
                open_until = max(
                    filter(None, [deadlines.expiry, reopened.get((row.unit.pk, period.key))]),
                    default=None,
                )
                items.append(
                    DueItem(
                        obligation,
                        row.unit,
                        period,
                        cell,
                        sid,
                        deadlines.due,
                        locked=open_until is not None and today > open_until,
                    )
                )
    return items


def submission_for_page(submission_id: int, body: Body) -> Submission | None:
    return (
        Submission.objects.select_related(
            "obligation__template", "obligation__body", "unit", "version", "updated_by"
        )
        .filter(pk=submission_id, obligation__body=body)
        .first()
    )


def version_with_fields(version_id: int) -> TemplateVersion:
    return TemplateVersion.objects.prefetch_related(
        Prefetch("sections", queryset=Section.objects.prefetch_related("fields")), "rules"
    ).get(pk=version_id)


def notifications_for(user_id: int, *, limit: int = 50) -> QuerySet[Notification]:
    return Notification.objects.filter(user_id=user_id).order_by("-created_at")[:limit]
