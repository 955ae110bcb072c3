from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from lintas.notices import selectors


def unread(request: HttpRequest) -> dict[str, Any]:
    """The number of unread notices, for the link in the top bar."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": selectors.unread_count(user.pk)}
