"""Events through /api/v1/: the events of a body and their agenda, creating an event and its
sessions, delegates and nominations, check-in (a badge scanned by a script or a scanner),
attendance, action items, and the measures plans reads (people trained, knowledge gain). The
same policy, services and selectors as the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema

from lintas.core.errors import LintasError
from lintas.events import policy, selectors, services
from lintas.events.models import Delegate, Event, Room, Session
from lintas.members.bodyctx import load_body
from lintas.members.http import AuthedRequest
from lintas.members.models import Body, Unit

router = Router(tags=["events"])


class EventErrorOut(Schema):
    detail: str
    field: str | None = None


def answers(ok: dict[int, object], *errors: int) -> dict[int, object]:
    return {**ok, **{code: EventErrorOut for code in errors}}


READ = (401, 404)
WRITE = (400, 401, 403, 404, 422)


class EventSummaryOut(Schema):
    """Read from an ``Event`` (its organisers prefetched where many are listed)."""

    id: int
    kind: str
    title: str
    starts_on: dt.date
    ends_on: dt.date
    venue: str
    time_zone: str
    languages: list[str]
    tlp: str
    chatham_house: bool
    organisers: list[int]

    @staticmethod
    def resolve_organisers(event: Event) -> list[int]:
        return [u.pk for u in event.organisers.all()]


class EventPersonOut(Schema):
    id: int
    full_name: str
    unit: int | None
    role: str


class EventContributionOut(Schema):
    id: int
    title: str
    position: int
    presenters: list[EventPersonOut]


class EventSessionOut(Schema):
    id: int
    kind: str
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    room: str | None
    tlp: str
    chatham_house: bool
    mandatory: bool
    chairs: list[EventPersonOut]
    contributions: list[EventContributionOut]


class EventDetailOut(EventSummaryOut):
    """Read from an ``Event``; ``sessions`` in the context is its agenda."""

    rooms: list[str]
    sessions: list[EventSessionOut]

    @staticmethod
    def resolve_rooms(event: Event) -> list[str]:
        return [r.name for r in event.rooms.all()]

    @staticmethod
    def resolve_sessions(event: Event, context: dict[str, Any]) -> list[EventSessionOut]:
        sessions: list[EventSessionOut] = context["sessions"]
        return sessions


class EventCreateIn(Schema):
    kind: str
    title: str
    starts_on: dt.date
    ends_on: dt.date
    venue: str = ""
    time_zone: str = ""
    languages: list[str] = ["en"]
    organisers: list[int] = []
    tlp: str = "green"
    chatham_house: bool = False
    rooms: list[str] = []
    certificate_min_sessions: int | None = None
    certificate_all_mandatory: bool = False


class EventSessionIn(Schema):
    title: str
    day: dt.date
    starts: dt.time
    ends: dt.time
    room: str | None = None
    kind: str = "session"
    tlp: str = ""
    chatham_house: bool = False
    mandatory: bool = False


class EventDelegateOut(EventPersonOut):
    status: str
    email: str
    language: str


class EventNominationIn(Schema):
    unit: int
    full_name: str
    email: str = ""
    role: str = "delegate"
    language: str = "en"


class EventCheckInIn(Schema):
    code: str = ""
    delegate: int | None = None
    session: int | None = None
    point: str = ""


class EventCheckInOut(Schema):
    delegate: EventPersonOut
    day: dt.date
    session: int | None
    created: bool


class EventAttendanceOut(Schema):
    delegate: EventPersonOut
    days: list[dt.date]
    sessions: list[int]


class EventActionItemOut(Schema):
    id: int
    kind: str
    text: str
    owner_unit: int | None
    due_on: dt.date | None
    status: str


class KnowledgeGainOut(Schema):
    participants: int
    pre_mean: float | None
    post_mean: float | None
    gain_mean: float | None


class EventMeasuresOut(Schema):
    start: dt.date
    end: dt.date
    people_trained: int
    knowledge_gain: KnowledgeGainOut


def _event(request: AuthedRequest, slug: str, event_id: int) -> tuple[Event, policy.EventAccess]:
    body = load_body(request, slug)
    event = get_object_or_404(policy.visible_events(request.user, body), pk=event_id)
    event.body = body
    return event, policy.access(request.user, event)


def _person(d: Delegate) -> EventPersonOut:
    return EventPersonOut(id=d.pk, full_name=d.full_name, unit=d.unit_id, role=d.role)


def _units(body: Body, ids: list[int], field: str) -> list[Unit]:
    units = list(Unit.objects.filter(body=body, pk__in=ids))
    if len(units) != len(set(ids)):
        raise LintasError("Unknown unit.", field=field)
    return units


@router.get("/bodies/{slug}/events", response=answers({200: list[EventSummaryOut]}, *READ))
def list_events(request: AuthedRequest, slug: str) -> list[Event]:
    """The events of a body the caller may see, latest first."""
    body = load_body(request, slug)
    return list(selectors.events_list(policy.visible_events(request.user, body)))


@router.post("/bodies/{slug}/events", response=answers({201: EventSummaryOut}, *WRITE))
def create_event(request: AuthedRequest, slug: str, payload: EventCreateIn) -> tuple[int, Event]:
    """A new event (the secretariat and administrators)."""
    body = load_body(request, slug)
    policy.require(policy.can_create_event(request.user, body))
    data = payload.dict()
    organisers = _units(body, data.pop("organisers"), "organisers")
    event = services.create_event(body=body, by=request.user, organisers=organisers, **data)
    return 201, event


@router.get("/bodies/{slug}/events/{event_id}", response=answers({200: EventDetailOut}, *READ))
def event_detail(request: AuthedRequest, slug: str, event_id: int) -> EventDetailOut:
    """An event with its agenda: sessions in time order with their chairs, contributions and
    presenters."""
    event, _access = _event(request, slug, event_id)
    sessions = [
        EventSessionOut(
            id=s.pk,
            kind=s.kind,
            title=s.title,
            starts_at=s.starts_at,
            ends_at=s.ends_at,
            room=s.room.name if s.room else None,
            tlp=s.tlp,
            chatham_house=s.chatham_house,
            mandatory=s.mandatory,
            chairs=[_person(c) for c in s.chairs.all()],
            contributions=[
                EventContributionOut(
                    id=c.pk,
                    title=c.title,
                    position=c.position,
                    presenters=[_person(p) for p in c.presenters.all()],
                )
                for c in s.contributions.all()
            ],
        )
        for s in selectors.sessions_of(event)
    ]
    return EventDetailOut.model_validate(event, context={"sessions": sessions})


@router.post(
    "/bodies/{slug}/events/{event_id}/sessions", response=answers({201: EventSessionOut}, *WRITE)
)
def add_session(
    request: AuthedRequest, slug: str, event_id: int, payload: EventSessionIn
) -> tuple[int, EventSessionOut]:
    """Add a session to the agenda (the organisers); refused when outside the event's days or
    overlapping another in its room."""
    event, access = _event(request, slug, event_id)
    policy.require(access.organises)
    room: Room | None = None
    if payload.room:
        room = event.rooms.filter(name=payload.room).first()
        if room is None:
            raise LintasError("Unknown room.", field="room")
    s = services.add_session(
        event=event,
        by=request.user,
        title=payload.title,
        day=payload.day,
        starts=payload.starts,
        ends=payload.ends,
        room=room,
        kind=payload.kind,
        tlp=payload.tlp,
        chatham_house=payload.chatham_house,
        mandatory=payload.mandatory,
    )
    return 201, EventSessionOut(
        id=s.pk,
        kind=s.kind,
        title=s.title,
        starts_at=s.starts_at,
        ends_at=s.ends_at,
        room=room.name if room else None,
        tlp=s.tlp,
        chatham_house=s.chatham_house,
        mandatory=s.mandatory,
        chairs=[],
        contributions=[],
    )


def _delegate_out(d: Delegate, *, full: bool) -> EventDelegateOut:
    return EventDelegateOut(
        id=d.pk,
        full_name=d.full_name,
        unit=d.unit_id,
        role=d.role,
        status=d.status,
        email=d.email if full else "",
        language=d.language,
    )


@router.get(
    "/bodies/{slug}/events/{event_id}/delegates",
    response=answers({200: list[EventDelegateOut]}, *READ),
)
def list_delegates(request: AuthedRequest, slug: str, event_id: int) -> list[EventDelegateOut]:
    """The organisers see every delegate; a unit's focal point its own unit's nominations and
    the approved delegates; other members the approved delegates, without e-mail addresses."""
    event, access = _event(request, slug, event_id)
    out = []
    for d in selectors.delegates_of(event):
        own = access.organises or d.unit_id in access.nominating_units
        if own or d.status == Delegate.Status.APPROVED:
            out.append(_delegate_out(d, full=own or d.user_id == request.user.pk))
    return out


@router.post(
    "/bodies/{slug}/events/{event_id}/delegates",
    response=answers({201: EventDelegateOut}, *WRITE),
)
def nominate(
    request: AuthedRequest, slug: str, event_id: int, payload: EventNominationIn
) -> tuple[int, EventDelegateOut]:
    """A unit's focal point nominates a delegate within the unit's quota."""
    event, access = _event(request, slug, event_id)
    policy.require(bool(access.nominating_units))
    unit = _units(event.body, [payload.unit], "unit")[0]
    d = services.nominate_delegate(
        event=event,
        by=request.user,
        unit=unit,
        full_name=payload.full_name,
        email=payload.email,
        role=payload.role,
        language=payload.language,
    )
    return 201, _delegate_out(d, full=True)


@router.post(
    "/bodies/{slug}/events/{event_id}/check-ins",
    response=answers({200: EventCheckInOut}, *WRITE),
)
def check_in(
    request: AuthedRequest, slug: str, event_id: int, payload: EventCheckInIn
) -> EventCheckInOut:
    """Check a delegate in, by badge code or delegate id, for the day or a session (the
    organisers). ``created`` is false when the presence was recorded before."""
    event, access = _event(request, slug, event_id)
    policy.require(access.organises)
    delegate = (
        Delegate.objects.filter(event=event, pk=payload.delegate).first()
        if payload.delegate
        else None
    )
    if payload.delegate and delegate is None:
        raise LintasError("Unknown delegate.", field="delegate")
    session = (
        Session.objects.filter(event=event, pk=payload.session).first() if payload.session else None
    )
    if payload.session and session is None:
        raise LintasError("Unknown session.", field="session")
    result = services.check_in(
        event=event,
        by=request.user,
        code=payload.code,
        delegate=delegate,
        session=session,
        point=payload.point,
    )
    return EventCheckInOut(
        delegate=_person(result.delegate),
        day=result.check_in.day,
        session=result.check_in.session_id,
        created=result.created,
    )


@router.get(
    "/bodies/{slug}/events/{event_id}/attendance",
    response=answers({200: list[EventAttendanceOut]}, 401, 403, 404),
)
def attendance(request: AuthedRequest, slug: str, event_id: int) -> list[EventAttendanceOut]:
    """Each approved delegate with the days and sessions they were checked in to (the
    organisers)."""
    event, access = _event(request, slug, event_id)
    policy.require(access.organises)
    return [
        EventAttendanceOut(
            delegate=_person(row.delegate), days=sorted(row.days), sessions=sorted(row.sessions)
        )
        for row in selectors.attendance(event)
    ]


@router.get(
    "/bodies/{slug}/events/{event_id}/action-items",
    response=answers({200: list[EventActionItemOut]}, *READ),
)
def action_items(request: AuthedRequest, slug: str, event_id: int) -> list[EventActionItemOut]:
    """The decisions and actions an event agreed, with each action's owner unit, due date and
    status."""
    event, _access = _event(request, slug, event_id)
    return [
        EventActionItemOut(
            id=i.pk,
            kind=i.kind,
            text=i.text,
            owner_unit=i.owner_unit_id,
            due_on=i.due_on,
            status=i.status,
        )
        for i in selectors.action_items_of(event)
    ]


@router.get(
    "/bodies/{slug}/events-measures",
    response=answers({200: EventMeasuresOut}, 400, 401, 403, 404, 422),
)
def event_measures(
    request: AuthedRequest, slug: str, start: dt.date | None = None, end: dt.date | None = None
) -> EventMeasuresOut:
    """People trained and knowledge gain over the trainings that ended between two days, both
    included (this year up to today when absent), for the secretariat, leaders, analysts and
    administrators: what plans computes its indicators from."""
    body = load_body(request, slug)
    today = timezone.localdate()
    start = start or today.replace(month=1, day=1)
    end = end or today
    policy.require(bool(policy.roles_in(request.user, body) & policy.READER_ROLES))
    if end < start:
        raise LintasError("The end is before the start.", field="end")
    gain = selectors.knowledge_gain(body, start, end)
    return EventMeasuresOut(
        start=start,
        end=end,
        people_trained=selectors.people_trained(body, start, end),
        knowledge_gain=KnowledgeGainOut(
            participants=gain.participants,
            pre_mean=gain.pre_mean,
            post_mean=gain.post_mean,
            gain_mean=gain.gain_mean,
        ),
    )
