"""The list of cases, opening, reading, changing and relabelling a case."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lintas.cases import policy, selectors, services
from lintas.cases.forms import (
    CaseForm,
    LabelForm,
)
from lintas.cases.models import TLP, Case, ExploitationType
from lintas.cases.views.common import _detail, _form_error
from lintas.cases.views.emergency import _no_access
from lintas.core.errors import LintasError
from lintas.members.bodyctx import load_body
from lintas.members.http import AuthedRequest
from lintas.members.models import Unit


@login_required
def case_list(request: AuthedRequest, slug: str) -> HttpResponse:
    body = load_body(request, slug)
    unit = request.GET.get("unit", "")
    filters = selectors.CaseFilters(
        q=request.GET.get("q", "").strip(),
        status=request.GET.get("status", ""),
        tlp=request.GET.get("tlp", ""),
        exploitation=request.GET.get("exploitation", ""),
        country=request.GET.get("country", "").strip()[:2],
        unit=int(unit) if unit.isdigit() else None,
    )
    cases = selectors.cases_for_list(request.user, body, filters)
    return render(
        request,
        "cases/case_list.html",
        {
            "body": body,
            "page": Paginator(cases, 50).get_page(request.GET.get("page")),
            "filters": request.GET,
            "statuses": Case.Status.choices,
            "labels": TLP.choices,
            "exploitation_types": ExploitationType.choices,
            "units": Unit.objects.filter(body=body).order_by("name"),
            "can_create": policy.can_create_case(request.user, body),
        },
    )


@login_required
def case_create(request: AuthedRequest, slug: str) -> HttpResponse:
    body = load_body(request, slug)
    policy.require(policy.can_create_case(request.user, body))
    units = policy.case_owner_units(request.user, body)
    form = CaseForm(request.POST or None, body=body, units=units, editing=False)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.create_case(
                body=body,
                owner_unit=form.cleaned_data["owner_unit"],
                tlp=form.cleaned_data["tlp"],
                by=request.user,
                **form.case_fields(),
            )
        except LintasError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Case recorded."))
            return _detail(case)
    return render(request, "cases/case_form.html", {"body": body, "form": form, "case": None})


@login_required
def case_detail(request: AuthedRequest, slug: str, case_id: int) -> HttpResponse:
    body = load_body(request, slug)
    try:
        case, access = selectors.case_with_access(request.user, body, case_id)
    except Http404:
        return _no_access(request, body, case_id)
    return render(
        request,
        "cases/case_detail.html",
        {
            "body": body,
            "case": case,
            "access": access,
            "view": selectors.case_view(access, request=request),
            "label_form": LabelForm(initial={"tlp": case.tlp}),
        },
    )


@login_required
def case_edit(request: AuthedRequest, slug: str, case_id: int) -> HttpResponse:
    body = load_body(request, slug)
    case, access = selectors.case_with_access(request.user, body, case_id)
    policy.require(access.may_change)
    initial = {}
    if request.method != "POST":
        case = selectors.case_for_edit(case, user=request.user, request=request)
        initial = {name: getattr(case, name) for name in services.CASE_FIELDS}
        initial["version"] = case.updated_at.isoformat()
    form = CaseForm(
        request.POST or None, initial=initial, body=body, units=Unit.objects.none(), editing=True
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_case(
                case,
                by=request.user,
                seen_version=form.cleaned_data["version"] or None,
                **form.case_fields(),
            )
        except LintasError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Case saved."))
            return _detail(case)
    return render(request, "cases/case_form.html", {"body": body, "form": form, "case": case})


@login_required
@require_POST
def case_label(request: AuthedRequest, slug: str, case_id: int) -> HttpResponse:
    body = load_body(request, slug)
    case, access = selectors.case_with_access(request.user, body, case_id)
    policy.require(access.may_change)
    form = LabelForm(request.POST)
    if form.is_valid():
        try:
            services.change_label(
                case,
                tlp=form.cleaned_data["tlp"],
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, _("Label changed."))
        except LintasError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, _("Choose a label."))
    return _detail(case)
