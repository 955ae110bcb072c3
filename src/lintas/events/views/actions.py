"""Decisions and action items of an event, followed to done."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lintas.core.errors import LintasError
from lintas.events import policy, selectors, services
from lintas.events.forms import ActionForm
from lintas.events.models import ActionItem
from lintas.events.services.actions import can_update
from lintas.events.views.common import form_error, load_event, private
from lintas.members.http import AuthedRequest


@login_required
def action_items(request: AuthedRequest, slug: str, event_id: int) -> HttpResponse:
    event, access = load_event(request, slug, event_id)
    action = request.POST.get("action", "")
    form = ActionForm(request.POST if action == "record" else None, body=event.body)
    if request.method == "POST":
        try:
            if action == "record":
                policy.require(access.organises)
                if form.is_valid():
                    d = form.cleaned_data
                    services.record_action_item(
                        event=event,
                        by=request.user,
                        kind=d["kind"],
                        text_=d["text"],
                        owner_unit=d["owner_unit"],
                        due_on=d["due_on"],
                    )
                    flash.success(request, _("Recorded."))
                    return redirect(request.path)
            else:
                item = get_object_or_404(ActionItem, event=event, pk=request.POST.get("item"))
                policy.require(can_update(request.user, item))
                services.update_action_item(
                    item=item,
                    by=request.user,
                    status=request.POST.get("status", ""),
                    note=request.POST.get("note", ""),
                )
                flash.success(request, _("Saved."))
                return redirect(request.path)
        except LintasError as exc:
            if action == "record":
                form_error(form, exc)
            else:
                flash.error(request, exc.message)
    items = list(selectors.action_items_of(event))
    for item in items:
        item.editable = can_update(request.user, item)  # type: ignore[attr-defined]
    return private(
        render(
            request,
            "events/actions.html",
            {
                "body": event.body,
                "event": event,
                "access": access,
                "items": items,
                "form": form,
                "statuses": ActionItem.Status.choices,
            },
            status=400 if form.errors else 200,
        )
    )
