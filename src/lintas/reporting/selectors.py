"""Reads for reporting pages, exports and the API: the matrix, a unit's history, my reports.

The matrix is computed from two queries whatever its size: the obligation's units, and one row
of facts per submission; ``measures`` does the rest in memory.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain
from operator import attrgetter
from typing import Any

from django.db import connection
from django.db.models import DateField, F, Func, Prefetch, QuerySet
from django.utils import timezone

from lintas.members.models import Body, Unit
from lintas.reporting import measures, periods, policy
from lintas.reporting.measures import Cell, Facts, Measures
from lintas.reporting.models import (
    Obligation,
    PeriodException,
    ReportTemplate,
    Section,
    Submission,
    SubmissionRevision,
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


def has_ended(obligation: Obligation, today: dt.date) -> bool:
    """Its last period is over and that period's deadline has passed: history, not work. Such
    obligations leave the cards of the reports overview and the leaders' dashboard."""
    last = obligation.ends_on
    return last is not None and last + dt.timedelta(days=obligation.due_days) < today


def obligation_periods(
    obligation: Obligation, *, now: dt.datetime | None = None, last: int | None = None
) -> list[periods.Period]:
    """The obligation's periods that have started by now (the current one included)."""
    today = timezone.localtime(now or timezone.now(), obligation.body.tzinfo).date()
    found = obligation.periods_until(today)
    return found[-last:] if last else found


