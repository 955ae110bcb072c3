"""The persons of a case, their consent, and the events of a case."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lintas.cases import policy, selectors, services
from lintas.cases.forms import (
    ConsentForm,
    EventForm,
    PersonForm,
    ReasonForm,
)
from lintas.cases.views.common import _detail, _form_error
from lintas.core.errors import LintasError
from lintas.members.bodyctx import load_body
from lintas.members.http import AuthedRequest
from lintas.members.models import Unit


@login_required
def person_edit(
    request: AuthedRequest, slug: str, case_id: int, person_id: int | None = None
) -> HttpResponse:
    body = load_body(request, slug)
    case, access = selectors.case_with_access(request.user, body, case_id)
    policy.require(access.may_change)
    person = None
    initial: dict[str, Any] = {}
    if person_id is not None:
        person = selectors.person_for(request.user, case, person_id)
        policy.require(access.sees(person))
        if request.method != "POST":
            person = selectors.person_for_edit(request.user, case, person_id, request=request)
            initial = PersonForm.initial_for(person)
    form = PersonForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if person is None:
                services.add_person(
                    case, by=request.user, role=form.cleaned_data["role"], **form.person_fields()
                )
                messages.success(request, _("Person added."))
            else:
                services.update_person(
                    person,
                    by=request.user,
                    role=form.cleaned_data["role"],
                    seen_version=form.cleaned_data["version"] or None,
                    **form.person_fields(),
                )
                messages.success(request, _("Person saved."))
        except LintasError as exc:
            _form_error(form, exc)
        else:
            return _detail(case)
    return render(
        request,
        "cases/person_form.html",
        {"body": body, "case": case, "person": person, "form": form},
    )


@login_required
def consent_create(request: AuthedRequest, slug: str, case_id: int, person_id: int) -> HttpResponse:
    body = load_body(request, slug)
    case, access = selectors.case_with_access(request.user, body, case_id)
    person = selectors.person_for(request.user, case, person_id)
    policy.require(access.may_change)
    units = Unit.objects.filter(body=body).exclude(pk=case.owner_unit_id).order_by("name")
    form = ConsentForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_consent(person, by=request.user, **form.cleaned_data)
        except LintasError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Consent recorded."))
            return _detail(case)
    return render(
        request,
        "cases/consent_form.html",
        {"body": body, "case": case, "person": person, "form": form},
    )


@login_required
@require_POST
def consent_withdraw(
    request: AuthedRequest, slug: str, case_id: int, consent_id: int
) -> HttpResponse:
    body = load_body(request, slug)
    case, access = selectors.case_with_access(request.user, body, case_id)
    policy.require(access.may_change)
    consent = selectors.consent_for(case, consent_id)
    form = ReasonForm(request.POST)
    form.is_valid()
    services.withdraw_consent(consent, by=request.user, reason=form.cleaned_data.get("reason", ""))
    messages.success(request, _("Consent withdrawn."))
    return _detail(case)


@login_required
def event_create(request: AuthedRequest, slug: str, case_id: int) -> HttpResponse:
    body = load_body(request, slug)
    case, access = selectors.case_with_access(request.user, body, case_id)
    policy.require(access.may_change)
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_event(case, by=request.user, **form.cleaned_data)
        except LintasError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Event recorded."))
            return _detail(case)
    return render(request, "cases/event_form.html", {"body": body, "case": case, "form": form})


@login_required
@require_POST
def event_remove(request: AuthedRequest, slug: str, case_id: int, event_id: int) -> HttpResponse:
    body = load_body(request, slug)
    case, access = selectors.case_with_access(request.user, body, case_id)
    policy.require(access.may_change)
    event = get_object_or_404(case.events, pk=event_id)
    services.remove_event(event, by=request.user)
    messages.success(request, _("Event removed."))
    return _detail(case)
