"""Check-in from a phone (scan a badge, type its code, or search a name) and the attendance
lists."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from lintas.core.downloads import attachment
from lintas.core.errors import LintasError
from lintas.events import policy, selectors, services
from lintas.events.models import Delegate, Session
from lintas.events.views.common import load_event, private
from lintas.formats.cells import csv_bytes
from lintas.members.http import AuthedRequest


@login_required
def check_in_page(request: AuthedRequest, slug: str, event_id: int) -> HttpResponse:
    """The check-in point: choose the day or a session once, then scan badge after badge. A
    scan answers JSON to the page's script; without script the form posts and the page
    comes back with the result."""
    event, access = load_event(request, slug, event_id)
    policy.require(access.organises)
    source = request.POST if request.method == "POST" else request.GET
    session_id = source.get("session", "")
    session = (
        get_object_or_404(Session, event=event, pk=session_id) if session_id.isdigit() else None
    )
    point = source.get("point", "")[:60]
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    if request.method == "POST":
        delegate_id = request.POST.get("delegate", "")
        delegate = (
            get_object_or_404(Delegate, event=event, pk=delegate_id)
            if delegate_id.isdigit()
            else None
        )
        try:
            result = services.check_in(
                event=event,
                by=request.user,
                code=request.POST.get("code", ""),
                delegate=delegate,
                session=session,
                point=point,
            )
        except LintasError as exc:
            if wants_json:
                return JsonResponse({"ok": False, "message": exc.message}, status=400)
            flash.error(request, exc.message)
        else:
            d = result.delegate
            text = (
                _("%(name)s checked in.")
                if result.created
                else _("%(name)s was already checked in.")
            ) % {"name": d.full_name}
            if wants_json:
                return JsonResponse(
                    {
                        "ok": True,
                        "created": result.created,
                        "message": text,
                        "name": d.full_name,
                        "unit": d.unit.name if d.unit else d.organisation,
                    }
                )
            flash.success(request, text)
        query = f"?session={session.pk}" if session else "?"
        return redirect(request.path + query + (f"&point={point}" if point else ""))
    q = request.GET.get("q", "").replace("\x00", "").strip()[:100]
    today = timezone.localdate(timezone=event.tzinfo)
    day = session.starts_at.astimezone(event.tzinfo).date() if session else today
    return private(
        render(
            request,
            "events/check_in.html",
            {
                "body": event.body,
                "event": event,
                "access": access,
                "session": session,
                "sessions": event.sessions.exclude(kind=Session.Kind.BREAK).select_related("room"),
                "point": point,
                "q": q,
                "found": selectors.find_delegates(event, q) if q else [],
                "counts": selectors.check_in_counts(event, day),
                "day": day,
                "today": today,
            },
        )
    )


@login_required
def attendance_page(request: AuthedRequest, slug: str, event_id: int) -> HttpResponse:
    event, access = load_event(request, slug, event_id)
    policy.require(access.organises)
    sessions = list(event.sessions.exclude(kind=Session.Kind.BREAK).select_related("room"))
    return private(
        render(
            request,
            "events/attendance.html",
            {
                "body": event.body,
                "event": event,
                "access": access,
                "rows": selectors.attendance(event),
                "sessions": sessions,
                "days": event.days,
            },
        )
    )


@login_required
def attendance_csv(request: AuthedRequest, slug: str, event_id: int) -> HttpResponse:
    """The attendance list, a row per delegate and a column per day and session."""
    event, access = load_event(request, slug, event_id)
    policy.require(access.organises)
    sessions = list(event.sessions.exclude(kind=Session.Kind.BREAK).order_by("starts_at", "pk"))
    header = (
        [pgettext("person", "Name"), _("Unit"), _("Role")]
        + [d.isoformat() for d in event.days]
        + [s.title for s in sessions]
    )
    rows = (
        [r.delegate.full_name, r.delegate.unit.name if r.delegate.unit else r.delegate.organisation]
        + [r.delegate.get_role_display()]
        + ["x" if day in r.days else "" for day in event.days]
        + ["x" if s.pk in r.sessions else "" for s in sessions]
        for r in selectors.attendance(event)
    )
    return attachment(
        csv_bytes([header, *rows]),
        f"attendance-{event.pk}.csv",
        "text/csv; charset=utf-8",
    )
