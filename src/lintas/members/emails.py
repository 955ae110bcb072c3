"""The e-mails of members (an invitation, a new role, the code that opens two-step sign-in, a
password-reset link, a backup code used), sent by ``lintas worker`` through ``members.tasks``,
never inside a web request.

An invitation's key, like a reset link's token, is held only by its link; while the e-mail waits
in the task queue it is kept encrypted (Fernet, with a key derived from ``SECRET_KEY``), so the
database alone does not hold a working link."""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from lintas.members.models import Invitation, Membership, User


def _fernet() -> Fernet:
    digest = hashlib.sha256(b"lintas.members.invitation-key:" + settings.SECRET_KEY.encode())
    return Fernet(base64.urlsafe_b64encode(digest.digest()))


def seal_key(key: str) -> str:
    """The invitation key as it waits in the task queue."""
    return _fernet().encrypt(key.encode()).decode()


def open_key(sealed: str) -> str:
    return _fernet().decrypt(sealed.encode()).decode()


def send_invitation(invitation_id: int, key: str) -> bool:
    """E-mail an invitation still open; False when it was accepted or revoked meanwhile."""
    invitation = (
        Invitation.objects.select_related("body", "unit", "invited_by")
        .filter(pk=invitation_id, accepted_at__isnull=True, revoked_at__isnull=True)
        .first()
    )
    if invitation is None:
        return False
    link = settings.SITE_URL.rstrip("/") + reverse("members:invitation-accept", args=[key])
    with translation.override(invitation.language):
        subject = _("You are invited to %(body)s on Lintas") % {"body": invitation.body.name}
        text = render_to_string(
            "members/email/invitation.txt", {"invitation": invitation, "link": link}
        )
    send_mail(subject, text, None, [invitation.email])
    return True


def send_role_notice(membership_id: int) -> bool:
    """E-mail a person the role they were given; False when the role is gone meanwhile."""
    membership = (
        Membership.objects.select_related("user", "body", "unit").filter(pk=membership_id).first()
    )
    if membership is None:
        return False
    with translation.override(membership.user.language):
        subject = _("New role in %(body)s") % {"body": membership.body.name}
        text = render_to_string(
            "members/email/role_granted.txt",
            {"membership": membership, "link": settings.SITE_URL},
        )
    send_mail(subject, text, None, [membership.user.email])
    return True


def send_enrolment_code(user_id: int, code: str, minutes: int) -> bool:
    """E-mail a person the code that lets them set up two-step sign-in; False when the account
    is gone or switched off meanwhile."""
    person = User.objects.filter(pk=user_id, is_active=True).first()
    if person is None:
        return False
    with translation.override(person.language or None):
        subject = _("Your code to set up two-step sign-in")
        text = render_to_string(
            "members/email/two_factor_code.txt",
            {
                "person": person,
                "code": f"{code[:4]} {code[4:]}",
                "minutes": minutes,
                "link": settings.SITE_URL.rstrip("/") + reverse("account"),
            },
        )
    send_mail(subject, text, None, [person.email])
    return True


def send_password_reset(user_id: int, uid: str, token: str) -> bool:
    """E-mail a password-reset link; False when the account is gone or switched off
    meanwhile (a link whose password changed meanwhile is refused when opened)."""
    person = User.objects.filter(pk=user_id, is_active=True).first()
    if person is None:
        return False
    link = settings.SITE_URL.rstrip("/") + reverse(
        "password-reset-confirm", kwargs={"uidb64": uid, "token": token}
    )
    with translation.override(person.language or None):
        subject = _("Choose a new password for Lintas")
        text = render_to_string(
            "members/email/password_reset.txt",
            {
                "person": person,
                "link": link,
                "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
            },
        )
    send_mail(subject, text, None, [person.email])
    return True


def send_backup_code_notice(user_id: int, left: int) -> bool:
    """Tell a person one of their backup codes was used to sign in; False when the account
    is gone or switched off meanwhile."""
    person = User.objects.filter(pk=user_id, is_active=True).first()
    if person is None:
        return False
    with translation.override(person.language or None):
        subject = _("A backup code was used to sign in to Lintas")
        text = render_to_string(
            "members/email/backup_code_used.txt",
            {
                "person": person,
                "left": left,
                "link": settings.SITE_URL.rstrip("/") + reverse("backup-codes"),
            },
        )
    send_mail(subject, text, None, [person.email])
    return True
