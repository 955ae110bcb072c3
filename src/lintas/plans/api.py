"""Joint action phases through /api/v1/: phases with their results, activities and indicators,
targets and actuals, the timeline, evaluations with lessons, good practices, recommendations and
priorities, the management response and follow-up, the library, the IATI export and the
reports made on the worker.

Each operation loads the body (404 for strangers) and the phase in it, and asks the policy
through the services: every member reads, the secretariat changes, lead units record their
activities' actuals, owner units answer their recommendations."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from lintas.core.downloads import attachment
from lintas.members.bodyctx import load_body
from lintas.members.http import AuthedRequest
from lintas.members.models import Unit
from lintas.plans import iati, policy, selectors, services
from lintas.plans.models import Milestone, Phase, PlanDocument, Recommendation, localized
from lintas.plans.selectors import IndicatorRow

router = Router(tags=["plans"])


class PhaseIn(Schema):
    name: str
    starts_on: dt.date
    ends_on: dt.date
    period_type: str = "quarterly"
    description: dict[str, str] = {}


class PhaseOut(Schema):
    """Read from a ``Phase``."""

    id: int
    name: str
    starts_on: dt.date
    ends_on: dt.date
    period_type: str
    status: str
    predecessor_id: int | None


class ResultIn(Schema):
    level: str
    code: str
    title: dict[str, str]
    description: dict[str, str] = {}
    parent_id: int | None = None
    pillar_id: int | None = None


class ActivityIn(Schema):
    result_id: int
    code: str
    title: dict[str, str]
    lead_unit_ids: list[int]
    contributing_unit_ids: list[int] = []
    starts_on: dt.date
    ends_on: dt.date


class IndicatorIn(Schema):
    code: str
    name: dict[str, str]
    measure: str
    definition: str
    result_id: int | None = None
    activity_id: int | None = None
    direction: str = "higher"
    data_source: str = ""
    source: str = "entered"


class ValueIn(Schema):
    value: Any
    comment: str = ""
    evidence_url: str = ""


class EvaluationIn(Schema):
    kind: str
    title: str
    as_of: dt.date


class LearningIn(Schema):
    title: str
    what: str
    context: str = ""
    evidence: str = ""
    who: str = ""
    tlp: str = "green"
    shows_results: bool = False
    cause_effect: bool = False
    replicable: bool = False


class RecommendationIn(Schema):
    text: str
    owner_unit_id: int | None = None
    due_on: dt.date | None = None


class ResponseIn(Schema):
    response: str
    text: str = ""
    due_on: dt.date | None = None


class FollowUpIn(Schema):
    status: str
    note: str


class NextPhaseIn(Schema):
    name: str
    starts_on: dt.date
    ends_on: dt.date
    priority_ids: list[int] | None = None
    recommendation_ids: list[int] | None = None


class DocumentIn(Schema):
    kind: str = "progress"
    evaluation_id: int | None = None
    language: str | None = None


class StatusIn(Schema):
    status: str


class PillarIn(Schema):
    name: dict[str, str]


class ResultEditIn(Schema):
    title: dict[str, str] | None = None
    description: dict[str, str] | None = None
    parent_id: int | None = None
    pillar_id: int | None = None


class MilestoneIn(Schema):
    name: str
    due_on: dt.date


class MilestoneDoneIn(Schema):
    done_on: dt.date


class MilestoneOut(Schema):
    """Read from a ``Milestone``."""

    id: int
    activity_id: int
    name: str
    due_on: dt.date
    done_on: dt.date | None


class BaselineIn(Schema):
    on: dt.date
    value: Any
    disaggregation: str = ""


class DefinitionIn(Schema):
    text: str
    data_source: str | None = None
    note: str = ""
    restate_baseline: bool | None = None
    baseline_value: Any = None


class FindingsIn(Schema):
    findings: str


class PriorityIn(Schema):
    text: str
    pillar_id: int | None = None


class OffersOut(Schema):
    """What a next phase may carry: the evaluations' priorities and the open recommendations."""

    priorities: list[dict[str, Any]]
    recommendations: list[dict[str, Any]]


class DocumentOut(Schema):
    id: int
    kind: str
    language: str
    status: str


def _phase(request: AuthedRequest, slug: str, phase_id: int) -> Phase:
    body = load_body(request, slug)
    return selectors.phase_for(request.user, body, phase_id)


