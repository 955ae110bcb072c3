"""E-mailing notices, on the worker: at once, in a daily digest, and again after a failure.

States (``Notification.email``): ``none`` (in the app only), ``now`` and ``digest`` (waiting),
``sent``, ``failed`` (given up). A waiting notice is due from ``email_due_at`` on.

Once. A run claims the notices it sends with one conditional ``update()`` that writes its own
token and pushes ``email_due_at`` a lease ahead (``CLAIM_LEASE``), so two workers never send the
same notice; a run that dies after its claim leaves notices that come due again when the lease
ends. A notice is therefore sent once, or (when a worker dies between the mail server's answer and
the next write) twice, never lost.

Failures. A refused or unreachable mail server is logged with its traceback, and the notice waits
``retry_delay`` (5 minutes, then 15, 45, …: three times longer each time) before the next attempt;
after ``MAX_ATTEMPTS`` it is marked failed, and stays in the app.

Digest. A person who chose the daily digest for a kind gets one e-mail a day, at ``DIGEST_HOUR``
in the time zone of the body of their oldest waiting notice (the server's zone for a notice of
no body), with every notice that arrived before that hour. Notices after it wait for the next day.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.core import mail
from django.db.models import F, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lintas.core import times
from lintas.members.models import User
from lintas.notices.models import Notification

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
FIRST_RETRY = dt.timedelta(minutes=5)
CLAIM_LEASE = dt.timedelta(minutes=10)
DIGEST_HOUR = 7
BATCH = 500  # notices sent at once by one sweep; the rest wait for the next

Email = Notification.Email
WAITING = (Email.NOW, Email.DIGEST)


def retry_delay(attempts: int) -> dt.timedelta:
    """How long a notice waits after its ``attempts``-th failed attempt."""
    return FIRST_RETRY * 3 ** (attempts - 1)


def _claim(ids: Sequence[int], *, state: str, now: dt.datetime) -> QuerySet[Notification]:
    """Claim the notices of ``ids`` still waiting in ``state`` and due; the claimed ones."""
    token = uuid.uuid4().hex
    Notification.objects.filter(
        pk__in=list(ids), email=state, email_due_at__lte=now, email_attempts__lt=MAX_ATTEMPTS
    ).update(
        email_claim=token,
        email_due_at=now + CLAIM_LEASE,
        email_attempts=F("email_attempts") + 1,
    )
    return Notification.objects.filter(pk__in=list(ids), email_claim=token).select_related(
        "user", "body"
    )


def _absolute(link: str) -> str:
    return settings.SITE_URL.rstrip("/") + link


def _footer() -> str:
    return "\n\n-- \n" + _("Choose how each kind of notice reaches you: %(url)s") % {
        "url": _absolute(reverse("notices:preferences"))
    }


def _language(person: User) -> str:
    return person.language or settings.LANGUAGE_CODE


def _zone(notice: Notification) -> str:
    return notice.body.time_zone if notice.body else settings.TIME_ZONE


def single_message(notice: Notification) -> mail.EmailMessage:
    """The e-mail of one notice, in its recipient's language."""
    with translation.override(_language(notice.user)):
        text = notice.text
        if notice.link:
            text += "\n\n" + _absolute(notice.link)
        text += _footer()
    return mail.EmailMessage(notice.subject or notice.text[:80], text, None, [notice.user.email])


def digest_message(person: User, notices: Sequence[Notification]) -> mail.EmailMessage:
    """The daily digest of a person's notices, oldest first, in their language."""
    with translation.override(_language(person)):
        count = len(notices)
        subject = ngettext(
            "Your daily digest: %(count)d notice", "Your daily digest: %(count)d notices", count
        ) % {"count": count}
        lines = [_("Notices since your last digest:")]
        for notice in notices:
            lines += ["", f"{times.moment(notice.created_at, _zone(notice))}: {notice.text}"]
            if notice.link:
                lines.append(_absolute(notice.link))
        text = "\n".join(lines) + _footer()
    return mail.EmailMessage(subject, text, None, [person.email])


