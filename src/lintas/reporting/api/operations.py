"""The reporting operations: templates, obligations, measures and submissions.

Each operation loads the body (404 for strangers), finds the object in it, asks the policy, and
calls the same services and selectors as the pages.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router
from ninja.params import P, QueryEx

from lintas.core import paging
from lintas.core.api_refusals import refuses
from lintas.core.errors import LintasError
from lintas.members.bodyctx import load_body
from lintas.members.http import AuthedRequest
from lintas.members.models import Body, Unit
from lintas.reporting import periods, policy, selectors, services, validation
from lintas.reporting.api import schemas
from lintas.reporting.api.schemas import (
    DraftIn,
    ExceptionIn,
    ExceptionOut,
    ObligationIn,
    ObligationMeasuresOut,
    ObligationOut,
    ReturnIn,
    RevisionOut,
    StartIn,
    SubmissionDetailOut,
    SubmissionOut,
    SubmitIn,
    TemplateDetailOut,
    TemplateIn,
    TemplateOut,
    TemplateRevisionIn,
)
from lintas.reporting.models import (
    Obligation,
    PeriodException,
    ReportTemplate,
    Submission,
    SubmissionRevision,
)

router = Router(tags=["reporting"])

# the measures operation reads at most this many periods at once, and the last 12 by default
MAX_PERIODS = 120
DEFAULT_PERIODS = 12


def _template_detail(template_id: int, body: Body) -> TemplateDetailOut:
    template = selectors.template_with_versions(template_id, body)
    if template is None:
        raise Http404
    return schemas.template_detail_out(template, in_use=selectors.versions_in_use(template))


def _submission_detail(s: Submission) -> SubmissionDetailOut:
    period = periods.Period(s.period_start, s.period_end, s.period_key)
    version = selectors.version_with_fields(s.version_id)
    past = selectors.values_before(s)
    numeric = {
        f.code for section in version.sections.all() for f in section.fields.all() if f.is_numeric
    }
    return schemas.submission_detail_out(
        s,
        deadlines=s.obligation.deadlines(period),
        locked=services.is_locked(s),
        previous={code: found for code, found in past.previous.items() if code in numeric},
        warnings=services.value_warnings(s, s.data, specs=services.field_specs(version), past=past),
    )


# --- loading with the policy -----------------------------------------------------------------


def _in_body(model: type[Any], pk: int, body: Body, *, field: str) -> Any:
    """An object named in a request body: refused with the field's name when not in this body."""
    found = model.objects.filter(pk=pk, body=body).first()
    if found is None:
        raise LintasError(f"No such {model._meta.verbose_name} in this body.", field=field)
    return found


def _obligation(body: Body, obligation_id: int) -> Obligation:
    return get_object_or_404(
        Obligation.objects.select_related("template", "body").prefetch_related("units"),
        pk=obligation_id,
        body=body,
    )


def _submission(request: AuthedRequest, body: Body, submission_id: int) -> Submission:
    """The submission, or 404 for anyone who may not know it exists."""
    submission = selectors.submission_for_page(submission_id, body)
    if submission is None or not policy.can_view_submission(request.user, submission):
        raise Http404
    return submission


def _period_arg(obligation: Obligation, key: str, *, field: str) -> periods.Period:
    try:
        return obligation.period(key)
    except ValueError as exc:
        raise LintasError(str(exc), field=field) from None


# --- templates -------------------------------------------------------------------------------


@router.get("/bodies/{slug}/report-templates", response=list[TemplateOut])
def list_templates(request: AuthedRequest, slug: str) -> list[ReportTemplate]:
    body = load_body(request, slug)
    policy.require(policy.can_see_reporting_regime(request.user, body))
    return list(selectors.templates_for_body(body))


@router.get("/bodies/{slug}/report-templates/{template_id}", response=TemplateDetailOut)
def get_template(request: AuthedRequest, slug: str, template_id: int) -> TemplateDetailOut:
    body = load_body(request, slug)
    get_object_or_404(ReportTemplate, pk=template_id, body=body)
    policy.require(policy.can_see_reporting_regime(request.user, body))
    return _template_detail(template_id, body)


@router.post("/bodies/{slug}/report-templates", response={201: TemplateDetailOut})
def create_template(
    request: AuthedRequest, slug: str, payload: TemplateIn
) -> tuple[int, TemplateDetailOut]:
    body = load_body(request, slug)
    policy.require(policy.can_manage_reporting(request.user, body))
    template = services.create_template(
        body=body,
        code=payload.code,
        name=payload.name,
        description=payload.description,
        structure=payload.structure.for_service(),
        by=request.user,
    )
    return 201, _template_detail(template.pk, body)


@router.put("/bodies/{slug}/report-templates/{template_id}", response=TemplateDetailOut)
def revise_template(
    request: AuthedRequest, slug: str, template_id: int, payload: TemplateRevisionIn
) -> TemplateDetailOut:
    """Replace the structure. A version that has submissions is kept: the change becomes the
    next version, which new submissions use."""
    body = load_body(request, slug)
    template = get_object_or_404(ReportTemplate, pk=template_id, body=body)
    policy.require(policy.can_manage_reporting(request.user, body))
    services.revise_template(
        template, structure=payload.structure.for_service(), note=payload.note, by=request.user
    )
    return _template_detail(template.pk, body)


