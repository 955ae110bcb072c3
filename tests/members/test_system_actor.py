"""The members services take the person who acts, or the system itself; never nobody."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from lintas.audit.models import AuditEntry
from lintas.members import services
from lintas.members.models import Body, Membership, Role, Unit
from lintas.policy import SYSTEM
from tests.conftest import Cast, make_person


def test_a_focal_point_may_not_add_a_unit_but_the_system_may(cast: Cast) -> None:
    with pytest.raises(PermissionDenied):
        services.create_unit(body=cast.body, by=cast.focal_a, name="Agency D", kind="agency")
    assert not Unit.objects.filter(body=cast.body, name="Agency D").exists()

    unit = services.create_unit(body=cast.body, by=SYSTEM, name="Agency D", kind="agency")

    entry = AuditEntry.objects.get(action="members.unit.created", object_id=str(unit.pk))
    assert entry.actor is None
    assert entry.actor_label == "system"


def test_a_focal_point_may_not_grant_a_role_but_the_system_may(cast: Cast) -> None:
    with pytest.raises(PermissionDenied):
        services.grant_role(body=cast.body, person=cast.focal_b, role=Role.LEADER, by=cast.focal_a)
    assert not Membership.objects.filter(user=cast.focal_b, role=Role.LEADER).exists()

    membership = services.grant_role(
        body=cast.body, person=cast.focal_b, role=Role.LEADER, by=SYSTEM
    )

    assert Membership.objects.active().filter(pk=membership.pk, role=Role.LEADER).exists()
    entry = AuditEntry.objects.get(
        action="members.membership.granted", object_id=str(membership.pk)
    )
    assert entry.actor_label == "system"


def test_only_the_system_or_an_instance_administrator_makes_a_body(cast: Cast) -> None:
    fields = {
        "name": "Regional Forum",
        "short_name": "RF",
        "slug": "forum",
        "kind": Body.Kind.WORKING_GROUP,
        "time_zone": "Asia/Bangkok",
        "languages": ["en"],
    }
    with pytest.raises(PermissionDenied):
        services.create_body(by=cast.secretariat, **fields)
    assert not Body.objects.filter(slug="forum").exists()

    root = make_person("root@example.org", "Root Admin")
    root.is_superuser = True
    root.save(update_fields=["is_superuser"])
    by_root = services.create_body(by=root, **fields)
    by_system = services.create_body(by=SYSTEM, **{**fields, "slug": "forum-2"})

    labels = dict(
        AuditEntry.objects.filter(action="members.body.created").values_list(
            "object_id", "actor_label"
        )
    )
    assert labels[str(by_root.pk)] == "Root Admin <root@example.org>"
    assert labels[str(by_system.pk)] == "system"


def test_nobody_acting_is_refused_not_taken_for_the_system(cast: Cast) -> None:
    with pytest.raises(PermissionDenied):
        services.create_unit(body=cast.body, by=None, name="Agency D", kind="agency")  # type: ignore[arg-type]
    with pytest.raises(PermissionDenied):
        services.grant_role(body=cast.body, person=cast.focal_b, role=Role.LEADER, by=None)  # type: ignore[arg-type]
    assert not Unit.objects.filter(body=cast.body, name="Agency D").exists()
    assert not Membership.objects.filter(user=cast.focal_b, role=Role.LEADER).exists()
