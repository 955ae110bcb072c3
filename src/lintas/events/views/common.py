"""What the pages of events share: loading an event the person may see (404 otherwise), and
turning a refusal into a message next to its field."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone

from lintas.core.errors import LintasError
from lintas.events import policy
from lintas.events.models import Event
from lintas.members.bodyctx import load_body
from lintas.members.http import AuthedRequest


def load_event(
    request: AuthedRequest, slug: str, event_id: int
) -> tuple[Event, policy.EventAccess]:
    body = load_body(request, slug)
    event = get_object_or_404(policy.visible_events(request.user, body), pk=event_id)
    event.body = body
    timezone.activate(event.tzinfo)  # the agenda is read in the event's own zone
    return event, policy.access(request.user, event)


def form_error(form: Any, exc: LintasError) -> None:
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


def private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    return response
