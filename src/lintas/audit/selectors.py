from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from lintas.audit.models import AuditEntry


def audit_entries_for_body(
    body_id: int,
    *,
    action: str = "",
    actor_id: int | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    text: str = "",
) -> QuerySet[AuditEntry]:
    qs = AuditEntry.objects.filter(body_id=body_id)
    if action:
        qs = qs.filter(action__startswith=action)
    if actor_id:
        qs = qs.filter(actor_id=actor_id)
    if since:
        qs = qs.filter(at__gte=since)
    if until:
        qs = qs.filter(at__lt=until)
    if text:
        qs = qs.filter(object_label__icontains=text) | qs.filter(actor_label__icontains=text)
    return qs.order_by("-at", "-id")


def audit_actions_for_body(body_id: int) -> list[str]:
    return list(
        AuditEntry.objects.filter(body_id=body_id)
        .order_by("action")
        .values_list("action", flat=True)
        .distinct()
    )
