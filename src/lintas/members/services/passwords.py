"""Passwords and the way back in: a reset link by e-mail, a password change, and backup codes
for two-step sign-in.

A reset link is asked for with an address only; the answer is the same whether or not an
account has it, and ``RESET_PER_ADDRESS`` requests per address and ``RESET_PER_NETWORK`` per
client address within ``RESET_WINDOW`` are let through (``PasswordResetRequest``), counted
whether or not the account exists. The link is Django's (``default_token_generator``): it
holds the account's password hash, so it works once, and lasts ``PASSWORD_RESET_TIMEOUT``."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from lintas.audit.services import log_action
from lintas.core.errors import LintasError
from lintas.members import emails, tasks
from lintas.members.models import PasswordResetRequest, User

RESET_WINDOW = dt.timedelta(hours=1)
RESET_PER_ADDRESS = 3
RESET_PER_NETWORK = 10

BACKUP_CODE_COUNT = 10
BACKUP_DEVICE_NAME = "backup"


def _address_digest(email: str) -> str:
    message = b"lintas.members.password-reset:" + email.strip().lower().encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def reset_allowed(*, email: str, ip: str | None) -> bool:
    """Whether one more reset link may be asked for this address from this client address."""
    since = timezone.now() - RESET_WINDOW
    recent = PasswordResetRequest.objects.filter(requested_at__gte=since)
    if recent.filter(address_digest=_address_digest(email)).count() >= RESET_PER_ADDRESS:
        return False
    return not (ip and recent.filter(ip_address=ip).count() >= RESET_PER_NETWORK)


@transaction.atomic
def request_password_reset(*, email: str, ip: str | None = None) -> None:
    """Mail a reset link to the active account with this address, if there is one; the
    caller answers the same either way. Refused (the same refusal for every address) beyond
    the limits of ``reset_allowed``."""
    if not reset_allowed(email=email, ip=ip):
        raise LintasError(
            _(
                "Too many reset links were asked for this address or from your network. "
                "Wait an hour, then try again."
            )
        )
    PasswordResetRequest.objects.filter(requested_at__lt=timezone.now() - RESET_WINDOW).delete()
    PasswordResetRequest.objects.create(address_digest=_address_digest(email), ip_address=ip)
    person = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if person is None or not person.has_usable_password():
        return
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    token = default_token_generator.make_token(person)
    # the e-mail leaves from the worker (members.tasks), the token sealed while it waits there
    transaction.on_commit(
        lambda: tasks.send_password_reset.enqueue(person.pk, uid, emails.seal_key(token))
    )
    log_action("members.password.reset_requested", actor=person, target=person)


def _set_password(person: User, password: str) -> None:
    person.set_password(password)
    person.save(update_fields=["password"])
    # a new password and a new epoch: every session of this person ends (get_session_auth_hash)
    User.objects.filter(pk=person.pk).update(session_epoch=F("session_epoch") + 1)
    person.refresh_from_db(fields=["session_epoch"])


@transaction.atomic
def reset_password(person: User, *, password: str) -> None:
    """Set the password chosen through a reset link (the link is checked by the view, with
    Django's token generator); every session of the person ends."""
    _set_password(person, password)
    axes_reset(username=person.email)  # the lock of wrong passwords, if any, is lifted
    log_action("members.password.reset", actor=person, target=person)


@transaction.atomic
def change_password(*, by: User, old_password: str, new_password: str) -> None:
    """A person's own new password, given the current one. Every other session of theirs
    ends; the caller keeps the current one (``update_session_auth_hash``)."""
    if not by.check_password(old_password):
        raise LintasError(_("Your current password was typed wrong."), field="old_password")
    _set_password(by, new_password)
    log_action("members.password.changed", actor=by, target=by)


# --- backup codes ---------------------------------------------------------------------------


def backup_codes_left(person: User) -> int:
    return StaticToken.objects.filter(
        device__user=person, device__name=BACKUP_DEVICE_NAME, device__confirmed=True
    ).count()


@transaction.atomic
def generate_backup_codes(*, by: User) -> list[str]:
    """Ten new single-use codes for two-step sign-in, replacing any the person had. The codes
    are returned once, to be shown once."""
    device, _created = StaticDevice.objects.get_or_create(
        user=by, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _i in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    log_action("members.backup_codes.generated", actor=by, target=by)
    return codes


def use_backup_code(*, code: str, by: User) -> StaticDevice:
    """Spend one of the person's backup codes at the second-factor prompt; the device it opens
    is returned (for ``django_otp.login``). The person is told by e-mail. Not one transaction:
    django-otp counts wrong codes on the device, and a refusal must not undo the count."""
    typed = "".join(code.split()).lower()
    device = StaticDevice.objects.filter(user=by, name=BACKUP_DEVICE_NAME, confirmed=True).first()
    if device is None:
        raise LintasError(_("That code is not right."), field="token")
    allowed, _why = device.verify_is_allowed()
    if not allowed:
        raise LintasError(_("Too many wrong codes: wait a few seconds, then try again."))
    if not device.verify_token(typed):
        raise LintasError(_("That code is not right."), field="token")
    left = backup_codes_left(by)
    with transaction.atomic():
        log_action("members.backup_codes.used", actor=by, target=by, data={"left": left})
        transaction.on_commit(lambda: tasks.send_backup_code_notice.enqueue(by.pk, left))
    return device
