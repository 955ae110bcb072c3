"""Synthesis pages: choosing a report, the consolidated report on screen and as files, the
reports generated in the background with their progress, and the leaders' dashboard."""

from __future__ import annotations

import base64
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.views.decorators.http import require_POST

from lintas.core.downloads import attachment
from lintas.core.errors import LintasError
from lintas.members.bodyctx import load_body
from lintas.members.http import AuthedRequest
from lintas.members.models import Body
from lintas.reporting import cells, policy
from lintas.reporting import selectors as reporting_selectors
from lintas.reporting.models import Obligation
from lintas.synthesis import render as rendering
from lintas.synthesis import selectors, services
from lintas.synthesis.consolidate import Consolidated, NoPeriods, consolidate
from lintas.synthesis.models import GeneratedFile, GeneratedReport
from lintas.synthesis.render import charts, words

LANGUAGE_NAMES = [("en", "English"), ("vi", "Tiếng Việt"), ("id", "Bahasa Indonesia")]


# Formats that take seconds to build for a large body: always made by the worker.
BACKGROUND_FORMATS = frozenset({"docx", "pdf"})


@dataclass
class Choice:
    """What a reader asked for: a range of periods, a language, whether to count submitted
    reports that are not accepted yet."""

    first: str
    last: str
    language: str
    include_submitted: bool

    def query(self) -> str:
        extra = "&include_submitted=1" if self.include_submitted else ""
        return f"first={self.first}&last={self.last}&language={self.language}{extra}"


def _reader_obligation(request: AuthedRequest, slug: str, obligation_id: int) -> Obligation:
    body = load_body(request, slug)
    obligation = get_object_or_404(
        Obligation.objects.select_related("template", "body"), pk=obligation_id, body=body
    )
    policy.require(policy.can_read_all_reports(request.user, body))
    return obligation


def _choice(request: AuthedRequest, obligation: Obligation) -> Choice:
    first = request.GET.get("first") or services.last_ended_period(obligation)
    last = request.GET.get("last") or first
    language = request.GET.get("language") or (translation.get_language() or "en")[:2]
    if language not in services.LANGUAGES:
        language = "en"
    return Choice(first, last, language, request.GET.get("include_submitted") in {"1", "on"})


def _build(obligation: Obligation, choice: Choice) -> Consolidated:
    try:
        return consolidate(
            obligation,
            first=choice.first,
            last=choice.last,
            language=choice.language,
            include_submitted=choice.include_submitted,
        )
    except NoPeriods as exc:
        raise Http404 from exc


@login_required
def home(request: AuthedRequest, slug: str) -> HttpResponse:
    body = load_body(request, slug)
    policy.require(policy.can_read_all_reports(request.user, body))
    obligations = []
    for obligation in reporting_selectors.obligations_for_body(body).select_related("body"):
        keys = [p.key for p in reporting_selectors.obligation_periods(obligation)][::-1]
        obligations.append((obligation, keys[:36]))
    return render(
        request,
        "synthesis/home.html",
        {
            "body": body,
            "obligations": obligations,
            "languages": LANGUAGE_NAMES,
            "current_language": (translation.get_language() or "en")[:2],
            "generated": selectors.generated_reports_of(body),
            "can_manage": policy.can_manage_reporting(request.user, body),
        },
    )


