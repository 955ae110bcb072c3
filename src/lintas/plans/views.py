"""Pages of joint action phases: the list of phases, a phase's dashboard and its editing, an
activity, an indicator with its targets and actuals, the timeline, an evaluation, the next
phase, the library. Each view: access check (through the policy), action, response. A page
that changes something takes an ``action`` field and sends the person back to it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lintas.core.downloads import attachment
from lintas.core.errors import LintasError
from lintas.core.tlp import TLP
from lintas.members.bodyctx import load_body
from lintas.members.fields import picker_units
from lintas.members.http import AuthedRequest
from lintas.members.models import Body, Unit
from lintas.plans import policy, selectors, services, sources
from lintas.plans import render as documents
from lintas.plans.models import (
    ENTERED,
    Activity,
    Actual,
    Direction,
    Evaluation,
    Level,
    Measure,
    Milestone,
    Phase,
    PlanDocument,
    Recommendation,
)

# What the fields are called on the pages, for a refusal that names the field.
FIELD_LABELS = {
    "name": gettext_lazy("Name"),
    "title": gettext_lazy("Title"),
    "description": gettext_lazy("Description"),
    "starts_on": gettext_lazy("Starts on"),
    "ends_on": gettext_lazy("Ends on"),
    "on_track_from": gettext_lazy("On track from"),
    "level": gettext_lazy("Level"),
    "code": gettext_lazy("Code"),
    "parent": gettext_lazy("Contributes to"),
    "pillar": gettext_lazy("Pillar"),
    "lead_units": gettext_lazy("Lead units"),
    "contributing_units": gettext_lazy("Contributing units"),
    "status": gettext_lazy("Status"),
    "due_on": gettext_lazy("Due on"),
    "measure": gettext_lazy("Measure"),
    "direction": gettext_lazy("Direction"),
    "source": gettext_lazy("Source"),
    "definition": gettext_lazy("Definition"),
    "text": gettext_lazy("Text"),
    "restate_baseline": gettext_lazy("Restate the baseline"),
    "baseline_value": gettext_lazy("Restated baseline"),
    "on": gettext_lazy("Date"),
    "value": gettext_lazy("Value"),
    "period": gettext_lazy("Period"),
    "evidence": gettext_lazy("Evidence"),
    "evidence_url": gettext_lazy("Evidence (link)"),
    "result": gettext_lazy("Result"),
    "phase": gettext_lazy("Phase"),
    "kind": gettext_lazy("Kind"),
    "as_of": gettext_lazy("As of"),
    "findings": gettext_lazy("Findings"),
    "what": gettext_lazy("What"),
    "context": gettext_lazy("Context"),
    "who": gettext_lazy("Who"),
    "tlp": gettext_lazy("Label"),
    "shows_results": gettext_lazy("Shows results"),
    "cause_effect": gettext_lazy("Plausible cause-effect link"),
    "replicable": gettext_lazy("Potential to replicate"),
    "owner_unit": gettext_lazy("Owner unit"),
    "response": gettext_lazy("Management response"),
    "response_text": gettext_lazy("Response"),
    "follow_up": gettext_lazy("Follow-up"),
    "note": gettext_lazy("Note"),
    "language": gettext_lazy("Language"),
    "recommendations": gettext_lazy("Recommendations"),
}


def _refused(request: AuthedRequest, exc: LintasError) -> None:
    label = FIELD_LABELS.get(exc.field or "")
    flash.error(request, f"{label}: {exc.message}" if label else exc.message)


def _day(request: AuthedRequest, name: str) -> dt.date | None:
    raw = request.POST.get(name, "").strip()
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise LintasError(_("Give a date (YYYY-MM-DD)."), field=name) from None


def _texts(request: AuthedRequest, name: str) -> dict[str, str]:
    return {lang: request.POST.get(f"{name}_{lang}", "") for lang in ("en", "vi", "id")}


def _int(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() else None


def _units(body: Body) -> list[Unit]:
    # with their parents and whether someone acts for each, for the unit pickers
    units = Unit.objects.filter(body=body).exclude(kind=Unit.Kind.SECRETARIAT).order_by("name")
    return list(picker_units(units))


def _chosen_units(request: AuthedRequest, body: Body, name: str) -> list[Unit]:
    ids = [int(v) for v in request.POST.getlist(name) if v.isdigit()]
    return list(Unit.objects.filter(body=body, pk__in=ids))


def _act(request: AuthedRequest, actions: dict[str, Callable[[], str | None]]) -> None:
    """Run the action the form names; a refusal is shown beside the page, naming the field."""
    action = actions.get(request.POST.get("action", ""))
    if action is None:
        flash.error(request, _("Unknown action."))
        return
    try:
        done = action()
    except LintasError as exc:
        _refused(request, exc)
    else:
        if done:
            flash.success(request, done)


# --- phases ------------------------------------------------------------------------------


@login_required
def home(request: AuthedRequest, slug: str) -> HttpResponse:
    body = load_body(request, slug)
    policy.require(policy.can_view_plans(request.user, body))
    can_manage = policy.can_manage_plans(request.user, body)
    if request.method == "POST":
        policy.require(can_manage)

        def create() -> str:
            phase = services.create_phase(
                body=body,
                name=request.POST.get("name", ""),
                starts_on=_day(request, "starts_on"),  # type: ignore[arg-type]
                ends_on=_day(request, "ends_on"),  # type: ignore[arg-type]
                period_type=request.POST.get("period_type", "quarterly"),
                description=_texts(request, "description"),
                by=request.user,
            )
            request.session["plans_new_phase"] = phase.pk
            return _("The phase is drafted.")

        _act(request, {"create": create})
        new = request.session.pop("plans_new_phase", None)
        if new:
            return redirect("plans:phase", slug=slug, phase_id=new)
        return redirect("plans:home", slug=slug)
    return render(
        request,
        "plans/home.html",
        {
            "body": body,
            "phases": selectors.phases_for(body),
            "can_manage": can_manage,
            "period_types": Phase.PeriodType.choices,
        },
    )


@login_required
def phase_detail(request: AuthedRequest, slug: str, phase_id: int) -> HttpResponse:
    body = load_body(request, slug)
    phase = selectors.phase_for(request.user, body, phase_id)
    can_manage = policy.can_manage_plans(request.user, body)
    if request.method == "POST":
        policy.require(can_manage)
        _act(request, _phase_actions(request, body, phase))
        return redirect("plans:phase", slug=slug, phase_id=phase.pk)
    dashboard = selectors.phase_dashboard(phase)
    return render(
        request,
        "plans/phase.html",
        {
            "body": body,
            "phase": phase,
            "dash": dashboard,
            # The links of the hundreds of lines start here: one reverse, not one per line.
            "base": reverse("plans:phase", args=[slug, phase.pk]),
            "can_manage": can_manage,
            "units": _units(body) if can_manage else [],
            "levels": Level.choices,
            "measures": Measure.choices,
            "directions": Direction.choices,
            "sources": sources.choices(),
            "statuses": Activity.Status.choices,
            "phase_statuses": Phase.Status.choices,
            "evaluation_kinds": Evaluation.Kind.choices,
            "documents": phase.documents.defer("docx", "pdf").select_related("evaluation")[:6],
            "periods": phase.periods(),
        },
    )


def _phase_actions(
    request: AuthedRequest, body: Body, phase: Phase
) -> dict[str, Callable[[], str | None]]:
    post = request.POST
    by = request.user

    def result(key: str) -> Any:
        found = _int(post.get(key))
        return phase.results.filter(pk=found).first() if found else None

    def pillar() -> str:
        services.add_pillar(phase, name=_texts(request, "name"), by=by)
        return _("The pillar is added.")

    def add_result() -> str:
        pillar_id = _int(post.get("pillar"))
        services.add_result(
            phase,
            level=post.get("level", ""),
            code=post.get("code", ""),
            title=_texts(request, "title"),
            description=_texts(request, "description"),
            pillar=phase.pillars.filter(pk=pillar_id).first() if pillar_id else None,
            parent=result("parent"),
            by=by,
        )
        return _("The result is added.")

    def add_activity() -> str:
        owner = result("result")
        if owner is None:
            raise LintasError(_("Choose the result."), field="result")
        services.add_activity(
            owner,
            code=post.get("code", ""),
            title=_texts(request, "title"),
            lead_units=_chosen_units(request, body, "lead_units"),
            contributing_units=_chosen_units(request, body, "contributing_units"),
            starts_on=_day(request, "starts_on"),  # type: ignore[arg-type]
            ends_on=_day(request, "ends_on"),  # type: ignore[arg-type]
            by=by,
        )
        return _("The activity is added.")

    def add_indicator() -> str:
        owner_key = post.get("owner", "")
        kind, _sep, pk = owner_key.partition("-")
        number = _int(pk) or 0
        owner_result = phase.results.filter(pk=number).first() if kind == "r" else None
        owner_activity = phase.activities.filter(pk=number).first() if kind == "a" else None
        services.add_indicator(
            result=owner_result,
            activity=owner_activity,
            code=post.get("code", ""),
            name=_texts(request, "name"),
            measure=post.get("measure", ""),
            direction=post.get("direction", Direction.HIGHER),
            definition=post.get("definition", ""),
            data_source=post.get("data_source", ""),
            source=post.get("source", ENTERED) or ENTERED,
            by=by,
        )
        return _("The indicator is added.")

    def progress() -> str:
        n = services.open_progress_updates(phase, by=by)
        return _("Progress updates are owed for %(n)s more activities.") % {"n": n}

    def compute() -> str:
        n = services.compute_actuals(phase, by=by)
        return _("%(n)s computed actuals brought up to date.") % {"n": n}

    def document() -> str:
        evaluation_id = _int(post.get("evaluation"))
        services.request_document(
            phase,
            kind=post.get("kind", PlanDocument.Kind.PROGRESS),
            evaluation=phase.evaluations.filter(pk=evaluation_id).first()
            if evaluation_id
            else None,
            language=post.get("language") or None,
            by=by,
        )
        return _("The report is being made; it appears below when ready.")

    def evaluation() -> str:
        services.start_evaluation(
            phase,
            kind=post.get("kind", ""),
            title=post.get("title", ""),
            as_of=_day(request, "as_of"),  # type: ignore[arg-type]
            by=by,
        )
        return _("The evaluation is started.")

    def status() -> str:
        services.set_phase_status(phase, status=post.get("status", ""), by=by)
        return _("The phase's status is changed.")

    return {
        "pillar": pillar,
        "result": add_result,
        "activity": add_activity,
        "indicator": add_indicator,
        "progress": progress,
        "compute": compute,
        "document": document,
        "evaluation": evaluation,
        "status": status,
    }


@login_required
def activity_detail(
    request: AuthedRequest, slug: str, phase_id: int, activity_id: int
) -> HttpResponse:
    body = load_body(request, slug)
    phase = selectors.phase_for(request.user, body, phase_id)
    activity = get_object_or_404(
        Activity.objects.select_related("result", "obligation", "from_recommendation"),
        pk=activity_id,
        phase=phase,
    )
    activity.phase = phase
    may_change = policy.can_manage_plans(request.user, body) or policy.leads_activity(
        request.user, activity
    )
    if request.method == "POST":
        policy.require(may_change)
        by = request.user

        def status() -> str:
            services.set_activity_status(activity, status=request.POST.get("status", ""), by=by)
            return _("The activity's status is changed.")

        def milestone() -> str:
            services.add_milestone(
                activity,
                name=request.POST.get("name", ""),
                due_on=_day(request, "due_on"),  # type: ignore[arg-type]
                by=by,
            )
            return _("The milestone is added.")

        def milestone_done() -> str:
            found = get_object_or_404(
                Milestone, pk=_int(request.POST.get("milestone")), activity=activity
            )
            services.complete_milestone(found, done_on=timezone.localdate(), by=by)
            return _("The milestone is done.")

        _act(request, {"status": status, "milestone": milestone, "milestone-done": milestone_done})
        return redirect("plans:activity", slug=slug, phase_id=phase.pk, activity_id=activity.pk)
    return render(
        request,
        "plans/activity.html",
        {
            "body": body,
            "phase": phase,
            "activity": activity,
            "may_change": may_change,
            "statuses": Activity.Status.choices,
            "milestones": activity.milestones.all(),
            "indicators": activity.indicators.all(),
            "can_read_reports": policy.can_read_all_reports(request.user, body),
        },
    )


# --- indicators --------------------------------------------------------------------------


@login_required
def indicator_detail(
    request: AuthedRequest, slug: str, phase_id: int, indicator_id: int
) -> HttpResponse:
    body = load_body(request, slug)
    phase = selectors.phase_for(request.user, body, phase_id)
    indicator = selectors.indicator_for(phase, indicator_id)
    indicator.phase = phase
    can_manage = policy.can_manage_plans(request.user, body)
    can_record = policy.can_record_actual(request.user, indicator)
    if request.method == "POST":
        policy.require(can_manage or can_record)
        _act(request, _indicator_actions(request, indicator, can_manage=can_manage))
        return redirect("plans:indicator", slug=slug, phase_id=phase.pk, indicator_id=indicator.pk)
    row = selectors.indicator_row(phase, indicator)
    periods = [(p, row.targets.get(p.key), row.actuals.get(p.key)) for p in phase.periods()]
    return render(
        request,
        "plans/indicator.html",
        {
            "body": body,
            "phase": phase,
            "indicator": indicator,
            "row": row,
            "periods": periods,
            "definitions": indicator.definitions.select_related("created_by"),
            "baselines": indicator.baselines.select_related("definition"),
            "history": indicator.actuals.defer("evidence")
            .select_related("definition")
            .order_by("period_start", "definition__number"),
            "can_manage": can_manage,
            "can_record": can_record,
            "source": sources.REGISTRY.get(indicator.source),
        },
    )


def _indicator_actions(
    request: AuthedRequest, indicator: Any, *, can_manage: bool
) -> dict[str, Callable[[], str | None]]:
    post = request.POST
    by = request.user

    def manager_only() -> None:
        policy.require(can_manage)

    def target() -> str:
        manager_only()
        services.set_target(
            indicator, period_key=post.get("period", ""), value=post.get("value"), by=by
        )
        return _("The target is set.")

    def actual() -> str:
        upload = request.FILES.get("evidence")
        services.record_actual(
            indicator,
            period_key=post.get("period", ""),
            value=post.get("value"),
            comment=post.get("comment", ""),
            evidence_url=post.get("evidence_url", ""),
            evidence_name=(upload.name or "") if upload else "",
            evidence=upload.read() if upload else None,
            by=by,
        )
        return _("The actual is recorded.")

    def definition() -> str:
        manager_only()
        restate = post.get("restate_baseline", "")
        services.change_definition(
            indicator,
            text=post.get("text", ""),
            data_source=post.get("data_source"),
            note=post.get("note", ""),
            restate_baseline={"yes": True, "no": False}.get(restate),
            baseline_value=post.get("baseline_value"),
            by=by,
        )
        return _("The definition has a new version.")

    def baseline() -> str:
        manager_only()
        services.add_baseline(
            indicator,
            on=_day(request, "on"),  # type: ignore[arg-type]
            value=post.get("value"),
            disaggregation=post.get("disaggregation", ""),
            by=by,
        )
        return _("The baseline is added.")

    def label() -> str:
        manager_only()
        services.set_label(indicator, tlp=post.get("tlp", ""), by=by)
        return _("The label is changed.")

    return {
        "target": target,
        "actual": actual,
        "definition": definition,
        "baseline": baseline,
        "label": label,
    }


@login_required
def evidence(request: AuthedRequest, slug: str, phase_id: int, actual_id: int) -> HttpResponse:
    body = load_body(request, slug)
    phase = selectors.phase_for(request.user, body, phase_id)
    actual = get_object_or_404(Actual, pk=actual_id, indicator__phase=phase)
    if not actual.evidence:
        raise Http404
    return attachment(bytes(actual.evidence), f"evidence-{actual.pk}", "application/octet-stream")


# --- timeline ----------------------------------------------------------------------------


@login_required
def timeline(request: AuthedRequest, slug: str, phase_id: int) -> HttpResponse:
    body = load_body(request, slug)
    phase = selectors.phase_for(request.user, body, phase_id)
    unit_id = _int(request.GET.get("unit"))
    unit = Unit.objects.filter(body=body, pk=unit_id).first() if unit_id else None
    by_unit = request.GET.get("by") == "unit"
    return render(
        request,
        "plans/timeline.html",
        {
            "body": body,
            "phase": phase,
            "tl": selectors.timeline(phase, by_unit=by_unit, unit=unit),
            "by_unit": by_unit,
            "unit": unit,
            "units": _units(body),
        },
    )


# --- evaluations -------------------------------------------------------------------------


@login_required
def evaluation_detail(
    request: AuthedRequest, slug: str, phase_id: int, evaluation_id: int
) -> HttpResponse:
    body = load_body(request, slug)
    phase = selectors.phase_for(request.user, body, phase_id)
    evaluation = selectors.evaluation_for(phase, evaluation_id)
    can_manage = policy.can_manage_plans(request.user, body)
    if request.method == "POST":
        _act(request, _evaluation_actions(request, body, evaluation, can_manage=can_manage))
        return redirect(
            "plans:evaluation", slug=slug, phase_id=phase.pk, evaluation_id=evaluation.pk
        )
    view = selectors.evaluation_view(evaluation)
    return render(
        request,
        "plans/evaluation.html",
        {
            "body": body,
            "phase": phase,
            "evaluation": evaluation,
            "view": view,
            "can_manage": can_manage,
            "responder_of": {
                r.pk for r in view.recommendations if policy.can_respond(request.user, r)
            },
            "units": _units(body) if can_manage else [],
            "tlps": TLP.choices,
            "responses": [
                c
                for c in Recommendation.Response.choices
                if c[0] != Recommendation.Response.PENDING
            ],
            "follow_ups": Recommendation.FollowUp.choices,
            "pillars": phase.pillars.all(),
            "charts": range(documents.chart_count(view.rows)),
        },
    )


def _evaluation_actions(
    request: AuthedRequest, body: Body, evaluation: Evaluation, *, can_manage: bool
) -> dict[str, Callable[[], str | None]]:
    post = request.POST
    by = request.user

    def manager(action: Callable[[], str]) -> Callable[[], str]:
        def run() -> str:
            policy.require(can_manage)
            return action()

        return run

    def findings() -> str:
        services.write_findings(evaluation, findings=post.get("findings", ""), by=by)
        return _("The findings are saved.")

    def learning(kind: str) -> Callable[[], str]:
        def run() -> str:
            common: dict[str, str] = {
                "title": post.get("title", ""),
                "what": post.get("what", ""),
                "context": post.get("context", ""),
                "evidence": post.get("evidence", ""),
                "who": post.get("who", ""),
                "tlp": post.get("tlp", TLP.GREEN),
            }
            if kind == "lesson":
                services.add_lesson(evaluation, by=by, **common)
                return _("The lesson is recorded.")
            services.add_good_practice(
                evaluation,
                shows_results=post.get("shows_results") == "on",
                cause_effect=post.get("cause_effect") == "on",
                replicable=post.get("replicable") == "on",
                by=by,
                **common,
            )
            return _("The good practice is recorded.")

        return run

    def recommendation() -> str:
        unit_id = _int(post.get("owner_unit"))
        services.add_recommendation(
            evaluation,
            text=post.get("text", ""),
            owner_unit=Unit.objects.filter(body=body, pk=unit_id).first() if unit_id else None,
            due_on=_day(request, "due_on"),
            by=by,
        )
        return _("The recommendation is recorded; its owner unit is told.")

    def priority() -> str:
        pillar_id = _int(post.get("pillar"))
        services.add_priority(
            evaluation,
            text=post.get("text", ""),
            pillar=evaluation.phase.pillars.filter(pk=pillar_id).first() if pillar_id else None,
            by=by,
        )
        return _("The priority is recorded.")

    def the_recommendation() -> Recommendation:
        return selectors.recommendation_for(evaluation, _int(post.get("recommendation")) or 0)

    def respond() -> str:
        services.respond_to_recommendation(
            the_recommendation(),
            response=post.get("response", ""),
            text=post.get("response_text", ""),
            due_on=_day(request, "due_on"),
            by=by,
        )
        return _("The management response is saved.")

    def follow_up() -> str:
        services.follow_up_recommendation(
            the_recommendation(),
            status=post.get("follow_up", ""),
            note=post.get("note", ""),
            by=by,
        )
        return _("The follow-up is saved.")

    return {
        "findings": manager(findings),
        "lesson": manager(learning("lesson")),
        "practice": manager(learning("practice")),
        "recommendation": manager(recommendation),
        "priority": manager(priority),
        "respond": respond,
        "follow-up": follow_up,
    }


@login_required
def evaluation_chart(
    request: AuthedRequest, slug: str, phase_id: int, evaluation_id: int
) -> HttpResponse:
    """The evaluation's chart of actuals against the target line, as a PNG (page ``n``)."""
    body = load_body(request, slug)
    phase = selectors.phase_for(request.user, body, phase_id)
    evaluation = selectors.evaluation_for(phase, evaluation_id)
    n = _int(request.GET.get("n")) or 0
    pngs = documents.target_charts(selectors.evaluation_view(evaluation).rows, only=n)
    if not pngs:
        raise Http404
    return HttpResponse(pngs[0], content_type="image/png")


