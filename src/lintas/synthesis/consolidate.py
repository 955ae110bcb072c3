"""The consolidated report of an obligation over a period or a range of periods.

``consolidate`` reads everything in a fixed number of queries whatever the size (the template's
sections and fields, the submissions, who moved them, and the two of the matrix) and returns a
plain tree of dataclasses that every renderer (screen, DOCX, PDF, XLSX, CSV, JSON) walks.

Only accepted submissions count by default. With ``include_submitted`` the submitted but not
yet accepted ones count too, and every value that comes from one is marked ``provisional``.

Aggregation over a range of periods: a unit's value is its values over the range aggregated the
field's way (sum, mean, minimum, maximum), and the total aggregates every submission's value.
The change is measured against the range of the same length just before.

A range that includes periods whose deadline is still ahead (``open_periods``) is incomplete:
the units that have not reported those periods yet are listed as *not yet due* (never as
missing), they count in no rate, and every change from the previous range is provisional.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from lintas.reporting import measures, selectors
from lintas.reporting.measures import Measures
from lintas.reporting.models import (
    Field,
    Obligation,
    Section,
    Submission,
    TemplateVersion,
    Transition,
    localized,
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


def _number(value: Any) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def aggregate(values: Iterable[Decimal | None], how: str) -> Decimal | None:
    found = [v for v in values if v is not None]
    if not found:
        return None
    if how == Field.Aggregation.MEAN:
        return sum(found, Decimal(0)) / len(found)
    if how == Field.Aggregation.MIN:
        return min(found)
    if how == Field.Aggregation.MAX:
        return max(found)
    if how == Field.Aggregation.NONE:
        return None
    return sum(found, Decimal(0))


def _version(obligation: Obligation) -> TemplateVersion:
    """The template's newest version with its sections and fields (three queries)."""
    return (
        TemplateVersion.objects.filter(template_id=obligation.template_id)
        .order_by("-number")
        .prefetch_related(
            Prefetch(
                "sections",
                queryset=Section.objects.order_by("order", "id").prefetch_related(
                    Prefetch("fields", queryset=Field.objects.order_by("order", "id"))
                ),
            )
        )
        .first()
    ) or TemplateVersion(template_id=obligation.template_id, number=0)


def _display(f: Field, value: Any, language: str) -> str:
    if value is None or value == "" or value == []:
        return ""
    if f.type == Field.Type.YES_NO:
        return "✓" if value else "✗"
    if f.type == Field.Type.CHOICE:
        return _choice(f, value, language)
    if f.type == Field.Type.MULTI_CHOICE and isinstance(value, list):
        return ", ".join(_choice(f, v, language) for v in value)
    return str(value)


def _choice(f: Field, value: Any, language: str) -> str:
    for choice in f.choices or []:
        if choice.get("value") == value:
            return localized(choice.get("label"), language) or str(value)
    return str(value)


def _split(period_list: list[Period], first: str, last: str) -> tuple[int, int]:
    keys = [p.key for p in period_list]
    if first not in keys or last not in keys:
        raise NoPeriods(f"{first}..{last}")
    a, b = keys.index(first), keys.index(last)
    if a > b:
        a, b = b, a
    return a, b


