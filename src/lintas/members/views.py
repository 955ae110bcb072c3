"""Member pages. Each view: load and check access, call a service or selector, render."""

from __future__ import annotations

import base64
import datetime as dt
from urllib.parse import urlencode

import segno
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from lintas import policy
from lintas.audit import selectors as audit_selectors
from lintas.audit.redaction import redact
from lintas.core.errors import LintasError
from lintas.members import selectors, services
from lintas.members.bodyctx import load_body
from lintas.members.forms import (
    AcceptInvitationForm,
    ApiTokenForm,
    DeactivateForm,
    GrantRoleForm,
    InviteForm,
    ProfileForm,
    UnitForm,
)
from lintas.members.http import AuthedRequest, safe_next
from lintas.members.models import ApiToken, Invitation, Membership, Role, Unit, User


def _form_error(form, exc: LintasError) -> None:
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


@login_required
def body_overview(request: AuthedRequest, slug: str) -> HttpResponse:
    body = load_body(request, slug)
    my_roles = [
        m for b, ms in selectors.bodies_with_roles_for(request.user) if b.pk == body.pk for m in ms
    ]
    context = {
        "body": body,
        "my_roles": my_roles,
        "co_chairs": selectors.co_chairs_of(body),
        "counts": selectors.body_counts(body),
        "secretariat": selectors.active_memberships_for_body(body).filter(role=Role.SECRETARIAT),
        "can_manage": policy.can_manage_body(request.user, body),
    }
    return render(request, "members/body_overview.html", context)


@login_required
def unit_tree(request: AuthedRequest, slug: str) -> HttpResponse:
    body = load_body(request, slug)
    return render(
        request,
        "members/unit_tree.html",
        {
            "body": body,
            "nodes": selectors.unit_tree_for_body(body),
            "can_manage": policy.can_manage_body(request.user, body),
        },
    )


@login_required
def unit_detail(request: AuthedRequest, slug: str, unit_id: int) -> HttpResponse:
    body = load_body(request, slug)
    unit = get_object_or_404(Unit.objects.select_related("parent"), pk=unit_id, body=body)
    return render(
        request,
        "members/unit_detail.html",
        {
            "body": body,
            "unit": unit,
            "children": unit.children.order_by("name"),
            "memberships": selectors.unit_memberships(unit),
            "can_manage": policy.can_manage_body(request.user, body),
        },
    )


@login_required
def unit_edit(request: AuthedRequest, slug: str, unit_id: int | None = None) -> HttpResponse:
    body = load_body(request, slug)
    unit = get_object_or_404(Unit, pk=unit_id, body=body) if unit_id else None
    policy.require(policy.can_manage_body(request.user, body))
    form = UnitForm(request.POST or None, instance=unit, body=body)
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        try:
            if unit is None:
                unit = services.create_unit(body=body, by=request.user, **fields)
                messages.success(request, _("Unit added."))
            else:
                # The form has already written its values onto the instance; reload to diff.
                unit = Unit.objects.get(pk=unit.pk)
                services.update_unit(unit, by=request.user, **fields)
                messages.success(request, _("Unit saved."))
            return redirect("members:unit-detail", slug=body.slug, unit_id=unit.pk)
        except LintasError as exc:
            _form_error(form, exc)
    return render(request, "members/unit_form.html", {"body": body, "unit": unit, "form": form})


@login_required
def people(request: AuthedRequest, slug: str) -> HttpResponse:
    body = load_body(request, slug)
    role = request.GET.get("role", "")
    unit_id = request.GET.get("unit", "")
    text = request.GET.get("q", "").strip()
    rows = selectors.people_of_body(
        body,
        role=role if role in Role.values else "",
        unit_id=int(unit_id) if unit_id.isdigit() else None,
        text=text,
    )
    can_manage = policy.can_manage_body(request.user, body)
    return render(
        request,
        "members/people.html",
        {
            "body": body,
            "rows": rows,
            "roles": Role.choices,
            "units": selectors.units_for_body(body),
            "filters": {"role": role, "unit": unit_id, "q": text},
            "can_manage": can_manage,
            "invitations": selectors.open_invitations_for_body(body) if can_manage else [],
        },
    )