@login_required
def next_phase(request: AuthedRequest, slug: str, phase_id: int) -> HttpResponse:
    body = load_body(request, slug)
    phase = selectors.phase_for(request.user, body, phase_id)
    policy.require(policy.can_manage_plans(request.user, body))
    priorities, recommendations = services.offers_for(phase)
    if request.method == "POST":
        try:
            new = services.create_next_phase(
                phase,
                name=request.POST.get("name", ""),
                starts_on=_day(request, "starts_on"),  # type: ignore[arg-type]
                ends_on=_day(request, "ends_on"),  # type: ignore[arg-type]
                priorities=[int(v) for v in request.POST.getlist("priorities") if v.isdigit()],
                recommendations=[
                    int(v) for v in request.POST.getlist("recommendations") if v.isdigit()
                ],
                by=request.user,
            )
        except LintasError as exc:
            _refused(request, exc)
        else:
            flash.success(request, _("The next phase is drafted from this one."))
            return redirect("plans:phase", slug=slug, phase_id=new.pk)
    # the same span of years after this one (2023-2024 is followed by 2025-2026)
    years = phase.ends_on.year - phase.starts_on.year + 1
    start = phase.ends_on + dt.timedelta(days=1)
    try:
        end = phase.ends_on.replace(year=phase.ends_on.year + years)
    except ValueError:  # 29 February
        end = phase.ends_on.replace(year=phase.ends_on.year + years, day=28)
    return render(
        request,
        "plans/next_phase.html",
        {
            "body": body,
            "phase": phase,
            "priorities": priorities,
            "recommendations": recommendations,
            "suggested_start": start,
            "suggested_end": end,
            "suggested_name": f"{start.year}-{end.year}",
        },
    )


