"""Sharing a case with other units, its access log, and the named readers of a red case."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lintas.cases import policy, selectors, services
from lintas.cases.forms import (
    ReasonForm,
    RedReaderForm,
    ShareForm,
)
from lintas.cases.views.common import _detail, _form_error
from lintas.core.errors import LintasError
from lintas.members.bodyctx import load_body
from lintas.members.http import AuthedRequest
from lintas.members.models import Membership, Unit, User


@login_required
def case_share(request: AuthedRequest, slug: str, case_id: int) -> HttpResponse:
    body = load_body(request, slug)
    case, access = selectors.case_with_access(request.user, body, case_id)
    policy.require(access.may_share)
    units = Unit.objects.filter(body=body).exclude(pk=case.owner_unit_id).order_by("name")
    form = ShareForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            services.share_with_unit(
                case,
                unit=form.cleaned_data["unit"],
                by=request.user,
                include_personal_data=form.cleaned_data["include_personal_data"],
                override_reason=form.cleaned_data["override_reason"],
            )
        except LintasError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Case shared."))
            return _detail(case)
    return render(
        request,
        "cases/share_form.html",
        {
            "body": body,
            "case": case,
            "form": form,
            "can_override": access.may_override_consent,
        },
    )


@login_required
@require_POST
def share_revoke(request: AuthedRequest, slug: str, case_id: int, share_id: int) -> HttpResponse:
    body = load_body(request, slug)
    case, access = selectors.case_with_access(request.user, body, case_id)
    share = case.shares.filter(pk=share_id).first()
    policy.hide(share is not None)
    policy.require(access.may_share)
    assert share is not None  # noqa: S101
    form = ReasonForm(request.POST)
    form.is_valid()
    services.revoke_share(share, by=request.user, reason=form.cleaned_data.get("reason", ""))
    messages.success(request, _("Sharing revoked."))
    return _detail(case)


@login_required
def case_access(request: AuthedRequest, slug: str, case_id: int) -> HttpResponse:
    body = load_body(request, slug)
    case, access = selectors.case_with_access(request.user, body, case_id)
    policy.require(access.may_view_access)
    outside = request.GET.get("who") == "outside"
    entries = selectors.case_access_entries(case, outside_owner=outside)
    return render(
        request,
        "cases/case_access.html",
        {
            "body": body,
            "case": case,
            "outside": outside,
            "emergencies": selectors.emergency_accesses_of(case),
            "page": Paginator(entries, 50).get_page(request.GET.get("page")),
        },
    )


@login_required
def red_readers(request: AuthedRequest, slug: str, case_id: int) -> HttpResponse:
    body = load_body(request, slug)
    case, access = selectors.case_with_access(request.user, body, case_id)
    policy.require(access.may_name_red_readers)
    members = Membership.objects.active().filter(body=body).values("user_id")
    form = RedReaderForm(
        request.POST or None, people=User.objects.filter(pk__in=members).order_by("full_name")
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.name_red_reader(case, person=form.cleaned_data["person"], by=request.user)
        except LintasError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Reader named."))
            return redirect("cases:red-readers", slug=body.slug, case_id=case.pk)
    return render(
        request,
        "cases/red_readers.html",
        {"body": body, "case": case, "form": form, "readers": selectors.red_readers_of(case)},
    )


@login_required
@require_POST
def red_reader_remove(
    request: AuthedRequest, slug: str, case_id: int, access_id: int
) -> HttpResponse:
    body = load_body(request, slug)
    case, access = selectors.case_with_access(request.user, body, case_id)
    reader = case.red_access.filter(pk=access_id).first()
    policy.hide(reader is not None)
    policy.require(access.may_name_red_readers)
    assert reader is not None  # noqa: S101
    try:
        services.unname_red_reader(reader, by=request.user)
        messages.success(request, _("Reader removed."))
    except LintasError as exc:
        messages.error(request, exc.message)
    return redirect("cases:red-readers", slug=body.slug, case_id=case.pk)
