"""Posting a message, and the messages of its thread: updates, answers, cancellations, and a
lower-label summary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lintas.audit.services import log_action
from lintas.core.errors import LintasError
from lintas.core.tlp import TLP, is_looser
from lintas.exchange import misp, policy
from lintas.exchange.models import (
    AlertType,
    Attachment,
    Kind,
    Message,
    Priority,
    RecipientGroup,
    Relation,
)
from lintas.exchange.services.common import (
    _check_named,
    _deliver,
    _receipt_for,
    _recipient_units,
    _reply,
    _tell_recipients,
    _thread_units,
    _units_of_named,
)
from lintas.exchange.services.content import (
    Upload,
    _check_text,
    _checked_attachment,
    _details,
    searchable,
)
from lintas.exchange.services.indicators import check_indicators
from lintas.members.models import Body, Unit, User


def post_message(
    *,
    body: Body,
    by: User,
    author_unit: Unit,
    kind: str,
    subject: str,
    text: str,
    tlp: str,
    priority: str = Priority.ROUTINE,
    units: Sequence[Unit] = (),
    groups: Sequence[RecipientGroup] = (),
    named: Sequence[User] = (),
    alert_type: str = "",
    details: Mapping[str, object] | None = None,
    expires_at: dt.datetime | None = None,
    answer_by: dt.datetime | None = None,
    attachments: Sequence[Upload] = (),
    derived_from: Message | None = None,
    now: dt.datetime | None = None,
) -> Message:
    """Send a new message (the original of a thread) from ``author_unit`` to units, saved
    groups and named people. Each recipient unit gets a receipt with its deadlines from the
    body's agreed times; its focal points and the named people are told."""
    now = now or timezone.now()
    policy.require(policy.can_post_for(by, author_unit) and author_unit.body_id == body.pk)
    if kind not in Kind.values:
        raise LintasError(_("Unknown kind of message."), field="kind")
    if priority not in Priority.values:
        raise LintasError(_("Unknown priority."), field="priority")
    if tlp not in TLP.values:
        raise LintasError(_("Unknown TLP label."), field="tlp")
    if kind == Kind.ALERT:
        alert_type = alert_type or AlertType.GENERAL
        if alert_type not in AlertType.values:
            raise LintasError(_("Unknown type of alert."), field="alert_type")
    else:
        alert_type = ""
    subject, cleaned = _check_text(subject, text)
    clean_details = _details(kind, alert_type, details)
    if expires_at is not None and expires_at <= now:
        raise LintasError(_("The expiry must be in the future."), field="expires_at")
    if kind == Kind.REQUEST:
        if answer_by is None:
            raise LintasError(_("Say by when the answer is needed."), field="answer_by")
        if answer_by <= now:
            raise LintasError(_("The answer date must be in the future."), field="answer_by")
    elif answer_by is not None:
        raise LintasError(_("Only requests have an answer date."), field="answer_by")
    named = list(dict.fromkeys(named))
    _check_named(body, named)
    if tlp == TLP.RED:
        if units or groups:
            raise LintasError(
                _("A TLP:RED message goes to named people only, not to units."), field="units"
            )
        if not named:
            raise LintasError(
                _("Name the people who may read this TLP:RED message."), field="named"
            )
        unit_ids = _units_of_named(body, named) - {author_unit.pk}
        recipients = list(Unit.objects.filter(pk__in=unit_ids))
    else:
        recipients = [u for u in _recipient_units(body, units, groups) if u.pk != author_unit.pk]
        if not recipients and not named:
            raise LintasError(_("Choose at least one recipient."), field="units")
    if derived_from is not None:
        policy.require(policy.message_access(by, derived_from).may_derive)
        if not is_looser(tlp, derived_from.tlp):
            raise LintasError(
                _("A summary for a wider audience needs a looser label than %(label)s.")
                % {"label": derived_from.label},
                field="tlp",
            )
    files = [_checked_attachment(a, message_tlp=tlp) for a in attachments]
    with transaction.atomic():
        message = Message.objects.create(
            body=body,
            kind=kind,
            alert_type=alert_type,
            priority=priority,
            tlp=tlp,
            subject=subject,
            text=cleaned,
            details=clean_details,
            author=by,
            author_unit=author_unit,
            sent_at=now,
            expires_at=expires_at,
            answer_by=answer_by,
            derived_from=derived_from,
            search_text=searchable(subject, cleaned, clean_details),
            recipients_hidden=any(g.members_hidden for g in groups),
            recipients_label=", ".join(g.name for g in groups if g.members_hidden)[:200],
        )
        message.named.set(named)
        for f in files:
            f.message = message
        Attachment.objects.bulk_create(files)
        _deliver(message, recipients, now=now)
        log_action(
            "exchange.message.sent",
            actor=by,
            body=body,
            target=message,
            data={
                "kind": kind,
                "tlp": tlp,
                "units": [u.pk for u in recipients],
                "named": [p.pk for p in named],
                **({"derived_from": derived_from.pk} if derived_from else {}),
            },
        )
        _tell_recipients(message, recipients, named, code="message_received")
        check_indicators(message)
    return message


