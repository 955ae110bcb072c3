"""log_action(), and log_actions() for many objects at once: the one way to write the audit log."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import models
from django.http import HttpRequest

from lintas.audit.models import AuditEntry

MASK = "********"
_SECRET_WORDS = ("password", "secret", "token", "key", "otp", "passphrase")


def mask_secrets(data: Any) -> Any:
    """Replace the value of every key that names a secret, at any depth."""
    if isinstance(data, dict):
        return {
            k: (MASK if any(w in str(k).lower() for w in _SECRET_WORDS) else mask_secrets(v))
            for k, v in data.items()
        }
    if isinstance(data, list | tuple):
        return [mask_secrets(v) for v in data]
    return data


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def _entry(
    action: str,
    *,
    actor: Any,
    body: Any,
    target: models.Model | None,
    data: dict[str, Any] | None,
    reason: str,
    request: HttpRequest | None,
) -> AuditEntry:
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEntry(
        actor=actor,
        actor_label=(f"{actor} <{actor.email}>" if actor is not None else "system")[:250],
        action=action,
        body=body,
        object_type=target._meta.label_lower if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        object_label=str(target)[:250] if target is not None else "",
        reason=reason,
        data=mask_secrets(data or {}),
        ip_address=client_ip(request),
    )


def log_action(
    action: str,
    *,
    actor: Any = None,
    body: Any = None,
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
    reason: str = "",
    request: HttpRequest | None = None,
) -> AuditEntry:
    entry = _entry(
        action, actor=actor, body=body, target=target, data=data, reason=reason, request=request
    )
    entry.save(force_insert=True)
    return entry


def log_actions(
    action: str,
    *,
    targets: Sequence[models.Model],
    actor: Any = None,
    body: Any = None,
    request: HttpRequest | None = None,
) -> list[AuditEntry]:
    """The same action on several objects (the persons a page shows), written in one statement
    whatever their number."""
    entries = [
        _entry(action, actor=actor, body=body, target=t, data=None, reason="", request=request)
        for t in targets
    ]
    return AuditEntry.objects.bulk_create(entries) if entries else []