def _value(item: Any) -> Any:
    if item is None:
        return None
    return float(item.value) if item.value is not None else item.text


def _row(row: IndicatorRow) -> dict[str, Any]:
    i = row.indicator
    return {
        "id": i.pk,
        "code": i.code,
        "name": i.name,
        "measure": i.measure,
        "direction": i.direction,
        "source": i.source,
        "computed": i.is_computed,
        "result_id": i.result_id,
        "activity_id": i.activity_id,
        "definition": row.definition.text if row.definition else "",
        "definition_version": row.definition.number if row.definition else None,
        "baseline": _value(row.baseline),
        "targets": {k: _value(t) for k, t in row.targets.items()},
        "actuals": {
            k: {
                "value": _value(a),
                "comment": a.comment,
                "evidence_url": a.evidence_url,
                "computed": a.computed,
            }
            for k, a in row.actuals.items()
        },
        "period": row.period_key,
        "progress": float(row.share) if row.share is not None else None,
        "status": row.status,
    }


@router.get("/bodies/{slug}/phases", response=list[PhaseOut])
def phase_list(request: AuthedRequest, slug: str) -> list[Phase]:
    """The body's joint action phases, the latest first."""
    body = load_body(request, slug)
    policy.require(policy.can_view_plans(request.user, body))
    return list(selectors.phases_for(body))


@router.post("/bodies/{slug}/phases", response={201: PhaseOut})
def phase_create(request: AuthedRequest, slug: str, payload: PhaseIn) -> tuple[int, Phase]:
    """Draft a phase (the secretariat)."""
    body = load_body(request, slug)
    phase = services.create_phase(body=body, by=request.user, **payload.dict())
    return 201, phase


@router.get("/bodies/{slug}/phases/{phase_id}", response=dict[str, Any])
def phase_detail(request: AuthedRequest, slug: str, phase_id: int) -> dict[str, Any]:
    """The phase's dashboard: pillars, results as a tree, activities, indicators with their
    baseline, targets, actuals and status at the latest period."""
    phase = _phase(request, slug, phase_id)
    dash = selectors.phase_dashboard(phase)
    return {
        **PhaseOut.from_orm(phase).dict(),
        "description": phase.description,
        "rules": {
            "on_track_from": float(phase.on_track_from),
            "at_risk_from": float(phase.at_risk_from),
        },
        "pillars": [{"id": p.pk, "number": p.number, "name": p.name} for p in dash.pillars],
        "results": [
            {
                "id": n.result.pk,
                "code": n.result.code,
                "level": n.result.level,
                "title": n.result.title,
                "description": n.result.description,
                "parent_id": n.result.parent_id,
                "pillar_id": n.result.pillar_id,
                "indicators": [_row(r) for r in n.indicators],
                "activities": [
                    {
                        "id": a.pk,
                        "code": a.code,
                        "title": a.title,
                        "lead_unit_ids": [u.pk for u in a.lead_units.all()],
                        "contributing_unit_ids": [u.pk for u in a.contributing_units.all()],
                        "starts_on": a.starts_on,
                        "ends_on": a.ends_on,
                        "status": a.status,
                        "progress_obligation_id": a.obligation_id,
                        "indicators": [_row(r) for r in dash.activity_indicators.get(a.pk, [])],
                    }
                    for a in n.activities
                ],
            }
            for n in dash.results
        ],
    }


@router.post("/bodies/{slug}/phases/{phase_id}/results", response={201: dict[str, Any]})
def result_create(
    request: AuthedRequest, slug: str, phase_id: int, payload: ResultIn
) -> tuple[int, dict[str, Any]]:
    phase = _phase(request, slug, phase_id)
    parent = get_object_or_404(phase.results, pk=payload.parent_id) if payload.parent_id else None
    pillar = get_object_or_404(phase.pillars, pk=payload.pillar_id) if payload.pillar_id else None
    result = services.add_result(
        phase,
        level=payload.level,
        code=payload.code,
        title=payload.title,
        description=payload.description,
        parent=parent,
        pillar=pillar,
        by=request.user,
    )
    return 201, {"id": result.pk, "code": result.code}


