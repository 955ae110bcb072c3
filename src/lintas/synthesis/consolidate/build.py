"""Building the consolidated report: the periods of the range, the queries, the timeliness."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch
from django.utils import timezone

from lintas.exchange.selectors import Cell, acknowledgement_matrix
from lintas.reporting import measures, selectors
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
from lintas.synthesis.consolidate.sections import _section
from lintas.synthesis.consolidate.tree import (
    LATE_STATES,
    TREND_PERIODS,
    Arrival,
    Consolidated,
    ExchangeRow,
    LateItem,
    NoPeriods,
    UnitTimeliness,
)


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
    read = list(
        Submission.objects.filter(
            obligation=obligation,
            period_key__in=wanted_keys,
            state__in=[*counted, Submission.State.SUBMITTED],
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
    subs = [s for s in read if s.state in counted]
    in_report = [s for s in subs if s.period_key in report_keys]
    # submitted to the secretariat: actual in the reporting rate, in the figures only when asked
    waiting = sum(1 for s in read if s.state not in counted and s.period_key in report_keys)

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

    exchange, exchange_total = _exchange(obligation, report_periods, now)
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
        reports_counted=len(in_report),
        reports_waiting=waiting,
        generated_at=now,
        open_periods=open_periods,
        not_yet_due=pending,
        exchange=exchange,
        exchange_total=exchange_total,
        paper=obligation.body.paper_size,
    )


def _exchange(
    obligation: Obligation, report_periods: list[Period], now: dt.datetime
) -> tuple[list[ExchangeRow], ExchangeRow | None]:
    """The exchange's acknowledgement measures over the months the report's periods cover,
    per unit that had an alert or request due (one query, ``acknowledgement_matrix``)."""
    result = acknowledgement_matrix(
        obligation.body, first=report_periods[0].start, last=report_periods[-1].end, now=now
    )

    def row(name: str, cell: Cell) -> ExchangeRow:
        return ExchangeRow(
            name,
            cell.expected,
            cell.acknowledged,
            cell.on_time,
            cell.median_hours,
            cell.requests_due,
            cell.answered_on_time,
        )

    rows = [row(u.name, result.row(u)) for u in result.units]
    rows = [r for r in rows if r.expected or r.requests_due]
    return rows, row("", result.total) if rows else None