# --- obligations -----------------------------------------------------------------------------


@router.get("/bodies/{slug}/obligations", response=list[ObligationOut])
def list_obligations(request: AuthedRequest, slug: str) -> list[Obligation]:
    body = load_body(request, slug)
    policy.require(policy.can_see_reporting_regime(request.user, body))
    return list(selectors.obligations_with_units(body))


@router.post("/bodies/{slug}/obligations", response={201: ObligationOut})
def define_obligation(
    request: AuthedRequest, slug: str, payload: ObligationIn
) -> tuple[int, Obligation]:
    body = load_body(request, slug)
    policy.require(policy.can_manage_reporting(request.user, body))
    template = _in_body(ReportTemplate, payload.template_id, body, field="template_id")
    units = [_in_body(Unit, pk, body, field="unit_ids") for pk in dict.fromkeys(payload.unit_ids)]
    obligation = services.define_obligation(
        body=body,
        template=template,
        units=units,
        period_type=payload.period_type,
        starts_on=payload.starts_on,
        due_days=payload.due_days,
        timely_days=payload.timely_days,
        expiry_days=payload.expiry_days,
        ends_on=payload.ends_on,
        custom_periods=[[a.isoformat(), b.isoformat()] for a, b in payload.custom_periods],
        requires_validation=payload.requires_validation,
        reminder_days_before=payload.reminder_days_before,
        reminder_days_after=payload.reminder_days_after,
        escalation_days=payload.escalation_days,
        name=payload.name,
        by=request.user,
    )
    return 201, _obligation(body, obligation.pk)


@router.get("/bodies/{slug}/obligations/{obligation_id}", response=ObligationOut)
def get_obligation(request: AuthedRequest, slug: str, obligation_id: int) -> Obligation:
    body = load_body(request, slug)
    obligation = _obligation(body, obligation_id)
    policy.require(policy.can_see_reporting_regime(request.user, body))
    return obligation


@router.get("/bodies/{slug}/obligations/{obligation_id}/measures", response=ObligationMeasuresOut)
def obligation_measures(
    request: AuthedRequest,
    slug: str,
    obligation_id: int,
    from_: QueryEx[str, P(alias="from", description="first period, e.g. 2024-01")] = "",
    to: QueryEx[str, P(description="last period; periods not yet started are left out")] = "",
    unit: QueryEx[int | None, P(description="one unit's id")] = None,
) -> ObligationMeasuresOut:
    """Expected, actual and on-time reports, rates, completeness and days late: per unit, per
    period and in total, as the reporting matrix counts them. Without ``from``, the last 12
    periods."""
    body = load_body(request, slug)
    obligation = _obligation(body, obligation_id)
    policy.require(policy.can_read_all_reports(request.user, body))
    now = timezone.now()
    first = _period_arg(obligation, from_, field="from") if from_ else None
    last = _period_arg(obligation, to, field="to") if to else None
    if first and last and last.end < first.start:
        raise LintasError("The range ends before it starts.", field="to")
    chosen = [
        p
        for p in selectors.obligation_periods(obligation, now=now)
        if (first is None or p.start >= first.start) and (last is None or p.end <= last.end)
    ]
    if first is None:
        chosen = chosen[-DEFAULT_PERIODS:]
    if len(chosen) > MAX_PERIODS:
        raise LintasError(f"At most {MAX_PERIODS} periods at a time.", field="from")
    units = None
    if unit is not None:
        found = [u for u in obligation.units.all() if u.pk == unit]
        if not found:
            raise LintasError("This unit does not owe this report.", field="unit")
        units = found
    matrix = selectors.reporting_matrix(obligation, period_list=chosen, units=units, now=now)
    return schemas.matrix_out(obligation, matrix)


@router.post("/bodies/{slug}/obligations/{obligation_id}/exceptions", response={201: ExceptionOut})
def grant_exception(
    request: AuthedRequest, slug: str, obligation_id: int, payload: ExceptionIn
) -> tuple[int, PeriodException]:
    """Reopen a locked period for one unit until a day."""
    body = load_body(request, slug)
    obligation = _obligation(body, obligation_id)
    policy.require(policy.can_manage_reporting(request.user, body))
    exception = services.grant_exception(
        obligation=obligation,
        unit=_in_body(Unit, payload.unit_id, body, field="unit_id"),
        period_key=payload.period,
        open_until=payload.open_until,
        reason=payload.reason,
        by=request.user,
    )
    return 201, exception


# --- submissions -----------------------------------------------------------------------------


@router.get("/bodies/{slug}/submissions", response=list[SubmissionOut])
def list_submissions(
    request: AuthedRequest,
    slug: str,
    obligation: int | None = None,
    unit: int | None = None,
    period: str = "",
    state: Submission.State | None = None,
    limit: int = 200,
    offset: int = 0,
) -> list[Submission]:
    """The submissions the caller may see: all of the body's for its readers, their units' for
    focal points and validators. Newest period first."""
    body = load_body(request, slug)
    found = selectors.submissions_visible_to(
        request.user,
        body,
        obligation_id=obligation,
        unit_id=unit,
        period_key=period,
        state=state or "",
    )
    limit, start = paging.page_window(limit, offset, largest=1000)
    return list(found[start : start + limit])


