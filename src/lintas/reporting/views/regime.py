"""The reporting regime: obligations, exceptions to a period's lock, and templates."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lintas.core.errors import LintasError
from lintas.members.bodyctx import load_body
from lintas.members.http import AuthedRequest
from lintas.reporting import policy, selectors, services
from lintas.reporting.forms import ExceptionForm, ObligationForm
from lintas.reporting.models import Obligation, ReportTemplate


@login_required
def obligation_create(request: AuthedRequest, slug: str) -> HttpResponse:
    body = load_body(request, slug)
    policy.require(policy.can_manage_reporting(request.user, body))
    form = ObligationForm(request.POST or None, body=body)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            obligation = services.define_obligation(
                body=body,
                template=data["template"],
                units=data["units"],
                period_type=data["period_type"],
                starts_on=data["starts_on"],
                due_days=data["due_days"],
                timely_days=data["timely_days"],
                expiry_days=data["expiry_days"],
                requires_validation=data["requires_validation"],
                reminder_days_before=data["reminder_days_before"],
                reminder_days_after=data["reminder_days_after"],
                escalation_days=data["escalation_days"],
                by=request.user,
            )
            messages.success(request, _("Obligation defined."))
            return redirect("reporting:matrix", slug=body.slug, obligation_id=obligation.pk)
        except LintasError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
    return render(request, "reporting/obligation_form.html", {"body": body, "form": form})


@login_required
def obligation_edit(request: AuthedRequest, slug: str, obligation_id: int) -> HttpResponse:
    body = load_body(request, slug)
    obligation = get_object_or_404(Obligation, pk=obligation_id, body=body)
    policy.require(policy.can_manage_reporting(request.user, body))
    initial = {name: getattr(obligation, name) for name in services.obligations.EDITABLE_FIELDS}
    initial["units"] = list(obligation.units.values_list("pk", flat=True))
    form = ObligationForm(request.POST or None, body=body, obligation=obligation, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        units = data.pop("units")
        try:
            services.change_obligation(obligation, units=units, by=request.user, **data)
            messages.success(request, _("Obligation saved."))
            return redirect("reporting:matrix", slug=body.slug, obligation_id=obligation.pk)
        except LintasError as exc:
            obligation.refresh_from_db()
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
    return render(
        request,
        "reporting/obligation_form.html",
        {"body": body, "form": form, "obligation": obligation},
    )


@login_required
def exception_create(request: AuthedRequest, slug: str, obligation_id: int) -> HttpResponse:
    body = load_body(request, slug)
    obligation = get_object_or_404(Obligation, pk=obligation_id, body=body)
    policy.require(policy.can_manage_reporting(request.user, body))
    initial = {
        "unit": request.GET.get("unit"),
        "period_key": request.GET.get("period", ""),
        "open_until": timezone.localdate() + dt.timedelta(days=7),
    }
    form = ExceptionForm(request.POST or None, obligation=obligation, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.grant_exception(obligation=obligation, by=request.user, **form.cleaned_data)
            messages.success(request, _("The period is open again for this unit."))
            return redirect("reporting:matrix", slug=body.slug, obligation_id=obligation.pk)
        except LintasError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
    return render(
        request,
        "reporting/exception_form.html",
        {"body": body, "obligation": obligation, "form": form},
    )


@login_required
def template_detail(request: AuthedRequest, slug: str, template_id: int) -> HttpResponse:
    body = load_body(request, slug)
    template = get_object_or_404(ReportTemplate, pk=template_id, body=body)
    policy.require(policy.can_see_reporting_regime(request.user, body))
    versions = list(template.versions.order_by("-number"))
    version = selectors.version_with_fields(versions[0].pk) if versions else None
    return render(
        request,
        "reporting/template_detail.html",
        {
            "body": body,
            "template": template,
            "version": version,
            "versions": versions,
            "can_manage": policy.can_manage_reporting(request.user, body),
        },
    )
