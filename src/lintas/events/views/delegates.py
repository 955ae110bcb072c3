"""Delegates: the invited units and their quotas, nominations by the units' focal points,
the organisers' decisions, the registration form, badges and visa letters."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lintas.core.downloads import attachment
from lintas.core.errors import LintasError
from lintas.events import documents, policy, selectors, services
from lintas.events.forms import ExpertForm, InviteForm, NominationForm, RegistrationForm
from lintas.events.models import Delegate
from lintas.events.views.common import form_error, load_event, private
from lintas.members.http import AuthedRequest
from lintas.members.models import Unit

REGISTRATION = list(RegistrationForm.base_fields)


def _may_see(access: policy.EventAccess, delegate: Delegate, user_pk: int) -> bool:
    return access.sees_delegate(delegate)


@login_required
def delegates(request: AuthedRequest, slug: str, event_id: int) -> HttpResponse:
    event, access = load_event(request, slug, event_id)
    units = Unit.objects.filter(pk__in=access.nominating_units).order_by("name")
    action = request.POST.get("action", "")
    # Three forms on one page: each its own ids, so that every label names its own field.
    invite = InviteForm(
        request.POST if action == "invite" else None, body=event.body, auto_id="invite-%s"
    )
    nominate = NominationForm(
        request.POST if action == "nominate" else None, units=units, auto_id="nominate-%s"
    )
    expert = ExpertForm(request.POST if action == "expert" else None, auto_id="expert-%s")
    if request.method == "POST":
        try:
            if action == "invite":
                policy.require(access.organises)
                if invite.is_valid():
                    services.invite_unit(
                        event=event,
                        by=request.user,
                        unit=invite.cleaned_data["unit"],
                        quota=invite.cleaned_data["quota"],
                    )
                    flash.success(request, _("The unit is invited."))
                    return redirect(request.path)
            elif action == "nominate":
                policy.require(bool(access.nominating_units))
                if nominate.is_valid():
                    d = nominate.cleaned_data
                    services.nominate_delegate(
                        event=event,
                        by=request.user,
                        unit=d["unit"],
                        full_name=d["full_name"],
                        email=d["email"],
                        role=d["role"],
                        **{k: d[k] for k in REGISTRATION},
                    )
                    flash.success(request, _("The delegate is nominated."))
                    return redirect(request.path)
            elif action == "expert":
                policy.require(access.organises)
                if expert.is_valid():
                    services.add_delegate(event=event, by=request.user, **expert.cleaned_data)
                    flash.success(request, _("Added."))
                    return redirect(request.path)
            elif action in ("approve", "decline"):
                policy.require(access.organises)
                delegate = get_object_or_404(Delegate, event=event, pk=request.POST.get("delegate"))
                services.decide_nomination(
                    delegate=delegate, by=request.user, approve=action == "approve"
                )
                return redirect(request.path)
            else:
                policy.require(False)
        except LintasError as exc:
            bound = {"invite": invite, "nominate": nominate, "expert": expert}.get(action)
            if bound is not None:
                form_error(bound, exc)
            else:
                flash.error(request, exc.message)
    if access.organises:
        rows = selectors.delegates_of(event)
    else:
        rows = selectors.delegates_of(event).filter(
            status=Delegate.Status.APPROVED
        ) | selectors.delegates_of(event, units=access.nominating_units)
    return private(
        render(
            request,
            "events/delegates.html",
            {
                "body": event.body,
                "event": event,
                "access": access,
                "quotas": selectors.quotas(event),
                "delegates": rows.distinct(),
                "invite_form": invite,
                "nominate_form": nominate,
                "expert_form": expert,
            },
            status=400 if any(f.errors for f in (invite, nominate, expert)) else 200,
        )
    )


def _delegate(request: AuthedRequest, slug: str, event_id: int, delegate_id: int):
    event, access = load_event(request, slug, event_id)
    delegate = get_object_or_404(
        Delegate.objects.select_related("unit"), event=event, pk=delegate_id
    )
    policy.hide(_may_see(access, delegate, request.user.pk))
    delegate.event = event
    return event, access, delegate


@login_required
def delegate_detail(
    request: AuthedRequest, slug: str, event_id: int, delegate_id: int
) -> HttpResponse:
    """A delegate's registration form, seen by the delegate, their unit's focal point and the
    organisers."""
    event, access, delegate = _delegate(request, slug, event_id, delegate_id)
    initial = {name: getattr(delegate, name) for name in REGISTRATION}
    form = RegistrationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_registration(delegate=delegate, by=request.user, **form.cleaned_data)
        except LintasError as exc:
            form_error(form, exc)
        else:
            flash.success(request, _("Saved."))
            return redirect(request.path)
    return private(
        render(
            request,
            "events/delegate.html",
            {
                "body": event.body,
                "event": event,
                "access": access,
                "delegate": delegate,
                "form": form,
            },
        )
    )


@login_required
def badge_pdf(request: AuthedRequest, slug: str, event_id: int, delegate_id: int) -> HttpResponse:
    event, _access, delegate = _delegate(request, slug, event_id, delegate_id)
    if delegate.status != Delegate.Status.APPROVED:
        flash.error(request, _("A badge is made once the delegate is approved."))
        return redirect("events:delegate", slug=slug, event_id=event_id, delegate_id=delegate_id)
    content = documents.badges_pdf(event, [delegate])
    return attachment(content, f"badge-{delegate.pk}.pdf", "application/pdf")


@login_required
def badges_pdf(request: AuthedRequest, slug: str, event_id: int) -> HttpResponse:
    event, access = load_event(request, slug, event_id)
    policy.require(access.organises)
    rows = selectors.delegates_of(event).filter(status=Delegate.Status.APPROVED)
    return attachment(
        documents.badges_pdf(event, rows), f"badges-{event.pk}.pdf", "application/pdf"
    )


@login_required
def visa_letter(request: AuthedRequest, slug: str, event_id: int, delegate_id: int) -> HttpResponse:
    event, _access, delegate = _delegate(request, slug, event_id, delegate_id)
    if delegate.status != Delegate.Status.APPROVED or not delegate.needs_visa_letter:
        flash.error(
            request,
            _("A visa letter is made for an approved delegate who asked for one."),
        )
        return redirect("events:delegate", slug=slug, event_id=event_id, delegate_id=delegate_id)
    content = documents.visa_letter_pdf(delegate, signed_by=event.body.name)
    return attachment(content, f"visa-letter-{delegate.pk}.pdf", "application/pdf")