def _day(value: dt.date | str | None) -> dt.date | None:
    """A date as the cursor returns it: a date, or ISO text on some SQLite builds."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


RawFacts = tuple[
    str, Any, int, int
]  # state, first_complete_on as the cursor gives it, filled, total


def _facts_rows(
    obligation: Obligation, keys: list[str], unit_ids: list[int] | None
) -> dict[tuple[int, str], tuple[RawFacts, int]]:
    """One row per submission, read through the cursor: for a matrix of tens of thousands of
    cells the ORM's per-value conversions cost more than everything else together."""
    qs = Submission.objects.filter(obligation=obligation).order_by()
    if len(keys) < 200:
        qs = qs.filter(period_key__in=keys)
    if unit_ids is not None and len(unit_ids) < 200:
        qs = qs.filter(unit_id__in=unit_ids)
    # COALESCE(x, NULL) is x, but SQLite then hands the date over as text, which
    # date.fromisoformat reads several times faster than the driver's converter.
    day = Func(
        F("first_complete_on"),
        function="COALESCE",
        template="%(function)s(%(expressions)s, NULL)",
        output_field=DateField(),
    )
    sql, params = (
        qs.annotate(day=day)
        .values_list(
            "unit_id", "period_key", "state", "day", "required_filled", "required_total", "id"
        )
        .query.sql_with_params()
    )
    wanted = set(keys)
    found: dict[tuple[int, str], tuple[RawFacts, int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for unit_id, key, state, complete_on, filled, total, pk in cursor.fetchall():
            if key in wanted:
                found[(unit_id, key)] = ((state, complete_on, filled, total), pk)
    return found


UNIT_FIELDS = (
    "id",
    "body_id",
    "parent_id",
    "name",
    "names",
    "short_name",
    "kind",
    "joined_on",
    "left_on",
)


def reporting_matrix(
    obligation: Obligation,
    *,
    period_list: list[periods.Period] | None = None,
    units: list[Unit] | None = None,
    now: dt.datetime | None = None,
) -> Matrix:
    """Every unit-period cell of an obligation with the measures per unit, per period and in
    total, from two queries. Cells with the same facts under the same clock are the same
    object, worked out once."""
    now = now or timezone.now()
    tz = obligation.body.tzinfo
    period_list = (
        period_list if period_list is not None else obligation_periods(obligation, now=now)
    )
    unit_list = (
        units if units is not None else list(obligation.units.only(*UNIT_FIELDS).order_by("name"))
    )
    facts = _facts_rows(
        obligation,
        [p.key for p in period_list],
        [u.pk for u in unit_list] if units is not None else None,
    )
    clocks = [measures.clock_for(p, obligation.deadlines(p), now, tz) for p in period_list]
    memo: list[dict[RawFacts | None, Cell]] = [{} for _ in period_list]
    rows: list[MatrixRow] = []
    columns: list[list[Cell]] = [[] for _ in period_list]
    cell_at, unit_owes, not_expected = (
        measures.cell_at,
        periods.unit_owes,
        measures.NOT_EXPECTED_CELL,
    )
    for unit in unit_list:
        cells: list[Cell] = []
        ids: list[int | None] = []
        joined, left, uid = unit.joined_on, unit.left_on, unit.pk
        for i, period in enumerate(period_list):
            found = facts.get((uid, period.key))
            if not unit_owes(period, joined, left):
                cell = not_expected
            else:
                raw = found[0] if found else None
                known = memo[i].get(raw)
                if known is None:
                    fact = Facts(raw[0], _day(raw[1]), raw[2], raw[3]) if raw else None
                    known = memo[i][raw] = cell_at(clocks[i], True, fact)
                cell = known
            cells.append(cell)
            ids.append(found[1] if found else None)
            columns[i].append(cell)
        rows.append(MatrixRow(unit, cells, ids, measures.summarise(cells)))
    by_period = [measures.summarise(col) for col in columns]
    total = measures.combine(r.measures for r in rows)
    counts = dict(Counter(map(attrgetter("state"), chain.from_iterable(columns))))
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


HISTORY_REPORTS = 36  # the unit's earlier reports read for the previous value and the history


@dataclass(frozen=True)
class PastValues:
    """A unit's earlier answers to one obligation, from the reports that reached the
    secretariat (submitted or accepted) for periods before the one in hand."""

    # field code → (period key, value) of the latest earlier report that answered it
    previous: dict[str, tuple[str, Any]]
    # field code → the values of the latest earlier reports that answered it, newest first
    series: dict[str, list[Any]]


def values_before(submission: Submission, *, reports: int = HISTORY_REPORTS) -> PastValues:
    """The unit's answers for the periods before this submission's, every field at once, from one
    query over its last ``reports`` reports (older values do not count as its usual figures)."""
    rows = (
        Submission.objects.filter(
            obligation_id=submission.obligation_id,
            unit_id=submission.unit_id,
            period_start__lt=submission.period_start,
            state__in=[Submission.State.SUBMITTED, Submission.State.ACCEPTED],
        )
        .order_by("-period_start")
        .values_list("period_key", "data")[:reports]
    )
    previous: dict[str, tuple[str, Any]] = {}
    series: dict[str, list[Any]] = {}
    for key, data in rows:
        for code, value in (data or {}).items():
            if value is None or value == "" or isinstance(value, list | dict | bool):
                continue
            previous.setdefault(code, (key, value))
            series.setdefault(code, []).append(value)
    return PastValues(previous, series)


def version_with_fields(version_id: int) -> TemplateVersion:
    return TemplateVersion.objects.prefetch_related(
        Prefetch("sections", queryset=Section.objects.prefetch_related("fields")), "rules"
    ).get(pk=version_id)


def templates_for_body(body: Body) -> QuerySet[ReportTemplate]:
    return ReportTemplate.objects.filter(body=body).prefetch_related("versions").order_by("code")


def template_with_versions(template_id: int, body: Body) -> ReportTemplate | None:
    """A template with every version's sections, fields and rules, newest version first."""
    versions = TemplateVersion.objects.order_by("-number").prefetch_related(
        Prefetch("sections", queryset=Section.objects.prefetch_related("fields")), "rules"
    )
    return (
        ReportTemplate.objects.filter(pk=template_id, body=body)
        .prefetch_related(Prefetch("versions", queryset=versions))
        .first()
    )


def versions_in_use(template: ReportTemplate) -> set[int]:
    """The ids of the template's versions that have submissions (a revision makes a new one)."""
    return set(
        Submission.objects.filter(version__template=template)
        .values_list("version_id", flat=True)
        .distinct()
    )


def obligations_with_units(body: Body) -> QuerySet[Obligation]:
    return obligations_for_body(body).prefetch_related("units")


def submissions_visible_to(
    user: Any,
    body: Body,
    *,
    obligation_id: int | None = None,
    unit_id: int | None = None,
    period_key: str = "",
    state: str = "",
) -> QuerySet[Submission]:
    """The body's submissions this person may see: all of them for the body's readers, their
    units' for everyone else."""
    found = Submission.objects.filter(obligation__body=body).select_related(
        "obligation", "unit", "version"
    )
    if not policy.can_read_all_reports(user, body):
        found = found.filter(unit__in=policy.units_reported_by(user, body))
    if obligation_id is not None:
        found = found.filter(obligation_id=obligation_id)
    if unit_id is not None:
        found = found.filter(unit_id=unit_id)
    if period_key:
        found = found.filter(period_key=period_key)
    if state:
        found = found.filter(state=state)
    return found.order_by("-period_start", "unit__name", "id")


def revisions_of(submission: Submission) -> QuerySet[SubmissionRevision]:
    return submission.revisions.select_related("by").order_by("-number")
