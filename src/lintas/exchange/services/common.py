"""What the writes of the exchange share: deadlines from the agreed times, delivery to units,
replies in a thread, and telling the people concerned."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lintas.audit.services import log_action
from lintas.core.errors import LintasError
from lintas.core.tlp import TLP, is_looser
from lintas.exchange import policy
from lintas.exchange.models import (
    DEFAULT_HOURS,
    AgreedTime,
    Attachment,
    Forward,
    Kind,
    Message,
    Priority,
    Receipt,
    RecipientGroup,
)
from lintas.exchange.services.content import (
    Upload,
    _check_text,
    _checked_attachment,
    searchable,
)
from lintas.members import selectors as members
from lintas.members.models import Body, Membership, Unit, User
from lintas.notices.services import notify


def _hours(body: Body, kind: str, priority: str) -> tuple[int, int]:
    agreed = AgreedTime.objects.filter(body=body, kind=kind, priority=priority).first()
    if agreed is not None:
        return agreed.acknowledge_hours, agreed.act_hours
    return DEFAULT_HOURS[(Kind(kind), Priority(priority))]


def _link(message: Message) -> str:
    return reverse(
        "exchange:message", kwargs={"slug": message.body.slug, "message_id": message.root.pk}
    )


def _units_of_named(body: Body, people: Iterable[User]) -> set[int]:
    ids = [p.pk for p in people]
    return set(
        Membership.objects.active()
        .filter(body=body, user_id__in=ids, unit__isnull=False)
        .values_list("unit_id", flat=True)
    )


def _recipient_units(
    body: Body, units: Iterable[Unit], groups: Iterable[RecipientGroup]
) -> list[Unit]:
    chosen: dict[int, Unit] = {}
    for unit in units:
        if unit.body_id != body.pk:
            raise LintasError(
                _("%(unit)s is not a unit of this body.") % {"unit": unit}, field="units"
            )
        if unit.left_on is not None and unit.left_on < timezone.localdate():
            raise LintasError(_("%(unit)s is no longer a member.") % {"unit": unit}, field="units")
        chosen[unit.pk] = unit
    for group in groups:
        if group.body_id != body.pk:
            raise LintasError(_("Unknown recipient group."), field="groups")
        for unit in group.units.all():
            chosen.setdefault(unit.pk, unit)
    return list(chosen.values())


def _check_named(body: Body, people: Sequence[User]) -> None:
    members_ids = set(
        Membership.objects.active()
        .filter(body=body, user_id__in=[p.pk for p in people])
        .values_list("user_id", flat=True)
    )
    for person in people:
        if person.pk not in members_ids or not person.is_active:
            raise LintasError(
                _("%(person)s is not a member of this body.") % {"person": person}, field="named"
            )


def _deliver(
    message: Message, units: Sequence[Unit], *, now: dt.datetime, forward: Forward | None = None
) -> list[Receipt]:
    ack_hours, act_hours = _hours(message.body, message.kind, message.priority)
    act_due = message.answer_by or (now + dt.timedelta(hours=act_hours) if act_hours else None)
    ack_due = now + dt.timedelta(hours=ack_hours) if message.kind != Kind.BULLETIN else None
    receipts = [
        Receipt(
            message=message,
            unit=unit,
            delivered_at=now,
            acknowledge_due=ack_due,
            act_due=act_due if message.kind != Kind.BULLETIN else None,
            forward=forward,
        )
        for unit in units
    ]
    return Receipt.objects.bulk_create(receipts, ignore_conflicts=True)


_SUBJECTS = {
    "message_received": gettext_noop("%(label)s %(kind)s from %(unit)s"),
    "message_updated": gettext_noop("%(label)s update from %(unit)s"),
    "message_cancelled": gettext_noop("%(label)s cancelled by %(unit)s"),
    "message_answered": gettext_noop("%(label)s answer from %(unit)s"),
}


def _tell_recipients(
    message: Message, units: Sequence[Unit], named: Sequence[User], *, code: str
) -> None:
    """Tell the acting people of each unit and the named people. Under TLP:AMBER+STRICT and RED
    the notice names the label and the sender only: the subject stays in the app."""
    people: list[User] = list(named)
    if message.tlp != TLP.RED:
        for unit in units:
            people.extend(members.acting_people_of(unit))
    people = [p for p in dict.fromkeys(people) if p.pk != message.author_id]
    if not people:
        return
    secret = message.tlp in {TLP.RED, TLP.AMBER_STRICT}
    text = (
        gettext_noop("Open it in Lintas to read it.")
        if secret
        else gettext_noop("%(subject)s — open it in Lintas to read and acknowledge it.")
    )
    notify(
        people,
        body=message.body,
        kind=code,
        subject=_SUBJECTS[code],
        text=text,
        link=_link(message),
        values={
            "label": message.label,
            "kind": message.get_kind_display(),
            "unit": message.author_unit.short_name or message.author_unit.name,
            "subject": message.subject,
        },
    )


def _receipt_for(message: Message, unit: Unit, by: User) -> Receipt:
    access = policy.message_access(by, message)
    policy.hide(access.reads)
    policy.require(unit.pk in access.acting_units)
    return Receipt.objects.select_for_update().get(message=message.root, unit=unit)


def _on_time(at: dt.datetime, due: dt.datetime | None) -> bool:
    return due is None or at <= due


def _reply(
    root: Message,
    *,
    by: User,
    unit: Unit,
    relation: str,
    subject: str,
    text: str,
    tlp: str,
    attachments: Sequence[Upload],
    to: Sequence[Unit],
    now: dt.datetime,
) -> Message:
    label = tlp or root.tlp
    if label not in TLP.values:
        raise LintasError(_("Unknown TLP label."), field="tlp")
    if is_looser(label, root.tlp):
        raise LintasError(
            _("A message of this thread may not carry a looser label than %(label)s.")
            % {"label": root.label},
            field="tlp",
        )
    # "Update: " and the like before a subject of 200 characters: shortened, never refused
    subject, cleaned = _check_text(Truncator(subject).chars(200), text)
    files = [_checked_attachment(a, message_tlp=label) for a in attachments]
    reply = Message.objects.create(
        search_text=searchable(subject, cleaned, {}),
        body=root.body,
        kind=root.kind,
        alert_type=root.alert_type,
        priority=root.priority,
        tlp=label,
        subject=subject,
        text=cleaned,
        author=by,
        author_unit=unit,
        sent_at=now,
        relation=relation,
        thread=root,
    )
    reply.named.set(root.named.all())
    for f in files:
        f.message = reply
    Attachment.objects.bulk_create(files)
    Receipt.objects.bulk_create(
        [Receipt(message=reply, unit=u, delivered_at=now) for u in to if u.pk != unit.pk],
        ignore_conflicts=True,
    )
    log_action(
        f"exchange.message.{relation}",
        actor=by,
        body=root.body,
        target=reply,
        data={"thread": root.pk, "tlp": label},
    )
    return reply


def _thread_units(root: Message) -> list[Unit]:
    return list(Unit.objects.filter(receipts__message=root).distinct())
