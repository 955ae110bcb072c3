"""People's accounts: deactivation, profile and language, the second factor, API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from lintas import policy
from lintas.audit.services import log_action
from lintas.core.errors import LintasError
from lintas.members import emails, tasks
from lintas.members.models import ApiToken, Body, Membership, User
from lintas.members.services.common import validated

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
        validated(person)
        person.save(update_fields=list(changes))
        log_action("members.person.updated", actor=by, target=person, data=changes)
    return person


@transaction.atomic
def set_language(*, language: str, by: User) -> None:
    """The language a person reads Lintas in, chosen with the switch every page shows; audited
    as the profile page audits the same change. The row is updated alone, so a profile form
    opened before still saves."""
    if by.language == language:
        return
    try:
        User._meta.get_field("language").clean(language, by)
    except ValidationError as exc:
        raise LintasError(" ".join(exc.messages), field="language") from None
    User.objects.filter(pk=by.pk).update(language=language)
    by.language = language
    log_action("members.person.updated", actor=by, target=by, data={"language": language})


# --- second factor --------------------------------------------------------------------------


@transaction.atomic
def start_two_factor(*, by: User) -> TOTPDevice:
    """The authenticator a person is setting up: the one not confirmed yet, or a new one. Its
    secret is shown until a code from it confirms it (``confirm_two_factor``)."""
    device = TOTPDevice.objects.filter(user=by, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=by, name="authenticator", confirmed=False)
    return device


def confirm_two_factor(
    device: TOTPDevice, *, token: str, by: User, email_confirmed: bool = False
) -> None:
    """Check a one-time code of the person's own authenticator; the first right code of a new
    one confirms it (``members.two_factor.enabled``), and only once the person has typed the
    code mailed to their address (``email_confirmed``, see ``check_enrolment_code``): a stolen
    password alone enrols no authenticator. Not one transaction: django-otp counts wrong codes
    on the device, and the refusal must not undo the count."""
    policy.require(device.user_id == by.pk)
    if not device.confirmed and not email_confirmed:
        raise LintasError(
            _("First type the code sent to your e-mail address, then set up the app."),
            field="token",
        )
    allowed, _why = device.verify_is_allowed()
    if not allowed:
        raise LintasError(_("Too many wrong codes: wait a few seconds, then try again."))
    if not device.verify_token(token.replace(" ", "")):
        raise LintasError(
            _("That code is not right. Check the time on your phone and try again."),
            field="token",
        )
    if not device.confirmed:
        with transaction.atomic():
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            log_action("members.two_factor.enabled", actor=by, target=by)


# A first authenticator is set up only after the person typed a code mailed to their address.
# The code lives in the session that asked for it (``EnrolmentCode``), as a keyed digest.
ENROLMENT_CODE_MINUTES = 30
ENROLMENT_CODE_TRIES = 5
ENROLMENT_RESEND_SECONDS = 60

EnrolmentCode = dict[str, Any]


def _enrolment_digest(person: User, code: str) -> str:
    message = f"{person.pk}:{person.email.lower()}:{code}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def send_enrolment_code(*, by: User, previous: EnrolmentCode | None = None) -> EnrolmentCode:
    """Mail a code to the person's own address, to be typed before their first authenticator
    is set up, and return what the session keeps of it (no code, a digest). A new code within
    ``ENROLMENT_RESEND_SECONDS`` of the last one is refused."""
    now = timezone.now().timestamp()
    if (
        previous
        and previous.get("user") == by.pk
        and now - previous.get("sent", 0) < ENROLMENT_RESEND_SECONDS
    ):
        raise LintasError(_("A code was sent less than a minute ago: wait, then ask again."))
    code = f"{secrets.randbelow(10**8):08d}"
    # the e-mail leaves from the worker (members.tasks), the code sealed while it waits there
    tasks.send_enrolment_code.enqueue(by.pk, emails.seal_key(code), ENROLMENT_CODE_MINUTES)
    log_action("members.two_factor.code_sent", actor=by, target=by)
    return {
        "user": by.pk,
        "digest": _enrolment_digest(by, code),
        "sent": now,
        "expires": now + ENROLMENT_CODE_MINUTES * 60,
        "tries": 0,
        "confirmed": False,
    }


def enrolment_code_is_open(state: EnrolmentCode | None, *, person: User) -> bool:
    """Whether ``state`` is a code sent to ``person`` that may still be typed."""
    return bool(
        state
        and state.get("user") == person.pk
        and state.get("expires", 0) > timezone.now().timestamp()
        and state.get("tries", 0) < ENROLMENT_CODE_TRIES
    )


def enrolment_confirmed(state: EnrolmentCode | None, *, person: User) -> bool:
    """Whether ``person`` typed the mailed code in this session (``check_enrolment_code``)."""
    return bool(state and state.get("user") == person.pk and state.get("confirmed"))


def check_enrolment_code(state: EnrolmentCode | None, *, code: str, by: User) -> None:
    """Check the code a person typed against the one mailed to them; a right one marks
    ``state`` confirmed, a wrong one counts in ``state`` (after ``ENROLMENT_CODE_TRIES`` wrong
    codes, or ``ENROLMENT_CODE_MINUTES`` after sending, a new code is needed)."""
    if state is None or not enrolment_code_is_open(state, person=by):
        raise LintasError(_("This code can no longer be used: ask for a new one."), field="code")
    typed = "".join(code.split())
    if not hmac.compare_digest(_enrolment_digest(by, typed), state["digest"]):
        state["tries"] = state.get("tries", 0) + 1
        raise LintasError(
            _("That code is not the one we sent. Check the e-mail and try again."),
            field="code",
        )
    state["confirmed"] = True
    log_action("members.two_factor.email_confirmed", actor=by, target=by)


# --- API tokens -----------------------------------------------------------------------------


@transaction.atomic
def create_api_token(
    person: User, *, name: str, by: User, days: int | None = None, read_only: bool = False
) -> tuple[ApiToken, str]:
    """A token for ``person``'s scripts: valid for ``days`` (or until revoked), and limited to
    reading when ``read_only``. The key is returned once; only its digest is kept."""
    if by.pk != person.pk:
        raise LintasError(_("You can only create tokens for yourself."))
    name = name.strip()
    if not name:
        raise LintasError(
            _("Give the token a name, such as the script that will use it."), field="name"
        )
    if days is not None and not 1 <= days <= 3660:
        raise LintasError(_("A token lasts between 1 day and 10 years."), field="days")
    key, lookup, digest = ApiToken.new_key()
    token = ApiToken.objects.create(
        user=person,
        name=name,
        lookup=lookup,
        key_digest=digest,
        expires_at=timezone.now() + dt.timedelta(days=days) if days else None,
        read_only=read_only,
    )
    log_action(
        "members.api_token.created",
        actor=by,
        target=token,
        data={"name": name, "days": days, "read_only": read_only},
    )
    return token, key


@transaction.atomic
def revoke_api_token(token: ApiToken, *, by: User) -> None:
    if token.user_id != by.pk:
        raise LintasError(_("You can only revoke your own tokens."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        log_action("members.api_token.revoked", actor=by, target=token)


def token_for_api_key(key: str) -> ApiToken | None:
    """The token of a key, if it is valid: not revoked, not expired, its person active."""
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
    if token.expires_at is not None and token.expires_at <= now:
        return None
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
