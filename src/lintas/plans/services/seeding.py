"""The next phase, seeded from its predecessor: the pillars again, each priority for the next
phase as a draft outcome, each open recommendation as a draft activity led by its owner unit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from lintas.audit.services import log_action
from lintas.core.errors import LintasError
from lintas.plans import policy
from lintas.plans.models import Level, Phase, Pillar, Priority, Recommendation
from lintas.plans.services.common import allow
from lintas.plans.services.phases import add_activity, add_result, create_phase


def offers_for(previous: Phase) -> tuple[list[Priority], list[Recommendation]]:
    """What the next phase may take: the priorities and the open recommendations."""
    priorities = list(Priority.objects.filter(evaluation__phase=previous).select_related("pillar"))
    recommendations = [
        r
        for r in Recommendation.objects.filter(evaluation__phase=previous).select_related(
            "owner_unit"
        )
        if r.is_open
    ]
    return priorities, recommendations


@transaction.atomic
def create_next_phase(
    previous: Phase,
    *,
    name: str,
    starts_on: dt.date,
    ends_on: dt.date,
    by: policy.Actor,
    priorities: Iterable[int] | None = None,
    recommendations: Iterable[int] | None = None,
) -> Phase:
    """A draft phase after ``previous``, carrying the priorities and open recommendations chosen
    (all of them when None)."""
    allow(by, lambda p: policy.can_manage_plans(p, previous.body))
    if starts_on is not None and starts_on <= previous.starts_on:
        raise LintasError(_("The next phase starts after the previous one."), field="starts_on")
    offered_priorities, offered_recs = offers_for(previous)
    chosen_p = {p.pk for p in offered_priorities} if priorities is None else set(priorities)
    chosen_r = {r.pk for r in offered_recs} if recommendations is None else set(recommendations)
    if chosen_r - {r.pk for r in offered_recs}:
        raise LintasError(_("Only open recommendations are carried."), field="recommendations")
    phase = create_phase(
        body=previous.body,
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        by=by,
        description=previous.description,
        period_type=previous.period_type,
        on_track_from=previous.on_track_from,
        at_risk_from=previous.at_risk_from,
        predecessor=previous,
    )
    pillars: dict[int, Pillar] = {}
    for old in previous.pillars.all():
        pillars[old.pk] = Pillar.objects.create(phase=phase, number=old.number, name=old.name)
    n = 0
    for priority in offered_priorities:
        if priority.pk not in chosen_p:
            continue
        n += 1
        add_result(
            phase,
            level=Level.OUTCOME,
            code=f"P{n}",
            title={"en": priority.text[:500]},
            pillar=pillars.get(priority.pillar_id) if priority.pillar_id else None,
            by=policy.SYSTEM,
        )
    carried = [r for r in offered_recs if r.pk in chosen_r]
    if carried:
        follow = add_result(
            phase,
            level=Level.OUTPUT,
            code="R",
            title={
                "en": "Recommendations of the previous phase's evaluation carried out",
                "vi": "Thực hiện các khuyến nghị của đánh giá giai đoạn trước",
                "id": "Rekomendasi evaluasi fase sebelumnya dilaksanakan",
            },
            by=policy.SYSTEM,
        )
        for i, rec in enumerate(carried, start=1):
            add_activity(
                follow,
                code=f"R.{i}",
                title={"en": rec.text[:500]},
                lead_units=[rec.owner_unit],
                starts_on=phase.starts_on,
                ends_on=min(phase.ends_on, rec.due_on)
                if rec.due_on and rec.due_on > phase.starts_on
                else phase.ends_on,
                from_recommendation=rec,
                by=policy.SYSTEM,
            )
    log_action(
        "plans.phase.seeded",
        actor=by,
        body=phase.body,
        target=phase,
        data={"from": previous.pk, "priorities": n, "recommendations": len(carried)},
    )
    return phase