@router.post("/bodies/{slug}/phases/{phase_id}/activities", response={201: dict[str, Any]})
def activity_create(
    request: AuthedRequest, slug: str, phase_id: int, payload: ActivityIn
) -> tuple[int, dict[str, Any]]:
    phase = _phase(request, slug, phase_id)
    result = get_object_or_404(phase.results, pk=payload.result_id)
    units = Unit.objects.filter(body=phase.body)
    activity = services.add_activity(
        result,
        code=payload.code,
        title=payload.title,
        lead_units=units.filter(pk__in=payload.lead_unit_ids),
        contributing_units=units.filter(pk__in=payload.contributing_unit_ids),
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        by=request.user,
    )
    return 201, {"id": activity.pk, "code": activity.code}


@router.post("/bodies/{slug}/phases/{phase_id}/indicators", response={201: dict[str, Any]})
def indicator_create(
    request: AuthedRequest, slug: str, phase_id: int, payload: IndicatorIn
) -> tuple[int, dict[str, Any]]:
    phase = _phase(request, slug, phase_id)
    result = get_object_or_404(phase.results, pk=payload.result_id) if payload.result_id else None
    activity = (
        get_object_or_404(phase.activities, pk=payload.activity_id) if payload.activity_id else None
    )
    indicator = services.add_indicator(
        result=result,
        activity=activity,
        code=payload.code,
        name=payload.name,
        measure=payload.measure,
        direction=payload.direction,
        definition=payload.definition,
        data_source=payload.data_source,
        source=payload.source,
        by=request.user,
    )
    return 201, {"id": indicator.pk, "code": indicator.code}


@router.get("/bodies/{slug}/phases/{phase_id}/indicators/{indicator_id}", response=dict[str, Any])
def indicator_detail(
    request: AuthedRequest, slug: str, phase_id: int, indicator_id: int
) -> dict[str, Any]:
    phase = _phase(request, slug, phase_id)
    indicator = selectors.indicator_for(phase, indicator_id)
    return _row(selectors.indicator_row(phase, indicator))


@router.put(
    "/bodies/{slug}/phases/{phase_id}/indicators/{indicator_id}/targets/{period}",
    response=dict[str, Any],
)
def target_set(
    request: AuthedRequest,
    slug: str,
    phase_id: int,
    indicator_id: int,
    period: str,
    payload: ValueIn,
) -> dict[str, Any]:
    """The target of one period (the secretariat)."""
    phase = _phase(request, slug, phase_id)
    indicator = selectors.indicator_for(phase, indicator_id)
    services.set_target(indicator, period_key=period, value=payload.value, by=request.user)
    return _row(selectors.indicator_row(phase, indicator))


@router.put(
    "/bodies/{slug}/phases/{phase_id}/indicators/{indicator_id}/actuals/{period}",
    response=dict[str, Any],
)
def actual_record(
    request: AuthedRequest,
    slug: str,
    phase_id: int,
    indicator_id: int,
    period: str,
    payload: ValueIn,
) -> dict[str, Any]:
    """The actual of one period with its comment and evidence link (the secretariat, or a lead
    unit of the indicator's activity)."""
    phase = _phase(request, slug, phase_id)
    indicator = selectors.indicator_for(phase, indicator_id)
    indicator.phase = phase
    services.record_actual(
        indicator,
        period_key=period,
        value=payload.value,
        comment=payload.comment,
        evidence_url=payload.evidence_url,
        by=request.user,
    )
    return _row(selectors.indicator_row(phase, indicator))


@router.get("/bodies/{slug}/phases/{phase_id}/timeline", response=list[dict[str, Any]])
def timeline(request: AuthedRequest, slug: str, phase_id: int) -> list[dict[str, Any]]:
    """The activities with their dates, status, lead units and milestones."""
    phase = _phase(request, slug, phase_id)
    return [
        {
            "id": bar.activity.pk,
            "code": bar.activity.code,
            "title": localized(bar.activity.title),
            "starts_on": bar.activity.starts_on,
            "ends_on": bar.activity.ends_on,
            "status": bar.activity.status,
            "lead_unit_ids": [u.pk for u in bar.activity.lead_units.all()],
            "milestones": [
                {"name": m.name, "due_on": m.due_on, "done_on": m.done_on}
                for m in bar.activity.milestones.all()
            ],
        }
        for lane in selectors.timeline(phase).lanes
        for bar in lane.bars
    ]


