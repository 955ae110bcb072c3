"""Reads for the plans pages, documents and API: a phase's dashboard, its timeline, an
evaluation's assessment of each indicator, the library. Each from a fixed number of queries,
whatever the size of the phase."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from lintas.members.models import Body, Unit
from lintas.plans import assess, policy
from lintas.plans.models import (
    Activity,
    Actual,
    Baseline,
    Definition,
    Direction,
    Evaluation,
    GoodPractice,
    Indicator,
    Lesson,
    Measure,
    Phase,
    Pillar,
    Recommendation,
    Result,
    Target,
)


def phases_for(body: Body) -> QuerySet[Phase]:
    return Phase.objects.filter(body=body).order_by("-starts_on")


def phase_for(user: policy.Viewer, body: Body, phase_id: int) -> Phase:
    """The phase of the body, or 404 for anyone who may not see the body's plans."""
    policy.hide(policy.can_view_plans(user, body))
    phase = get_object_or_404(Phase, pk=phase_id, body=body)
    phase.body = body
    return phase


@dataclass
class IndicatorRow:
    indicator: Indicator
    definition: Definition | None
    baseline: Baseline | None
    targets: dict[str, Point]
    actuals: dict[str, Point]
    # at the day of interest (the latest period with an actual, or the evaluation's day)
    period_key: str | None = None
    target: Point | None = None
    actual: Point | None = None
    share: Decimal | None = None
    status: str = assess.NOT_ASSESSED

    @property
    def percent(self) -> int | None:
        return None if self.share is None else round(self.share * 100)


class Point(NamedTuple):
    """A target or an actual of one period, read as a tuple (a phase holds thousands: model
    instances would cost more than everything else on its page)."""

    pk: int
    indicator_id: int
    definition_id: int | None
    period_key: str
    period_start: dt.date
    period_end: dt.date
    value: Decimal | None
    text: str
    comment: str = ""
    evidence_url: str = ""
    evidence_name: str = ""
    computed: bool = False


TARGET_FIELDS = ("pk", "indicator_id", "period_key", "period_start", "period_end", "value", "text")
ACTUAL_FIELDS = (
    "pk",
    "indicator_id",
    "definition_id",
    "period_key",
    "period_start",
    "period_end",
    "value",
    "text",
    "comment",
    "evidence_url",
    "evidence_name",
    "computed",
)


def _rows(phase: Phase, indicators: list[Indicator]) -> list[IndicatorRow]:
    """Baselines, targets and actuals of the indicators, in four queries."""
    ids = [i.pk for i in indicators]
    current: dict[int, Definition] = {}
    number: dict[int, int] = {}  # of each definition
    for d in Definition.objects.filter(indicator_id__in=ids).order_by("indicator_id", "number"):
        current[d.indicator_id] = d
        number[d.pk] = d.number
    baselines: dict[int, Baseline] = {}
    for b in Baseline.objects.filter(indicator_id__in=ids, disaggregation="").order_by("on", "id"):
        if current.get(b.indicator_id) and b.definition_id == current[b.indicator_id].pk:
            baselines[b.indicator_id] = b
    targets: dict[int, dict[str, Point]] = defaultdict(dict)
    for pk, ind, key, start, end, value, text in (
        Target.objects.filter(indicator_id__in=ids)
        .order_by("period_start")
        .values_list(*TARGET_FIELDS)
    ):
        targets[ind][key] = Point(pk, ind, None, key, start, end, value, text)
    actuals: dict[int, dict[str, Point]] = defaultdict(dict)
    # Ordered by period here and by definition below: ordering by the definition's number in
    # SQL would join every actual to its definition, the slowest part of a large phase's page.
    for row in (
        Actual.objects.filter(indicator_id__in=ids)
        .order_by("period_start", "id")
        .values_list(*ACTUAL_FIELDS)
    ):
        point = Point(*row)
        held = actuals[point.indicator_id].get(point.period_key)
        if held is None or number.get(point.definition_id or 0, 0) >= number.get(
            held.definition_id or 0, 0
        ):
            actuals[point.indicator_id][point.period_key] = point  # the latest definition's wins
    return [
        IndicatorRow(i, current.get(i.pk), baselines.get(i.pk), targets[i.pk], actuals[i.pk])
        for i in indicators
    ]


