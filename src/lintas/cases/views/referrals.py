"""Referrals: referring a case, the inbox, accepting, declining and closing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lintas.cases import policy, selectors
from lintas.cases.forms import (
    DeclineForm,
    ReferralForm,
)
from lintas.cases.services import referrals
from lintas.cases.views.common import _detail, _form_error
from lintas.core.errors import LintasError
from lintas.members.bodyctx import load_body
from lintas.members.http import AuthedRequest
from lintas.members.models import Unit

# --- referrals ------------------------------------------------------------------------------


@login_required
def case_refer(request: AuthedRequest, slug: str, case_id: int) -> HttpResponse:
    body = load_body(request, slug)
    case, access = selectors.case_with_access(request.user, body, case_id)
    policy.require(access.may_refer)
    units = Unit.objects.filter(body=body).exclude(pk=case.owner_unit_id).order_by("name")
    form = ReferralForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referrals.request_referral(
                case,
                to_unit=data["to_unit"],
                by=request.user,
                due_on=data["due_on"],
                kind=data["kind"],
                reason=data["reason"],
                include_personal_data=data["include_personal_data"],
                override_reason=data["override_reason"],
                keep_sender_access=data["keep_sender_access"],
            )
        except LintasError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Request sent."))
            return _detail(case)
    return render(request, "cases/referral_form.html", {"body": body, "case": case, "form": form})


@login_required
def referral_inbox(request: AuthedRequest, slug: str) -> HttpResponse:
    body = load_body(request, slug)
    incoming, outgoing = selectors.referrals_for_inbox(request.user, body)
    return render(
        request,
        "cases/referral_inbox.html",
        {
            "body": body,
            "incoming": incoming,
            "outgoing": outgoing,
            "decline_form": DeclineForm(),
        },
    )


def _inbox(slug: str) -> HttpResponse:
    return redirect("cases:referral-inbox", slug=slug)


@login_required
@require_POST
def referral_accept(request: AuthedRequest, slug: str, referral_id: int) -> HttpResponse:
    body = load_body(request, slug)
    referral = selectors.referral_for(request.user, body, referral_id)
    try:
        referrals.accept_referral(referral, by=request.user)
    except LintasError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Accepted."))
    return _inbox(body.slug)


@login_required
@require_POST
def referral_decline(request: AuthedRequest, slug: str, referral_id: int) -> HttpResponse:
    body = load_body(request, slug)
    referral = selectors.referral_for(request.user, body, referral_id)
    try:
        referrals.decline_referral(referral, by=request.user, reason=request.POST.get("reason", ""))
    except LintasError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Declined."))
    return _inbox(body.slug)


@login_required
@require_POST
def referral_close(request: AuthedRequest, slug: str, referral_id: int) -> HttpResponse:
    body = load_body(request, slug)
    referral = selectors.referral_for(request.user, body, referral_id)
    referrals.close_referral(referral, by=request.user)
    messages.success(request, _("Closed."))
    return _inbox(body.slug)
