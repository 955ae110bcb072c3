"""The agenda: sessions in rooms on the event's days, their contributions in order, presenters
and chairs. Nothing overlaps in one room, and nobody presents or chairs in two places at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from lintas.audit.services import log_action
from lintas.core.errors import LintasError
from lintas.core.tlp import is_looser
from lintas.events import policy
from lintas.events.models import Contribution, Delegate, Event, Room, Session
from lintas.events.services.common import hhmm, label, local, text
from lintas.policy import Actor, acting_user


def _in_days(event: Event, day: dt.date) -> None:
    if not event.starts_on <= day <= event.ends_on:
        raise LintasError(
            _("%(day)s is outside the event's days (%(first)s to %(last)s).")
            % {
                "day": day.isoformat(),
                "first": event.starts_on.isoformat(),
                "last": event.ends_on.isoformat(),
            },
            field="day",
        )


def _times(
    event: Event, day: dt.date, start: dt.time, end: dt.time
) -> tuple[dt.datetime, dt.datetime]:
    _in_days(event, day)
    if end <= start:
        raise LintasError(_("A session ends after it starts."), field="ends")
    return local(event, day, start), local(event, day, end)


def _room(event: Event, room: Room | None) -> Room | None:
    if room is not None and room.event_id != event.pk:
        raise LintasError(_("This room belongs to another event."), field="room")
    return room


def _no_overlap(
    event: Event,
    *,
    room: Room | None,
    kind: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    exclude: int | None,
) -> None:
    if kind == Session.Kind.BREAK or room is None:
        return
    clash = (
        Session.objects.filter(event=event, room=room, starts_at__lt=ends_at, ends_at__gt=starts_at)
        .exclude(kind=Session.Kind.BREAK)
        .exclude(pk=exclude or 0)
        .first()
    )
    if clash is not None:
        raise LintasError(
            _('%(room)s already holds "%(session)s" from %(start)s to %(end)s.')
            % {
                "room": room.name,
                "session": clash.title,
                "start": hhmm(event, clash.starts_at),
                "end": hhmm(event, clash.ends_at),
            },
            field="starts",
        )


def _free(
    event: Event,
    people: Sequence[Delegate],
    *,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    exclude_session: int | None,
    field: str,
) -> None:
    """Refuse when one of these people presents or chairs elsewhere at that time."""
    for person in people:
        if person.event_id != event.pk:
            raise LintasError(
                _("%(person)s is not a delegate of this event.") % {"person": person}, field=field
            )
        busy = (
            Session.objects.filter(event=event, starts_at__lt=ends_at, ends_at__gt=starts_at)
            .filter(Q(contributions__presenters=person) | Q(chairs=person))
            .exclude(pk=exclude_session or 0)
            .first()
        )
        if busy is not None:
            raise LintasError(
                _('%(person)s is already in "%(session)s" from %(start)s to %(end)s.')
                % {
                    "person": person.full_name,
                    "session": busy.title,
                    "start": hhmm(event, busy.starts_at),
                    "end": hhmm(event, busy.ends_at),
                },
                field=field,
            )


def _session_people(session: Session) -> list[Delegate]:
    presenters = Delegate.objects.filter(presentations__session=session)
    return list({d.pk: d for d in [*presenters, *session.chairs.all()]}.values())


def _organise(event: Event, by: Actor) -> None:
    if by is not policy.SYSTEM:
        policy.require(policy.can_organise(by, event))


@transaction.atomic
def add_session(
    *,
    event: Event,
    by: Actor,
    title: str,
    day: dt.date,
    starts: dt.time,
    ends: dt.time,
    room: Room | None = None,
    kind: str = Session.Kind.SESSION,
    tlp: str = "",
    chatham_house: bool = False,
    mandatory: bool = False,
    chairs: Sequence[Delegate] = (),
) -> Session:
    _organise(event, by)
    if kind not in Session.Kind.values:
        raise LintasError(_("Choose the kind of session."), field="kind")
    title = text(title, field="title", label=_("title"))
    tlp = label(tlp or event.tlp)
    if is_looser(tlp, event.tlp):
        raise LintasError(
            _("A session's label cannot be looser than its event's (%(label)s).")
            % {"label": event.get_tlp_display()},
            field="tlp",
        )
    starts_at, ends_at = _times(event, day, starts, ends)
    room = _room(event, room)
    _no_overlap(event, room=room, kind=kind, starts_at=starts_at, ends_at=ends_at, exclude=None)
    _free(event, chairs, starts_at=starts_at, ends_at=ends_at, exclude_session=None, field="chairs")
    session = Session.objects.create(
        event=event,
        room=room,
        kind=kind,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        tlp=tlp,
        chatham_house=chatham_house or event.chatham_house,
        mandatory=mandatory,
    )
    session.chairs.set(chairs)
    log_action(
        "events.session.added",
        actor=acting_user(by),
        body=event.body,
        target=session,
        data={"title": title, "starts_at": starts_at.isoformat(), "tlp": tlp},
    )
    return session


@transaction.atomic
def move_session(
    *,
    session: Session,
    by: Actor,
    day: dt.date,
    starts: dt.time | None = None,
    room: Room | None = None,
    keep_room: bool = False,
) -> Session:
    """Move a session to another day, time or room; it keeps its length."""
    event = session.event
    _organise(event, by)
    length = session.ends_at - session.starts_at
    start_local = session.starts_at.astimezone(event.tzinfo)
    start = starts or start_local.time()
    starts_at = local(event, day, start)
    ends_at = starts_at + length
    _in_days(event, day)
    end_local = ends_at.astimezone(event.tzinfo)
    if end_local.date() != day and end_local != local(
        event, day + dt.timedelta(days=1), dt.time(0)
    ):
        raise LintasError(_("The session would run past midnight."), field="starts")
    target_room = session.room if keep_room else _room(event, room)
    _no_overlap(
        event,
        room=target_room,
        kind=session.kind,
        starts_at=starts_at,
        ends_at=ends_at,
        exclude=session.pk,
    )
    _free(
        event,
        _session_people(session),
        starts_at=starts_at,
        ends_at=ends_at,
        exclude_session=session.pk,
        field="starts",
    )
    session.starts_at, session.ends_at, session.room = starts_at, ends_at, target_room
    session.save(update_fields=["starts_at", "ends_at", "room", "updated_at"])
    log_action(
        "events.session.moved",
        actor=acting_user(by),
        body=event.body,
        target=session,
        data={"starts_at": starts_at.isoformat(), "room": target_room.name if target_room else ""},
    )
    return session


@transaction.atomic
def delete_session(*, session: Session, by: Actor) -> None:
    event = session.event
    _organise(event, by)
    if session.check_ins.exists():
        raise LintasError(_("People have checked in to this session: it stays."), field="session")
    log_action(
        "events.session.deleted",
        actor=acting_user(by),
        body=event.body,
        target=session,
        data={"title": session.title},
    )
    session.delete()


@transaction.atomic
def add_contribution(
    *,
    session: Session,
    by: Actor,
    title: str,
    presenters: Sequence[Delegate] = (),
) -> Contribution:
    event = session.event
    _organise(event, by)
    if session.is_break:
        raise LintasError(_("A break holds no contributions."), field="session")
    title = text(title, field="title", label=_("title"))
    _free(
        event,
        presenters,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        exclude_session=session.pk,
        field="presenters",
    )
    last = session.contributions.aggregate(m=Max("position"))["m"]
    contribution = Contribution.objects.create(
        session=session, title=title, position=0 if last is None else last + 1
    )
    contribution.presenters.set(presenters)
    log_action(
        "events.contribution.added",
        actor=acting_user(by),
        body=event.body,
        target=contribution,
        data={"title": title, "presenters": [p.pk for p in presenters]},
    )
    return contribution


@transaction.atomic
def move_contribution(
    *,
    contribution: Contribution,
    by: Actor,
    position: int,
    session: Session | None = None,
) -> Contribution:
    """Put a contribution at a place (0 is first) in its session or in another session of the
    same event; the others close up behind it."""
    source = contribution.session
    event = source.event
    _organise(event, by)
    target = session or source
    if target.event_id != event.pk:
        raise LintasError(_("This session belongs to another event."), field="session")
    if target.is_break:
        raise LintasError(_("A break holds no contributions."), field="session")
    if target.pk != source.pk:
        _free(
            event,
            list(contribution.presenters.all()),
            starts_at=target.starts_at,
            ends_at=target.ends_at,
            exclude_session=source.pk,
            field="session",
        )
    siblings = [
        c for c in target.contributions.exclude(pk=contribution.pk).order_by("position", "pk")
    ]
    position = max(0, min(position, len(siblings)))
    siblings.insert(position, contribution)
    contribution.session = target
    contribution.save(update_fields=["session", "updated_at"])
    for index, item in enumerate(siblings):
        if item.position != index or item.pk == contribution.pk:
            Contribution.objects.filter(pk=item.pk).update(position=index)
    if target.pk != source.pk:
        for index, item in enumerate(source.contributions.order_by("position", "pk")):
            Contribution.objects.filter(pk=item.pk).update(position=index)
    log_action(
        "events.contribution.moved",
        actor=acting_user(by),
        body=event.body,
        target=contribution,
        data={"session": target.pk, "position": position},
    )
    contribution.position = position
    return contribution


@transaction.atomic
def set_presenters(
    *, contribution: Contribution, by: Actor, presenters: Sequence[Delegate]
) -> Contribution:
    session = contribution.session
    _organise(session.event, by)
    _free(
        session.event,
        presenters,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        exclude_session=session.pk,
        field="presenters",
    )
    contribution.presenters.set(presenters)
    log_action(
        "events.contribution.presenters_set",
        actor=acting_user(by),
        body=session.event.body,
        target=contribution,
        data={"presenters": [p.pk for p in presenters]},
    )
    return contribution
