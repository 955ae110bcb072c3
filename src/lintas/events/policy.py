"""Who may see an event, organise it, nominate its delegates, check people in and read its
materials: the events part of the policy, the only place where an event's, a session's or a
material's TLP label is enforced.

It builds on the rules of bodies, people and roles (``lintas/policy.py``) and offers them too,
so a module of the events app imports one ``policy``.

Who sees an event:
  TLP:CLEAR, TLP:GREEN     every member of the body;
  TLP:AMBER(+STRICT)       the organisers (the body's secretariat and administrators, the
                           members of the organiser units), the members of the invited units,
                           and the event's delegates with an account;
  TLP:RED                  the organisers and the approved delegates only.
Who organises (edits the agenda, decides nominations, checks people in, issues certificates,
records action items): the body's secretariat and administrators and the focal points of the
organiser units.
Who nominates for a unit: the focal point and alternate of an invited unit, and the organisers.
Who reads a material (the stricter of its label and its session's):
  TLP:CLEAR, TLP:GREEN     whoever sees the event;
  TLP:AMBER(+STRICT)       the approved delegates who attended the event, its presenters, the
                           organisers;
  TLP:RED                  those checked in at that session, its presenters, and the person who
                           uploaded it, only. Organising the event does not open a RED material:
                           TLP:RED names its recipients (those in the room), and a secretariat is
                           many people; an organiser who sits in the session is checked in like
                           anyone else, and the one who uploaded the file already holds it.
A stranger to an event gets 404; a reader who may not act gets 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.db.models import Q, QuerySet

from lintas.core.tlp import TLP, stricter_label
from lintas.events.models import CheckIn, Delegate, Event, Invitation, Material
from lintas.members.models import Body, Membership, Role
from lintas.policy import *  # noqa: F403  (the rules below build on these and offer them too)
from lintas.policy import MANAGER_ROLES, Viewer, active_person, is_instance_admin, roles_in

NOMINATING_ROLES = frozenset({Role.FOCAL_POINT, Role.ALTERNATE_FOCAL_POINT})
# Who reads the measures plans computes its indicators from (people trained, knowledge gain).
READER_ROLES = frozenset({Role.SECRETARIAT, Role.LEADER, Role.ANALYST, Role.ADMINISTRATOR})
OPEN_LABELS = (TLP.CLEAR, TLP.GREEN)


def _unit_roles(person: object, body: Body) -> dict[int, set[str]]:
    """A person's roles today per unit of a body (cached per request on the user object)."""
    user = active_person(person)  # type: ignore[arg-type]
    if user is None:
        return {}
    cache: dict[int, dict[int, set[str]]] = user.__dict__.setdefault("_lintas_event_units", {})
    if body.pk not in cache:
        held: dict[int, set[str]] = {}
        rows = (
            Membership.objects.active()
            .filter(user=user, body=body, unit__isnull=False)
            .values_list("unit_id", "role")
        )
        for unit_id, role in rows:
            held.setdefault(unit_id, set()).add(role)
        cache[body.pk] = held
    return cache[body.pk]


def is_manager(user: Viewer, body: Body) -> bool:
    return is_instance_admin(user) or bool(roles_in(user, body) & MANAGER_ROLES)


def can_create_event(user: Viewer, body: Body) -> bool:
    return is_manager(user, body)


