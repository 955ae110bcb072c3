from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lintas.audit.models import AuditEntry
from lintas.core.errors import LintasError
from lintas.members import selectors, services
from lintas.members.models import Membership, Role, Unit
from lintas.policy import SYSTEM
from tests.conftest import Cast, ClientFor


def test_one_person_can_hold_roles_in_several_units_and_bodies(cast: Cast) -> None:
    services.grant_role(
        body=cast.body,
        person=cast.focal_a,
        role=Role.VALIDATOR,
        unit=cast.unit_b,
        by=cast.secretariat,
    )
    bodies = selectors.bodies_with_roles_for(cast.focal_c)
    assert {b.slug for b, _ in bodies} == {"twg", "other"}
    roles = {(m.role, m.unit_id) for m in Membership.objects.active().filter(user=cast.focal_a)}
    assert roles == {(Role.FOCAL_POINT, cast.unit_a.pk), (Role.VALIDATOR, cast.unit_b.pk)}


def test_granting_the_same_open_role_twice_is_refused(cast: Cast) -> None:
    with pytest.raises(LintasError):
        services.grant_role(
            body=cast.body,
            person=cast.focal_a,
            role=Role.FOCAL_POINT,
            unit=cast.unit_a,
            by=cast.secretariat,
        )
    assert Membership.objects.filter(user=cast.focal_a, role=Role.FOCAL_POINT).count() == 1


def test_a_unit_of_another_body_is_refused(cast: Cast) -> None:
    foreign = Unit.objects.get(body=cast.other_body)
    with pytest.raises(LintasError) as err:
        services.grant_role(
            body=cast.body,
            person=cast.focal_a,
            role=Role.VALIDATOR,
            unit=foreign,
            by=cast.secretariat,
        )
    assert err.value.field == "unit"


def test_ending_a_role_keeps_its_history_and_is_audited(cast: Cast) -> None:
    membership = Membership.objects.get(user=cast.focal_b, body=cast.body)
    services.end_membership(membership, by=cast.secretariat)
    membership.refresh_from_db()
    assert membership.ends_on is not None
    assert (
        not Membership.objects.active(on=membership.ends_on + dt.timedelta(days=1))
        .filter(pk=membership.pk)
        .exists()
    )
    entry = AuditEntry.objects.get(action="members.membership.ended")
    assert entry.actor == cast.secretariat
    assert entry.body == cast.body


def test_the_last_secretariat_member_cannot_end_their_own_role(cast: Cast) -> None:
    own = Membership.objects.get(user=cast.secretariat, role=Role.SECRETARIAT)
    Membership.objects.filter(user=cast.admin, body=cast.body).update(
        ends_on=dt.date(2000, 1, 1), starts_on=dt.date(1999, 1, 1)
    )
    with pytest.raises(LintasError):
        services.end_membership(own, by=cast.secretariat)
    own.refresh_from_db()
    assert own.ends_on is None


def test_a_unit_cannot_become_part_of_itself(cast: Cast) -> None:
    with pytest.raises(LintasError) as err:
        services.update_unit(cast.country, by=cast.secretariat, parent=cast.unit_a)
    assert err.value.field == "parent"
    cast.country.refresh_from_db()
    assert cast.country.parent is None


def test_a_unit_cannot_leave_before_it_joined(cast: Cast) -> None:
    with pytest.raises(LintasError) as err:
        services.update_unit(
            cast.unit_a,
            by=cast.secretariat,
            joined_on=dt.date(2024, 5, 1),
            left_on=dt.date(2024, 1, 1),
        )
    assert err.value.field == "left_on"
    cast.unit_a.refresh_from_db()
    assert cast.unit_a.left_on is None


def test_the_unit_tree_lists_children_under_their_parent(cast: Cast) -> None:
    nodes = selectors.unit_tree_for_body(cast.body)
    names = [(n.depth, n.unit.name) for n in nodes]
    assert names == [(0, "Agency C"), (0, "Viet Nam"), (1, "Agency A"), (1, "Agency B")]


def test_the_unit_form_saves_and_reports_errors_in_place(cast: Cast, client_for: ClientFor) -> None:
    client = client_for(cast.secretariat)
    url = reverse("members:unit-create", args=[cast.body.slug])
    bad = client.post(url, {"name": "", "kind": "agency"})
    assert bad.status_code == 200
    assert 'id="id_name_error"' in bad.content.decode()
    good = client.post(
        url, {"name": "Agency D", "kind": "agency", "parent": cast.country.pk, "country": "vn"}
    )
    assert good.status_code == 302
    unit = Unit.objects.get(name="Agency D")
    assert unit.parent == cast.country
    assert unit.country == "VN"


def test_list_pages_take_as_many_queries_for_fifteen_more_units_and_people_as_for_a_few(
    cast: Cast, client_for
) -> None:
    from tests.conftest import make_person

    client = client_for(cast.secretariat)
    urls = [
        reverse(name, args=[cast.body.slug])
        for name in ["members:people", "members:unit-tree", "audit:log"]
    ]

    def queries() -> list[int]:
        counts = []
        for url in urls:
            client.get(url)  # warm the session and the role cache
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            counts.append(len(captured))
        return counts

    few = queries()
    for i in range(15):
        unit = services.create_unit(body=cast.body, by=SYSTEM, name=f"Dept {i}", kind="department")
        services.grant_role(
            body=cast.body,
            person=make_person(f"p{i}@example.org", f"Person {i}"),
            role=Role.FOCAL_POINT,
            unit=unit,
            by=SYSTEM,
        )
    people = client.get(urls[0]).content.decode()
    assert all(f"Person {i}" in people for i in range(15))

    assert queries() == few


def test_a_leader_held_for_a_unit_is_its_head_and_an_analyst_stays_body_wide(cast: Cast) -> None:
    head = services.grant_role(
        body=cast.body, person=cast.leader, role=Role.LEADER, unit=cast.unit_a, by=SYSTEM
    )
    analyst = services.grant_role(
        body=cast.body, person=cast.focal_b, role=Role.ANALYST, unit=cast.unit_a, by=SYSTEM
    )
    assert head.unit == cast.unit_a
    assert analyst.unit is None
