"""Reads for member pages and the API. Callers check policy first; these only fetch."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from lintas.members.models import Body, Invitation, Membership, Role, Unit, User

# Who acts for a unit, is told about its cases and reports: its focal point and alternate.
ACTING_ROLES = frozenset({Role.FOCAL_POINT, Role.ALTERNATE_FOCAL_POINT})


@dataclass
class UnitNode:
    unit: Unit
    depth: int
    children: list[UnitNode] = field(default_factory=list)
    people: int = 0

    @property
    def indent(self) -> int:
        """How far the tree indents the unit: one step a level, at most five."""
        return min(self.depth, 5)


def unit_tree_for_body(body: Body) -> list[UnitNode]:
    """The body's units as a depth-first list of nodes (one query)."""
    today = timezone.localdate()
    units = list(
        Unit.objects.filter(body=body).annotate(
            people=Count(
                "memberships__user",
                filter=Q(memberships__ends_on__isnull=True) | Q(memberships__ends_on__gt=today),
                distinct=True,
            )
        )
    )
    by_parent: dict[int | None, list[Unit]] = defaultdict(list)
    for unit in units:
        by_parent[unit.parent_id].append(unit)
    out: list[UnitNode] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for unit in sorted(by_parent.get(parent_id, []), key=lambda u: u.name.lower()):
            out.append(UnitNode(unit=unit, depth=depth, people=getattr(unit, "people", 0)))
            walk(unit.pk, depth + 1)

    walk(None, 0)
    return out


def units_for_body(body: Body) -> QuerySet[Unit]:
    return Unit.objects.filter(body=body).select_related("parent").order_by("name")


def co_chairs_of(body: Body) -> QuerySet[Unit]:
    return Unit.objects.filter(body=body, is_co_chair=True).order_by("name")


def active_memberships_for_body(body: Body) -> QuerySet[Membership]:
    return (
        Membership.objects.active()
        .filter(body=body)
        .select_related("user", "unit")
        .order_by("user__full_name", "role")
    )


@dataclass
class PersonRow:
    person: User
    memberships: list[Membership]


def people_of_body(
    body: Body, *, role: str = "", unit_id: int | None = None, text: str = ""
) -> list[PersonRow]:
    """People holding an active role in the body, each with their roles (two queries)."""
    memberships = active_memberships_for_body(body)
    if role:
        memberships = memberships.filter(role=role)
    if unit_id:
        memberships = memberships.filter(unit_id=unit_id)
    if text:
        memberships = memberships.filter(
            Q(user__full_name__icontains=text) | Q(user__email__icontains=text)
        )
    person_ids = set(memberships.values_list("user_id", flat=True))
    all_roles = active_memberships_for_body(body).filter(user_id__in=person_ids)
    rows: dict[int, PersonRow] = {}
    for membership in all_roles:
        row = rows.setdefault(membership.user_id, PersonRow(membership.user, []))
        row.memberships.append(membership)
    return sorted(rows.values(), key=lambda r: sort_key(r.person.full_name))


def sort_key(text: str) -> str:
    """Case- and accent-insensitive order, so "Đỗ" sorts with "Do", not after "Z"."""
    folded = unicodedata.normalize("NFKD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in folded if not unicodedata.combining(c)).casefold()


def memberships_of_person(person: User, body: Body) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=person, body=body)
        .select_related("unit")
        .order_by("ends_on", "role")
    )


def unit_memberships(unit: Unit) -> QuerySet[Membership]:
    return Membership.objects.active().filter(unit=unit).select_related("user").order_by("role")


def open_invitations_for_body(body: Body) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        body=body, accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).select_related("unit", "invited_by")


def bodies_with_roles_for(user: User) -> list[tuple[Body, list[Membership]]]:
    memberships = (
        Membership.objects.active()
        .filter(user=user)
        .select_related("body", "unit")
        .order_by("body__name", "role")
    )
    grouped: dict[int, tuple[Body, list[Membership]]] = {}
    for m in memberships:
        grouped.setdefault(m.body_id, (m.body, []))[1].append(m)
    return list(grouped.values())


def body_counts(body: Body) -> dict[str, int]:
    today = timezone.localdate()
    units = Unit.objects.filter(body=body)
    return {
        "units": units.filter(Q(left_on__isnull=True) | Q(left_on__gte=today)).count(),
        "people": Membership.objects.active().filter(body=body).values("user").distinct().count(),
        "countries": units.exclude(country="").values("country").distinct().count(),
    }


# --- whom to tell ---------------------------------------------------------------------------
# Each returns active people with an active membership, ordered by name, in one query.


def _holders(memberships: QuerySet[Membership]) -> list[User]:
    return list(
        User.objects.filter(is_active=True, pk__in=memberships.values("user_id")).order_by(
            "full_name", "pk"
        )
    )


def secretariat_of(body: Body) -> list[User]:
    """The people of the body's secretariat."""
    return _holders(Membership.objects.active().filter(body=body, role=Role.SECRETARIAT))


def unit_people(unit: Unit, roles: Iterable[str]) -> list[User]:
    """The people holding one of ``roles`` for the unit itself (not its sub-units)."""
    return _holders(Membership.objects.active().filter(unit=unit, role__in=list(roles)))


def acting_people_of(unit: Unit) -> list[User]:
    """The unit's focal point and alternate focal point."""
    return unit_people(unit, ACTING_ROLES)


def contacts_by_unit(unit_ids: Iterable[int]) -> dict[int, list[User]]:
    """The focal points and alternates of several units, in one query."""
    out: dict[int, list[User]] = {}
    rows = (
        Membership.objects.active()
        .filter(unit_id__in=list(unit_ids), role__in=list(ACTING_ROLES), user__is_active=True)
        .select_related("user")
        .order_by("user__full_name", "pk")
    )
    for m in rows:
        if m.unit_id is not None:
            out.setdefault(m.unit_id, []).append(m.user)
    return out


def heads_of(unit: Unit) -> list[User]:
    """The head of a unit: whoever holds the leader role for it, or else for the nearest unit
    above it that has one (the rule of report escalations)."""
    node: Unit | None = unit
    seen: set[int] = set()
    while node is not None and node.pk not in seen:
        seen.add(node.pk)
        leaders = unit_people(node, [Role.LEADER])
        if leaders:
            return leaders
        node = node.parent
    return []


def role_holders(body: Body, roles: Iterable[str], *, on: dt.date) -> list[Membership]:
    """The body's active memberships in ``roles`` on a day, each with its person, ordered by
    name: for work that tells many units at once and groups them itself (one query)."""
    return list(
        Membership.objects.active(on=on)
        .filter(body=body, role__in=list(roles))
        .select_related("user")
        .order_by("user__full_name", "pk")
    )
