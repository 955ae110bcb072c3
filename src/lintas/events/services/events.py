"""Creating and changing an event: its days, zone, languages, organisers, label, rooms and the
rule for certificates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from lintas.audit.services import log_action
from lintas.core.errors import LintasError
from lintas.core.tlp import is_looser
from lintas.events import policy
from lintas.events.models import Event, Room
from lintas.events.services.common import day_of, label, text, zone
from lintas.members.models import LANGUAGE_CHOICES, Body, Unit
from lintas.policy import Actor, acting_user

MAX_DAYS = 31


def _check(
    body: Body,
    *,
    kind: str,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date,
    time_zone: str,
    languages: Sequence[str],
    organisers: Sequence[Unit],
    tlp: str,
    certificate_min_sessions: int | None,
) -> dict[str, object]:
    if kind not in Event.Kind.values:
        raise LintasError(_("Choose the kind of event."), field="kind")
    if ends_on < starts_on:
        raise LintasError(_("The last day is before the first day."), field="ends_on")
    if (ends_on - starts_on).days >= MAX_DAYS:
        raise LintasError(
            _("An event lasts at most %(days)d days.") % {"days": MAX_DAYS}, field="ends_on"
        )
    known = {code for code, _name in LANGUAGE_CHOICES}
    unknown = [code for code in languages if code not in known]
    if unknown or not languages:
        raise LintasError(_("Choose the event's languages among en, vi, id."), field="languages")
    for unit in organisers:
        if unit.body_id != body.pk:
            raise LintasError(
                _("%(unit)s is not a unit of this body.") % {"unit": unit}, field="organisers"
            )
    if certificate_min_sessions is not None and certificate_min_sessions < 1:
        raise LintasError(
            _("Ask for at least one session, or leave the number empty."),
            field="certificate_min_sessions",
        )
    return {
        "kind": kind,
        "title": text(title, field="title", label=_("title")),
        "starts_on": starts_on,
        "ends_on": ends_on,
        "time_zone": zone(time_zone),
        "languages": list(dict.fromkeys(languages)),
        "tlp": label(tlp),
        "certificate_min_sessions": certificate_min_sessions,
    }


@transaction.atomic
def create_event(
    *,
    body: Body,
    by: Actor,
    kind: str,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date,
    time_zone: str = "",
    languages: Sequence[str] = ("en",),
    organisers: Sequence[Unit] = (),
    venue: str = "",
    description: str = "",
    tlp: str = "green",
    chatham_house: bool = False,
    certificate_min_sessions: int | None = None,
    certificate_all_mandatory: bool = False,
    rooms: Sequence[str] = (),
) -> Event:
    if by is not policy.SYSTEM:
        policy.hide(policy.can_view_body(by, body))
        policy.require(policy.can_create_event(by, body))
    fields = _check(
        body,
        kind=kind,
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        time_zone=time_zone or body.time_zone,
        languages=languages,
        organisers=organisers,
        tlp=tlp,
        certificate_min_sessions=certificate_min_sessions,
    )
    event = Event.objects.create(
        body=body,
        venue=text(venue, field="venue", label=_("venue"), required=False),
        description=text(
            description, field="description", label=_("description"), limit=5000, required=False
        ),
        chatham_house=chatham_house,
        certificate_all_mandatory=certificate_all_mandatory,
        created_by=acting_user(by),
        **fields,
    )
    event.organisers.set(organisers)
    for position, name in enumerate(rooms):
        add_room(event=event, by=by, name=name, position=position)
    log_action(
        "events.event.created",
        actor=acting_user(by),
        body=body,
        target=event,
        data={"title": event.title, "tlp": event.tlp},
    )
    return event


@transaction.atomic
def update_event(
    *,
    event: Event,
    by: Actor,
    kind: str,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date,
    time_zone: str,
    languages: Sequence[str],
    organisers: Sequence[Unit],
    venue: str = "",
    description: str = "",
    tlp: str = "green",
    chatham_house: bool = False,
    certificate_min_sessions: int | None = None,
    certificate_all_mandatory: bool = False,
) -> Event:
    if by is not policy.SYSTEM:
        policy.require(policy.can_organise(by, event))
    fields = _check(
        event.body,
        kind=kind,
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        time_zone=time_zone,
        languages=languages,
        organisers=organisers,
        tlp=tlp,
        certificate_min_sessions=certificate_min_sessions,
    )
    probe = Event(time_zone=fields["time_zone"])  # type: ignore[misc]
    for session in event.sessions.all():
        day = day_of(probe, session.starts_at)
        if not starts_on <= day <= ends_on:
            raise LintasError(
                _('The session "%(session)s" on %(day)s would fall outside the event\'s days.')
                % {"session": session.title, "day": day.isoformat()},
                field="ends_on" if day > ends_on else "starts_on",
            )
        if is_looser(session.tlp, str(fields["tlp"])):
            raise LintasError(
                _('The session "%(session)s" is labelled more loosely than the new label.')
                % {"session": session.title},
                field="tlp",
            )
    for name, value in fields.items():
        setattr(event, name, value)
    event.venue = text(venue, field="venue", label=_("venue"), required=False)
    event.description = text(
        description, field="description", label=_("description"), limit=5000, required=False
    )
    event.chatham_house = chatham_house
    event.certificate_all_mandatory = certificate_all_mandatory
    event.save()
    event.organisers.set(organisers)
    log_action(
        "events.event.updated",
        actor=acting_user(by),
        body=event.body,
        target=event,
        data={"title": event.title, "tlp": event.tlp},
    )
    return event


@transaction.atomic
def add_room(*, event: Event, by: Actor, name: str, position: int | None = None) -> Room:
    if by is not policy.SYSTEM:
        policy.require(policy.can_organise(by, event))
    name = text(name, field="name", label=_("room"), limit=120)
    if event.rooms.filter(name__iexact=name).exists():
        raise LintasError(_("This event has a room of that name already."), field="name")
    if position is None:
        position = event.rooms.count()
    room = Room.objects.create(event=event, name=name, position=position)
    log_action(
        "events.room.added",
        actor=acting_user(by),
        body=event.body,
        target=event,
        data={"room": name},
    )
    return room