@login_required
def person_detail(request: AuthedRequest, slug: str, person_id: int) -> HttpResponse:
    body = load_body(request, slug)
    person = User.objects.filter(pk=person_id).first()
    if person is None or not policy.can_view_person(request.user, person, body):
        raise Http404
    can_manage = policy.can_manage_memberships(request.user, body)
    form = None
    if can_manage:
        form = GrantRoleForm(body=body, roles=policy.grantable_roles(request.user, body))
    return render(
        request,
        "members/person_detail.html",
        {
            "body": body,
            "person": person,
            "memberships": selectors.memberships_of_person(person, body),
            "can_manage": can_manage,
            "can_deactivate": policy.can_deactivate_person(request.user, person, body),
            "form": form,
            "deactivate_form": DeactivateForm(),
        },
    )


@login_required
@require_POST
def person_grant_role(request: AuthedRequest, slug: str, person_id: int) -> HttpResponse:
    body = load_body(request, slug)
    person = User.objects.filter(pk=person_id).first()
    if person is None or not policy.can_view_person(request.user, person, body):
        raise Http404
    policy.require(policy.can_manage_memberships(request.user, body))
    form = GrantRoleForm(request.POST, body=body, roles=policy.grantable_roles(request.user, body))
    if form.is_valid():
        try:
            services.grant_role(
                body=body,
                person=person,
                role=form.cleaned_data["role"],
                unit=form.cleaned_data["unit"],
                by=request.user,
            )
            messages.success(request, _("Role granted."))
        except LintasError as exc:
            messages.error(request, exc.message)
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(str(e) for e in errors))
    return redirect("members:person-detail", slug=body.slug, person_id=person.pk)


@login_required
@require_POST
def membership_end(request: AuthedRequest, slug: str, membership_id: int) -> HttpResponse:
    body = load_body(request, slug)
    membership = get_object_or_404(
        Membership.objects.select_related("user", "body"), pk=membership_id, body=body
    )
    policy.require(policy.can_manage_memberships(request.user, body))
    try:
        services.end_membership(membership, by=request.user)
        messages.success(request, _("Role ended."))
    except LintasError as exc:
        messages.error(request, exc.message)
    return redirect("members:person-detail", slug=body.slug, person_id=membership.user_id)


@login_required
@require_POST
def person_deactivate(request: AuthedRequest, slug: str, person_id: int) -> HttpResponse:
    body = load_body(request, slug)
    person = User.objects.filter(pk=person_id).first()
    if person is None or not policy.can_view_person(request.user, person, body):
        raise Http404
    policy.require(policy.can_deactivate_person(request.user, person, body))
    form = DeactivateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason for the deactivation."))
    else:
        services.deactivate_person(
            person,
            body=body,
            by=request.user,
            reason=form.cleaned_data["reason"],
        )
        messages.success(
            request, _("%(name)s was deactivated; their sessions have ended.") % {"name": person}
        )
    return redirect("members:person-detail", slug=body.slug, person_id=person.pk)


@login_required
def invite(request: AuthedRequest, slug: str) -> HttpResponse:
    body = load_body(request, slug)
    policy.require(policy.can_manage_memberships(request.user, body))
    form = InviteForm(
        request.POST or None, body=body, roles=policy.grantable_roles(request.user, body)
    )
    if request.method == "POST" and form.is_valid():
        try:
            result = services.invite_person(body=body, by=request.user, **form.cleaned_data)
            if isinstance(result, Invitation):
                messages.success(
                    request, _("Invitation sent to %(email)s.") % {"email": result.email}
                )
            else:
                messages.success(
                    request,
                    _("%(name)s already had an account and now holds the role.")
                    % {"name": result.user},
                )
            return redirect("members:people", slug=body.slug)
        except LintasError as exc:
            _form_error(form, exc)
    return render(request, "members/invite.html", {"body": body, "form": form})


