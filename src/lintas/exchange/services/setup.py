"""What a body sets for its exchange: saved recipient groups, the agreed times, and which
units are the clients of which under TLP:AMBER."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from lintas.audit.services import log_action
from lintas.core.errors import LintasError
from lintas.exchange import policy
from lintas.exchange.models import (
    AgreedTime,
    ClientLink,
    Kind,
    Priority,
    RecipientGroup,
)
from lintas.members.models import Body, Unit, User


def save_group(
    *,
    body: Body,
    by: User,
    name: str,
    units: Sequence[Unit],
    members_hidden: bool = False,
    group: RecipientGroup | None = None,
) -> RecipientGroup:
    policy.require(policy.can_manage_body(by, body))
    name = (name or "").strip()
    if not name:
        raise LintasError(_("Give the group a name."), field="name")
    if not units:
        raise LintasError(_("Choose at least one unit."), field="units")
    if any(u.body_id != body.pk for u in units):
        raise LintasError(_("Every unit must belong to this body."), field="units")
    clash = RecipientGroup.objects.filter(body=body, name__iexact=name)
    if group is not None:
        clash = clash.exclude(pk=group.pk)
    if clash.exists():
        raise LintasError(_("A group of this name exists already."), field="name")
    with transaction.atomic():
        group = group or RecipientGroup(body=body)
        group.name = name
        group.members_hidden = members_hidden
        group.save()
        group.units.set(units)
        log_action(
            "exchange.group.saved",
            actor=by,
            body=body,
            target=group,
            data={"units": [u.pk for u in units], "hidden": members_hidden},
        )
    return group


def set_agreed_time(
    *, body: Body, by: User, kind: str, priority: str, acknowledge_hours: int, act_hours: int
) -> AgreedTime:
    policy.require(policy.can_manage_body(by, body))
    if kind not in Kind.values or priority not in Priority.values:
        raise LintasError(_("Unknown kind or priority."), field="kind")
    if not 1 <= acknowledge_hours <= 24 * 60:
        raise LintasError(_("Between 1 hour and 60 days."), field="acknowledge_hours")
    if not 0 <= act_hours <= 24 * 365:
        raise LintasError(_("Between 0 hours and a year."), field="act_hours")
    with transaction.atomic():
        agreed, _created = AgreedTime.objects.update_or_create(
            body=body,
            kind=kind,
            priority=priority,
            defaults={"acknowledge_hours": acknowledge_hours, "act_hours": act_hours},
        )
        log_action(
            "exchange.agreed_time.set",
            actor=by,
            body=body,
            target=agreed,
            data={"kind": kind, "priority": priority, "ack": acknowledge_hours, "act": act_hours},
        )
    return agreed


def delete_group(group: RecipientGroup, *, by: User) -> None:
    policy.require(policy.can_manage_body(by, group.body))
    with transaction.atomic():
        log_action(
            "exchange.group.deleted",
            actor=by,
            body=group.body,
            target=group,
            data={"name": group.name},
        )
        group.delete()


def add_client(*, body: Body, by: User, unit: Unit, client: Unit) -> ClientLink:
    """Name ``client`` a client of ``unit``: TLP:AMBER messages to ``unit`` reach it too."""
    policy.require(policy.can_manage_body(by, body))
    if unit.body_id != body.pk or client.body_id != body.pk:
        raise LintasError(_("Every unit must belong to this body."), field="client")
    if unit.pk == client.pk:
        raise LintasError(_("A unit is not its own client."), field="client")
    if ClientLink.objects.filter(unit=unit, client=client).exists():
        raise LintasError(_("This unit is a client already."), field="client")
    with transaction.atomic():
        link = ClientLink.objects.create(body=body, unit=unit, client=client)
        log_action(
            "exchange.client.added",
            actor=by,
            body=body,
            target=unit,
            data={"client": client.pk},
        )
    return link


def remove_client(link: ClientLink, *, by: User) -> None:
    policy.require(policy.can_manage_body(by, link.body))
    with transaction.atomic():
        log_action(
            "exchange.client.removed",
            actor=by,
            body=link.body,
            target=link.unit,
            data={"client": link.client_id},
        )
        link.delete()
