"""Granting roles: never to oneself, told to the unit's focal points, and not through the admin
site, where nothing would be checked nor audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lintas.core.errors import LintasError
from lintas.members import services
from lintas.members.models import Membership, Role
from lintas.notices.models import Notification
from lintas.policy import SYSTEM
from tests.api.conftest import ApiClient, new_key
from tests.conftest import Cast, ClientFor, make_person

pytestmark = pytest.mark.django_db


def test_a_manager_cannot_grant_herself_a_units_role(cast: Cast) -> None:
    before = Membership.objects.count()
    with pytest.raises(LintasError) as refused:
        services.grant_role(
            body=cast.body,
            person=cast.secretariat,
            role=Role.ALTERNATE_FOCAL_POINT,
            unit=cast.unit_a,
            by=cast.secretariat,
        )
    assert refused.value.field == "person"
    assert Membership.objects.count() == before
    # Another manager may.
    services.grant_role(
        body=cast.body,
        person=cast.secretariat,
        role=Role.ALTERNATE_FOCAL_POINT,
        unit=cast.unit_a,
        by=cast.admin,
    )


def test_the_units_focal_points_are_told_of_a_new_role_in_their_unit(cast: Cast) -> None:
    newcomer = make_person("new@example.org", "Nam Newcomer")
    services.grant_role(
        body=cast.body, person=newcomer, role=Role.VALIDATOR, unit=cast.unit_a, by=SYSTEM
    )
    told = Notification.objects.filter(kind="role_granted")
    assert set(told.values_list("user_id", flat=True)) == {cast.focal_a.pk}
    assert "Nam Newcomer" in told.get().subject


def test_the_admin_site_cannot_add_change_or_delete_memberships(
    cast: Cast, client_for: ClientFor
) -> None:
    root = make_person("root@example.org", "Root")
    root.is_staff = root.is_superuser = True
    root.save()
    page = client_for(root)
    assert page.get(reverse("admin:members_membership_add")).status_code == 403
    membership = Membership.objects.filter(body=cast.body).first()
    assert membership is not None
    change = page.post(
        reverse("admin:members_membership_change", args=[membership.pk]),
        {"user": root.pk, "body": cast.body.pk, "role": "focal_point", "unit": cast.unit_a.pk},
    )
    assert change.status_code in {200, 403}
    assert not Membership.objects.filter(user=root).exists()


def test_the_api_answers_alike_for_nobody_and_for_another_bodys_person(cast: Cast) -> None:
    api = ApiClient(new_key(cast.secretariat))
    path = f"bodies/{cast.body.slug}/memberships"
    other = api.post(path, {"person_id": cast.stranger.pk, "role": "leader"})
    nobody = api.post(path, {"person_id": 999_999, "role": "leader"})
    assert other.status_code == nobody.status_code == 400
    assert other.json() == nobody.json()
    assert not Membership.objects.filter(user=cast.stranger, body=cast.body).exists()
