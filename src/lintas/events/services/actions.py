"""Decisions and action items of an event, followed until done: each action has an owner unit
and a due date, and its focal points are reminded as the date comes and after it passes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lintas.audit.services import log_action
from lintas.core.errors import LintasError
from lintas.events import policy
from lintas.events.models import ActionItem, Event
from lintas.events.services.common import event_link, text
from lintas.members.models import Membership, Role, Unit
from lintas.notices.services import notify
from lintas.policy import Actor, acting_user

REMIND_BEFORE = dt.timedelta(days=7)
REMIND_EVERY = dt.timedelta(days=7)


@transaction.atomic
def record_action_item(
    *,
    event: Event,
    by: Actor,
    text_: str,
    kind: str = ActionItem.Kind.ACTION,
    owner_unit: Unit | None = None,
    due_on: dt.date | None = None,
) -> ActionItem:
    if by is not policy.SYSTEM:
        policy.require(policy.can_organise(by, event))
    if kind not in ActionItem.Kind.values:
        raise LintasError(_("Choose a decision or an action."), field="kind")
    body_text = text(text_, field="text", label=_("text"), limit=2000)
    if kind == ActionItem.Kind.ACTION:
        if owner_unit is None:
            raise LintasError(_("An action needs an owner unit."), field="owner_unit")
        if due_on is None:
            raise LintasError(_("An action needs a due date."), field="due_on")
    if owner_unit is not None and owner_unit.body_id != event.body_id:
        raise LintasError(
            _("%(unit)s is not a unit of this body.") % {"unit": owner_unit}, field="owner_unit"
        )
    if due_on is not None and due_on < event.starts_on:
        raise LintasError(_("The due date is before the event."), field="due_on")
    item = ActionItem.objects.create(
        event=event, kind=kind, text=body_text, owner_unit=owner_unit, due_on=due_on
    )
    log_action(
        "events.action_item.recorded",
        actor=acting_user(by),
        body=event.body,
        target=item,
        data={"kind": kind, "owner_unit": owner_unit.pk if owner_unit else None},
    )
    return item


def can_update(by: Actor, item: ActionItem) -> bool:
    if by is policy.SYSTEM:
        return True
    access = policy.access(by, item.event)
    return access.organises or bool(
        item.owner_unit_id is not None
        and access.units.get(item.owner_unit_id, set())
        & {Role.FOCAL_POINT, Role.ALTERNATE_FOCAL_POINT}
    )


@transaction.atomic
def update_action_item(*, item: ActionItem, by: Actor, status: str, note: str = "") -> ActionItem:
    """The owner unit's focal point or the organisers move an action on, with a note."""
    if not can_update(by, item):
        policy.require(False)
    if item.kind != ActionItem.Kind.ACTION:
        raise LintasError(_("A decision is not followed: only actions are."), field="status")
    if status not in ActionItem.Status.values:
        raise LintasError(_("Choose a status."), field="status")
    item.status = status
    item.note = (
        text(note, field="note", label=_("progress note"), limit=2000, required=False) or item.note
    )
    item.done_at = timezone.now() if status == ActionItem.Status.DONE else None
    item.save(update_fields=["status", "note", "done_at", "updated_at"])
    log_action(
        "events.action_item.updated",
        actor=acting_user(by),
        body=item.event.body,
        target=item,
        data={"status": status},
    )
    return item


@dataclass(frozen=True)
class ReminderSummary:
    reminded: int

    def as_dict(self) -> dict[str, int]:
        return {"reminded": self.reminded}


def remind_action_items(today: dt.date) -> ReminderSummary:
    """Remind the owner units of actions not done that are due within a week or overdue, at
    most once a week each. Each reminder is claimed with a conditional update, so two workers
    never send it twice."""
    due = ActionItem.objects.filter(
        kind=ActionItem.Kind.ACTION,
        due_on__lte=today + REMIND_BEFORE,
    ).exclude(status=ActionItem.Status.DONE)
    due = due.filter(Q(reminded_on__isnull=True) | Q(reminded_on__lte=today - REMIND_EVERY))
    reminded = 0
    for item in due.select_related("event__body", "owner_unit"):
        with transaction.atomic():
            claimed = ActionItem.objects.filter(pk=item.pk, reminded_on=item.reminded_on).update(
                reminded_on=today
            )
            if not claimed:
                continue
            people = [
                m.user
                for m in Membership.objects.active()
                .filter(
                    unit=item.owner_unit,
                    role__in=[Role.FOCAL_POINT, Role.ALTERNATE_FOCAL_POINT],
                )
                .select_related("user")
            ]
            overdue = item.due_on is not None and item.due_on < today
            notify(
                people,
                body=item.event.body,
                kind="event_action_due",
                subject=gettext_noop("Action overdue: %(action)s")
                if overdue
                else gettext_noop("Action due soon: %(action)s"),
                text=gettext_noop("Agreed at %(event)s, due on %(due)s."),
                link=event_link(item.event) + "actions/",
                values={"action": item.text[:80], "event": item.event.title, "due": item.due_on},
            )
            log_action(
                "events.action_item.reminded",
                body=item.event.body,
                target=item,
                data={"overdue": overdue, "people": len(people)},
            )
            reminded += 1
    return ReminderSummary(reminded)