@router.get("/bodies/{slug}/phases/{phase_id}/iati")
def iati_export(request: AuthedRequest, slug: str, phase_id: int) -> HttpResponse:
    """The phase's results as IATI 2.03 activity XML."""
    phase = _phase(request, slug, phase_id)
    return HttpResponse(iati.phase_xml(phase), content_type="application/xml")


@router.post("/bodies/{slug}/phases/{phase_id}/evaluations", response={201: dict[str, Any]})
def evaluation_create(
    request: AuthedRequest, slug: str, phase_id: int, payload: EvaluationIn
) -> tuple[int, dict[str, Any]]:
    phase = _phase(request, slug, phase_id)
    evaluation = services.start_evaluation(phase, by=request.user, **payload.dict())
    return 201, {"id": evaluation.pk}


@router.get("/bodies/{slug}/phases/{phase_id}/evaluations/{evaluation_id}", response=dict[str, Any])
def evaluation_detail(
    request: AuthedRequest, slug: str, phase_id: int, evaluation_id: int
) -> dict[str, Any]:
    """The evaluation: each indicator's status by the body's rules, findings, lessons, good
    practices, recommendations with their responses and follow-up, priorities."""
    phase = _phase(request, slug, phase_id)
    view = selectors.evaluation_view(selectors.evaluation_for(phase, evaluation_id))
    e = view.evaluation

    def learning(x: Any) -> dict[str, Any]:
        return {
            "id": x.pk,
            "title": x.title,
            "what": x.what,
            "context": x.context,
            "evidence": x.evidence,
            "who": x.who,
            "tlp": x.tlp,
        }

    return {
        "id": e.pk,
        "kind": e.kind,
        "title": e.title,
        "as_of": e.as_of,
        "findings": e.findings,
        "indicators": [_row(r) for r in view.rows],
        "statuses": dict(view.statuses),
        "lessons": [learning(x) for x in view.lessons],
        "good_practices": [learning(x) for x in view.good_practices],
        "recommendations": [
            {
                "id": r.pk,
                "text": r.text,
                "owner_unit_id": r.owner_unit_id,
                "response": r.response,
                "response_text": r.response_text,
                "due_on": r.due_on,
                "follow_up": r.follow_up,
                "follow_up_notes": r.follow_up_notes,
                "done_on": r.done_on,
            }
            for r in view.recommendations
        ],
        "priorities": [
            {"id": p.pk, "text": p.text, "pillar_id": p.pillar_id} for p in view.priorities
        ],
    }


@router.post(
    "/bodies/{slug}/phases/{phase_id}/evaluations/{evaluation_id}/lessons",
    response={201: dict[str, Any]},
)
def lesson_create(
    request: AuthedRequest, slug: str, phase_id: int, evaluation_id: int, payload: LearningIn
) -> tuple[int, dict[str, Any]]:
    """A lesson learned or, with the three criteria checked, a good practice."""
    phase = _phase(request, slug, phase_id)
    evaluation = selectors.evaluation_for(phase, evaluation_id)
    data = payload.dict()
    criteria = {k: data.pop(k) for k in ("shows_results", "cause_effect", "replicable")}
    if any(criteria.values()):
        found: Any = services.add_good_practice(evaluation, by=request.user, **data, **criteria)
        return 201, {"id": found.pk, "kind": "good_practice"}
    found = services.add_lesson(evaluation, by=request.user, **data)
    return 201, {"id": found.pk, "kind": "lesson"}


@router.post(
    "/bodies/{slug}/phases/{phase_id}/evaluations/{evaluation_id}/recommendations",
    response={201: dict[str, Any]},
)
def recommendation_create(
    request: AuthedRequest, slug: str, phase_id: int, evaluation_id: int, payload: RecommendationIn
) -> tuple[int, dict[str, Any]]:
    phase = _phase(request, slug, phase_id)
    evaluation = selectors.evaluation_for(phase, evaluation_id)
    owner = (
        Unit.objects.filter(body=phase.body, pk=payload.owner_unit_id).first()
        if payload.owner_unit_id
        else None
    )
    rec = services.add_recommendation(
        evaluation, text=payload.text, owner_unit=owner, due_on=payload.due_on, by=request.user
    )
    return 201, {"id": rec.pk}