def _send(message: mail.EmailMessage, notices: Sequence[Notification], *, now: dt.datetime) -> bool:
    """Send one message for these claimed notices and record the outcome on each."""
    ids = [n.pk for n in notices]
    mine = Notification.objects.filter(pk__in=ids, email_claim=notices[0].email_claim)
    try:
        if not mail.get_connection().send_messages([message]):
            raise RuntimeError("the e-mail backend sent nothing")
    except Exception as exc:
        attempts = max(n.email_attempts for n in notices)
        log.exception(
            "e-mail of notices %s to person %s failed (attempt %d of %d)",
            ids,
            notices[0].user_id,
            attempts,
            MAX_ATTEMPTS,
        )
        error = f"{type(exc).__name__}: {exc}"[:1000]
        if attempts >= MAX_ATTEMPTS:
            mine.update(email=Email.FAILED, email_due_at=None, email_claim="", email_error=error)
        else:
            mine.update(email_due_at=now + retry_delay(attempts), email_claim="", email_error=error)
        return False
    mine.update(
        email=Email.SENT,
        emailed_at=timezone.now(),
        email_due_at=None,
        email_claim="",
        email_error="",
    )
    return True


def _without_address(notices: Iterable[Notification]) -> list[Notification]:
    """Drop (to the app only) the notices of people who can no longer receive e-mail."""
    kept: list[Notification] = []
    dropped: list[Notification] = []
    for notice in notices:
        (kept if notice.user.is_active and notice.user.email else dropped).append(notice)
    if dropped:
        Notification.objects.filter(pk__in=[n.pk for n in dropped]).update(
            email=Email.NONE, email_due_at=None, email_claim=""
        )
    return kept


def send_emails(ids: Iterable[int], *, now: dt.datetime | None = None) -> int:
    """E-mail each notice of ``ids`` that waits to be sent at once and is due (the others are
    skipped: sent, claimed by another run, or waiting for a retry); returns e-mails sent."""
    now = now or timezone.now()
    claimed = _without_address(_claim(list(ids), state=Email.NOW, now=now).order_by("pk"))
    return sum(_send(single_message(n), [n], now=now) for n in claimed)


def digest_cutoff(now: dt.datetime, zone: str | dt.tzinfo) -> dt.datetime:
    """The last ``DIGEST_HOUR`` o'clock in ``zone`` at or before ``now``."""
    local = timezone.localtime(now, times.as_zone(zone))
    cutoff = local.replace(hour=DIGEST_HOUR, minute=0, second=0, microsecond=0)
    return cutoff if cutoff <= local else cutoff - dt.timedelta(days=1)


def send_digests(now: dt.datetime | None = None) -> int:
    """Send each person's daily digest that is due; returns digests sent."""
    now = now or timezone.now()
    waiting = (
        Notification.objects.filter(
            email=Email.DIGEST, email_due_at__lte=now, email_attempts__lt=MAX_ATTEMPTS
        )
        .order_by("user_id", "created_at", "pk")
        .values_list("pk", "user_id", "created_at", "body__time_zone")
    )
    by_person: dict[int, list[tuple[int, dt.datetime, str | None]]] = {}
    for pk, user_id, created_at, zone in waiting:
        by_person.setdefault(user_id, []).append((pk, created_at, zone))
    sent = 0
    for rows in by_person.values():
        cutoff = digest_cutoff(now, rows[0][2] or settings.TIME_ZONE)
        ids = [pk for pk, created_at, _zone in rows if created_at < cutoff]
        if not ids:
            continue
        claimed = _without_address(_claim(ids, state=Email.DIGEST, now=now).order_by("created_at"))
        if claimed:
            sent += _send(digest_message(claimed[0].user, claimed), claimed, now=now)
    return sent


def give_up_stale(now: dt.datetime | None = None) -> int:
    """Mark failed the notices whose last attempt died with its run (its lease ended)."""
    now = now or timezone.now()
    return Notification.objects.filter(
        email__in=WAITING, email_due_at__lte=now, email_attempts__gte=MAX_ATTEMPTS
    ).update(email=Email.FAILED, email_due_at=None, email_claim="")


def send_due(now: dt.datetime | None = None) -> dict[str, int]:
    """The periodic sweep: notices due to be sent at once (those whose queued task was lost, and
    retries), the digests due, and notices given up."""
    now = now or timezone.now()
    due = Notification.objects.filter(email=Email.NOW, email_due_at__lte=now).order_by("pk")
    ids = list(due.values_list("pk", flat=True)[:BATCH])
    return {
        "sent": send_emails(ids, now=now),
        "digests": send_digests(now),
        "given_up": give_up_stale(now),
    }
