"""Notices that link to a message are shown as written only to its readers (see
``notices.visibility``)."""

from __future__ import annotations

from typing import Any

from lintas.exchange import policy
from lintas.members.models import Body


def reads_message(reader: Any, kwargs: dict[str, Any]) -> bool:
    body = Body.objects.filter(slug=kwargs.get("slug", "")).first()
    if body is None:
        return False
    return (
        policy.visible_messages(reader, body).filter(pk=int(kwargs.get("message_id", 0))).exists()
    )