@login_required
@require_POST
def invitation_revoke(request: AuthedRequest, slug: str, invitation_id: int) -> HttpResponse:
    body = load_body(request, slug)
    invitation = get_object_or_404(Invitation, pk=invitation_id, body=body)
    policy.require(policy.can_manage_memberships(request.user, body))
    try:
        services.revoke_invitation(invitation, by=request.user)
        messages.success(request, _("Invitation withdrawn."))
    except LintasError as exc:
        messages.error(request, exc.message)
    return redirect("members:people", slug=body.slug)


def invitation_accept(request: HttpRequest, key: str) -> HttpResponse:
    invitation = services.invitation_for_key(key)
    if invitation is None:
        return render(request, "members/invitation_invalid.html", status=404)
    form = AcceptInvitationForm(request.POST or None, initial={"full_name": invitation.full_name})
    if request.method == "POST" and form.is_valid():
        try:
            user = services.accept_invitation(
                invitation,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password"],
            )
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome to %(body)s.") % {"body": invitation.body})
            return redirect("members:body-overview", slug=invitation.body.slug)
        except LintasError as exc:
            _form_error(form, exc)
    return render(
        request, "members/invitation_accept.html", {"invitation": invitation, "form": form}
    )


@login_required
def account(request: AuthedRequest) -> HttpResponse:
    user: User = request.user
    form = ProfileForm(request.POST or None, instance=User.objects.get(pk=user.pk))
    if request.method == "POST" and form.is_valid():
        services.update_profile(user, by=user, **form.cleaned_data)
        messages.success(request, _("Profile saved."))
        return redirect("account")
    return render(
        request,
        "members/account.html",
        {
            "form": form,
            "token_form": ApiTokenForm(),
            "tokens": ApiToken.objects.filter(user=user),
            "new_key": request.session.pop("new_api_key", None),
            "bodies": selectors.bodies_with_roles_for(user),
        },
    )


@login_required
@require_POST
def api_token_create(request: AuthedRequest) -> HttpResponse:
    user: User = request.user
    form = ApiTokenForm(request.POST)
    if form.is_valid():
        try:
            _token, key = services.create_api_token(
                user,
                name=form.cleaned_data["name"],
                by=user,
                days=form.cleaned_data["days"],
                read_only=form.cleaned_data["read_only"],
            )
            request.session["new_api_key"] = key
        except LintasError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, _("Give the token a name."))
    return redirect("account")