def _svg_image(svg: bytes) -> str:
    """An SVG as a ``data:`` address for an ``<img>``: an image keeps its own styles, where an SVG
    written into the page would need inline style."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()


@login_required
def report(request: AuthedRequest, slug: str, obligation_id: int) -> HttpResponse:
    obligation = _reader_obligation(request, slug, obligation_id)
    choice = _choice(request, obligation)
    consolidated = _build(obligation, choice)
    with translation.override(choice.language):
        context = {
            "body": obligation.body,
            "obligation": obligation,
            "report": consolidated,
            "choice": choice,
            "h": words.headings(),
            "title": words.title(consolidated),
            "range_name": words.range_name(consolidated),
            "range_note": words.range_note(consolidated),
            "scope_note": words.scope_note(consolidated),
            "change_heading": words.change_heading(consolidated),
            "previous_heading": words.previous_heading(consolidated),
            "not_yet_due_rows": words.not_yet_due_rows(consolidated),
            "exchange_header": words.exchange_header(),
            "exchange_rows": words.exchange_rows(consolidated) if consolidated.exchange else [],
            # As images: matplotlib's SVG carries inline style, which the page's policy refuses.
            "rate_chart": _svg_image(charts.rate_chart(consolidated, "svg")),
            "timeliness_chart": _svg_image(charts.timeliness_chart(consolidated, "svg")),
            "quick_formats": [f for f in rendering.FORMATS if f not in BACKGROUND_FORMATS],
            "can_manage": policy.can_manage_reporting(request.user, obligation.body),
        }
        html = render(request, "synthesis/report.html", context)
    return html


@login_required
def download(request: AuthedRequest, slug: str, obligation_id: int, fmt: str) -> HttpResponse:
    obligation = _reader_obligation(request, slug, obligation_id)
    if fmt not in rendering.FORMATS:
        raise Http404
    if fmt in BACKGROUND_FORMATS:
        # long to build for a large body: made by the worker (see ``generate``)
        raise Http404
    made = rendering.render(_build(obligation, _choice(request, obligation)), fmt)
    return attachment(made.content, made.filename, made.content_type)


@login_required
@require_POST
def generate(request: AuthedRequest, slug: str, obligation_id: int) -> HttpResponse:
    body = load_body(request, slug)
    obligation = get_object_or_404(
        Obligation.objects.select_related("template", "body"), pk=obligation_id, body=body
    )
    policy.require(policy.can_read_all_reports(request.user, body))
    try:
        made = services.request_report(
            obligation=obligation,
            first=request.POST.get("first", ""),
            last=request.POST.get("last") or request.POST.get("first", ""),
            language=request.POST.get("language", "en"),
            include_submitted=request.POST.get("include_submitted") in {"1", "on"},
            by=request.user,
        )
    except LintasError as exc:
        messages.error(request, exc.message)
        return redirect("synthesis:home", slug=body.slug)
    return redirect("synthesis:generated", slug=body.slug, report_id=made.pk)


def _generated(request: AuthedRequest, slug: str, report_id: int) -> tuple[Body, GeneratedReport]:
    body = load_body(request, slug)
    found = selectors.generated_report(report_id, body)
    if found is None:
        raise Http404
    policy.require(policy.can_read_all_reports(request.user, body))
    return body, found


@login_required
def generated(request: AuthedRequest, slug: str, report_id: int) -> HttpResponse:
    body, found = _generated(request, slug, report_id)
    return render(request, "synthesis/generated.html", {"body": body, "generated": found})


@login_required
def generated_progress(request: AuthedRequest, slug: str, report_id: int) -> HttpResponse:
    body, found = _generated(request, slug, report_id)
    return render(request, "synthesis/_progress.html", {"body": body, "generated": found})


@login_required
def generated_file(request: AuthedRequest, slug: str, report_id: int, fmt: str) -> HttpResponse:
    _body, found = _generated(request, slug, report_id)
    file = GeneratedFile.objects.filter(report=found, format=fmt).first()
    if file is None:
        raise Http404
    return attachment(bytes(file.content), file.filename, file.content_type)


@login_required
def dashboard(request: AuthedRequest, slug: str) -> HttpResponse:
    body = load_body(request, slug)
    policy.require(policy.can_read_all_reports(request.user, body))
    return render(
        request,
        "synthesis/dashboard.html",
        {
            "body": body,
            "boards": selectors.dashboard_for(body),
            "legend": cells.legend(),
            "exchange": selectors.exchange_board(body),
        },
    )