def update_message(
    message: Message,
    *,
    by: User,
    text: str,
    tlp: str = "",
    attachments: Sequence[Upload] = (),
    now: dt.datetime | None = None,
) -> Message:
    """The author's side adds an update to the thread, sent to every unit the original reached."""
    now = now or timezone.now()
    root = message.root
    access = policy.message_access(by, root)
    policy.hide(access.reads)
    policy.require(access.may_update)
    with transaction.atomic():
        units = _thread_units(root)
        reply = _reply(
            root,
            by=by,
            unit=root.author_unit,
            relation=Relation.UPDATE,
            subject=_("Update: %(subject)s") % {"subject": root.subject},
            text=text,
            tlp=tlp,
            attachments=attachments,
            to=units,
            now=now,
        )
        _tell_recipients(reply, units, list(root.named.all()), code="message_updated")
    return reply


def cancel_message(
    message: Message, *, by: User, reason: str, now: dt.datetime | None = None
) -> Message:
    """The author's side withdraws the message: it stays readable, marked cancelled, and is no
    longer reminded nor counted as waiting."""
    now = now or timezone.now()
    root = message.root
    access = policy.message_access(by, root)
    policy.hide(access.reads)
    policy.require(access.may_update)
    with transaction.atomic():
        units = _thread_units(root)
        reply = _reply(
            root,
            by=by,
            unit=root.author_unit,
            relation=Relation.CANCEL,
            subject=_("Cancelled: %(subject)s") % {"subject": root.subject},
            text=reason,
            tlp="",
            attachments=(),
            to=units,
            now=now,
        )
        Message.objects.filter(pk=root.pk).update(cancelled_at=now)
        root.cancelled_at = now
        _tell_recipients(reply, units, list(root.named.all()), code="message_cancelled")
    return reply


def answer(
    message: Message,
    *,
    unit: Unit,
    by: User,
    text: str,
    tlp: str = "",
    attachments: Sequence[Upload] = (),
    now: dt.datetime | None = None,
) -> Message:
    """A recipient unit answers a request. The answer goes to the author's unit (and the named
    people), under the thread's label or a stricter one, and counts as the unit's action."""
    now = now or timezone.now()
    root = message.root
    if root.kind != Kind.REQUEST:
        raise LintasError(_("Only a request for information is answered."), field="text")
    with transaction.atomic():
        receipt = _receipt_for(root, unit, by)
        reply = _reply(
            root,
            by=by,
            unit=unit,
            relation=Relation.ANSWER,
            subject=_("Answer: %(subject)s") % {"subject": root.subject},
            text=text,
            tlp=tlp,
            attachments=attachments,
            to=[root.author_unit],
            now=now,
        )
        receipt.acted_at = receipt.acted_at or now
        receipt.acted_by = receipt.acted_by or by
        receipt.action_note = receipt.action_note or _("Answered")
        if receipt.acknowledged_at is None:
            receipt.acknowledged_at, receipt.acknowledged_by = now, by
        if receipt.read_at is None:
            receipt.read_at, receipt.read_by = now, by
        receipt.save()
        _tell_recipients(reply, [root.author_unit], [root.author], code="message_answered")
    return reply


def derive_summary(
    message: Message,
    *,
    by: User,
    tlp: str,
    subject: str,
    text: str,
    units: Sequence[Unit] = (),
    groups: Sequence[RecipientGroup] = (),
    now: dt.datetime | None = None,
) -> Message:
    """A lower-label version of a message (a GREEN summary of an AMBER alert), sent as a new
    message that keeps its link to the source for those who may read both."""
    root = message.root
    return post_message(
        body=root.body,
        by=by,
        author_unit=root.author_unit,
        kind=root.kind if root.kind != Kind.REQUEST else Kind.BULLETIN,
        alert_type=root.alert_type,
        subject=subject,
        text=text,
        tlp=tlp,
        priority=root.priority,
        units=units,
        groups=groups,
        derived_from=root,
        now=now,
    )


def import_misp(
    *,
    body: Body,
    by: User,
    author_unit: Unit,
    raw: bytes,
    units: Sequence[Unit] = (),
    groups: Sequence[RecipientGroup] = (),
    named: Sequence[User] = (),
    tlp: str = "",
    now: dt.datetime | None = None,
) -> Message:
    """Post a MISP event (its JSON) as a message of ``author_unit``. The event's ``tlp:`` tag
    is its label; ``tlp`` is used only for an event without one. A file Lintas cannot read is
    refused naming where, and nothing is saved."""
    try:
        event = misp.from_misp(raw)
    except misp.MispError as exc:
        raise LintasError(
            _("This file is not a MISP event Lintas can read: %(where)s: %(problem)s")
            % {"where": exc.where, "problem": exc.message},
            field="file",
        ) from None
    label = event.tlp or tlp
    if not label:
        raise LintasError(
            _("The event carries no tlp: tag: choose the label it is shared under."),
            field="tlp",
        )
    with transaction.atomic():
        message = _post_imported(event, body, by, author_unit, units, groups, named, label, now)
        log_action(
            "exchange.message.imported",
            actor=by,
            body=body,
            target=message,
            data={"format": "misp", "uuid": event.uuid[:64]},
        )
    return message


def _post_imported(
    event: misp.Event,
    body: Body,
    by: User,
    author_unit: Unit,
    units: Sequence[Unit],
    groups: Sequence[RecipientGroup],
    named: Sequence[User],
    label: str,
    now: dt.datetime | None,
) -> Message:
    return post_message(
        body=body,
        by=by,
        author_unit=author_unit,
        kind=event.kind,
        alert_type=event.alert_type,
        priority=event.priority,
        subject=event.subject,
        text=event.text,
        tlp=label,
        units=units,
        groups=groups,
        named=named,
        details=event.details or None,
        now=now,
    )