@router.post("/bodies/{slug}/submissions", response={200: SubmissionOut, 201: SubmissionOut})
def start_submission(request: AuthedRequest, slug: str, payload: StartIn) -> tuple[int, Submission]:
    """Start a unit's report for a period: 201 with a new draft, or 200 with the one that
    exists."""
    body = load_body(request, slug)
    obligation = _in_body(Obligation, payload.obligation_id, body, field="obligation_id")
    unit = _in_body(Unit, payload.unit_id, body, field="unit_id")
    if not policy.can_fill_for(request.user, unit):
        policy.hide(
            bool(policy.unit_roles(request.user, unit))
            or policy.can_read_all_reports(request.user, body)
        )
        policy.require(False)
    existing = set(
        Submission.objects.filter(obligation=obligation, unit=unit).values_list("pk", flat=True)
    )
    submission = services.start_submission(
        obligation=obligation, unit=unit, period_key=payload.period, by=request.user
    )
    return (200 if submission.pk in existing else 201), submission


@router.get("/bodies/{slug}/submissions/{submission_id}", response=SubmissionDetailOut)
def get_submission(request: AuthedRequest, slug: str, submission_id: int) -> SubmissionDetailOut:
    body = load_body(request, slug)
    return _submission_detail(_submission(request, body, submission_id))


@router.patch(
    "/bodies/{slug}/submissions/{submission_id}",
    response=SubmissionOut,
    openapi_extra=refuses(409),
)
def save_draft(
    request: AuthedRequest, slug: str, submission_id: int, payload: DraftIn
) -> Submission:
    """Save answers to a draft or returned report. ``revision`` is the one the answers were
    based on: when someone saved since, 409, and these answers are kept in the history.
    Answers to number fields are JSON numbers (``12``, ``0.25``); text such as ``"12"`` or
    ``"1,5"`` is refused with 422, never read one way or another."""
    body = load_body(request, slug)
    submission = _submission(request, body, submission_id)
    policy.require(policy.can_edit_submission(request.user, submission))
    services.save_draft(
        submission,
        data=payload.data,
        revision=payload.revision,
        comments=payload.comments,
        by=request.user,
        source="api",
        language=validation.JSON,
    )
    return submission


@router.post("/bodies/{slug}/submissions/{submission_id}/submit", response=SubmissionOut)
def submit_report(
    request: AuthedRequest, slug: str, submission_id: int, payload: SubmitIn | None = None
) -> Submission:
    """Send the report to the secretariat (or to its unit's validator). Without a body, as
    saved; with ``data`` (or ``comments``) and ``revision``, saved first under the same rules as
    a draft save. Refused (422) while a value with a warning has no comment: the errors say
    which."""
    body = load_body(request, slug)
    submission = _submission(request, body, submission_id)
    policy.require(policy.can_edit_submission(request.user, submission))
    payload = payload or SubmitIn()
    if (payload.data is not None or payload.comments is not None) and payload.revision is None:
        raise LintasError("Give the revision these answers are based on.", field="revision")
    services.submit_report(
        submission,
        data=payload.data,
        revision=payload.revision,
        comments=payload.comments,
        by=request.user,
        source="api",
        language=validation.JSON,
    )
    return submission


@router.post("/bodies/{slug}/submissions/{submission_id}/validate", response=SubmissionOut)
def validate_report(request: AuthedRequest, slug: str, submission_id: int) -> Submission:
    body = load_body(request, slug)
    submission = _submission(request, body, submission_id)
    services.validate_report(submission, by=request.user)
    return submission


@router.post("/bodies/{slug}/submissions/{submission_id}/accept", response=SubmissionOut)
def accept_report(request: AuthedRequest, slug: str, submission_id: int) -> Submission:
    body = load_body(request, slug)
    submission = _submission(request, body, submission_id)
    services.accept_report(submission, by=request.user)
    return submission


@router.post("/bodies/{slug}/submissions/{submission_id}/return", response=SubmissionOut)
def return_report(
    request: AuthedRequest, slug: str, submission_id: int, payload: ReturnIn
) -> Submission:
    """Send the report back to its unit; the reason is required and shown to the unit."""
    body = load_body(request, slug)
    submission = _submission(request, body, submission_id)
    services.return_report(submission, by=request.user, reason=payload.reason)
    return submission


@router.get("/bodies/{slug}/submissions/{submission_id}/revisions", response=list[RevisionOut])
def list_revisions(
    request: AuthedRequest, slug: str, submission_id: int
) -> list[SubmissionRevision]:
    """Every saved version of the answers, newest first; a save refused as a conflict is kept
    with the state ``conflict``."""
    body = load_body(request, slug)
    submission = _submission(request, body, submission_id)
    return list(selectors.revisions_of(submission))