def _recommendation(request: AuthedRequest, slug: str, recommendation_id: int) -> Recommendation:
    body = load_body(request, slug)
    policy.hide(policy.can_view_plans(request.user, body))
    return get_object_or_404(
        Recommendation.objects.select_related("owner_unit", "evaluation__phase__body"),
        pk=recommendation_id,
        evaluation__phase__body=body,
    )


@router.post("/bodies/{slug}/recommendations/{recommendation_id}/response", response=dict[str, Any])
def recommendation_respond(
    request: AuthedRequest, slug: str, recommendation_id: int, payload: ResponseIn
) -> dict[str, Any]:
    """The management response of the owner unit (or the secretariat)."""
    rec = services.respond_to_recommendation(
        _recommendation(request, slug, recommendation_id), by=request.user, **payload.dict()
    )
    return {"id": rec.pk, "response": rec.response, "due_on": rec.due_on}


@router.post(
    "/bodies/{slug}/recommendations/{recommendation_id}/follow-ups", response=dict[str, Any]
)
def recommendation_follow_up(
    request: AuthedRequest, slug: str, recommendation_id: int, payload: FollowUpIn
) -> dict[str, Any]:
    rec = services.follow_up_recommendation(
        _recommendation(request, slug, recommendation_id),
        status=payload.status,
        note=payload.note,
        by=request.user,
    )
    return {"id": rec.pk, "follow_up": rec.follow_up, "notes": rec.follow_up_notes}


@router.get("/bodies/{slug}/plans-library", response=dict[str, Any])
def library(request: AuthedRequest, slug: str, q: str = "") -> dict[str, Any]:
    """Lessons and good practices of the body's phases, and TLP:CLEAR ones of other bodies."""
    body = load_body(request, slug)
    found = selectors.library(request.user, body, q=q[:200])
    row = {"id", "title", "what", "context", "evidence", "who", "tlp"}
    return {
        "lessons": [{k: getattr(x, k) for k in row} | {"body": x.body.slug} for x in found.lessons],
        "good_practices": [
            {k: getattr(x, k) for k in row} | {"body": x.body.slug} for x in found.good_practices
        ],
    }


@router.post("/bodies/{slug}/phases/{phase_id}/documents", response={201: DocumentOut})
def document_request(
    request: AuthedRequest, slug: str, phase_id: int, payload: DocumentIn
) -> tuple[int, DocumentOut]:
    """Ask the worker for the phase progress report or an evaluation report (DOCX and PDF)."""
    phase = _phase(request, slug, phase_id)
    evaluation = (
        selectors.evaluation_for(phase, payload.evaluation_id) if payload.evaluation_id else None
    )
    doc = services.request_document(
        phase, kind=payload.kind, evaluation=evaluation, language=payload.language, by=request.user
    )
    return 201, DocumentOut(id=doc.pk, kind=doc.kind, language=doc.language, status=doc.status)


@router.get("/bodies/{slug}/phases/{phase_id}/documents/{document_id}", response=DocumentOut)
def document_status(
    request: AuthedRequest, slug: str, phase_id: int, document_id: int
) -> DocumentOut:
    """A requested report's status; when ready, its files are at the phase page's links."""
    phase = _phase(request, slug, phase_id)
    doc = get_object_or_404(PlanDocument.objects.defer("docx", "pdf"), pk=document_id, phase=phase)
    return DocumentOut(id=doc.pk, kind=doc.kind, language=doc.language, status=doc.status)


# --- the rest of what the pages do: status, pillars, result edits, milestones, baselines,
# definition changes, findings, priorities, progress updates, the next phase, the files --------


@router.put("/bodies/{slug}/phases/{phase_id}/status", response=PhaseOut)
def phase_status(request: AuthedRequest, slug: str, phase_id: int, payload: StatusIn) -> Phase:
    """Move the phase to another status (draft, active, closed; the secretariat)."""
    phase = _phase(request, slug, phase_id)
    return services.set_phase_status(phase, status=payload.status, by=request.user)


