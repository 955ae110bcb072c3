"""A recipient unit's progress on a message: read, acknowledged, acted on."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lintas.audit.services import log_action
from lintas.core.errors import LintasError
from lintas.core.tlp import TLP, TLP_RANK
from lintas.exchange import policy
from lintas.exchange.models import (
    Attachment,
    Message,
    Reading,
    Receipt,
)
from lintas.exchange.services.common import (
    _on_time,
    _receipt_for,
)
from lintas.members.models import Unit, User


def record_reading(message: Message, *, by: User, now: dt.datetime | None = None) -> None:
    """A person opened a message: their own inbox counts it read, their units' receipts record
    the first reader, and a read of an AMBER or stricter message is audited."""
    access = policy.message_access(by, message)
    policy.hide(access.reads)
    now = now or timezone.now()
    with transaction.atomic():
        Reading.objects.get_or_create(message=message, user=by, defaults={"at": now})
        if access.own_units:
            Receipt.objects.filter(
                message=message, unit_id__in=access.own_units, read_at__isnull=True
            ).update(read_at=now, read_by=by)
        if TLP_RANK[TLP(message.tlp)] >= TLP_RANK[TLP.AMBER]:
            log_action("exchange.message.read", actor=by, body=message.body, target=message)


def acknowledge(
    message: Message, *, unit: Unit, by: User, now: dt.datetime | None = None
) -> Receipt:
    """The unit has seen the message and takes it in hand. Acknowledging twice changes nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        receipt = _receipt_for(message, unit, by)
        if receipt.acknowledged_at is not None:
            return receipt
        receipt.acknowledged_at = now
        receipt.acknowledged_by = by
        if receipt.read_at is None:
            receipt.read_at, receipt.read_by = now, by
        receipt.save(update_fields=["acknowledged_at", "acknowledged_by", "read_at", "read_by"])
        Reading.objects.get_or_create(message=message.root, user=by, defaults={"at": now})
        log_action(
            "exchange.message.acknowledged",
            actor=by,
            body=message.body,
            target=message.root,
            data={"unit": unit.pk, "on_time": _on_time(now, receipt.acknowledge_due)},
        )
    return receipt


def record_action(
    message: Message, *, unit: Unit, by: User, note: str, now: dt.datetime | None = None
) -> Receipt:
    """What the unit did about the message (for a request, see ``answer``)."""
    now = now or timezone.now()
    note = (note or "").strip()
    if not note:
        raise LintasError(_("Say what your unit did."), field="note")
    if "\x00" in note or len(note) > 5000:
        raise LintasError(_("At most 5,000 characters of text."), field="note")
    with transaction.atomic():
        receipt = _receipt_for(message, unit, by)
        receipt.acted_at = receipt.acted_at or now
        receipt.acted_by = receipt.acted_by or by
        receipt.action_note = note
        if receipt.acknowledged_at is None:
            receipt.acknowledged_at, receipt.acknowledged_by = now, by
        if receipt.read_at is None:
            receipt.read_at, receipt.read_by = now, by
        receipt.save()
        log_action(
            "exchange.message.acted",
            actor=by,
            body=message.body,
            target=message.root,
            data={"unit": unit.pk, "on_time": _on_time(receipt.acted_at, receipt.act_due)},
        )
    return receipt


def record_download(attachment: Attachment, *, by: User) -> None:
    """A person downloaded an attachment: audited when its label is AMBER or stricter."""
    policy.hide(policy.can_read_attachment(by, attachment))
    if TLP_RANK[TLP(attachment.tlp)] >= TLP_RANK[TLP.AMBER]:
        log_action(
            "exchange.attachment.downloaded",
            actor=by,
            body=attachment.message.body,
            target=attachment.message,
            data={"attachment": attachment.pk, "name": attachment.name, "tlp": attachment.tlp},
        )


def record_export(message: Message, *, by: User, count: int, fmt: str = "pdf") -> None:
    """A person exported a thread (PDF, MISP): always audited, with how many messages it held."""
    policy.hide(policy.can_read_message(by, message))
    log_action(
        "exchange.thread.exported",
        actor=by,
        body=message.body,
        target=message,
        data={"messages": count, "format": fmt},
    )
