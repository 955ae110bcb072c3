"""Synthesis through /api/v1/: the consolidated report as JSON and in each file format, and
reports generated in the background.

Each operation loads the body (404 for strangers), finds the obligation in it and asks the
policy: the body's readers fetch, the secretariat asks for a generation."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.params import P, QueryEx

from lintas.core.downloads import attachment
from lintas.core.errors import LintasError
from lintas.members.bodyctx import load_body
from lintas.members.http import AuthedRequest
from lintas.reporting import policy
from lintas.reporting.models import Obligation
from lintas.synthesis import render, selectors, services
from lintas.synthesis.consolidate import Consolidated, NoPeriods, consolidate
from lintas.synthesis.render.data import report_data

router = Router(tags=["synthesis"])

FirstArg = QueryEx[str, P(description="first period, e.g. 2024-03; the last ended by default")]
LastArg = QueryEx[str, P(description="last period (the first when left out)")]
LanguageArg = QueryEx[str, P(description="en, vi or id")]
SubmittedArg = QueryEx[bool, P(description="count submitted reports not yet accepted, marked")]


class GenerateIn(Schema):
    first: str
    last: str = ""
    language: str = "en"
    include_submitted: bool = False


class GeneratedOut(Schema):
    id: int
    obligation_id: int
    first_period: str
    last_period: str
    language: str
    status: str
    progress: int
    formats: list[str]


def _obligation(request: AuthedRequest, slug: str, obligation_id: int) -> Obligation:
    body = load_body(request, slug)
    obligation = get_object_or_404(
        Obligation.objects.select_related("template", "body"), pk=obligation_id, body=body
    )
    policy.require(policy.can_read_all_reports(request.user, body))
    return obligation


def _consolidated(
    obligation: Obligation, first: str, last: str, language: str, include_submitted: bool
) -> Consolidated:
    if language not in services.LANGUAGES:
        raise LintasError("Choose en, vi or id.", field="language")
    first = first or services.last_ended_period(obligation)
    try:
        return consolidate(
            obligation,
            first=first,
            last=last or first,
            language=language,
            include_submitted=include_submitted,
        )
    except NoPeriods as exc:
        raise LintasError(
            "Choose periods of this obligation that have started.", field="first"
        ) from exc


@router.get("/bodies/{slug}/obligations/{obligation_id}/synthesis", response=dict[str, Any])
def synthesis_json(
    request: AuthedRequest,
    slug: str,
    obligation_id: int,
    first: FirstArg = "",
    last: LastArg = "",
    language: LanguageArg = "en",
    include_submitted: SubmittedArg = False,
) -> dict[str, Any]:
    """The consolidated report: every numeric field's total with a row per unit and the change
    from the previous period, tables combined, narratives by unit and section, late and missing
    units with days late, and who submitted what when."""
    obligation = _obligation(request, slug, obligation_id)
    return report_data(_consolidated(obligation, first, last, language, include_submitted))


@router.get("/bodies/{slug}/obligations/{obligation_id}/synthesis/{fmt}")
def synthesis_file(
    request: AuthedRequest,
    slug: str,
    obligation_id: int,
    fmt: str,
    first: FirstArg = "",
    last: LastArg = "",
    language: LanguageArg = "en",
    include_submitted: SubmittedArg = False,
) -> HttpResponse:
    """The consolidated report as a file: ``docx``, ``pdf``, ``xlsx`` or ``csv``."""
    obligation = _obligation(request, slug, obligation_id)
    if fmt not in render.FORMATS:
        raise Http404
    made = render.render(_consolidated(obligation, first, last, language, include_submitted), fmt)
    return attachment(made.content, made.filename, made.content_type)


# Not a schema read from the row: the formats are computed from the report's files.
def _generated_out(report: Any) -> GeneratedOut:
    return GeneratedOut(
        id=report.pk,
        obligation_id=report.obligation_id,
        first_period=report.first_period,
        last_period=report.last_period,
        language=report.language,
        status=report.status,
        progress=report.progress,
        formats=[f.format for f in report.files.all()],
    )


@router.post(
    "/bodies/{slug}/obligations/{obligation_id}/generated-reports",
    response={201: GeneratedOut},
)
def synthesis_generate(
    request: AuthedRequest, slug: str, obligation_id: int, payload: GenerateIn
) -> tuple[int, GeneratedOut]:
    """Ask the worker to build the report in every format; follow it with the operation below."""
    body = load_body(request, slug)
    obligation = get_object_or_404(
        Obligation.objects.select_related("template", "body"), pk=obligation_id, body=body
    )
    policy.require(policy.can_read_all_reports(request.user, body))
    made = services.request_report(
        obligation=obligation,
        first=payload.first,
        last=payload.last or payload.first,
        language=payload.language,
        include_submitted=payload.include_submitted,
        by=request.user,
    )
    found = selectors.generated_report(made.pk, body)
    return 201, _generated_out(found)


@router.get("/bodies/{slug}/generated-reports/{report_id}", response=GeneratedOut)
def generated_report(request: AuthedRequest, slug: str, report_id: int) -> GeneratedOut:
    """A report generated in the background: its state, progress and the formats ready."""
    body = load_body(request, slug)
    found = selectors.generated_report(report_id, body)
    if found is None:
        raise Http404
    policy.require(policy.can_read_all_reports(request.user, body))
    return _generated_out(found)
