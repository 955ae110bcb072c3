"""Writes for members: every change is atomic, audited and raises LintasError when refused."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lintas import policy
from lintas.audit.services import log_action
from lintas.core.errors import LintasError
from lintas.members.models import (
    UNIT_ROLES,
    ApiToken,
    Body,
    Invitation,
    Membership,
    Role,
    Unit,
    User,
)

INVITATION_DAYS = 14


def _validated(obj: Any) -> None:
    try:
        obj.full_clean()
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise LintasError(" ".join(messages), field=None if field == "__all__" else field) from None


# --- bodies and units -------------------------------------------------------------------------


@transaction.atomic
def create_body(*, by: policy.Actor, **fields: Any) -> Body:
    """A new body: made by the system (the demo, tests) or an instance administrator."""
    if by is not policy.SYSTEM:
        policy.require(policy.is_instance_admin(by))
    body = Body(**fields)
    _validated(body)
    body.save()
    log_action("members.body.created", actor=by, body=body, target=body, data=fields)
    return body


@transaction.atomic
def create_unit(*, body: Body, by: policy.Actor, **fields: Any) -> Unit:
    if by is not policy.SYSTEM:
        policy.require(policy.can_manage_body(by, body))
    unit = Unit(body=body, **fields)
    _validated(unit)
    unit.save()
    log_action(
        "members.unit.created",
        actor=by,
        body=body,
        target=unit,
        data={k: str(v) for k, v in fields.items()},
    )
    return unit


@transaction.atomic
def update_unit(unit: Unit, *, by: User, **fields: Any) -> Unit:
    policy.require(policy.can_manage_body(by, unit.body))
    changes = {}
    for name, value in fields.items():
        old = getattr(unit, name)
        if old != value:
            changes[name] = [str(old), str(value)]
            setattr(unit, name, value)
    if not changes:
        return unit
    _validated(unit)
    unit.save()
    log_action("members.unit.updated", actor=by, body=unit.body, target=unit, data=changes)
    return unit


# --- roles ----------------------------------------------------------------------------------


def _check_role_for(body: Body, role: str, unit: Unit | None) -> None:
    if role not in Role.values:
        raise LintasError(_("Unknown role: %(role)s") % {"role": role}, field="role")
    if role in UNIT_ROLES and unit is None:
        raise LintasError(_("This role is held for a unit: choose one."), field="unit")
    if unit is not None and unit.body_id != body.pk:
        raise LintasError(_("The unit belongs to another body."), field="unit")


@transaction.atomic
def grant_role(
    *,
    body: Body,
    person: User,
    role: str,
    unit: Unit | None = None,
    by: policy.Actor,
    starts_on: dt.date | None = None,
) -> Membership:
    _check_role_for(body, role, unit)
    if by is not policy.SYSTEM:
        policy.require(role in policy.grantable_roles(by, body))
    if role in {Role.ANALYST, Role.ADMINISTRATOR} and unit is not None:
        # analysts and administrators act for the whole body; a leader held for a unit is that
        # unit's head (escalations reach them), and still reads the whole body like any leader
        unit = None
    existing = Membership.objects.filter(
        user=person, body=body, unit=unit, role=role, ends_on__isnull=True
    ).first()
    if existing is not None:
        raise LintasError(
            _("%(person)s already holds this role.") % {"person": person}, field="role"
        )
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                user=person, body=body, unit=unit, role=role, starts_on=starts_on
            )
    except IntegrityError:
        raise LintasError(_("%(person)s already holds this role.") % {"person": person}) from None
    log_action(
        "members.membership.granted",
        actor=by,
        body=body,
        target=membership,
        data={"person": person.email, "role": role, "unit": str(unit) if unit else None},
    )
    return membership


@transaction.atomic
def end_membership(membership: Membership, *, by: User, on: dt.date | None = None) -> Membership:
    body = membership.body
    policy.require(policy.can_manage_memberships(by, body))
    if membership.role == Role.ADMINISTRATOR:
        policy.require(Role.ADMINISTRATOR in policy.grantable_roles(by, body))
    if membership.ends_on is not None:
        raise LintasError(_("This role has already ended."))
    if membership.user_id == by.pk and membership.role in policy.MANAGER_ROLES:
        others = (
            Membership.objects.active()
            .filter(body=body, role__in=policy.MANAGER_ROLES)
            .exclude(user=by)
            .exists()
        )
        if not others:
            raise LintasError(_("You are the last secretariat member: name another one first."))
    day = on or timezone.localdate()
    if membership.starts_on and day < membership.starts_on:
        day = membership.starts_on
    membership.ends_on = day
    membership.save(update_fields=["ends_on", "updated_at"])
    log_action(
        "members.membership.ended",
        actor=by,
        body=body,
        target=membership,
        data={"person": membership.user.email, "role": membership.role, "ends_on": str(day)},
    )
    return membership


# --- invitations ----------------------------------------------------------------------------


def _send_invitation(invitation_id: int, key: str) -> None:
    invitation = Invitation.objects.select_related("body", "unit", "invited_by").get(
        pk=invitation_id
    )
    link = settings.SITE_URL.rstrip("/") + reverse("members:invitation-accept", args=[key])
    with translation.override(invitation.language):
        subject = _("You are invited to %(body)s on Lintas") % {"body": invitation.body.name}
        text = render_to_string(
            "members/email/invitation.txt", {"invitation": invitation, "link": link}
        )
    send_mail(subject, text, None, [invitation.email])


def _send_role_notice(membership_id: int) -> None:
    membership = Membership.objects.select_related("user", "body", "unit").get(pk=membership_id)
    with translation.override(membership.user.language):
        subject = _("New role in %(body)s") % {"body": membership.body.name}
        text = render_to_string(
            "members/email/role_granted.txt",
            {"membership": membership, "link": settings.SITE_URL},
        )
    send_mail(subject, text, None, [membership.user.email])


@transaction.atomic
def invite_person(
    *,
    body: Body,
    email: str,
    full_name: str,
    role: str,
    unit: Unit | None,
    language: str,
    by: User,
) -> Invitation | Membership:
    """Invite someone by e-mail. A person who already has an account gets the role at once."""
    policy.require(policy.can_manage_memberships(by, body))
    _check_role_for(body, role, unit)
    policy.require(role in policy.grantable_roles(by, body))
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise LintasError(
            _("“%(email)s” is not an e-mail address.") % {"email": email}, field="email"
        ) from None
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        if not existing.is_active:
            raise LintasError(
                _("%(email)s belongs to a deactivated account.") % {"email": email},
                field="email",
            )
        membership = grant_role(body=body, person=existing, role=role, unit=unit, by=by)
        transaction.on_commit(lambda: _send_role_notice(membership.pk))
        return membership
    open_invitation = Invitation.objects.filter(
        body=body,
        email__iexact=email,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).exists()
    if open_invitation:
        raise LintasError(
            _("%(email)s already has an open invitation.") % {"email": email}, field="email"
        )
    key, digest = Invitation.new_key()
    invitation = Invitation(
        body=body,
        unit=unit,
        email=email,
        full_name=full_name.strip(),
        role=role,
        language=language,
        key_digest=digest,
        invited_by=by,
        expires_at=timezone.now() + dt.timedelta(days=INVITATION_DAYS),
    )
    _validated(invitation)
    invitation.save()
    log_action(
        "members.invitation.sent",
        actor=by,
        body=body,
        target=invitation,
        data={"email": email, "role": role, "unit": str(unit) if unit else None},
    )
    transaction.on_commit(lambda: _send_invitation(invitation.pk, key))
    return invitation


def invitation_for_key(key: str) -> Invitation | None:
    invitation = (
        Invitation.objects.select_related("body", "unit")
        .filter(key_digest=Invitation.digest(key))
        .first()
    )
    if invitation is None or not invitation.is_open:
        return None
    return invitation


@transaction.atomic
def accept_invitation(invitation: Invitation, *, full_name: str, password: str) -> User:
    invitation = Invitation.objects.select_for_update().order_by().get(pk=invitation.pk)
    if not invitation.is_open:
        raise LintasError(_("This invitation is no longer valid."))
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise LintasError(_("An account with this e-mail address already exists: sign in."))
    user = User(email=invitation.email, full_name=full_name.strip(), language=invitation.language)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise LintasError(" ".join(exc.messages), field="password") from None
    if not user.full_name:
        raise LintasError(_("Please give your full name."), field="full_name")
    user.set_password(password)
    user.save()
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at", "updated_at"])
    membership = grant_role(
        body=invitation.body,
        person=user,
        role=invitation.role,
        unit=invitation.unit,
        by=policy.SYSTEM,
    )
    log_action(
        "members.invitation.accepted",
        actor=user,
        body=invitation.body,
        target=membership,
        data={"email": user.email},
    )
    return user


@transaction.atomic
def revoke_invitation(invitation: Invitation, *, by: User) -> None:
    policy.require(policy.can_manage_body(by, invitation.body))
    if not invitation.is_open:
        raise LintasError(_("This invitation is no longer open."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at", "updated_at"])
    log_action("members.invitation.revoked", actor=by, body=invitation.body, target=invitation)


# --- people ---------------------------------------------------------------------------------


@transaction.atomic
def deactivate_person(person: User, *, body: Body, by: User, reason: str = "") -> User:
    """End the person's roles in this body, end every session and revoke every API token.

    The account itself is closed when no role in another body remains.
    """
    policy.require(policy.can_deactivate_person(by, person, body))
    today = timezone.localdate()
    ended = 0
    for membership in (
        Membership.objects.select_for_update()
        .filter(user=person, body=body, ends_on__isnull=True)
        .order_by("pk")
    ):
        membership.ends_on = max(today, membership.starts_on or today)
        membership.save(update_fields=["ends_on", "updated_at"])
        ended += 1
    still_elsewhere = Membership.objects.active().filter(user=person).exclude(body=body).exists()
    if not still_elsewhere:
        person.is_active = False
    User.objects.filter(pk=person.pk).update(
        session_epoch=F("session_epoch") + 1, is_active=person.is_active
    )
    person.refresh_from_db()
    ApiToken.objects.filter(user=person, revoked_at__isnull=True).update(revoked_at=timezone.now())
    log_action(
        "members.person.deactivated",
        actor=by,
        body=body,
        target=person,
        reason=reason,
        data={"roles_ended": ended, "account_closed": not person.is_active},
    )
    return person


@transaction.atomic
def update_profile(person: User, *, by: User, **fields: Any) -> User:
    if by.pk != person.pk:
        raise LintasError(_("You can only change your own profile."))
    allowed = {"full_name", "language", "phone", "position"}
    changes = {}
    for name, value in fields.items():
        if name not in allowed:
            raise LintasError(_("Unknown field: %(name)s") % {"name": name})
        if getattr(person, name) != value:
            changes[name] = value
            setattr(person, name, value)
    if changes:
        _validated(person)
        person.save(update_fields=list(changes))
        log_action("members.person.updated", actor=by, target=person, data=changes)
    return person


# --- API tokens -----------------------------------------------------------------------------


@transaction.atomic
def create_api_token(person: User, *, name: str, by: User) -> tuple[ApiToken, str]:
    if by.pk != person.pk:
        raise LintasError(_("You can only create tokens for yourself."))
    name = name.strip()
    if not name:
        raise LintasError(
            _("Give the token a name, such as the script that will use it."), field="name"
        )
    key, lookup, digest = ApiToken.new_key()
    token = ApiToken.objects.create(user=person, name=name, lookup=lookup, key_digest=digest)
    log_action("members.api_token.created", actor=by, target=token, data={"name": name})
    return token, key


@transaction.atomic
def revoke_api_token(token: ApiToken, *, by: User) -> None:
    if token.user_id != by.pk:
        raise LintasError(_("You can only revoke your own tokens."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        log_action("members.api_token.revoked", actor=by, target=token)


def user_for_api_key(key: str) -> User | None:
    import hmac

    parts = ApiToken.split_key(key)
    if parts is None:
        return None
    lookup, digest = parts
    token = ApiToken.objects.select_related("user").filter(lookup=lookup).first()
    if token is None or token.revoked_at is not None or not token.user.is_active:
        return None
    if not hmac.compare_digest(token.key_digest, digest):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
