"""Case pages. Each view: load through a selector (404 for strangers), check the action (403),
call a service, render. No view reads case data except through selectors.py."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lintas.cases import policy, referrals, selectors, services, statistics
from lintas.cases.forms import (
    BreakGlassForm,
    CaseForm,
    ConsentForm,
    DeclineForm,
    EventForm,
    LabelForm,
    PersonForm,
    ReasonForm,
    RedReaderForm,
    ReferralForm,
    ShareForm,
)
from lintas.cases.models import TLP, Case, ExploitationType
from lintas.core.errors import LintasError
from lintas.members.bodyctx import load_body
from lintas.members.http import AuthedRequest
from lintas.members.models import Body, Membership, Unit, User


def _form_error(form: Any, exc: LintasError) -> None:
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


def _detail(case: Case) -> HttpResponse:
    return redirect("cases:detail", slug=case.body.slug, case_id=case.pk)


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


# --- statistics -----------------------------------------------------------------------------
# Anonymised counts (cases/statistics.py): the body page counts TLP:CLEAR and TLP:GREEN cases for
# every member of the body; the public page counts TLP:CLEAR cases only and needs no sign-in.


def _statistics_response(
    request: HttpRequest, body: Body, *, audience: str, csv_url: str
) -> HttpResponse:
    tables = statistics.victim_statistics(body, audience=audience)
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="{body.slug}-{audience}-statistics.csv"'
        )
        writer = csv.writer(response)
        writer.writerow(["dimension", "year", "category", "count"])
        writer.writerows(statistics.export_rows(tables))
        return response
    return render(
        request,
        "cases/statistics.html",
        {
            "body": body,
            "public": audience == statistics.PUBLIC,
            "tables": statistics.display_tables(tables),
            "k": statistics.K,
            "csv_url": csv_url,
        },
    )


@login_required
def case_statistics(request: AuthedRequest, slug: str) -> HttpResponse:
    body = load_body(request, slug)
    url = reverse("cases:statistics", kwargs={"slug": body.slug}) + "?format=csv"
    return _statistics_response(request, body, audience=statistics.BODY, csv_url=url)


def public_statistics(request: HttpRequest, slug: str) -> HttpResponse:
    body = get_object_or_404(Body, slug=slug)
    url = reverse("cases:public-statistics", kwargs={"slug": body.slug}) + "?format=csv"
    return _statistics_response(request, body, audience=statistics.PUBLIC, csv_url=url)


# --- emergency access -----------------------------------------------------------------------
# A member of the body who follows a link to a case they may not read gets the same 404 status
# as anyone else, and the page offers emergency access when the policy lets them ask. Strangers,
# and anyone but the secretariat for a TLP:RED case, get the plain 404.


def _no_access(request: AuthedRequest, body: Any, case_id: int) -> HttpResponse:
    case = selectors.case_for_break_glass(request.user, body, case_id)
    return render(request, "cases/no_access.html", {"body": body, "case": case}, status=404)


@login_required
def case_break_glass(request: AuthedRequest, slug: str, case_id: int) -> HttpResponse:
    body = load_body(request, slug)
    case = selectors.case_for_break_glass(request.user, body, case_id)
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            referrals.break_glass(
                case,
                user=request.user,
                reason=form.cleaned_data["reason"],
                hours=form.cleaned_data["hours"],
            )
        except LintasError as exc:
            _form_error(form, exc)
        else:
            messages.warning(request, _("Emergency access granted. The owner unit was told."))
            return _detail(case)
    return render(request, "cases/break_glass.html", {"body": body, "case": case, "form": form})


@login_required
@require_POST
def emergency_end(request: AuthedRequest, slug: str, case_id: int, access_id: int) -> HttpResponse:
    body = load_body(request, slug)
    case = selectors.case_for(request.user, body, case_id)
    access = selectors.emergency_access_for(case, access_id)
    try:
        referrals.end_emergency_access(access, by=request.user)
    except LintasError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Emergency access ended."))
    if access.user_id == request.user.pk:
        return redirect("cases:list", slug=body.slug)
    return redirect("cases:access", slug=body.slug, case_id=case.pk)


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
