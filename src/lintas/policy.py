"""Who may see or change what: bodies, people and roles, the rules every app builds on.

Views, API operations and selectors ask these functions; nothing else compares roles. The rule for
answers: a person who may not even know an object exists gets 404 (``Http404``); a person who may
see it but not change it gets 403 (``PermissionDenied``). ``get_body_for``, ``hide`` and
``require`` apply that rule.

The rules about an app's own objects live beside them, each built on the app below and offering
its rules too: ``reporting/policy.py`` (reports), ``cases/policy.py`` (case records and their TLP
labels), ``networks/policy.py`` (networks). So each layer of the policy sits in the layer of the
app it judges, and this module knows no app above members.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Final, TypeAlias

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from lintas.members.models import Body, Membership, Role, Unit, User

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

# Whoever a request comes from: a signed-in person or an anonymous visitor. Every question below
# answers "no" for a visitor, and for a missing person (``None``) too.
Viewer: TypeAlias = "User | AnonymousUser"

MANAGER_ROLES = frozenset({Role.SECRETARIAT, Role.ADMINISTRATOR})


def signed_in(user: Viewer | None) -> User | None:
    """The person signed in, or None for a visitor (or no one)."""
    return user if isinstance(user, User) else None


def active_person(user: Viewer | None) -> User | None:
    """The person signed in if their account is active."""
    return user if isinstance(user, User) and user.is_active else None


def is_instance_admin(user: Viewer) -> bool:
    person = active_person(user)
    return person is not None and person.is_superuser


def roles_in(user: Viewer, body: Body) -> set[str]:
    """The roles a person holds today in a body (cached per request on the user object)."""
    person = active_person(user)
    if person is None:
        return set()
    cache: dict[int, set[str]] = person.__dict__.setdefault("_lintas_roles", {})
    if body.pk not in cache:
        cache[body.pk] = set(
            Membership.objects.active()
            .filter(user=person, body=body)
            .values_list("role", flat=True)
        )
    return cache[body.pk]


def unit_roles(user: Viewer, unit: Unit) -> set[str]:
    person = signed_in(user)
    if person is None:
        return set()
    return set(
        Membership.objects.active().filter(user=person, unit=unit).values_list("role", flat=True)
    )


def roles_requiring_two_factor(user: Viewer) -> set[str]:
    from django.conf import settings

    person = signed_in(user)
    if person is None:
        return set()
    if person.is_superuser or person.is_staff:
        return {Role.ADMINISTRATOR}
    return set(
        Membership.objects.active()
        .filter(user=person, role__in=settings.LINTAS_TWO_FACTOR_ROLES)
        .values_list("role", flat=True)
    )


# --- bodies -------------------------------------------------------------------------------


def can_view_body(user: Viewer, body: Body) -> bool:
    return is_instance_admin(user) or bool(roles_in(user, body))


def can_manage_body(user: Viewer, body: Body) -> bool:
    """Define units, invite people, grant and end roles, deactivate people."""
    return is_instance_admin(user) or bool(roles_in(user, body) & MANAGER_ROLES)


def can_view_audit(user: Viewer, body: Body) -> bool:
    return can_manage_body(user, body)


def bodies_visible_to(user: Viewer) -> QuerySet[Body]:
    """Every body for an instance administrator; the bodies a person holds a role in today."""
    if is_instance_admin(user):
        return Body.objects.all()
    person = signed_in(user)
    if person is None:
        return Body.objects.none()
    ids = Membership.objects.active().filter(user=person).values("body_id")
    return Body.objects.filter(pk__in=ids)


def get_body_for(user: Viewer, slug: str) -> Body:
    """The body, or 404 for anyone who is not a member of it."""
    body = Body.objects.filter(slug=slug).first()
    if body is None or not can_view_body(user, body):
        raise Http404
    return body


# --- people -------------------------------------------------------------------------------


def can_view_person(user: Viewer, person: User, body: Body) -> bool:
    if not can_view_body(user, body):
        return False
    if person.pk == user.pk or can_manage_body(user, body):
        return True
    return Membership.objects.filter(user=person, body=body).exists()


def can_manage_memberships(user: Viewer, body: Body) -> bool:
    return can_manage_body(user, body)


def grantable_roles(user: Viewer, body: Body) -> list[str]:
    """Roles this person may grant. Only administrators grant the administrator role."""
    if not can_manage_body(user, body):
        return []
    roles = [r.value for r in Role]
    if not (is_instance_admin(user) or Role.ADMINISTRATOR in roles_in(user, body)):
        roles.remove(Role.ADMINISTRATOR)
    return roles


def can_deactivate_person(user: Viewer, person: User, body: Body) -> bool:
    if person.pk == user.pk or not can_manage_body(user, body):
        return False
    return not (person.is_superuser and not is_instance_admin(user))


# --- helpers for views ----------------------------------------------------------------------


def require(allowed: bool, *, why: str = "") -> None:
    """Raise 403 when a reader who may see the object may not do this to it; ``why`` is what the
    page says instead of the usual "read, not change" (what the reader can see instead)."""
    if not allowed:
        raise PermissionDenied(why)


def hide(visible: bool) -> None:
    """Raise 404 when the person may not know the object exists."""
    if not visible:
        raise Http404


# --- the system as an actor ------------------------------------------------------------------
# Services take the person who acts (``by``) and ask the rules below. Work that no person asks
# for (the worker, a command, the demo data) passes ``by=SYSTEM``: the service skips the checks
# and the audit log records "system". Nothing else skips them: ``by=None`` is nobody, who may
# do nothing.


class System(enum.Enum):
    """The platform acting on its own."""

    SYSTEM = "system"


SYSTEM: Final = System.SYSTEM

# Who acts in a service: a person, or the system itself.
Actor: TypeAlias = "User | System"


def acting_user(by: Actor) -> User | None:
    """The person behind an action, for the columns that record one; none for the system."""
    return None if by is SYSTEM else by