@router.post("/bodies/{slug}/phases/{phase_id}/pillars", response={201: dict[str, Any]})
def pillar_create(
    request: AuthedRequest, slug: str, phase_id: int, payload: PillarIn
) -> tuple[int, dict[str, Any]]:
    """A pillar of the phase, named in each language given (the secretariat)."""
    phase = _phase(request, slug, phase_id)
    pillar = services.add_pillar(phase, name=payload.name, by=request.user)
    return 201, {"id": pillar.pk, "number": pillar.number, "name": pillar.name}


@router.patch("/bodies/{slug}/phases/{phase_id}/results/{result_id}", response=dict[str, Any])
def result_edit(
    request: AuthedRequest, slug: str, phase_id: int, result_id: int, payload: ResultEditIn
) -> dict[str, Any]:
    """Change a result's title, description, parent or pillar (the secretariat); what is not
    sent stays."""
    phase = _phase(request, slug, phase_id)
    result = get_object_or_404(phase.results, pk=result_id)
    parent = get_object_or_404(phase.results, pk=payload.parent_id) if payload.parent_id else None
    pillar = get_object_or_404(phase.pillars, pk=payload.pillar_id) if payload.pillar_id else None
    result = services.edit_result(
        result,
        title=payload.title,
        description=payload.description,
        parent=parent,
        pillar=pillar,
        by=request.user,
    )
    return {
        "id": result.pk,
        "code": result.code,
        "title": result.title,
        "description": result.description,
        "parent_id": result.parent_id,
        "pillar_id": result.pillar_id,
    }


@router.put(
    "/bodies/{slug}/phases/{phase_id}/activities/{activity_id}/status", response=dict[str, Any]
)
def activity_status(
    request: AuthedRequest, slug: str, phase_id: int, activity_id: int, payload: StatusIn
) -> dict[str, Any]:
    """Move an activity to another status (the secretariat, or a lead unit)."""
    phase = _phase(request, slug, phase_id)
    activity = get_object_or_404(phase.activities, pk=activity_id)
    activity = services.set_activity_status(activity, status=payload.status, by=request.user)
    return {"id": activity.pk, "code": activity.code, "status": activity.status}


@router.post(
    "/bodies/{slug}/phases/{phase_id}/activities/{activity_id}/milestones",
    response={201: MilestoneOut},
)
def milestone_create(
    request: AuthedRequest, slug: str, phase_id: int, activity_id: int, payload: MilestoneIn
) -> tuple[int, Milestone]:
    """A milestone of an activity, with its due date."""
    phase = _phase(request, slug, phase_id)
    activity = get_object_or_404(phase.activities, pk=activity_id)
    found = services.add_milestone(
        activity, name=payload.name, due_on=payload.due_on, by=request.user
    )
    return 201, found


@router.post(
    "/bodies/{slug}/phases/{phase_id}/milestones/{milestone_id}/done", response=MilestoneOut
)
def milestone_done(
    request: AuthedRequest, slug: str, phase_id: int, milestone_id: int, payload: MilestoneDoneIn
) -> Milestone:
    """Mark a milestone done on a day."""
    phase = _phase(request, slug, phase_id)
    found = get_object_or_404(
        Milestone.objects.select_related("activity"), pk=milestone_id, activity__phase=phase
    )
    return services.complete_milestone(found, done_on=payload.done_on, by=request.user)


@router.post(
    "/bodies/{slug}/phases/{phase_id}/indicators/{indicator_id}/baselines",
    response={201: dict[str, Any]},
)
def baseline_create(
    request: AuthedRequest, slug: str, phase_id: int, indicator_id: int, payload: BaselineIn
) -> tuple[int, dict[str, Any]]:
    """A baseline of the indicator on a day (the secretariat); the indicator as it now reads."""
    phase = _phase(request, slug, phase_id)
    indicator = selectors.indicator_for(phase, indicator_id)
    services.add_baseline(
        indicator,
        on=payload.on,
        value=payload.value,
        disaggregation=payload.disaggregation,
        by=request.user,
    )
    return 201, _row(selectors.indicator_row(phase, indicator))


@router.post(
    "/bodies/{slug}/phases/{phase_id}/indicators/{indicator_id}/definitions",
    response={201: dict[str, Any]},
)
def definition_change(
    request: AuthedRequest, slug: str, phase_id: int, indicator_id: int, payload: DefinitionIn
) -> tuple[int, dict[str, Any]]:
    """A new version of the indicator's definition, saying whether the baseline is restated
    (the secretariat); the indicator as it now reads."""
    phase = _phase(request, slug, phase_id)
    indicator = selectors.indicator_for(phase, indicator_id)
    services.change_definition(indicator, by=request.user, **payload.dict())
    return 201, _row(selectors.indicator_row(phase, indicator))