@login_required
@require_POST
def api_token_revoke(request: AuthedRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    services.revoke_api_token(token, by=request.user)
    messages.success(request, _("Token revoked."))
    return redirect("account")


@login_required
def backup_codes(request: AuthedRequest) -> HttpResponse:
    """Single-use codes for two-step sign-in when the phone is not at hand: shown once, after
    they are made; making new ones replaces the old."""
    user: User = request.user
    if request.method == "POST":
        request.session["new_backup_codes"] = services.generate_backup_codes(by=user)
        return redirect("backup-codes")
    return render(
        request,
        "members/backup_codes.html",
        {
            "codes": request.session.pop("new_backup_codes", None),
            "left": services.backup_codes_left(user),
        },
    )


def _is_backup_code(token: str) -> bool:
    """An authenticator's code is six digits; anything else typed is tried as a backup code."""
    typed = "".join(token.split())
    return not (len(typed) == 6 and typed.isdigit())


ENROLMENT_SESSION_KEY = "two_factor_enrolment"


def _two_factor_email_step(request: AuthedRequest, next_url: str) -> HttpResponse:
    """Before a first authenticator: the code mailed to the person's own address. Opening the
    page sends one (unless one sent to them may still be typed); "send a new code" another."""
    user: User = request.user
    state = request.session.get(ENROLMENT_SESSION_KEY)
    error = ""
    if request.method == "POST" and "resend" not in request.POST:
        try:
            services.check_enrolment_code(state, code=request.POST.get("code", ""), by=user)
        except LintasError as exc:
            error = exc.message
        if state is not None:
            request.session[ENROLMENT_SESSION_KEY] = state  # the try, counted or confirmed
        if not error:
            return redirect(reverse("two-factor") + "?" + urlencode({"next": next_url}))
    elif request.method == "POST" or not services.enrolment_code_is_open(state, person=user):
        try:
            request.session[ENROLMENT_SESSION_KEY] = services.send_enrolment_code(
                by=user, previous=state
            )
        except LintasError as exc:
            error = exc.message
        else:
            if request.method == "POST":
                messages.success(request, _("A new code is on its way."))
    context = {"email": user.email, "error": error, "next": next_url}
    return render(request, "members/two_factor_email.html", context, status=400 if error else 200)


@login_required
def two_factor(request: AuthedRequest) -> HttpResponse:
    """Set up (first time) or confirm the one-time code of a TOTP authenticator app."""
    user: User = request.user
    next_url = safe_next(request, reverse("home"))
    if user.is_verified():  # type: ignore[attr-defined]
        return redirect(next_url)
    device = TOTPDevice.objects.devices_for_user(user, confirmed=True).first()
    setting_up = device is None
    if setting_up and not services.enrolment_confirmed(
        request.session.get(ENROLMENT_SESSION_KEY), person=user
    ):
        return _two_factor_email_step(request, next_url)
    if device is None:
        device = services.start_two_factor(by=user)
    error = ""
    if request.method == "POST":
        token = request.POST.get("token", "")
        try:
            if not setting_up and _is_backup_code(token):
                used = services.use_backup_code(code=token, by=user)
            else:
                services.confirm_two_factor(
                    device, token=token, by=user, email_confirmed=setting_up
                )
                used = device
        except LintasError as exc:
            error = exc.message
        else:
            request.session.pop(ENROLMENT_SESSION_KEY, None)
            otp_login(request, used)
            return redirect(next_url)
    context = {"setting_up": setting_up, "error": error, "next": next_url}
    if setting_up:
        secret = base64.b32encode(device.bin_key).decode()
        context["secret"] = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
        context["qr_svg"] = segno.make(device.config_url, error="m").svg_inline(scale=4)
    return render(request, "members/two_factor.html", context, status=400 if error else 200)


# --- the body's audit log (the log itself is the audit app's) -----------------------------


def _audit_day(raw: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        return None


@login_required
def audit_log(request: AuthedRequest, slug: str) -> HttpResponse:
    body = load_body(request, slug)
    policy.require(policy.can_view_audit(request.user, body))
    action = request.GET.get("action", "")
    actor = request.GET.get("actor", "")
    since = _audit_day(request.GET.get("since", ""))
    until = _audit_day(request.GET.get("until", ""))
    tz = body.tzinfo
    entries = audit_selectors.audit_entries_for_body(
        body.pk,
        action=action,
        actor_id=int(actor) if actor.isdigit() else None,
        since=dt.datetime.combine(since, dt.time.min, tzinfo=tz) if since else None,
        until=(dt.datetime.combine(until, dt.time.min, tzinfo=tz) + dt.timedelta(days=1))
        if until
        else None,
        text=request.GET.get("q", "").strip(),
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    page.object_list = redact(page.object_list, reader=request.user, body=body)
    people = {m.user for m in selectors.active_memberships_for_body(body)}
    return render(
        request,
        "audit/audit_log.html",
        {
            "body": body,
            "page": page,
            "actions": audit_selectors.audit_actions_for_body(body.pk),
            "people": sorted(people, key=lambda p: p.full_name),
            "filters": request.GET,
            "now": timezone.now(),
        },
    )
