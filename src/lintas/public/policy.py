"""Who may prepare, sign off and publish a body's public releases.

- The secretariat (and administrators) of a body prepare, submit, publish and withdraw its
  releases and choose its sign-off settings.
- The focal points (and alternates) of a unit asked to sign off a release approve it or object.
"""

from __future__ import annotations

from lintas.members.models import Body, Membership, Role, Unit
from lintas.policy import *  # noqa: F403  (the rules below build on these and offer them too)
from lintas.policy import Viewer, active_person, can_manage_body

SIGNING_ROLES = frozenset({Role.FOCAL_POINT, Role.ALTERNATE_FOCAL_POINT})


def can_prepare_releases(user: Viewer, body: Body) -> bool:
    return can_manage_body(user, body)


def signs_for(user: Viewer, unit: Unit) -> bool:
    """A focal point (or alternate) of the unit, who answers for it."""
    person = active_person(user)
    if person is None:
        return False
    return (
        Membership.objects.active()
        .filter(user=person, unit=unit, role__in=list(SIGNING_ROLES))
        .exists()
    )
