"""The events of a body, an event's agenda (a page that reads well on a phone, a PDF, an
iCalendar file), a session, and the secretariat's agenda editor."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lintas.core.downloads import attachment
from lintas.core.errors import LintasError
from lintas.core.tlp import TLP
from lintas.events import calendar, documents, policy, selectors, services
from lintas.events.forms import ContributionForm, EventForm, RoomForm, SessionForm
from lintas.events.models import Contribution, Delegate, Event, Session
from lintas.events.views.common import form_error, load_event, private
from lintas.members.bodyctx import load_body
from lintas.members.http import AuthedRequest


@login_required
def event_list(request: AuthedRequest, slug: str) -> HttpResponse:
    body = load_body(request, slug)
    events = selectors.events_list(policy.visible_events(request.user, body))
    return private(
        render(
            request,
            "events/list.html",
            {
                "body": body,
                "events": events,
                "can_create": policy.can_create_event(request.user, body),
            },
        )
    )


def _event_kwargs(form: EventForm) -> dict[str, object]:
    data = form.cleaned_data
    return {
        "kind": data["kind"],
        "title": data["title"],
        "starts_on": data["starts_on"],
        "ends_on": data["ends_on"],
        "venue": data["venue"],
        "time_zone": data["time_zone"],
        "languages": data["languages"],
        "organisers": list(data["organisers"]),
        "tlp": data["tlp"],
        "chatham_house": data["chatham_house"],
        "certificate_min_sessions": data["certificate_min_sessions"] or None,
        "certificate_all_mandatory": data["certificate_all_mandatory"],
        "description": data["description"],
    }


@login_required
def event_create(request: AuthedRequest, slug: str) -> HttpResponse:
    body = load_body(request, slug)
    policy.require(policy.can_create_event(request.user, body))
    form = EventForm(
        request.POST or None,
        body=body,
        initial={"time_zone": body.time_zone, "languages": body.languages or ["en"]},
    )
    if request.method == "POST" and form.is_valid():
        rooms = [r.strip() for r in form.cleaned_data["rooms"].splitlines() if r.strip()]
        try:
            event = services.create_event(
                body=body,
                by=request.user,
                rooms=rooms,
                **_event_kwargs(form),  # type: ignore[arg-type]
            )
        except LintasError as exc:
            form_error(form, exc)
        else:
            flash.success(request, _("The event is created: build its agenda."))
            return redirect("events:editor", slug=body.slug, event_id=event.pk)
    return render(request, "events/event_form.html", {"body": body, "form": form})


@login_required
def event_edit(request: AuthedRequest, slug: str, event_id: int) -> HttpResponse:
    event, access = load_event(request, slug, event_id)
    policy.require(access.organises)
    initial = {
        "kind": event.kind,
        "title": event.title,
        "starts_on": event.starts_on,
        "ends_on": event.ends_on,
        "venue": event.venue,
        "time_zone": event.time_zone,
        "languages": event.languages,
        "organisers": list(event.organisers.all()),
        "tlp": event.tlp,
        "chatham_house": event.chatham_house,
        "certificate_min_sessions": event.certificate_min_sessions,
        "certificate_all_mandatory": event.certificate_all_mandatory,
        "description": event.description,
    }
    form = EventForm(request.POST or None, body=event.body, initial=initial)
    form.fields.pop("rooms")
    if request.method == "POST" and form.is_valid():
        try:
            services.update_event(event=event, by=request.user, **_event_kwargs(form))  # type: ignore[arg-type]
        except LintasError as exc:
            form_error(form, exc)
        else:
            flash.success(request, _("Saved."))
            return redirect("events:detail", slug=event.body.slug, event_id=event.pk)
    return render(
        request, "events/event_form.html", {"body": event.body, "event": event, "form": form}
    )


@login_required
def event_detail(request: AuthedRequest, slug: str, event_id: int) -> HttpResponse:
    """The agenda as a page: days, sessions in time order, rooms side by side on a wide
    screen and one after another on a phone."""
    event, access = load_event(request, slug, event_id)
    return private(
        render(
            request,
            "events/detail.html",
            {
                "body": event.body,
                "event": event,
                "access": access,
                "days": selectors.agenda(event),
                "organisers": list(event.organisers.all()),
            },
        )
    )


@login_required
def session_detail(
    request: AuthedRequest, slug: str, event_id: int, session_id: int
) -> HttpResponse:
    event, access = load_event(request, slug, event_id)
    session = get_object_or_404(selectors.sessions_of(event), pk=session_id)
    present = list(selectors.present_at(session)) if access.organises else []
    materials = [
        (c, [(m, access.may_read_material(m, session.tlp, session.pk)) for m in c.materials.all()])
        for c in session.contributions.all()
    ]
    return private(
        render(
            request,
            "events/session.html",
            {
                "body": event.body,
                "event": event,
                "session": session,
                "access": access,
                "present": present,
                "materials": materials,
                "tlp_choices": TLP.choices,
            },
        )
    )


def _day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _time(value: str) -> dt.time | None:
    try:
        return dt.time.fromisoformat(value) if value else None
    except ValueError:
        return None


@login_required
def agenda_editor(request: AuthedRequest, slug: str, event_id: int) -> HttpResponse:
    """The secretariat's editor: add rooms, sessions and contributions; move a session to
    another day, time or room; put a contribution in its place (buttons, keys or drag)."""
    event, access = load_event(request, slug, event_id)
    policy.require(access.organises)
    action = request.POST.get("action", "")
    # Three forms on one page: each its own ids, so that every label names its own field.
    session_form = SessionForm(
        request.POST if action == "session" else None, event=event, auto_id="session-%s"
    )
    contribution_form = ContributionForm(
        request.POST if action == "contribution" else None, event=event, auto_id="contrib-%s"
    )
    room_form = RoomForm(request.POST if action == "room" else None, auto_id="room-%s")
    error = ""
    if request.method == "POST":
        try:
            if action == "session" and session_form.is_valid():
                d = session_form.cleaned_data
                services.add_session(
                    event=event,
                    by=request.user,
                    title=d["title"],
                    kind=d["kind"],
                    day=d["day"],
                    starts=d["starts"],
                    ends=d["ends"],
                    room=d["room"],
                    tlp=d["tlp"],
                    chatham_house=d["chatham_house"],
                    mandatory=d["mandatory"],
                    chairs=list(d["chairs"]),
                )
            elif action == "contribution" and contribution_form.is_valid():
                d = contribution_form.cleaned_data
                services.add_contribution(
                    session=d["session"],
                    by=request.user,
                    title=d["title"],
                    presenters=list(d["presenters"]),
                )
            elif action == "room" and room_form.is_valid():
                services.add_room(event=event, by=request.user, name=room_form.cleaned_data["name"])
            elif action == "move-session":
                session = get_object_or_404(Session, event=event, pk=request.POST.get("session"))
                day = _day(request.POST.get("day", ""))
                if day is None:
                    raise LintasError(_("Choose a day."), field="day")
                room_id = request.POST.get("room", "")
                room = event.rooms.filter(pk=room_id).first() if room_id.isdigit() else None
                services.move_session(
                    session=session,
                    by=request.user,
                    day=day,
                    starts=_time(request.POST.get("starts", "")),
                    room=room,
                    keep_room=room_id == "keep",
                )
            elif action == "move-contribution":
                contribution = get_object_or_404(
                    Contribution, session__event=event, pk=request.POST.get("contribution")
                )
                target_id = request.POST.get("session", "")
                target = (
                    get_object_or_404(Session, event=event, pk=target_id)
                    if target_id.isdigit()
                    else None
                )
                position = request.POST.get("position", "")
                services.move_contribution(
                    contribution=contribution,
                    by=request.user,
                    session=target,
                    position=int(position) if position.lstrip("-").isdigit() else 0,
                )
            elif action == "delete-session":
                session = get_object_or_404(Session, event=event, pk=request.POST.get("session"))
                services.delete_session(session=session, by=request.user)
            else:
                raise LintasError(_("Check the form below."), field="form")
        except LintasError as exc:
            error = exc.message
            for form in (session_form, contribution_form, room_form):
                if form.is_bound:
                    form_error(form, exc)
        else:
            if request.headers.get("X-Requested-With") == "fetch":
                return HttpResponse(status=204)
            flash.success(request, _("The agenda is saved."))
            return redirect("events:editor", slug=event.body.slug, event_id=event.pk)
        if request.headers.get("X-Requested-With") == "fetch":
            return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    days = selectors.agenda(event)
    return private(
        render(
            request,
            "events/editor.html",
            {
                "body": event.body,
                "event": event,
                "access": access,
                "days": days,
                "rooms": list(event.rooms.all()),
                "session_form": session_form,
                "contribution_form": contribution_form,
                "room_form": room_form,
                "error": error,
            },
            status=400 if error else 200,
        )
    )


@login_required
def agenda_pdf(request: AuthedRequest, slug: str, event_id: int) -> HttpResponse:
    event, _access = load_event(request, slug, event_id)
    content = documents.agenda_pdf(event, selectors.agenda(event))
    return attachment(content, f"agenda-{event.pk}.pdf", "application/pdf")


@login_required
def agenda_ics(request: AuthedRequest, slug: str, event_id: int) -> HttpResponse:
    event, _access = load_event(request, slug, event_id)
    content = calendar.agenda_ics(event, selectors.sessions_of(event))
    return attachment(content, f"agenda-{event.pk}.ics", "text/calendar; charset=utf-8")


@login_required
def my_ics(request: AuthedRequest, slug: str, event_id: int) -> HttpResponse:
    """A person's own calendar: the sessions they present in or chair, and every plenary and
    break (sessions in parallel rooms are theirs to choose)."""
    event, access = load_event(request, slug, event_id)
    delegate: Delegate | None = access.delegate
    sessions = selectors.sessions_of(event)
    if delegate is None:
        mine = [s for s in sessions if s.kind != Session.Kind.SESSION]
    else:
        presents = access.presents
        chairs = set(Session.objects.filter(chairs=delegate).values_list("pk", flat=True))
        mine = [
            s
            for s in sessions
            if s.kind != Session.Kind.SESSION or s.pk in presents or s.pk in chairs
        ]
    name = _("%(event)s: my agenda") % {"event": event.title}
    return attachment(
        calendar.agenda_ics(event, mine, name=name),
        f"my-agenda-{event.pk}.ics",
        "text/calendar; charset=utf-8",
    )


__all__ = [
    "Event",
    "agenda_editor",
    "agenda_ics",
    "agenda_pdf",
    "event_create",
    "event_detail",
    "event_edit",
    "event_list",
    "my_ics",
    "session_detail",
]
