"""Inviting people by e-mail, and what an invitation becomes."""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lintas import policy
from lintas.audit.services import log_action
from lintas.core.errors import LintasError
from lintas.members import emails, tasks
from lintas.members.models import Body, Invitation, Membership, Unit, User
from lintas.members.services.bodies import check_role_for, grant_role
from lintas.members.services.common import validated

INVITATION_DAYS = 14


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
    check_role_for(body, role, unit)
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
        transaction.on_commit(partial(tasks.send_role_notice.enqueue, membership.pk))
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
    validated(invitation)
    invitation.save()
    log_action(
        "members.invitation.sent",
        actor=by,
        body=body,
        target=invitation,
        data={"email": email, "role": role, "unit": str(unit) if unit else None},
    )
    # the e-mail leaves from the worker (members.tasks), never inside this request
    transaction.on_commit(
        partial(tasks.send_invitation.enqueue, invitation.pk, emails.seal_key(key))
    )
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
