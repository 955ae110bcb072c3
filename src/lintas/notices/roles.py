"""The unit's focal points are told of every role granted in their unit, so a role nobody asked
for (someone granting themselves access to the unit's cases) does not go unseen."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from lintas.members.models import Membership, User
from lintas.members.selectors import acting_people_of
from lintas.notices.services import notify


def tell_unit_of_role(*, membership: Membership, by: User | None) -> None:
    unit = membership.unit
    if unit is None:
        return
    people = [p for p in acting_people_of(unit) if p.pk != membership.user_id]
    if not people:
        return
    notify(
        people,
        body=membership.body,
        kind="role_granted",
        subject=gettext_noop("New role in %(unit)s: %(person)s"),
        text=gettext_noop(
            "%(granter)s gave %(person)s the role %(role)s in %(unit)s. If your unit did not ask "
            "for it, tell the secretariat."
        ),
        values={
            "unit": unit.name,
            "person": membership.user.full_name,
            "role": membership.get_role_display(),
            "granter": by.full_name if by is not None else "Lintas",
        },
    )