# --- library and documents ---------------------------------------------------------------


@login_required
def library(request: AuthedRequest, slug: str) -> HttpResponse:
    body = load_body(request, slug)
    policy.require(policy.can_view_plans(request.user, body))
    q = request.GET.get("q", "").replace("\x00", "").strip()[:200]
    return render(
        request,
        "plans/library.html",
        {"body": body, "q": q, "lib": selectors.library(request.user, body, q=q)},
    )


@login_required
def document(
    request: AuthedRequest, slug: str, phase_id: int, document_id: int, fmt: str
) -> HttpResponse:
    body = load_body(request, slug)
    phase = selectors.phase_for(request.user, body, phase_id)
    found = get_object_or_404(PlanDocument, pk=document_id, phase=phase, status="done")
    if fmt not in {"docx", "pdf"}:
        raise Http404
    content = bytes(getattr(found, fmt) or b"")
    kinds = {
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "pdf": "application/pdf",
    }
    return attachment(content, f"{found.kind}-{phase.pk}-{found.language}.{fmt}", kinds[fmt])


@login_required
def iati(request: AuthedRequest, slug: str, phase_id: int) -> HttpResponse:
    """The phase's results, indicators, baselines, targets and actuals as IATI 2.03 XML."""
    from lintas.plans import iati as iati_xml

    body = load_body(request, slug)
    phase = selectors.phase_for(request.user, body, phase_id)
    return attachment(iati_xml.phase_xml(phase), f"iati-results-{phase.pk}.xml", "application/xml")
