"""Reminders and escalations of messages not acknowledged in the agreed time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_noop

from lintas.audit.services import log_action
from lintas.core.tlp import TLP
from lintas.exchange.models import (
    Receipt,
)
from lintas.exchange.services.common import (
    _link,
)
from lintas.members import selectors as members
from lintas.members.models import UNIT_ROLES
from lintas.notices.services import notify


@dataclass
class ChaseSummary:
    reminded: int = 0
    escalated: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"reminded": self.reminded, "escalated": self.escalated}


def _waiting(now: dt.datetime) -> Q:
    return (
        Q(acknowledged_at__isnull=True)
        & Q(message__cancelled_at__isnull=True)
        & Q(message__thread__isnull=True)
        & (Q(message__expires_at__isnull=True) | Q(message__expires_at__gt=now))
        & Q(acknowledge_due__lt=now)
    )


def chase_unacknowledged(now: dt.datetime | None = None) -> ChaseSummary:
    """Remind a unit's focal points of an alert or request not acknowledged by its deadline, and
    escalate to the unit's head and the body's secretariat when it stays unacknowledged as long
    again. Each receipt is reminded once and escalated once: the step is claimed with a
    conditional update, so overlapping runs tell nobody twice. TLP:RED messages are chased with
    their named people only."""
    now = now or timezone.now()
    summary = ChaseSummary()
    due = Receipt.objects.filter(_waiting(now), reminded_at__isnull=True).select_related(
        "message__body", "message__author_unit", "unit"
    )
    for receipt in due:
        if not Receipt.objects.filter(pk=receipt.pk, reminded_at__isnull=True).update(
            reminded_at=now
        ):
            continue
        summary.reminded += 1
        _chase(receipt, escalate=False)
    late = Receipt.objects.filter(_waiting(now), escalated_at__isnull=True).select_related(
        "message__body", "message__author_unit", "unit"
    )
    for receipt in late:
        deadline = receipt.acknowledge_due
        if deadline is None or deadline + (deadline - receipt.delivered_at) > now:
            continue
        if not Receipt.objects.filter(pk=receipt.pk, escalated_at__isnull=True).update(
            escalated_at=now
        ):
            continue
        summary.escalated += 1
        _chase(receipt, escalate=True)
    return summary


def _chase(receipt: Receipt, *, escalate: bool) -> None:
    message = receipt.message
    with transaction.atomic():
        if message.tlp == TLP.RED:
            unit_people = set(members.unit_people(receipt.unit, UNIT_ROLES))
            people = [p for p in message.named.all() if p in unit_people]
        else:
            people = members.acting_people_of(receipt.unit)
            if escalate:
                people += members.heads_of(receipt.unit) + members.secretariat_of(message.body)
        log_action(
            "exchange.receipt.escalated" if escalate else "exchange.receipt.reminded",
            body=message.body,
            target=message,
            data={"unit": receipt.unit_id, "recipients": len(people)},
        )
        notify(
            people,
            body=message.body,
            kind="message_escalation" if escalate else "message_reminder",
            subject=(
                gettext_noop("%(unit)s has not acknowledged a %(label)s %(kind)s")
                if escalate
                else gettext_noop("Please acknowledge a %(label)s %(kind)s")
            ),
            text=gettext_noop("It was due to be acknowledged by %(due)s."),
            link=_link(message),
            values={
                "unit": receipt.unit.short_name or receipt.unit.name,
                "label": message.label,
                "kind": message.get_kind_display(),
                "due": receipt.acknowledge_due,
            },
        )
