"""Who may see or change what. The only place that decides.

Views, API operations and selectors ask these functions; nothing else compares roles. The rule for
answers: a person who may not even know an object exists gets 404 (``Http404``); a person who may
see it but not change it gets 403 (``PermissionDenied``). ``get_body_for`` and the ``require_*``
helpers apply that rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from lintas.members.models import BODY_ROLES, Body, Membership, Role, Unit, User

MANAGER_ROLES = frozenset({Role.SECRETARIAT, Role.ADMINISTRATOR})


def _is_instance_admin(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def roles_in(user: Any, body: Body) -> set[str]:
    """The roles a person holds today in a body (cached per request on the user object)."""
    if not user.is_authenticated or not user.is_active:
        return set()
    cache: dict[int, set[str]] = user.__dict__.setdefault("_lintas_roles", {})
    if body.pk not in cache:
        cache[body.pk] = set(
            Membership.objects.active().filter(user=user, body=body).values_list("role", flat=True)
        )
    return cache[body.pk]


def unit_roles(user: Any, unit: Unit) -> set[str]:
    if not user.is_authenticated:
        return set()
    return set(
        Membership.objects.active().filter(user=user, unit=unit).values_list("role", flat=True)
    )


def roles_requiring_two_factor(user: Any) -> set[str]:
    from django.conf import settings

    if not user.is_authenticated:
        return set()
    if user.is_superuser or user.is_staff:
        return {Role.ADMINISTRATOR}
    return set(
        Membership.objects.active()
        .filter(user=user, role__in=settings.LINTAS_TWO_FACTOR_ROLES)
        .values_list("role", flat=True)
    )


# --- bodies -------------------------------------------------------------------------------


def can_view_body(user: Any, body: Body) -> bool:
    return _is_instance_admin(user) or bool(roles_in(user, body))


def can_manage_body(user: Any, body: Body) -> bool:
    """Define units, invite people, grant and end roles, deactivate people."""
    return _is_instance_admin(user) or bool(roles_in(user, body) & MANAGER_ROLES)


def can_view_audit(user: Any, body: Body) -> bool:
    return can_manage_body(user, body)


def bodies_visible_to(user: Any) -> QuerySet[Body]:
    if _is_instance_admin(user):
        return Body.objects.all()
    if not user.is_authenticated:
        return Body.objects.none()
    ids = Membership.objects.active().filter(user=user).values("body_id")
    return Body.objects.filter(pk__in=ids)


def get_body_for(user: Any, slug: str) -> Body:
    """The body, or 404 for anyone who is not a member of it."""
    body = Body.objects.filter(slug=slug).first()
    if body is None or not can_view_body(user, body):
        raise Http404
    return body


# --- people -------------------------------------------------------------------------------


def can_view_person(user: Any, person: User, body: Body) -> bool:
    if not can_view_body(user, body):
        return False
    if person.pk == user.pk or can_manage_body(user, body):
        return True
    return Membership.objects.filter(user=person, body=body).exists()


def can_manage_memberships(user: Any, body: Body) -> bool:
    return can_manage_body(user, body)


def grantable_roles(user: Any, body: Body) -> list[str]:
    """Roles this person may grant. Only administrators grant the administrator role."""
    if not can_manage_body(user, body):
        return []
    roles = [r.value for r in Role]
    if not (_is_instance_admin(user) or Role.ADMINISTRATOR in roles_in(user, body)):
        roles.remove(Role.ADMINISTRATOR)
    return roles


def can_deactivate_person(user: Any, person: User, body: Body) -> bool:
    if person.pk == user.pk or not can_manage_body(user, body):
        return False
    return not (person.is_superuser and not _is_instance_admin(user))


# --- helpers for views ----------------------------------------------------------------------


def require(allowed: bool) -> None:
    """Raise 403 when a reader who may see the object may not do this to it."""
    if not allowed:
        raise PermissionDenied


def hide(visible: bool) -> None:
    """Raise 404 when the person may not know the object exists."""
    if not visible:
        raise Http404


def is_body_role(role: str) -> bool:
    return role in BODY_ROLES


def any_role(user: Any, body: Body, roles: Iterable[str]) -> bool:
    return bool(roles_in(user, body) & set(roles))


# --- reporting ----------------------------------------------------------------------------

FILLER_ROLES = frozenset({Role.FOCAL_POINT, Role.ALTERNATE_FOCAL_POINT})
BODY_READER_ROLES = frozenset({Role.SECRETARIAT, Role.ADMINISTRATOR, Role.LEADER, Role.ANALYST})


def can_manage_reporting(user: Any, body: Body) -> bool:
    """Define templates and obligations, review submissions, grant exceptions."""
    return can_manage_body(user, body)


def can_read_all_reports(user: Any, body: Body) -> bool:
    return _is_instance_admin(user) or bool(roles_in(user, body) & BODY_READER_ROLES)


def can_fill_for(user: Any, unit: Unit) -> bool:
    return bool(unit_roles(user, unit) & FILLER_ROLES)


def can_validate_for(user: Any, unit: Unit) -> bool:
    return Role.VALIDATOR in unit_roles(user, unit)


def can_view_submission(user: Any, submission: Any) -> bool:
    body = submission.obligation.body
    if can_read_all_reports(user, body):
        return True
    return bool(unit_roles(user, submission.unit))


def can_edit_submission(user: Any, submission: Any) -> bool:
    return can_fill_for(user, submission.unit)


def units_reported_by(user: Any, body: Body) -> QuerySet[Unit]:
    """The units whose reports this person fills, validates or reads as a unit member."""
    if not user.is_authenticated:
        return Unit.objects.none()
    ids = Membership.objects.active().filter(user=user, body=body, unit__isnull=False)
    return Unit.objects.filter(pk__in=ids.values("unit_id"))
