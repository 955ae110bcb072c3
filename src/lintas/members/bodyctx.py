"""The one way views load a body: policy check (404 for strangers), then its time zone."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from lintas import policy
from lintas.members.models import Body


def load_body(request: HttpRequest, slug: str) -> Body:
    body = policy.get_body_for(request.user, slug)
    timezone.activate(body.tzinfo)
    request.body_obj = body  # type: ignore[attr-defined]
    return body