@router.put(
    "/bodies/{slug}/phases/{phase_id}/evaluations/{evaluation_id}/findings",
    response=dict[str, Any],
)
def findings_write(
    request: AuthedRequest, slug: str, phase_id: int, evaluation_id: int, payload: FindingsIn
) -> dict[str, Any]:
    """The evaluation's findings, as one text (the secretariat)."""
    phase = _phase(request, slug, phase_id)
    evaluation = selectors.evaluation_for(phase, evaluation_id)
    evaluation = services.write_findings(evaluation, findings=payload.findings, by=request.user)
    return {"id": evaluation.pk, "findings": evaluation.findings}


@router.post(
    "/bodies/{slug}/phases/{phase_id}/evaluations/{evaluation_id}/priorities",
    response={201: dict[str, Any]},
)
def priority_create(
    request: AuthedRequest, slug: str, phase_id: int, evaluation_id: int, payload: PriorityIn
) -> tuple[int, dict[str, Any]]:
    """A priority for the next phase, under a pillar or none (the secretariat)."""
    phase = _phase(request, slug, phase_id)
    evaluation = selectors.evaluation_for(phase, evaluation_id)
    pillar = get_object_or_404(phase.pillars, pk=payload.pillar_id) if payload.pillar_id else None
    found = services.add_priority(evaluation, text=payload.text, pillar=pillar, by=request.user)
    return 201, {"id": found.pk, "text": found.text, "pillar_id": found.pillar_id}


@router.post("/bodies/{slug}/phases/{phase_id}/progress-updates", response=dict[str, Any])
def progress_updates_open(request: AuthedRequest, slug: str, phase_id: int) -> dict[str, Any]:
    """Ask the lead units of the phase's activities for progress updates through the reporting
    regime (the secretariat); how many activities now have an obligation."""
    phase = _phase(request, slug, phase_id)
    return {"activities": services.open_progress_updates(phase, by=request.user)}


@router.get("/bodies/{slug}/phases/{phase_id}/next-phase", response=OffersOut)
def next_phase_offers(request: AuthedRequest, slug: str, phase_id: int) -> OffersOut:
    """What a next phase drafted from this one may carry (the secretariat)."""
    phase = _phase(request, slug, phase_id)
    policy.require(policy.can_manage_plans(request.user, phase.body))
    priorities, recommendations = services.offers_for(phase)
    return OffersOut(
        priorities=[{"id": p.pk, "text": p.text, "pillar_id": p.pillar_id} for p in priorities],
        recommendations=[
            {"id": r.pk, "text": r.text, "owner_unit_id": r.owner_unit_id, "response": r.response}
            for r in recommendations
        ],
    )


@router.post("/bodies/{slug}/phases/{phase_id}/next-phase", response={201: PhaseOut})
def next_phase_create(
    request: AuthedRequest, slug: str, phase_id: int, payload: NextPhaseIn
) -> tuple[int, Phase]:
    """Draft the next phase from this one, carrying the priorities and open recommendations
    chosen (all of them when a list is not sent)."""
    phase = _phase(request, slug, phase_id)
    new = services.create_next_phase(
        phase,
        name=payload.name,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        priorities=payload.priority_ids,
        recommendations=payload.recommendation_ids,
        by=request.user,
    )
    return 201, new


@router.get("/bodies/{slug}/phases/{phase_id}/documents/{document_id}/{fmt}")
def document_download(
    request: AuthedRequest, slug: str, phase_id: int, document_id: int, fmt: str
) -> HttpResponse:
    """A ready report as DOCX or PDF (``fmt``: docx or pdf)."""
    phase = _phase(request, slug, phase_id)
    if fmt not in {"docx", "pdf"}:
        raise Http404
    found = get_object_or_404(PlanDocument, pk=document_id, phase=phase, status="done")
    kinds = {
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "pdf": "application/pdf",
    }
    return attachment(
        bytes(getattr(found, fmt) or b""),
        f"{found.kind}-{phase.pk}-{found.language}.{fmt}",
        kinds[fmt],
    )
