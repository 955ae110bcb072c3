"""Phases, pillars, results, activities and milestones."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from lintas.audit.services import log_action
from lintas.core.errors import LintasError
from lintas.members.models import Body, Unit
from lintas.plans import policy
from lintas.plans.models import Activity, Level, Milestone, Phase, Pillar, Result
from lintas.plans.services.common import allow, full_clean, texts

LEVEL_RANK = {Level.IMPACT: 0, Level.OUTCOME: 1, Level.OUTPUT: 2}


@transaction.atomic
def create_phase(
    *,
    body: Body,
    name: str,
    starts_on: dt.date,
    ends_on: dt.date,
    by: policy.Actor,
    description: Mapping[str, str] | None = None,
    period_type: str = "quarterly",
    on_track_from: Decimal = Decimal("0.90"),
    at_risk_from: Decimal = Decimal("0.60"),
    predecessor: Phase | None = None,
) -> Phase:
    allow(by, lambda p: policy.can_manage_plans(p, body))
    if not (name or "").strip():
        raise LintasError(_("Give the phase a name."), field="name")
    if starts_on is None or ends_on is None or ends_on <= starts_on:
        raise LintasError(_("The phase must end after it starts."), field="ends_on")
    if not (0 <= at_risk_from <= on_track_from <= 1):
        raise LintasError(_("The rules need 0 ≤ at risk ≤ on track ≤ 1."), field="on_track_from")
    phase = Phase(
        body=body,
        name=name.strip(),
        description=texts(description, field="description", required=False),
        starts_on=starts_on,
        ends_on=ends_on,
        period_type=period_type,
        on_track_from=on_track_from,
        at_risk_from=at_risk_from,
        predecessor=predecessor,
    )
    full_clean(phase)
    phase.save()
    log_action("plans.phase.created", actor=by, body=body, target=phase)
    return phase


@transaction.atomic
def set_phase_status(phase: Phase, *, status: str, by: policy.Actor) -> Phase:
    allow(by, lambda p: policy.can_manage_plans(p, phase.body))
    if status not in Phase.Status.values:
        raise LintasError(_("Unknown status."), field="status")
    phase.status = status
    phase.save(update_fields=["status", "updated_at"])
    log_action(
        "plans.phase.status_changed",
        actor=by,
        body=phase.body,
        target=phase,
        data={"status": status},
    )
    return phase


@transaction.atomic
def add_pillar(phase: Phase, *, name: Mapping[str, str], by: policy.Actor) -> Pillar:
    allow(by, lambda p: policy.can_manage_plans(p, phase.body))
    number = (phase.pillars.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    pillar = Pillar.objects.create(phase=phase, number=number, name=texts(name, field="name"))
    log_action(
        "plans.pillar.added", actor=by, body=phase.body, target=phase, data={"pillar": number}
    )
    return pillar


def _check_parent(
    result: Result | None, *, phase: Phase, level: str, parent: Result | None
) -> None:
    if parent is None:
        return
    if parent.phase_id != phase.pk:
        raise LintasError(_("The result it contributes to is in another phase."), field="parent")
    if result is not None and result.pk is not None:
        node: Result | None = parent
        seen: set[int] = set()
        while node is not None and node.pk not in seen:
            if node.pk == result.pk:
                raise LintasError(
                    _("A result cannot contribute to itself or to a result under it."),
                    field="parent",
                )
            seen.add(node.pk)
            node = node.parent
    if LEVEL_RANK[Level(parent.level)] >= LEVEL_RANK[Level(level)]:
        raise LintasError(
            _("A result contributes to a result of a higher level (output → outcome → impact)."),
            field="parent",
        )


@transaction.atomic
def add_result(
    phase: Phase,
    *,
    level: str,
    code: str,
    title: Mapping[str, str],
    by: policy.Actor,
    description: Mapping[str, str] | None = None,
    pillar: Pillar | None = None,
    parent: Result | None = None,
) -> Result:
    allow(by, lambda p: policy.can_manage_plans(p, phase.body))
    if level not in Level.values:
        raise LintasError(_("Choose impact, outcome or output."), field="level")
    if pillar is not None and pillar.phase_id != phase.pk:
        raise LintasError(_("The pillar is of another phase."), field="pillar")
    _check_parent(None, phase=phase, level=level, parent=parent)
    result = Result(
        phase=phase,
        level=level,
        code=(code or "").strip(),
        title=texts(title, field="title"),
        description=texts(description, field="description", required=False),
        pillar=pillar,
        parent=parent,
    )
    full_clean(result)
    result.save()
    log_action("plans.result.added", actor=by, body=phase.body, target=result)
    return result


@transaction.atomic
def edit_result(
    result: Result,
    *,
    by: policy.Actor,
    title: Mapping[str, str] | None = None,
    description: Mapping[str, str] | None = None,
    parent: Result | None = None,
    pillar: Pillar | None = None,
) -> Result:
    """Change a result's texts, the result it contributes to and its pillar."""
    phase = result.phase
    allow(by, lambda p: policy.can_manage_plans(p, phase.body))
    _check_parent(result, phase=phase, level=result.level, parent=parent)
    if pillar is not None and pillar.phase_id != phase.pk:
        raise LintasError(_("The pillar is of another phase."), field="pillar")
    if title is not None:
        result.title = texts(title, field="title")
    if description is not None:
        result.description = texts(description, field="description", required=False)
    result.parent = parent
    result.pillar = pillar
    result.save()
    log_action("plans.result.edited", actor=by, body=phase.body, target=result)
    return result