def consolidate(
    obligation: Obligation,
    *,
    first: str,
    last: str | None = None,
    language: str = "en",
    include_submitted: bool = False,
    now: dt.datetime | None = None,
) -> Consolidated:
    """The consolidated report of ``obligation`` from period ``first`` to ``last`` (inclusive)."""
    now = now or timezone.now()
    all_periods = selectors.obligation_periods(obligation, now=now)
    a, b = _split(all_periods, first, last or first)
    report_periods = all_periods[a : b + 1]
    span = len(report_periods)
    previous_periods = all_periods[max(0, a - span) : a] if a else []
    trend_from = min(a, max(0, b + 1 - max(TREND_PERIODS, span)))
    trend_periods = all_periods[trend_from : b + 1]
    report_keys = {p.key for p in report_periods}
    previous_keys = {p.key for p in previous_periods}
    trend_index = {p.key: i for i, p in enumerate(trend_periods)}

    version = _version(obligation)
    sections = list(version.sections.all()) if version.pk else []

    counted = [Submission.State.ACCEPTED]
    if include_submitted:
        counted.append(Submission.State.SUBMITTED)
    wanted_keys = report_keys | previous_keys | set(trend_index)
    subs = list(
        Submission.objects.filter(
            obligation=obligation, period_key__in=wanted_keys, state__in=counted
        )
        .select_related("unit")
        .only(
            "id",
            "unit__name",
            "unit__short_name",
            "period_key",
            "period_start",
            "state",
            "data",
            "submitted_at",
            "accepted_at",
        )
        .order_by("unit__name", "period_start")
    )
    in_report = [s for s in subs if s.period_key in report_keys]

    movers: dict[tuple[int, str], tuple[str, dt.datetime | None]] = {}
    for sid, to_state, at, name in (
        Transition.objects.filter(
            submission_id__in=[s.pk for s in in_report],
            to_state__in=[
                Submission.State.SUBMITTED,
                Submission.State.AWAITING_VALIDATION,
                Submission.State.ACCEPTED,
            ],
        )
        .order_by("at", "id")
        .values_list("submission_id", "to_state", "at", "by__full_name")
    ):
        kind = "accepted" if to_state == Submission.State.ACCEPTED else "submitted"
        if kind == "submitted" and (sid, kind) in movers and to_state != "submitted":
            continue  # sent for validation before: keep the later arrival
        movers[(sid, kind)] = (name or "", at)

    blocks = [
        _section(s, in_report, subs, previous_keys, trend_index, span, language) for s in sections
    ]

    matrix = selectors.reporting_matrix(obligation, period_list=trend_periods, now=now)
    late: list[LateItem] = []
    pending: list[LateItem] = []
    timeliness: list[UnitTimeliness] = []
    in_range = [i for i, p in enumerate(trend_periods) if p.key in report_keys]
    today = timezone.localtime(now, obligation.body.tzinfo).date()
    due_days = {i: obligation.deadlines(trend_periods[i]).due for i in in_range}
    open_periods = [(trend_periods[i], due_days[i]) for i in in_range if today <= due_days[i]]
    for row in matrix.rows:
        cells = [row.cells[i] for i in in_range]
        timeliness.append(UnitTimeliness(row.unit.name, measures.summarise(cells)))
        for i in in_range:
            cell = row.cells[i]
            if cell.owed and not cell.expected:  # its deadline is ahead and it is not in
                pending.append(
                    LateItem(
                        row.unit.name,
                        trend_periods[i].key,
                        cell.state,
                        None,
                        row.submission_ids[i],
                        due_days[i],
                    )
                )
                continue
            # accepted after arriving late, or still with the unit's validator past the deadline
            was_late = (
                cell.state in {measures.ACCEPTED, measures.AWAITING_VALIDATION}
                and (cell.days_late or 0) > 0
            )
            if cell.state in LATE_STATES or was_late:
                late.append(
                    LateItem(
                        row.unit.name,
                        trend_periods[i].key,
                        cell.state,
                        cell.days_late,
                        row.submission_ids[i],
                    )
                )
    late.sort(key=lambda item: (-(item.days_late or 0), item.unit, item.period))
    pending.sort(key=lambda item: (item.period, item.unit))

    arrivals = []
    for s in in_report:
        by, sent_at = movers.get((s.pk, "submitted"), ("", s.submitted_at))
        acc_by, acc_at = movers.get((s.pk, "accepted"), ("", s.accepted_at))
        arrivals.append(
            Arrival(
                s.unit.name,
                s.period_key,
                s.state,
                by,
                sent_at,
                acc_by,
                acc_at,
                s.state != Submission.State.ACCEPTED,
                s.pk,
            )
        )
    arrivals.sort(key=lambda x: (x.period, x.submitted_at or now))

    return Consolidated(
        body=obligation.body.name,
        time_zone=obligation.body.time_zone,
        template=localized(obligation.template.name, language) or obligation.template.code,
        obligation=localized(obligation.name, language)
        or localized(obligation.template.name, language),
        obligation_id=obligation.pk,
        language=language,
        periods=report_periods,
        previous_periods=previous_periods,
        trend_periods=trend_periods,
        include_submitted=include_submitted,
        sections=blocks,
        late=late,
        arrivals=arrivals,
        rates=matrix.by_period,
        timeliness=timeliness,
        measures=measures.combine(t.measures for t in timeliness),
        units_counted=len({s.unit_id for s in in_report}),
        generated_at=now,
        open_periods=open_periods,
        not_yet_due=pending,
    )


