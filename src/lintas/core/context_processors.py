from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from lintas import policy


def lintas(request: HttpRequest) -> dict[str, Any]:
    context: dict[str, Any] = {"LINTAS_DEMO": settings.DEMO}
    body = getattr(request, "body_obj", None)
    if body is not None:
        context["nav_can_manage"] = policy.can_manage_body(request.user, body)
        context["nav_can_read_reports"] = policy.can_read_all_reports(request.user, body)
        context["nav_can_view_networks"] = policy.can_view_networks(request.user, body)
    return context
