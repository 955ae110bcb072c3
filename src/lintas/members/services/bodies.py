"""Bodies, their member units, and roles held in them."""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lintas import policy
from lintas.audit.services import log_action
from lintas.core.errors import LintasError
from lintas.members.models import UNIT_ROLES, Body, Membership, Role, Unit, User
from lintas.members.services.common import validated

# --- bodies and units -------------------------------------------------------------------------


@transaction.atomic
def create_body(*, by: policy.Actor, **fields: Any) -> Body:
    """A new body: made by the system (the demo, tests) or an instance administrator."""
    if by is not policy.SYSTEM:
        policy.require(policy.is_instance_admin(by))
    body = Body(**fields)
    validated(body)
    body.save()
    log_action("members.body.created", actor=by, body=body, target=body, data=fields)
    return body


@transaction.atomic
def create_unit(*, body: Body, by: policy.Actor, **fields: Any) -> Unit:
    if by is not policy.SYSTEM:
        policy.require(policy.can_manage_body(by, body))
    unit = Unit(body=body, **fields)
    validated(unit)
    unit.save()
    log_action(
        "members.unit.created",
        actor=by,
        body=body,
        target=unit,
        data={k: str(v) for k, v in fields.items()},
    )
    return unit


@transaction.atomic
def update_unit(unit: Unit, *, by: User, **fields: Any) -> Unit:
    policy.require(policy.can_manage_body(by, unit.body))
    changes = {}
    for name, value in fields.items():
        old = getattr(unit, name)
        if old != value:
            changes[name] = [str(old), str(value)]
            setattr(unit, name, value)
    if not changes:
        return unit
    validated(unit)
    unit.save()
    log_action("members.unit.updated", actor=by, body=unit.body, target=unit, data=changes)
    return unit


# --- roles ----------------------------------------------------------------------------------


def check_role_for(body: Body, role: str, unit: Unit | None) -> None:
    if role not in Role.values:
        raise LintasError(_("Unknown role: %(role)s") % {"role": role}, field="role")
    if role in UNIT_ROLES and unit is None:
        raise LintasError(_("This role is held for a unit: choose one."), field="unit")
    if unit is not None and unit.body_id != body.pk:
        raise LintasError(_("The unit belongs to another body."), field="unit")


@transaction.atomic
def grant_role(
    *,
    body: Body,
    person: User,
    role: str,
    unit: Unit | None = None,
    by: policy.Actor,
    starts_on: dt.date | None = None,
) -> Membership:
    check_role_for(body, role, unit)
    if by is not policy.SYSTEM:
        policy.require(role in policy.grantable_roles(by, body))
        if not Membership.objects.filter(user=person, body=body).exists():
            # A role goes to a person of the body; anyone else comes in by an invitation, which
            # they accept themselves (a manager must not reach other bodies' people by id).
            raise LintasError(_("No such person in this body; invite them."), field="person")
        if by.pk == person.pk:
            # A manager who could grant herself a unit's role would read that unit's cases:
            # a second manager grants it, so two people know.
            raise LintasError(
                _("You cannot grant yourself a role: another manager of the body grants it."),
                field="person",
            )
    if role in {Role.ANALYST, Role.ADMINISTRATOR} and unit is not None:
        # analysts and administrators act for the whole body; a leader held for a unit is that
        # unit's head (escalations reach them), and still reads the whole body like any leader
        unit = None
    existing = Membership.objects.filter(
        user=person, body=body, unit=unit, role=role, ends_on__isnull=True
    ).first()
    if existing is not None:
        raise LintasError(
            _("%(person)s already holds this role.") % {"person": person}, field="role"
        )
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                user=person, body=body, unit=unit, role=role, starts_on=starts_on
            )
    except IntegrityError:
        raise LintasError(_("%(person)s already holds this role.") % {"person": person}) from None
    log_action(
        "members.membership.granted",
        actor=by,
        body=body,
        target=membership,
        data={"person": person.email, "role": role, "unit": str(unit) if unit else None},
    )
    for listener in _ROLE_LISTENERS:
        listener(membership=membership, by=policy.acting_user(by))
    return membership


class RoleListener(Protocol):
    def __call__(self, *, membership: Membership, by: User | None) -> None: ...


_ROLE_LISTENERS: list[RoleListener] = []


def on_role_granted(listener: RoleListener) -> RoleListener:
    """Call ``listener`` in the transaction of every role granted. Members sit below the apps
    that tell people (notices), so those register here in their ``ready()``."""
    _ROLE_LISTENERS.append(listener)
    return listener


@transaction.atomic
def end_membership(membership: Membership, *, by: User, on: dt.date | None = None) -> Membership:
    body = membership.body
    policy.require(policy.can_manage_memberships(by, body))
    if membership.role == Role.ADMINISTRATOR:
        policy.require(Role.ADMINISTRATOR in policy.grantable_roles(by, body))
    if membership.ends_on is not None:
        raise LintasError(_("This role has already ended."))
    if membership.user_id == by.pk and membership.role in policy.MANAGER_ROLES:
        others = (
            Membership.objects.active()
            .filter(body=body, role__in=policy.MANAGER_ROLES)
            .exclude(user=by)
            .exists()
        )
        if not others:
            raise LintasError(_("You are the last secretariat member: name another one first."))
    day = on or timezone.localdate()
    if membership.starts_on and day < membership.starts_on:
        day = membership.starts_on
    membership.ends_on = day
    membership.save(update_fields=["ends_on", "updated_at"])
    log_action(
        "members.membership.ended",
        actor=by,
        body=body,
        target=membership,
        data={"person": membership.user.email, "role": membership.role, "ends_on": str(day)},
    )
    return membership
