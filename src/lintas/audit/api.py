from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Router, Schema

from lintas import policy
from lintas.audit import selectors
from lintas.core.bodyctx import load_body
from lintas.core.http import AuthedRequest

router = Router(tags=["audit"])


class AuditEntryOut(Schema):
    id: int
    at: dt.datetime
    actor_id: int | None
    actor_label: str
    action: str
    object_type: str
    object_id: str
    object_label: str
    reason: str
    data: dict[str, Any]


@router.get("/bodies/{slug}/audit", response=list[AuditEntryOut])
def list_audit(
    request: AuthedRequest,
    slug: str,
    action: str = "",
    since: dt.datetime | None = None,
    limit: int = 100,
):
    body = load_body(request, slug)
    policy.require(policy.can_view_audit(request.user, body))
    entries = selectors.audit_entries_for_body(body.pk, action=action, since=since)
    return entries[: max(1, min(limit, 1000))]
