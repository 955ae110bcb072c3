"""Request helpers for the views of every app: the signed-in request type, a safe ``next``."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

from lintas.members.models import User


class AuthedRequest(HttpRequest):
    """The request of a view behind login_required: its user is a signed-in person."""

    user: User


def safe_next(request: HttpRequest, fallback: str) -> str:
    """The ``next`` address of a form or link when it stays on this site, else ``fallback``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback
