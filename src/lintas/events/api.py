"""Events through /api/v1/: the events of a body and their agenda, creating an event and its
sessions and contributions, delegates and nominations, badges, check-in (a badge scanned by a
script or a scanner), attendance, materials under their labels, surveys and their answers,
certificates, action items, and the measures plans reads (people trained, knowledge gain). The
same policy, services and selectors as the pages."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from typing import Any

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema

from lintas.core.downloads import attachment
from lintas.core.errors import LintasError
from lintas.events import calendar, documents, policy, selectors, services
from lintas.events.models import (
    ActionItem,
    Certificate,
    Contribution,
    Delegate,
    Event,
    Invitation,
    Material,
    Responder,
    Room,
    Session,
    Survey,
)
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


class EventUpdateIn(Schema):
    """The whole event as it should be (what the event's form holds); its rooms are added with
    ``POST …/rooms``."""

    kind: str
    title: str
    starts_on: dt.date
    ends_on: dt.date
    venue: str = ""
    time_zone: str = ""
    languages: list[str] = ["en"]
    organisers: list[int] = []
    description: str = ""
    tlp: str = "green"
    chatham_house: bool = False
    certificate_min_sessions: int | None = None
    certificate_all_mandatory: bool = False


class EventCreateIn(EventUpdateIn):
    """A new event: what its form holds, with the names of its rooms."""

    rooms: list[str] = []


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
    sessions = [_session_out(s) for s in selectors.sessions_of(event)]
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


# --- the agenda's contributions -------------------------------------------------------------


class EventContributionIn(Schema):
    session: int
    title: str
    presenters: list[int] = []


@router.post(
    "/bodies/{slug}/events/{event_id}/contributions",
    response=answers({201: EventContributionOut}, *WRITE),
)
def add_contribution(
    request: AuthedRequest, slug: str, event_id: int, payload: EventContributionIn
) -> tuple[int, EventContributionOut]:
    """Add a contribution at the end of a session, with its presenters (delegates of the
    event; the organisers)."""
    event, access = _event(request, slug, event_id)
    policy.require(access.organises)
    session = Session.objects.filter(event=event, pk=payload.session).first()
    if session is None:
        raise LintasError("Unknown session.", field="session")
    presenters = list(Delegate.objects.filter(event=event, pk__in=payload.presenters))
    if len(presenters) != len(set(payload.presenters)):
        raise LintasError("Unknown presenter.", field="presenters")
    c = services.add_contribution(
        session=session, by=request.user, title=payload.title, presenters=presenters
    )
    return 201, EventContributionOut(
        id=c.pk, title=c.title, position=c.position, presenters=[_person(p) for p in presenters]
    )


# --- badges ---------------------------------------------------------------------------------


@router.get(
    "/bodies/{slug}/events/{event_id}/delegates/{delegate_id}/badge",
    response=answers({200: None}, 400, 401, 404),
)
def badge(request: AuthedRequest, slug: str, event_id: int, delegate_id: int) -> HttpResponse:
    """An approved delegate's badge, a PDF of one A6 page (the organisers, the delegate, and
    those who nominate for the delegate's unit). A delegate not approved yet has none (400)."""
    event, access = _event(request, slug, event_id)
    delegate = get_object_or_404(Delegate, event=event, pk=delegate_id)
    policy.hide(access.sees_delegate(delegate))
    if delegate.status != Delegate.Status.APPROVED:
        raise LintasError("A badge is made once the delegate is approved.", field="delegate")
    delegate.event = event
    content = documents.badges_pdf(event, [delegate])
    return attachment(content, f"badge-{delegate.pk}.pdf", "application/pdf")


# --- materials ------------------------------------------------------------------------------


class EventMaterialOut(Schema):
    """A material as the caller sees it: ``readable`` says whether the caller may download it
    (see docs/events.md: RED only for those present in its session, its presenters and the
    person who uploaded it)."""

    id: int
    contribution: int
    session: int
    title: str
    name: str
    content_type: str
    size: int
    sha256: str
    tlp: str
    chatham_house: bool
    readable: bool


class EventMaterialIn(Schema):
    title: str = ""
    name: str
    content_type: str = "application/octet-stream"
    content_base64: str
    tlp: str = ""
    chatham_house: bool = False


def _material_out(m: Material, readable: bool) -> EventMaterialOut:
    return EventMaterialOut(
        id=m.pk,
        contribution=m.contribution_id,
        session=m.contribution.session_id,
        title=m.title,
        name=m.name,
        content_type=m.content_type,
        size=m.size,
        sha256=m.sha256,
        tlp=m.tlp,
        chatham_house=m.chatham_house,
        readable=readable,
    )


@router.get(
    "/bodies/{slug}/events/{event_id}/materials",
    response=answers({200: list[EventMaterialOut]}, *READ),
)
def list_materials(request: AuthedRequest, slug: str, event_id: int) -> list[EventMaterialOut]:
    """The materials of an event's sessions, each saying whether the caller may download it
    (who sees the event sees that a material exists, as on the session's page)."""
    event, access = _event(request, slug, event_id)
    rows = (
        Material.objects.filter(contribution__session__event=event)
        .select_related("contribution__session")
        .defer("content")
        .order_by("contribution__session__starts_at", "contribution__position", "title", "pk")
    )
    out = []
    for m in rows:
        session = m.contribution.session
        out.append(_material_out(m, access.may_read_material(m, session.tlp, session.pk)))
    return out


@router.get(
    "/bodies/{slug}/events/{event_id}/materials/{material_id}",
    response=answers({200: None}, *READ),
)
def download_material(
    request: AuthedRequest, slug: str, event_id: int, material_id: int
) -> HttpResponse:
    """The material's file, under the same rules as the pages (404 to whoever may not read
    it); every download is written in the audit log."""
    event, _access = _event(request, slug, event_id)
    material = get_object_or_404(
        Material.objects.select_related("contribution__session"),
        contribution__session__event=event,
        pk=material_id,
    )
    services.record_download(material=material, by=request.user)
    return attachment(bytes(material.content), material.name, material.content_type)


@router.post(
    "/bodies/{slug}/events/{event_id}/contributions/{contribution_id}/materials",
    response=answers({201: EventMaterialOut}, *WRITE),
)
def upload_material(
    request: AuthedRequest,
    slug: str,
    event_id: int,
    contribution_id: int,
    payload: EventMaterialIn,
) -> tuple[int, EventMaterialOut]:
    """Add a material to a contribution (the organisers and the session's presenters): the
    file in ``content_base64``, at most 20 MB; its label never looser than its session's."""
    event, _access = _event(request, slug, event_id)
    contribution = get_object_or_404(
        Contribution.objects.select_related("session"), session__event=event, pk=contribution_id
    )
    try:
        content = base64.b64decode(payload.content_base64, validate=True)
    except (binascii.Error, ValueError):
        raise LintasError("content_base64 is not base64.", field="content_base64") from None
    m = services.add_material(
        contribution=contribution,
        by=request.user,
        title=payload.title,
        name=payload.name,
        content=content,
        content_type=payload.content_type,
        tlp=payload.tlp,
        chatham_house=payload.chatham_house,
    )
    return 201, _material_out(m, True)


# --- surveys --------------------------------------------------------------------------------


class EventQuestionOut(Schema):
    id: int
    kind: str
    text: str
    choices: list[str]


class EventSurveyOut(Schema):
    id: int
    kind: str
    title: str
    session: int | None
    anonymous: bool
    answered: bool
    questions: list[EventQuestionOut]


class EventAnswersIn(Schema):
    """Answers by question id: a rating 1 to 5, a comment, or a choice's index."""

    answers: dict[str, Any]


class EventAnswersOut(Schema):
    survey: int
    score: float | None


@router.get(
    "/bodies/{slug}/events/{event_id}/surveys",
    response=answers({200: list[EventSurveyOut]}, *READ),
)
def list_surveys(request: AuthedRequest, slug: str, event_id: int) -> list[EventSurveyOut]:
    """The event's surveys and tests with their questions (never the right answers), and
    whether the caller has answered each."""
    event, access = _event(request, slug, event_id)
    answered: set[int] = set()
    if access.delegate is not None:
        answered = set(
            Responder.objects.filter(delegate=access.delegate).values_list("survey_id", flat=True)
        )
    return [
        EventSurveyOut(
            id=s.pk,
            kind=s.kind,
            title=s.title,
            session=s.session_id,
            anonymous=s.anonymous,
            answered=s.pk in answered,
            questions=[
                EventQuestionOut(id=q.pk, kind=q.kind, text=q.text, choices=list(q.choices))
                for q in s.questions.all()
            ],
        )
        for s in event.surveys.prefetch_related("questions").order_by("pk")
    ]


@router.post(
    "/bodies/{slug}/events/{event_id}/surveys/{survey_id}/answers",
    response=answers({201: EventAnswersOut}, *WRITE),
)
def answer_survey(
    request: AuthedRequest, slug: str, event_id: int, survey_id: int, payload: EventAnswersIn
) -> tuple[int, EventAnswersOut]:
    """An approved delegate answers a survey or a test, once."""
    event, _access = _event(request, slug, event_id)
    survey = get_object_or_404(
        Survey.objects.prefetch_related("questions"), event=event, pk=survey_id
    )
    response = services.answer_survey(survey=survey, by=request.user, answers=payload.answers)
    return 201, EventAnswersOut(survey=survey.pk, score=response.score)


# --- certificates ---------------------------------------------------------------------------


class EventCertificateOut(Schema):
    """An approved delegate against the certificate rule: ``reason`` says why the rule is not
    met (empty when it is); ``code`` and ``verify_url`` once a certificate is issued."""

    delegate: EventPersonOut
    reason: str
    code: str | None
    verify_url: str | None
    issued_at: dt.datetime | None


class EventIssuedOut(Schema):
    issued: int
    refused: int


def _certificate_out(d: Delegate, cert: Certificate | None) -> EventCertificateOut:
    return EventCertificateOut(
        delegate=_person(d),
        reason=services.standing(d).reason,
        code=cert.code if cert else None,
        verify_url=documents.verify_url(cert) if cert else None,
        issued_at=cert.issued_at if cert else None,
    )


@router.get(
    "/bodies/{slug}/events/{event_id}/certificates",
    response=answers({200: list[EventCertificateOut]}, *READ),
)
def list_certificates(
    request: AuthedRequest, slug: str, event_id: int
) -> list[EventCertificateOut]:
    """The organisers see every approved delegate; a delegate their own row; others none."""
    event, access = _event(request, slug, event_id)
    if access.organises:
        rows = list(selectors.delegates_of(event).filter(status=Delegate.Status.APPROVED))
    else:
        rows = [access.delegate] if access.approved and access.delegate else []
    certs = {c.delegate_id: c for c in Certificate.objects.filter(delegate__in=rows)}
    for d in rows:
        d.event = event
    return [_certificate_out(d, certs.get(d.pk)) for d in rows]


@router.post(
    "/bodies/{slug}/events/{event_id}/certificates",
    response=answers({200: EventIssuedOut}, *WRITE),
)
def issue_certificates(request: AuthedRequest, slug: str, event_id: int) -> EventIssuedOut:
    """Issue a certificate to every approved delegate who meets the rule (the organisers)."""
    event, access = _event(request, slug, event_id)
    policy.require(access.organises)
    issued, refused = services.issue_certificates(event=event, by=request.user)
    return EventIssuedOut(issued=issued, refused=refused)


@router.post(
    "/bodies/{slug}/events/{event_id}/delegates/{delegate_id}/certificate",
    response=answers({201: EventCertificateOut}, *WRITE),
)
def issue_certificate(
    request: AuthedRequest, slug: str, event_id: int, delegate_id: int
) -> tuple[int, EventCertificateOut]:
    """Issue one delegate's certificate (the organisers, or the delegate asking for their
    own); refused with the reason when the rule is not met."""
    event, access = _event(request, slug, event_id)
    delegate = get_object_or_404(Delegate, event=event, pk=delegate_id)
    own = access.delegate is not None and access.delegate.pk == delegate.pk
    policy.hide(access.sees_delegate(delegate))
    policy.require(access.organises or own)
    delegate.event = event
    cert = services.issue_certificate(delegate=delegate, by=request.user)
    return 201, _certificate_out(delegate, cert)


# --- editing the event and its agenda ----------------------------------------------------


class EventRoomIn(Schema):
    name: str


class EventRoomOut(Schema):
    id: int
    name: str


class EventSessionMoveIn(Schema):
    """Where a session goes: a day, a start (its own when absent) and a room (by name; absent
    with ``keep_room`` to keep it, absent without it for no room, everyone)."""

    day: dt.date
    starts: dt.time | None = None
    room: str | None = None
    keep_room: bool = True


class EventContributionMoveIn(Schema):
    """A place in a session (0 is first): in its own session, or in ``session`` of the same
    event."""

    position: int
    session: int | None = None


def _session_out(s: Session) -> EventSessionOut:
    return EventSessionOut(
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


def _room_named(event: Event, name: str) -> Room:
    room = event.rooms.filter(name=name).first()
    if room is None:
        raise LintasError("Unknown room.", field="room")
    return room


@router.put("/bodies/{slug}/events/{event_id}", response=answers({200: EventSummaryOut}, *WRITE))
def update_event(request: AuthedRequest, slug: str, event_id: int, payload: EventUpdateIn) -> Event:
    """Change the event (the organisers): its days may not leave a session outside them."""
    event, access = _event(request, slug, event_id)
    policy.require(access.organises)
    data = payload.dict()
    organisers = _units(event.body, data.pop("organisers"), "organisers")
    data["time_zone"] = data["time_zone"] or event.time_zone
    return services.update_event(event=event, by=request.user, organisers=organisers, **data)


@router.post(
    "/bodies/{slug}/events/{event_id}/rooms", response=answers({201: EventRoomOut}, *WRITE)
)
def add_room(
    request: AuthedRequest, slug: str, event_id: int, payload: EventRoomIn
) -> tuple[int, EventRoomOut]:
    """Add a room (the organisers)."""
    event, access = _event(request, slug, event_id)
    policy.require(access.organises)
    room = services.add_room(event=event, by=request.user, name=payload.name)
    return 201, EventRoomOut(id=room.pk, name=room.name)


@router.post(
    "/bodies/{slug}/events/{event_id}/sessions/{session_id}/move",
    response=answers({200: EventSessionOut}, *WRITE),
)
def move_session(
    request: AuthedRequest, slug: str, event_id: int, session_id: int, payload: EventSessionMoveIn
) -> EventSessionOut:
    """Move a session to another day, time or room (the organisers); it keeps its length and is
    refused where it would overlap another in its room or put a presenter in two places."""
    event, access = _event(request, slug, event_id)
    policy.require(access.organises)
    session = get_object_or_404(Session, event=event, pk=session_id)
    room = _room_named(event, payload.room) if payload.room else None
    moved = services.move_session(
        session=session,
        by=request.user,
        day=payload.day,
        starts=payload.starts,
        room=room,
        keep_room=payload.keep_room and room is None,
    )
    return _session_out(moved)


@router.post(
    "/bodies/{slug}/events/{event_id}/sessions/{session_id}/remove",
    response=answers({204: None}, *WRITE),
)
def remove_session(
    request: AuthedRequest, slug: str, event_id: int, session_id: int
) -> tuple[int, None]:
    """Take a session off the agenda (the organisers); refused once people checked in to it."""
    event, access = _event(request, slug, event_id)
    policy.require(access.organises)
    session = get_object_or_404(Session, event=event, pk=session_id)
    services.delete_session(session=session, by=request.user)
    return 204, None


@router.post(
    "/bodies/{slug}/events/{event_id}/contributions/{contribution_id}/move",
    response=answers({200: EventContributionOut}, *WRITE),
)
def move_contribution(
    request: AuthedRequest,
    slug: str,
    event_id: int,
    contribution_id: int,
    payload: EventContributionMoveIn,
) -> EventContributionOut:
    """Put a contribution at a place in its session or another session of the event (the
    organisers); the others close up behind it."""
    event, access = _event(request, slug, event_id)
    policy.require(access.organises)
    contribution = get_object_or_404(Contribution, session__event=event, pk=contribution_id)
    target = None
    if payload.session is not None:
        target = Session.objects.filter(event=event, pk=payload.session).first()
        if target is None:
            raise LintasError("Unknown session.", field="session")
    moved = services.move_contribution(
        contribution=contribution, by=request.user, position=payload.position, session=target
    )
    return EventContributionOut(
        id=moved.pk,
        title=moved.title,
        position=moved.position,
        presenters=[_person(p) for p in moved.presenters.all()],
    )


# --- what else the pages do: invitations, decisions on nominations, registration, visa
# letters, new surveys and their reminders ------------------------------------------------------


class EventInvitationIn(Schema):
    unit: int
    quota: int


class EventInvitationOut(Schema):
    """Read from an ``Invitation``."""

    unit: int = Field(validation_alias="unit_id")
    quota: int


class EventDecisionIn(Schema):
    approve: bool


class EventRegistrationIn(Schema):
    """The registration form; what is not sent stays as it is."""

    position: str | None = None
    organisation: str | None = None
    language: str | None = None
    languages: list[str] | None = None
    dietary_needs: str | None = None
    accessibility_needs: str | None = None
    needs_visa_letter: bool | None = None
    nationality: str | None = None
    passport_number: str | None = None
    travel_support: bool | None = None


class EventRegistrationOut(Schema):
    """Read from a ``Delegate``: the registration as it now stands."""

    id: int
    position: str
    organisation: str
    language: str
    languages: list[str]
    dietary_needs: str
    accessibility_needs: str
    needs_visa_letter: bool
    nationality: str
    travel_support: bool


class EventQuestionIn(Schema):
    kind: str
    text: str
    choices: list[str] = []
    correct: int | None = None


class EventSurveyIn(Schema):
    kind: str
    title: str
    questions: list[EventQuestionIn]
    session: int | None = None
    anonymous: bool = False


class EventSurveyMadeOut(Schema):
    """Read from a ``Survey``."""

    id: int
    kind: str
    title: str
    session: int | None = Field(validation_alias="session_id")
    anonymous: bool


class EventRemindedOut(Schema):
    told: int


def _seen_delegate(
    request: AuthedRequest, slug: str, event_id: int, delegate_id: int
) -> tuple[Event, policy.EventAccess, Delegate]:
    event, access = _event(request, slug, event_id)
    delegate = get_object_or_404(
        Delegate.objects.select_related("unit"), event=event, pk=delegate_id
    )
    policy.hide(access.sees_delegate(delegate))
    delegate.event = event
    return event, access, delegate


@router.post(
    "/bodies/{slug}/events/{event_id}/invitations",
    response=answers({201: EventInvitationOut}, *WRITE),
)
def invite_unit(
    request: AuthedRequest, slug: str, event_id: int, payload: EventInvitationIn
) -> tuple[int, Invitation]:
    """Invite a unit of the body with the number of delegates it may nominate, or change its
    quota (the organisers)."""
    event, _access = _event(request, slug, event_id)
    unit = _units(event.body, [payload.unit], "unit")[0]
    invitation = services.invite_unit(event=event, by=request.user, unit=unit, quota=payload.quota)
    return 201, invitation


@router.post(
    "/bodies/{slug}/events/{event_id}/delegates/{delegate_id}/decision",
    response=answers({200: EventDelegateOut}, *WRITE),
)
def decide_nomination(
    request: AuthedRequest, slug: str, event_id: int, delegate_id: int, payload: EventDecisionIn
) -> EventDelegateOut:
    """Approve or decline a nomination (the organisers)."""
    _e, _access, delegate = _seen_delegate(request, slug, event_id, delegate_id)
    delegate = services.decide_nomination(
        delegate=delegate, by=request.user, approve=payload.approve
    )
    return _delegate_out(delegate, full=True)


@router.get(
    "/bodies/{slug}/events/{event_id}/delegates/{delegate_id}/registration",
    response=answers({200: EventRegistrationOut}, *READ),
)
def registration(request: AuthedRequest, slug: str, event_id: int, delegate_id: int) -> Delegate:
    """A delegate's registration (the delegate, their unit's focal point, the organisers)."""
    return _seen_delegate(request, slug, event_id, delegate_id)[2]


@router.put(
    "/bodies/{slug}/events/{event_id}/delegates/{delegate_id}/registration",
    response=answers({200: EventRegistrationOut}, *WRITE),
)
def update_registration(
    request: AuthedRequest,
    slug: str,
    event_id: int,
    delegate_id: int,
    payload: EventRegistrationIn,
) -> Delegate:
    """Fill in or change the registration form; the passport number is written, never read
    back."""
    _e, _access, delegate = _seen_delegate(request, slug, event_id, delegate_id)
    values = payload.dict(exclude_none=True)
    return services.update_registration(delegate=delegate, by=request.user, **values)


@router.get(
    "/bodies/{slug}/events/{event_id}/delegates/{delegate_id}/visa-letter",
    response=answers({200: None}, 400, 401, 404),
)
def visa_letter(request: AuthedRequest, slug: str, event_id: int, delegate_id: int) -> HttpResponse:
    """An approved delegate's visa invitation letter as PDF, when they asked for one."""
    event, _access, delegate = _seen_delegate(request, slug, event_id, delegate_id)
    if delegate.status != Delegate.Status.APPROVED or not delegate.needs_visa_letter:
        raise LintasError(
            "A visa letter is made for an approved delegate who asked for one.", field="delegate"
        )
    content = documents.visa_letter_pdf(delegate, signed_by=event.body.name)
    return attachment(content, f"visa-letter-{delegate.pk}.pdf", "application/pdf")


@router.post(
    "/bodies/{slug}/events/{event_id}/surveys",
    response=answers({201: EventSurveyMadeOut}, *WRITE),
)
def create_survey(
    request: AuthedRequest, slug: str, event_id: int, payload: EventSurveyIn
) -> tuple[int, Survey]:
    """A feedback survey, or a pre- or post-test with the right answer of each question (the
    organisers)."""
    event, _access = _event(request, slug, event_id)
    session = (
        get_object_or_404(Session, event=event, pk=payload.session) if payload.session else None
    )
    survey = services.create_survey(
        event=event,
        by=request.user,
        kind=payload.kind,
        title=payload.title,
        questions=[q.dict(exclude_none=True) for q in payload.questions],
        session=session,
        anonymous=payload.anonymous,
    )
    return 201, survey


@router.post(
    "/bodies/{slug}/events/{event_id}/surveys/{survey_id}/reminders",
    response=answers({200: EventRemindedOut}, *WRITE),
)
def remind_survey(
    request: AuthedRequest, slug: str, event_id: int, survey_id: int
) -> EventRemindedOut:
    """Tell the approved delegates who have not answered (the organisers)."""
    event, _access = _event(request, slug, event_id)
    survey = get_object_or_404(Survey, event=event, pk=survey_id)
    return EventRemindedOut(told=services.remind_non_responders(survey=survey, by=request.user))


class EventActionItemIn(Schema):
    text: str
    kind: str = "action"
    owner_unit: int | None = None
    due_on: dt.date | None = None


class EventActionStatusIn(Schema):
    status: str
    note: str = ""


def _action_item_out(i: ActionItem) -> EventActionItemOut:
    return EventActionItemOut(
        id=i.pk,
        kind=i.kind,
        text=i.text,
        owner_unit=i.owner_unit_id,
        due_on=i.due_on,
        status=i.status,
    )


@router.post(
    "/bodies/{slug}/events/{event_id}/action-items",
    response=answers({201: EventActionItemOut}, *WRITE),
)
def record_action_item(
    request: AuthedRequest, slug: str, event_id: int, payload: EventActionItemIn
) -> tuple[int, EventActionItemOut]:
    """A decision, or an action with its owner unit and due date (the organisers)."""
    event, _access = _event(request, slug, event_id)
    owner = (
        _units(event.body, [payload.owner_unit], "owner_unit")[0] if payload.owner_unit else None
    )
    item = services.record_action_item(
        event=event,
        by=request.user,
        text_=payload.text,
        kind=payload.kind,
        owner_unit=owner,
        due_on=payload.due_on,
    )
    return 201, _action_item_out(item)


@router.post(
    "/bodies/{slug}/events/{event_id}/action-items/{item_id}/status",
    response=answers({200: EventActionItemOut}, *WRITE),
)
def move_action_item(
    request: AuthedRequest, slug: str, event_id: int, item_id: int, payload: EventActionStatusIn
) -> EventActionItemOut:
    """Move an action on, with a note (its owner unit's focal point, or the organisers)."""
    event, _access = _event(request, slug, event_id)
    item = get_object_or_404(ActionItem, event=event, pk=item_id)
    item.event = event
    item = services.update_action_item(
        item=item, by=request.user, status=payload.status, note=payload.note
    )
    return _action_item_out(item)


class EventGuestIn(Schema):
    full_name: str
    role: str = "expert"
    email: str = ""
    unit: int | None = None


@router.post(
    "/bodies/{slug}/events/{event_id}/guests",
    response=answers({201: EventDelegateOut}, *WRITE),
)
def add_guest(
    request: AuthedRequest, slug: str, event_id: int, payload: EventGuestIn
) -> tuple[int, EventDelegateOut]:
    """Someone outside the quotas, approved at once: an outside expert, the organisers' own
    staff, an observer (the organisers)."""
    event, _access = _event(request, slug, event_id)
    unit = _units(event.body, [payload.unit], "unit")[0] if payload.unit else None
    d = services.add_delegate(
        event=event,
        by=request.user,
        full_name=payload.full_name,
        role=payload.role,
        email=payload.email,
        unit=unit,
    )
    return 201, _delegate_out(d, full=True)


# --- the event's files: the agenda as PDF and iCalendar, every badge, a certificate -----------


@router.get("/bodies/{slug}/events/{event_id}/agenda.pdf", response=answers({200: None}, *READ))
def agenda_pdf(request: AuthedRequest, slug: str, event_id: int) -> HttpResponse:
    """The agenda as PDF, day by day (who sees the event)."""
    event, _access = _event(request, slug, event_id)
    content = documents.agenda_pdf(event, selectors.agenda(event))
    return attachment(content, f"agenda-{event.pk}.pdf", "application/pdf")


@router.get("/bodies/{slug}/events/{event_id}/agenda.ics", response=answers({200: None}, *READ))
def agenda_ics(request: AuthedRequest, slug: str, event_id: int) -> HttpResponse:
    """The agenda as an iCalendar file, a calendar event per session (who sees the event)."""
    event, _access = _event(request, slug, event_id)
    content = calendar.agenda_ics(event, selectors.sessions_of(event))
    return attachment(content, f"agenda-{event.pk}.ics", "text/calendar; charset=utf-8")


@router.get("/bodies/{slug}/events/{event_id}/badges", response=answers({200: None}, 401, 403, 404))
def badges(request: AuthedRequest, slug: str, event_id: int) -> HttpResponse:
    """Every approved delegate's badge, an A6 page each (the organisers)."""
    event, access = _event(request, slug, event_id)
    policy.require(access.organises)
    rows = selectors.delegates_of(event).filter(status=Delegate.Status.APPROVED)
    return attachment(
        documents.badges_pdf(event, rows), f"badges-{event.pk}.pdf", "application/pdf"
    )


@router.get(
    "/bodies/{slug}/events/{event_id}/delegates/{delegate_id}/certificate.pdf",
    response=answers({200: None}, *READ),
)
def certificate_pdf(
    request: AuthedRequest, slug: str, event_id: int, delegate_id: int
) -> HttpResponse:
    """An issued certificate as PDF, with its verification QR code (the organisers, and the
    delegate their own)."""
    event, access = _event(request, slug, event_id)
    certificate = get_object_or_404(
        Certificate.objects.select_related("delegate__event__body"),
        delegate__event=event,
        delegate_id=delegate_id,
    )
    policy.hide(access.organises or certificate.delegate.user_id == request.user.pk)
    return attachment(
        documents.certificate_pdf(certificate),
        f"certificate-{certificate.code}.pdf",
        "application/pdf",
    )