def _judge(row: IndicatorRow, phase: Phase, as_of: dt.date | None) -> IndicatorRow:
    """The status of the row at the last period with an actual ending by ``as_of``."""
    ended = [a for a in row.actuals.values() if as_of is None or a.period_end <= as_of]
    if not ended:
        return row
    actual = max(ended, key=lambda a: a.period_end)
    row.actual, row.period_key = actual, actual.period_key
    target = row.targets.get(actual.period_key)
    if target is None:
        earlier = [t for t in row.targets.values() if t.period_end <= actual.period_end]
        target = max(earlier, key=lambda t: t.period_end) if earlier else None
    row.target = target
    measure = row.indicator.measure
    if measure == Measure.QUALITATIVE or target is None:
        return row
    row.share = assess.progress(
        actual=actual.value,
        target=target.value,
        baseline=row.baseline.value if row.baseline and measure != Measure.YES_NO else None,
        lower_is_better=row.indicator.direction == Direction.LOWER,
    )
    row.status = assess.status(
        row.share, on_track_from=phase.on_track_from, at_risk_from=phase.at_risk_from
    )
    return row


@dataclass
class ResultNode:
    result: Result
    indicators: list[IndicatorRow] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    depth: int = 0


@dataclass
class Dashboard:
    phase: Phase
    pillars: list[Pillar]
    results: list[ResultNode]
    activity_indicators: dict[int, list[IndicatorRow]]
    statuses: Counter[str]
    activity_statuses: Counter[str]
    evaluations: list[Evaluation]

    @property
    def activity_status_rows(self) -> list[tuple[str, int]]:
        return [
            (str(label), self.activity_statuses[value])
            for value, label in Activity.Status.choices
            if self.activity_statuses[value]
        ]

    @property
    def activity_count(self) -> int:
        return sum(self.activity_statuses.values())

    @property
    def indicator_count(self) -> int:
        return sum(len(n.indicators) for n in self.results) + sum(
            len(v) for v in self.activity_indicators.values()
        )