def _section(
    section: Section,
    in_report: list[Submission],
    every: list[Submission],
    previous_keys: set[str],
    trend_index: dict[str, int],
    span: int,
    language: str,
) -> SectionBlock:
    numbers: list[NumberBlock] = []
    tables: list[TableBlock] = []
    texts: list[TextBlock] = []
    many = span > 1
    for f in section.fields.all():
        label = localized(f.label, language) or f.code
        if f.type in NUMERIC:
            numbers.append(_numbers(f, label, in_report, every, previous_keys, trend_index))
        elif f.type == Field.Type.TABLE:
            tables.append(_table(f, label, in_report, language))
        elif f.type in NARRATIVE or f.type in CATEGORICAL:
            entries = []
            counts: Counter[str] = Counter()
            for s in in_report:
                value = s.data.get(f.code)
                text = _display(f, value, language)
                if not text:
                    continue
                entries.append(
                    Entry(
                        s.unit.name,
                        s.period_key if many else "",
                        text,
                        s.state != Submission.State.ACCEPTED,
                    )
                )
                if f.type in CATEGORICAL:
                    values = value if isinstance(value, list) else [value]
                    counts.update(_display(f, v, language) for v in values)
            texts.append(TextBlock(f.code, label, f.type, entries, sorted(counts.items())))
    return SectionBlock(
        section.code, localized(section.title, language) or section.code, numbers, tables, texts
    )


def _numbers(
    f: Field,
    label: str,
    in_report: list[Submission],
    every: list[Submission],
    previous_keys: set[str],
    trend_index: dict[str, int],
) -> NumberBlock:
    how = f.aggregation
    code = f.code
    now_by_unit: dict[str, list[Decimal | None]] = defaultdict(list)
    before_by_unit: dict[str, list[Decimal | None]] = defaultdict(list)
    provisional_units: set[str] = set()
    per_period: list[list[Decimal | None]] = [[] for _ in trend_index]
    previous_values: list[Decimal | None] = []
    values: list[Decimal | None] = []
    report_ids = {s.pk for s in in_report}
    accepted = Submission.State.ACCEPTED
    for s in every:
        value = _number(s.data.get(code))
        name = s.unit.name
        key = s.period_key
        if key in previous_keys:
            previous_values.append(value)
            before_by_unit[name].append(value)
        i = trend_index.get(key)
        if i is not None:
            per_period[i].append(value)
        if s.pk in report_ids:
            values.append(value)
            now_by_unit[name].append(value)
            if s.state != accepted:
                provisional_units.add(name)
    rows = [
        UnitValue(
            unit,
            aggregate(unit_values, how),
            aggregate(before_by_unit.get(unit, []), how),
            unit in provisional_units,
        )
        for unit, unit_values in now_by_unit.items()
    ]
    return NumberBlock(
        f.code,
        label,
        how,
        aggregate(values, how),
        aggregate(previous_values, how),
        rows,
        [aggregate(vs, how) for vs in per_period],
        bool(provisional_units),
    )


def _table(f: Field, label: str, in_report: list[Submission], language: str) -> TableBlock:
    columns = [
        (c.get("code", ""), localized(c.get("label"), language) or c.get("code", ""), c.get("type"))
        for c in f.columns or []
    ]
    rows: list[TableRow] = []
    totals: list[Decimal | None] = [
        Decimal(0) if kind in NUMERIC else None for _c, _l, kind in columns
    ]
    for s in in_report:
        for line in s.data.get(f.code) or []:
            if not isinstance(line, dict):
                continue
            cells: list[Any] = []
            for i, (code, _l, kind) in enumerate(columns):
                value = line.get(code)
                if kind in NUMERIC:
                    number = _number(value)
                    cells.append(number)
                    if number is not None and totals[i] is not None:
                        totals[i] = (totals[i] or Decimal(0)) + number
                else:
                    cells.append("" if value is None else str(value))
            rows.append(
                TableRow(s.unit.name, s.period_key, cells, s.state != Submission.State.ACCEPTED)
            )
    return TableBlock(f.code, label, columns, rows, totals)
