from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from lintas import policy
from lintas.audit import selectors
from lintas.core.bodyctx import load_body
from lintas.core.http import AuthedRequest
from lintas.members.selectors import active_memberships_for_body


def _day(raw: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        return None


@login_required
def audit_log(request: AuthedRequest, slug: str) -> HttpResponse:
    body = load_body(request, slug)
    policy.require(policy.can_view_audit(request.user, body))
    action = request.GET.get("action", "")
    actor = request.GET.get("actor", "")
    since = _day(request.GET.get("since", ""))
    until = _day(request.GET.get("until", ""))
    tz = body.tzinfo
    entries = selectors.audit_entries_for_body(
        body.pk,
        action=action,
        actor_id=int(actor) if actor.isdigit() else None,
        since=dt.datetime.combine(since, dt.time.min, tzinfo=tz) if since else None,
        until=(dt.datetime.combine(until, dt.time.min, tzinfo=tz) + dt.timedelta(days=1))
        if until
        else None,
        text=request.GET.get("q", "").strip(),
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    people = {m.user for m in active_memberships_for_body(body)}
    return render(
        request,
        "audit/audit_log.html",
        {
            "body": body,
            "page": page,
            "actions": selectors.audit_actions_for_body(body.pk),
            "people": sorted(people, key=lambda p: p.full_name),
            "filters": request.GET,
            "now": timezone.now(),
        },
    )