def _ordered(results: list[Result]) -> list[tuple[Result, int]]:
    """Results as a tree in code order: each followed by the results contributing to it."""
    children: dict[int | None, list[Result]] = defaultdict(list)
    ids = {r.pk for r in results}
    for r in results:
        children[r.parent_id if r.parent_id in ids else None].append(r)
    out: list[tuple[Result, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for r in children.get(parent, []):
            out.append((r, depth))
            walk(r.pk, depth + 1)

    walk(None, 0)
    return out


def phase_dashboard(phase: Phase, *, as_of: dt.date | None = None) -> Dashboard:
    """Everything the phase's page shows, from nine queries whatever the phase's size."""
    pillars = list(phase.pillars.all())
    results = list(phase.results.select_related("pillar").order_by("code", "id"))
    activities = list(
        phase.activities.prefetch_related(
            Prefetch("lead_units", queryset=Unit.objects.only("id", "name", "names", "short_name")),
            Prefetch(
                "contributing_units",
                queryset=Unit.objects.only("id", "name", "names", "short_name"),
            ),
        ).order_by("code", "id")
    )
    indicators = list(phase.indicators.order_by("code", "id"))
    rows = [_judge(r, phase, as_of) for r in _rows(phase, indicators)]
    nodes = {r.pk: ResultNode(r, depth=d) for r, d in _ordered(results)}
    by_activity: dict[int, list[IndicatorRow]] = defaultdict(list)
    for row in rows:
        if row.indicator.result_id in nodes:
            nodes[row.indicator.result_id].indicators.append(row)
        elif row.indicator.activity_id:
            by_activity[row.indicator.activity_id].append(row)
    for a in activities:
        if a.result_id in nodes:
            nodes[a.result_id].activities.append(a)
    return Dashboard(
        phase=phase,
        pillars=pillars,
        results=list(nodes.values()),
        activity_indicators=dict(by_activity),
        statuses=Counter(r.status for r in rows),
        activity_statuses=Counter(a.status for a in activities),
        evaluations=list(phase.evaluations.all()),
    )


def indicator_for(phase: Phase, indicator_id: int) -> Indicator:
    return get_object_or_404(
        Indicator.objects.select_related("result", "activity"), pk=indicator_id, phase=phase
    )


def indicator_row(phase: Phase, indicator: Indicator) -> IndicatorRow:
    indicator.phase = phase
    return _judge(_rows(phase, [indicator])[0], phase, None)


# --- the timeline ------------------------------------------------------------------------


@dataclass
class Bar:
    activity: Activity
    left: int  # percent of the phase from its start
    width: int  # percent of the phase
    milestones: list[tuple[int, str, bool]]  # position, name, done


@dataclass
class Lane:
    unit: Unit | None
    bars: list[Bar]


@dataclass
class Timeline:
    phase: Phase
    years: list[tuple[int, int, int]]  # year, left, width (percent)
    lanes: list[Lane]
    today: int | None


def _pos(phase: Phase, day: dt.date) -> int:
    span = (phase.ends_on - phase.starts_on).days + 1
    return max(0, min(100, round(100 * (day - phase.starts_on).days / span)))


def timeline(phase: Phase, *, by_unit: bool = False, unit: Unit | None = None) -> Timeline:
    """The activities as bars over the phase (by result, or in one lane per lead unit), from
    three queries."""
    activities = phase.activities.prefetch_related(
        Prefetch("lead_units", queryset=Unit.objects.only("id", "name", "names", "short_name")),
        "milestones",
    ).order_by("starts_on", "code")
    if unit is not None:
        activities = activities.filter(Q(lead_units=unit) | Q(contributing_units=unit)).distinct()
    bars = []
    for a in activities:
        left = _pos(phase, a.starts_on)
        bars.append(
            Bar(
                a,
                left,
                max(1, _pos(phase, a.ends_on) - left),
                [
                    (_pos(phase, m.due_on), m.name, m.done_on is not None)
                    for m in a.milestones.all()
                ],
            )
        )
    lanes: list[Lane]
    if by_unit:
        per: dict[int, Lane] = {}
        for bar in bars:
            for u in bar.activity.lead_units.all():
                per.setdefault(u.pk, Lane(u, [])).bars.append(bar)
        lanes = sorted(per.values(), key=lambda lane: str(lane.unit))
    else:
        lanes = [Lane(None, bars)]
    years = []
    for year in range(phase.starts_on.year, phase.ends_on.year + 1):
        first = max(phase.starts_on, dt.date(year, 1, 1))
        last = min(phase.ends_on, dt.date(year, 12, 31))
        years.append((year, _pos(phase, first), _pos(phase, last) - _pos(phase, first)))
    today = timezone.localdate(timezone.now(), phase.body.tzinfo)
    return Timeline(
        phase,
        years,
        lanes,
        _pos(phase, today) if phase.starts_on <= today <= phase.ends_on else None,
    )


# --- evaluations -------------------------------------------------------------------------


def evaluation_for(phase: Phase, evaluation_id: int) -> Evaluation:
    evaluation = get_object_or_404(Evaluation, pk=evaluation_id, phase=phase)
    evaluation.phase = phase
    return evaluation


@dataclass
class EvaluationView:
    evaluation: Evaluation
    rows: list[IndicatorRow]
    statuses: Counter[str]
    lessons: list[Lesson]
    good_practices: list[GoodPractice]
    recommendations: list[Recommendation]
    priorities: list


def evaluation_view(evaluation: Evaluation) -> EvaluationView:
    phase = evaluation.phase
    indicators = list(phase.indicators.order_by("code", "id"))
    rows = [_judge(r, phase, evaluation.as_of) for r in _rows(phase, indicators)]
    return EvaluationView(
        evaluation=evaluation,
        rows=rows,
        statuses=Counter(r.status for r in rows),
        lessons=list(Lesson.objects.filter(evaluation=evaluation)),
        good_practices=list(GoodPractice.objects.filter(evaluation=evaluation)),
        recommendations=list(
            evaluation.recommendations.select_related("owner_unit").prefetch_related(
                "carried_into__phase"
            )
        ),
        priorities=list(evaluation.priorities.select_related("pillar")),
    )


def recommendation_for(evaluation: Evaluation, recommendation_id: int) -> Recommendation:
    found = get_object_or_404(
        Recommendation.objects.select_related("owner_unit"),
        pk=recommendation_id,
        evaluation=evaluation,
    )
    found.evaluation = evaluation
    return found


# --- the library -------------------------------------------------------------------------


@dataclass
class Library:
    lessons: list[Lesson]
    good_practices: list[GoodPractice]


def library(user: policy.Viewer, body: Body, *, q: str = "", limit: int = 200) -> Library:
    """Lessons and good practices of every phase of the body, and TLP:CLEAR ones of other
    bodies, matching the words of ``q`` in their title, what, context or evidence."""
    lessons = policy.visible_lessons(user, body).select_related("body", "evaluation__phase")
    practices = policy.visible_good_practices(user, body).select_related(
        "body", "evaluation__phase"
    )
    for word in q.split()[:8]:
        match = (
            Q(title__icontains=word)
            | Q(what__icontains=word)
            | Q(context__icontains=word)
            | Q(evidence__icontains=word)
        )
        lessons = lessons.filter(match)
        practices = practices.filter(match)
    return Library(list(lessons[:limit]), list(practices[:limit]))
