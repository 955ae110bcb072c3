"""Background tasks of members, run by ``lintas worker``: the e-mails of ``members.emails``.

A mail server that refuses, drops the connection or does not answer within ``EMAIL_TIMEOUT``
seconds is logged with its traceback; the e-mail is queued again 5 minutes later, then 15, 45,
135 and 405 minutes (as notices are, see ``notices.delivery``). After the sixth attempt the task
fails, and the admin site's task results show it with its error."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.utils import timezone
from django_tasks import task

from lintas.members import emails

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
FIRST_RETRY = dt.timedelta(minutes=5)


def retry_delay(attempt: int) -> dt.timedelta:
    """How long an e-mail waits after its ``attempt``-th failed attempt."""
    return FIRST_RETRY * 3 ** (attempt - 1)


@task()
def send_invitation(invitation_id: int, sealed_key: str, attempt: int = 1) -> str:
    """E-mail an invitation (its key sealed by ``emails.seal_key``)."""
    try:
        sent = emails.send_invitation(invitation_id, emails.open_key(sealed_key))
    except Exception:
        if not _again(
            send_invitation, attempt, f"invitation {invitation_id}", invitation_id, sealed_key
        ):
            raise  # the last attempt: the task fails, with its error in the admin site
        return "retry"
    return "sent" if sent else "gone"


@task()
def send_enrolment_code(user_id: int, sealed_code: str, minutes: int, attempt: int = 1) -> str:
    """E-mail the code that opens two-step sign-in (sealed as an invitation key is)."""
    try:
        sent = emails.send_enrolment_code(user_id, emails.open_key(sealed_code), minutes)
    except Exception:
        if not _again(
            send_enrolment_code, attempt, f"sign-in code {user_id}", user_id, sealed_code, minutes
        ):
            raise
        return "retry"
    return "sent" if sent else "gone"


@task()
def send_password_reset(user_id: int, uid: str, sealed_token: str, attempt: int = 1) -> str:
    """E-mail a password-reset link (its token sealed as an invitation key is)."""
    try:
        sent = emails.send_password_reset(user_id, uid, emails.open_key(sealed_token))
    except Exception:
        if not _again(
            send_password_reset, attempt, f"reset link {user_id}", user_id, uid, sealed_token
        ):
            raise
        return "retry"
    return "sent" if sent else "gone"


@task()
def send_backup_code_notice(user_id: int, left: int, attempt: int = 1) -> str:
    """Tell a person by e-mail that one of their backup codes was used."""
    try:
        sent = emails.send_backup_code_notice(user_id, left)
    except Exception:
        if not _again(send_backup_code_notice, attempt, f"backup code {user_id}", user_id, left):
            raise
        return "retry"
    return "sent" if sent else "gone"


@task()
def send_role_notice(membership_id: int, attempt: int = 1) -> str:
    """E-mail a person a role they were given."""
    try:
        sent = emails.send_role_notice(membership_id)
    except Exception:
        if not _again(send_role_notice, attempt, f"role notice {membership_id}", membership_id):
            raise
        return "retry"
    return "sent" if sent else "gone"


def _again(this: Any, attempt: int, what: str, *args: object) -> bool:
    """Log the failure and queue the next attempt; False after the last one."""
    log.exception("e-mail of %s failed (attempt %d of %d)", what, attempt, MAX_ATTEMPTS)
    if attempt >= MAX_ATTEMPTS:
        return False
    when = timezone.now() + retry_delay(attempt)
    this.using(run_after=when).enqueue(*args, attempt + 1)
    return True
