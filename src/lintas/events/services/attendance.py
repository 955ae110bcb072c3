"""Check-in from a phone: a badge scanned or a name chosen, per day or per session, at several
points at once. Each presence is one row: two scans of one badge at the same moment make one
check-in, and the second is told it was already done."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lintas.audit.services import log_action
from lintas.core.errors import LintasError
from lintas.events import policy
from lintas.events.models import CheckIn, Delegate, Event, Session
from lintas.events.services.common import day_of, text
from lintas.policy import Actor, acting_user


@dataclass(frozen=True)
class CheckInResult:
    check_in: CheckIn
    delegate: Delegate
    created: bool  # false: this presence was recorded before (another scan, another point)


def badge_code(scanned: str) -> str:
    """The code of a badge from what a scanner or a person typed: the QR code holds
    ``LINTAS-BADGE:<code>``; a person may type the code alone, spaces and case as they like."""
    value = (scanned or "").strip()
    if value.upper().startswith("LINTAS-BADGE:"):
        value = value.split(":", 1)[1]
    return "".join(value.split()).upper()


def _delegate_from(event: Event, *, code: str, delegate: Delegate | None) -> Delegate:
    if delegate is not None:
        if delegate.event_id != event.pk:
            raise LintasError(_("This person is a delegate of another event."), field="code")
        return delegate
    code = badge_code(code)
    if not code:
        raise LintasError(_("Scan a badge, type its code or search for a name."), field="code")
    found = Delegate.objects.select_related("event").filter(badge_code=code).first()
    if found is None:
        raise LintasError(_("No badge has the code %(code)s.") % {"code": code[:20]}, field="code")
    if found.event_id != event.pk:
        raise LintasError(
            _("This badge belongs to another event: %(event)s.") % {"event": found.event.title},
            field="code",
        )
    return found


def check_in(
    *,
    event: Event,
    by: Actor,
    code: str = "",
    delegate: Delegate | None = None,
    session: Session | None = None,
    point: str = "",
    at: dt.datetime | None = None,
) -> CheckInResult:
    """Record that a delegate is here today (or at a session, which counts for its day too)."""
    if by is not policy.SYSTEM:
        policy.require(policy.can_organise(by, event))
    found = _delegate_from(event, code=code, delegate=delegate)
    if found.status != Delegate.Status.APPROVED:
        raise LintasError(
            _("%(name)s is not approved for this event.") % {"name": found.full_name},
            field="code",
        )
    if session is not None and session.event_id != event.pk:
        raise LintasError(_("This session belongs to another event."), field="session")
    if session is not None and session.is_break:
        raise LintasError(_("Nobody checks in to a break."), field="session")
    moment = at or timezone.now()
    day = day_of(event, session.starts_at) if session is not None else day_of(event, moment)
    if not event.starts_on <= day <= event.ends_on:
        raise LintasError(
            _("%(day)s is not a day of this event.") % {"day": day.isoformat()}, field="day"
        )
    point = text(point, field="point", label=_("check-in point"), limit=60, required=False)
    person = acting_user(by)
    day_row, _day_new = _once(event, found, day, None, moment, point, person)
    if session is None:
        row, created = day_row, _day_new
    else:
        row, created = _once(event, found, day, session, moment, point, person)
    if created:
        log_action(
            "events.delegate.checked_in",
            actor=person,
            body=event.body,
            target=found,
            data={
                "day": day.isoformat(),
                "session": session.pk if session else None,
                "point": point,
            },
        )
    return CheckInResult(row, found, created)


def _once(
    event: Event,
    delegate: Delegate,
    day: dt.date,
    session: Session | None,
    moment: dt.datetime,
    point: str,
    person: object,
) -> tuple[CheckIn, bool]:
    """The presence row, made now or found: the unique constraints decide between two scans."""
    existing = CheckIn.objects.filter(delegate=delegate, day=day, session=session).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            row = CheckIn.objects.create(
                event=event,
                delegate=delegate,
                day=day,
                session=session,
                at=moment,
                point=point,
                by=person,  # type: ignore[misc]
            )
        return row, True
    except IntegrityError:
        return CheckIn.objects.get(delegate=delegate, day=day, session=session), False