def _units(phase: Phase, units: Iterable[Unit], *, field: str) -> list[Unit]:
    found = list(units)
    if any(u.body_id != phase.body_id for u in found):
        raise LintasError(_("A unit belongs to another body."), field=field)
    return found


@transaction.atomic
def add_activity(
    result: Result,
    *,
    code: str,
    title: Mapping[str, str],
    lead_units: Iterable[Unit],
    starts_on: dt.date,
    ends_on: dt.date,
    by: policy.Actor,
    contributing_units: Iterable[Unit] = (),
    description: Mapping[str, str] | None = None,
    status: str = Activity.Status.PLANNED,
    from_recommendation: Any = None,
) -> Activity:
    phase = result.phase
    allow(by, lambda p: policy.can_manage_plans(p, phase.body))
    leads = _units(phase, lead_units, field="lead_units")
    if not leads:
        raise LintasError(_("Name at least one lead unit."), field="lead_units")
    helpers = _units(phase, contributing_units, field="contributing_units")
    if starts_on is None or ends_on is None or ends_on < starts_on:
        raise LintasError(_("The activity must end on or after its start."), field="ends_on")
    if starts_on < phase.starts_on or ends_on > phase.ends_on:
        raise LintasError(
            _("The activity's dates must fall within the phase (%(start)s to %(end)s).")
            % {"start": phase.starts_on, "end": phase.ends_on},
            field="starts_on",
        )
    if status not in Activity.Status.values:
        raise LintasError(_("Unknown status."), field="status")
    activity = Activity(
        phase=phase,
        result=result,
        code=(code or "").strip(),
        title=texts(title, field="title"),
        description=texts(description, field="description", required=False),
        starts_on=starts_on,
        ends_on=ends_on,
        status=status,
        from_recommendation=from_recommendation,
    )
    full_clean(activity, exclude=["obligation", "from_recommendation"])
    activity.save()
    activity.lead_units.set(leads)
    activity.contributing_units.set([u for u in helpers if u not in leads])
    log_action("plans.activity.added", actor=by, body=phase.body, target=activity)
    return activity


@transaction.atomic
def set_activity_status(activity: Activity, *, status: str, by: policy.Actor) -> Activity:
    phase = activity.phase
    allow(
        by, lambda p: policy.can_manage_plans(p, phase.body) or policy.leads_activity(p, activity)
    )
    if status not in Activity.Status.values:
        raise LintasError(_("Unknown status."), field="status")
    activity.status = status
    activity.save(update_fields=["status", "updated_at"])
    log_action(
        "plans.activity.status_changed",
        actor=by,
        body=phase.body,
        target=activity,
        data={"status": status},
    )
    return activity


@transaction.atomic
def add_milestone(activity: Activity, *, name: str, due_on: dt.date, by: policy.Actor) -> Milestone:
    phase = activity.phase
    allow(
        by, lambda p: policy.can_manage_plans(p, phase.body) or policy.leads_activity(p, activity)
    )
    if not (name or "").strip():
        raise LintasError(_("Name the milestone."), field="name")
    if due_on is None or not (activity.starts_on <= due_on <= activity.ends_on):
        raise LintasError(_("The milestone falls outside the activity's dates."), field="due_on")
    milestone = Milestone.objects.create(activity=activity, name=name.strip()[:200], due_on=due_on)
    log_action(
        "plans.milestone.added",
        actor=by,
        body=phase.body,
        target=activity,
        data={"milestone": milestone.name},
    )
    return milestone


@transaction.atomic
def complete_milestone(milestone: Milestone, *, done_on: dt.date, by: policy.Actor) -> Milestone:
    activity = milestone.activity
    allow(
        by,
        lambda p: (
            policy.can_manage_plans(p, activity.phase.body) or policy.leads_activity(p, activity)
        ),
    )
    milestone.done_on = done_on
    milestone.save(update_fields=["done_on"])
    log_action(
        "plans.milestone.done",
        actor=by,
        body=activity.phase.body,
        target=activity,
        data={"milestone": milestone.name},
    )
    return milestone