def visible_events(user: Viewer, body: Body) -> QuerySet[Event]:
    """The events of a body this person may see."""
    person = active_person(user)
    if person is None or not (roles_in(person, body) or is_instance_admin(person)):
        return Event.objects.none()
    events = Event.objects.filter(body=body)
    if is_manager(person, body):
        return events
    units = set(_unit_roles(person, body))
    focal_units = {u for u, roles in _unit_roles(person, body).items() if Role.FOCAL_POINT in roles}
    invited = Invitation.objects.filter(unit_id__in=units).values("event_id")
    delegate_of = Delegate.objects.filter(user=person).values("event_id")
    approved_of = Delegate.objects.filter(user=person, status=Delegate.Status.APPROVED).values(
        "event_id"
    )
    organised = Event.organisers.through.objects.filter(unit_id__in=units).values("event_id")
    organiser_focal = Event.organisers.through.objects.filter(unit_id__in=focal_units).values(
        "event_id"
    )
    rule = (
        Q(tlp__in=OPEN_LABELS)
        | Q(pk__in=organiser_focal)
        | Q(pk__in=approved_of)
        | Q(tlp__in=[TLP.AMBER, TLP.AMBER_STRICT], pk__in=organised)
        | Q(tlp__in=[TLP.AMBER, TLP.AMBER_STRICT], pk__in=invited)
        | Q(tlp__in=[TLP.AMBER, TLP.AMBER_STRICT], pk__in=delegate_of)
    )
    return events.filter(rule).distinct()


@dataclass
class EventAccess:
    """One person's access to one event, read once and asked as often as a page needs."""

    person: object
    event: Event

    @cached_property
    def user(self):
        return active_person(self.person)  # type: ignore[arg-type]

    @cached_property
    def units(self) -> dict[int, set[str]]:
        return _unit_roles(self.person, self.event.body)

    @cached_property
    def organiser_unit_ids(self) -> set[int]:
        return set(self.event.organisers.values_list("pk", flat=True))

    @cached_property
    def organises(self) -> bool:
        if self.user is None:
            return False
        if is_manager(self.user, self.event.body):
            return True
        return any(
            Role.FOCAL_POINT in self.units.get(unit_id, set())
            for unit_id in self.organiser_unit_ids
        )

    @cached_property
    def delegate(self) -> Delegate | None:
        if self.user is None:
            return None
        return (
            Delegate.objects.filter(event=self.event, user=self.user)
            .order_by("status", "pk")
            .first()
        )

    @cached_property
    def approved(self) -> bool:
        return self.delegate is not None and self.delegate.status == Delegate.Status.APPROVED

    @cached_property
    def attended(self) -> bool:
        return self.approved and CheckIn.objects.filter(delegate=self.delegate).exists()

    @cached_property
    def nominating_units(self) -> set[int]:
        """The invited units this person may nominate for."""
        invited = set(self.event.invitations.values_list("unit_id", flat=True))
        if self.organises:
            return invited
        return {u for u in invited if self.units.get(u, set()) & NOMINATING_ROLES}

    @cached_property
    def presents(self) -> set[int]:
        """The sessions where this person presents."""
        if self.delegate is None:
            return set()
        return set(self.delegate.presentations.values_list("session_id", flat=True))

    @cached_property
    def present_at(self) -> set[int]:
        if self.delegate is None or not self.approved:
            return set()
        return set(
            CheckIn.objects.filter(delegate=self.delegate, session__isnull=False).values_list(
                "session_id", flat=True
            )
        )

    def sees_delegate(self, delegate: Delegate) -> bool:
        """The organisers, the delegate, and those who nominate for the delegate's unit."""
        return (
            self.organises
            or (self.user is not None and delegate.user_id == self.user.pk)
            or (delegate.unit_id is not None and delegate.unit_id in self.nominating_units)
        )

    def may_read_material(self, material: Material, session_label: str, session_id: int) -> bool:
        label = stricter_label(material.tlp, session_label, self.event.tlp)
        if label in OPEN_LABELS:
            return True
        if label == TLP.RED:
            return (
                session_id in self.present_at
                or session_id in self.presents
                or (self.user is not None and material.uploaded_by_id == self.user.pk)
            )
        return self.organises or self.attended or bool(self.presents)


def access(user: Viewer, event: Event) -> EventAccess:
    return EventAccess(user, event)


def can_organise(user: Viewer, event: Event) -> bool:
    return access(user, event).organises
