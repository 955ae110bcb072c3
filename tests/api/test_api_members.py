"""Outcomes of the members write operations of the API: what is saved, audited, sent or refused."""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from lintas.audit.models import AuditEntry
from lintas.members import services
from lintas.members.models import Invitation, Membership, Role, Unit, User
from tests.api.conftest import ApiClient
from tests.conftest import Cast

ApiAs = Callable[[User], ApiClient]
OnCommit = Callable[..., AbstractContextManager[Any]]


@pytest.fixture
def sec(cast: Cast, api_as: ApiAs) -> ApiClient:
    return api_as(cast.secretariat)


def _counts() -> tuple[int, int, int, int]:
    return (
        Unit.objects.count(),
        Membership.objects.count(),
        Invitation.objects.count(),
        AuditEntry.objects.count(),
    )


# --- units ----------------------------------------------------------------------------------


def test_it_creates_a_unit_that_then_appears_in_the_list(cast: Cast, sec: ApiClient) -> None:
    response = sec.post(
        "bodies/twg/units",
        {"name": "Agency D", "short_name": "AD", "kind": "agency", "parent_id": cast.country.pk},
    )

    assert response.status_code == 201
    created = response.json()
    assert created["name"] == "Agency D"
    assert created["parent_id"] == cast.country.pk
    unit = Unit.objects.get(pk=created["id"])
    assert unit.body == cast.body
    listed = {u["id"]: u["name"] for u in sec.get("bodies/twg/units").json()}
    assert listed[unit.pk] == "Agency D"


def test_it_audits_the_created_unit(cast: Cast, sec: ApiClient) -> None:
    response = sec.post("bodies/twg/units", {"name": "Agency D", "kind": "agency"})

    entry = AuditEntry.objects.get(
        action="members.unit.created", object_id=str(response.json()["id"])
    )
    assert entry.actor_id == cast.secretariat.pk
    assert entry.body_id == cast.body.pk
    assert entry.object_type == "members.unit"
    assert entry.data["name"] == "Agency D"


def test_it_does_not_show_a_unit_of_one_body_in_another(cast: Cast, api_as: ApiAs) -> None:
    api_as(cast.stranger).post("bodies/other/units", {"name": "Dept Y", "kind": "department"})

    names = {u["name"] for u in api_as(cast.focal_c).get("bodies/twg/units").json()}

    assert "Dept Y" not in names
    assert {"Agency A", "Agency B", "Agency C", "Viet Nam"} <= names


def test_it_refuses_a_parent_unit_from_another_body(cast: Cast, sec: ApiClient) -> None:
    foreign = Unit.objects.get(body=cast.other_body, name="Dept X")
    before = _counts()

    response = sec.post(
        "bodies/twg/units", {"name": "Agency D", "kind": "agency", "parent_id": foreign.pk}
    )

    assert response.status_code == 400
    assert response.json()["field"] == "parent_id"
    assert _counts() == before


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": "Agency D", "kind": "spaceship"}, "kind"),
        ({"name": "", "kind": "agency"}, "name"),
        (
            {
                "name": "Agency D",
                "kind": "agency",
                "joined_on": "2025-06-01",
                "left_on": "2025-01-01",
            },
            "left_on",
        ),
    ],
)
def test_it_refuses_an_invalid_unit_naming_the_field(
    cast: Cast, sec: ApiClient, payload: dict[str, str], field: str
) -> None:
    before = _counts()

    response = sec.post("bodies/twg/units", payload)

    assert response.status_code == 400
    assert response.json()["field"] == field
    assert _counts() == before


def test_it_refuses_a_second_unit_with_the_same_name(cast: Cast, sec: ApiClient) -> None:
    before = _counts()

    response = sec.post("bodies/twg/units", {"name": "Agency A", "kind": "agency"})

    assert response.status_code == 400
    assert response.json()["detail"]
    assert _counts() == before


# --- roles ----------------------------------------------------------------------------------


def test_it_grants_a_role(cast: Cast, sec: ApiClient) -> None:
    response = sec.post("bodies/twg/memberships", {"person_id": cast.focal_a.pk, "role": "leader"})

    assert response.status_code == 201
    membership = Membership.objects.get(pk=response.json()["id"])
    assert (membership.user, membership.body, membership.role) == (
        cast.focal_a,
        cast.body,
        Role.LEADER,
    )
    assert membership.unit is None
    assert Membership.objects.active().filter(pk=membership.pk).exists()
    assert AuditEntry.objects.filter(
        action="members.membership.granted", object_id=str(membership.pk)
    ).exists()


def test_people_and_their_roles_read_as_the_api_names_them(cast: Cast, sec: ApiClient) -> None:
    granted = sec.post("bodies/twg/memberships", {"person_id": cast.focal_a.pk, "role": "leader"})
    leader = Membership.objects.get(pk=granted.json()["id"])
    focal = Membership.objects.get(user=cast.focal_a, role=Role.FOCAL_POINT)

    assert granted.json() == {
        "id": leader.pk,
        "person_id": cast.focal_a.pk,
        "role": "leader",
        "unit_id": None,
        "starts_on": None,
        "ends_on": None,
    }
    people = {p["id"]: p for p in sec.get("bodies/twg/people").json()}
    anh = people[cast.focal_a.pk]
    assert (anh["full_name"], anh["email"]) == ("Anh Focal", "a@example.org")
    assert sorted(anh["roles"], key=lambda r: r["id"]) == [
        {
            "id": focal.pk,
            "person_id": cast.focal_a.pk,
            "role": "focal_point",
            "unit_id": cast.unit_a.pk,
            "starts_on": None,
            "ends_on": None,
        },
        granted.json(),
    ]


def test_it_grants_a_focal_point_role_for_a_unit(cast: Cast, sec: ApiClient) -> None:
    response = sec.post(
        "bodies/twg/memberships",
        {"person_id": cast.leader.pk, "role": "focal_point", "unit_id": cast.unit_c.pk},
    )

    assert response.status_code == 201
    assert response.json()["unit_id"] == cast.unit_c.pk
    assert Membership.objects.filter(
        user=cast.leader, role=Role.FOCAL_POINT, unit=cast.unit_c, ends_on__isnull=True
    ).exists()


def test_it_refuses_a_focal_point_role_without_unit(cast: Cast, sec: ApiClient) -> None:
    before = _counts()

    response = sec.post(
        "bodies/twg/memberships", {"person_id": cast.leader.pk, "role": "focal_point"}
    )

    assert response.status_code == 400
    assert response.json()["field"] == "unit"
    assert _counts() == before


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"role": "focal_point", "unit_id": -1}, "unit_id"),
        ({"role": "focal_point", "unit_id": "other-body-unit"}, "unit_id"),
    ],
)
def test_it_refuses_an_invalid_grant_naming_the_field(
    cast: Cast, sec: ApiClient, payload: dict[str, object], field: str
) -> None:
    if payload.get("unit_id") == "other-body-unit":
        payload = {**payload, "unit_id": Unit.objects.get(name="Dept X").pk}
    before = _counts()

    response = sec.post("bodies/twg/memberships", {"person_id": cast.leader.pk, **payload})

    assert response.status_code == 400
    assert response.json()["field"] == field
    assert _counts() == before


@pytest.mark.parametrize("operation", ["memberships", "invitations"])
def test_it_refuses_an_unknown_role_naming_the_field(
    cast: Cast, sec: ApiClient, operation: str
) -> None:
    payload = {"person_id": cast.leader.pk, "email": "new@example.org", "full_name": "New"}
    before = _counts()

    response = sec.post(f"bodies/twg/{operation}", {**payload, "role": "emperor"})

    assert response.status_code == 400
    assert response.json()["field"] == "role"
    assert _counts() == before


def test_it_refuses_a_role_the_person_already_holds(cast: Cast, sec: ApiClient) -> None:
    before = _counts()

    response = sec.post("bodies/twg/memberships", {"person_id": cast.leader.pk, "role": "leader"})

    assert response.status_code == 400
    assert response.json()["field"] == "role"
    assert _counts() == before


def test_it_refuses_a_person_who_does_not_exist_naming_the_field(
    cast: Cast, sec: ApiClient
) -> None:
    before = _counts()

    response = sec.post("bodies/twg/memberships", {"person_id": 999_999, "role": "leader"})

    assert (response.status_code, response.json()["field"]) == (400, "person_id")
    assert _counts() == before


def test_it_lets_only_an_administrator_grant_the_administrator_role(
    cast: Cast, sec: ApiClient, api_as: ApiAs
) -> None:
    payload = {"person_id": cast.analyst.pk, "role": "administrator"}

    refused = sec.post("bodies/twg/memberships", payload)
    granted = api_as(cast.admin).post("bodies/twg/memberships", payload)

    assert refused.status_code == 403
    assert granted.status_code == 201
    assert Membership.objects.filter(user=cast.analyst, role=Role.ADMINISTRATOR).count() == 1


def test_it_ends_a_membership(cast: Cast, sec: ApiClient) -> None:
    membership = Membership.objects.get(user=cast.focal_b, body=cast.body)

    response = sec.post(f"bodies/twg/memberships/{membership.pk}/end")

    assert response.status_code == 200
    membership.refresh_from_db()
    assert membership.ends_on == timezone.localdate(timezone=cast.body.tzinfo)
    assert response.json()["ends_on"] == membership.ends_on.isoformat()
    assert AuditEntry.objects.filter(
        action="members.membership.ended", object_id=str(membership.pk)
    ).exists()
    people = {p["id"] for p in sec.get("bodies/twg/people").json()}
    assert cast.focal_b.pk not in people


def test_it_refuses_to_end_a_membership_twice(cast: Cast, sec: ApiClient) -> None:
    membership = Membership.objects.get(user=cast.focal_b, body=cast.body)
    sec.post(f"bodies/twg/memberships/{membership.pk}/end")
    before = _counts()

    response = sec.post(f"bodies/twg/memberships/{membership.pk}/end")

    assert response.status_code == 400
    assert _counts() == before


def test_it_answers_404_for_a_membership_of_another_body(cast: Cast, sec: ApiClient) -> None:
    foreign = Membership.objects.get(user=cast.stranger, body=cast.other_body)

    response = sec.post(f"bodies/twg/memberships/{foreign.pk}/end")

    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.ends_on is None


# --- invitations ----------------------------------------------------------------------------


def test_it_invites_a_new_person_by_email(
    cast: Cast,
    sec: ApiClient,
    mailoutbox: list[mail.EmailMessage],
    django_capture_on_commit_callbacks: OnCommit,
    run_queued_tasks: Callable[..., list[Any]],
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = sec.post(
            "bodies/twg/invitations",
            {
                "email": "New.Person@Example.org",
                "full_name": "New Person",
                "role": "focal_point",
                "unit_id": cast.unit_c.pk,
            },
        )

    assert response.status_code == 201
    assert response.json()["kind"] == "invitation"
    invitation = Invitation.objects.get(pk=response.json()["id"])
    assert (invitation.email, invitation.role, invitation.unit) == (
        "new.person@example.org",
        Role.FOCAL_POINT,
        cast.unit_c,
    )
    assert invitation.is_open
    assert mailoutbox == []  # the e-mail leaves from the worker
    run_queued_tasks()
    assert [m.to for m in mailoutbox] == [["new.person@example.org"]]
    key = re.search(r"/invitations/([^/\s]+)/", str(mailoutbox[0].body))
    assert key is not None, mailoutbox[0].body
    assert services.invitation_for_key(key.group(1)) == invitation
    entry = AuditEntry.objects.get(action="members.invitation.sent", object_id=str(invitation.pk))
    assert key.group(1) not in str(entry.data)


def test_it_grants_the_role_at_once_to_a_person_with_an_account(
    cast: Cast,
    sec: ApiClient,
    mailoutbox: list[mail.EmailMessage],
    django_capture_on_commit_callbacks: OnCommit,
    run_queued_tasks: Callable[..., list[Any]],
) -> None:
    invitations_before = Invitation.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        response = sec.post(
            "bodies/twg/invitations",
            {"email": "A@example.org", "full_name": "Anh", "role": "leader"},
        )

    assert response.status_code == 201
    assert response.json()["kind"] == "membership"
    membership = Membership.objects.get(pk=response.json()["id"])
    assert (membership.user, membership.role) == (cast.focal_a, Role.LEADER)
    assert Invitation.objects.count() == invitations_before
    run_queued_tasks()
    assert [m.to for m in mailoutbox] == [["a@example.org"]]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"email": "not an address", "role": "leader"}, "email"),
        ({"email": "x@", "role": "leader"}, "email"),
        ({"email": "new@example.org", "role": "focal_point"}, "unit"),
        ({"email": "new@example.org", "role": "leader", "language": "fr"}, "language"),
        ({"email": "new@example.org", "role": "focal_point", "unit_id": -1}, "unit_id"),
    ],
)
def test_it_refuses_an_invalid_invitation_naming_the_field(
    cast: Cast,
    sec: ApiClient,
    mailoutbox: list[mail.EmailMessage],
    django_capture_on_commit_callbacks: OnCommit,
    payload: dict[str, object],
    field: str,
) -> None:
    before = _counts()

    with django_capture_on_commit_callbacks(execute=True):
        response = sec.post("bodies/twg/invitations", {"full_name": "Someone", **payload})

    assert response.status_code == 400
    assert response.json()["field"] == field
    assert _counts() == before
    assert mailoutbox == []


def test_it_refuses_a_second_open_invitation_for_the_same_address(
    cast: Cast, sec: ApiClient
) -> None:
    payload = {"email": "new@example.org", "full_name": "New", "role": "leader"}
    assert sec.post("bodies/twg/invitations", payload).status_code == 201
    before = _counts()

    response = sec.post("bodies/twg/invitations", {**payload, "email": "NEW@example.org"})

    assert response.status_code == 400
    assert response.json()["field"] == "email"
    assert _counts() == before


def test_it_refuses_to_invite_a_deactivated_person(cast: Cast, sec: ApiClient) -> None:
    services.deactivate_person(cast.focal_a, body=cast.body, by=cast.secretariat)
    before = _counts()

    response = sec.post(
        "bodies/twg/invitations", {"email": "a@example.org", "full_name": "Anh", "role": "leader"}
    )

    assert response.status_code == 400
    assert response.json()["field"] == "email"
    assert _counts() == before


def test_it_takes_and_gives_a_units_names_in_the_other_languages(sec: ApiClient) -> None:
    created = sec.post(
        "bodies/twg/units", {"name": "Agency D", "kind": "agency", "names": {"vi": "Cơ quan D"}}
    )
    assert created.status_code == 201, created.content
    assert created.json()["names"] == {"vi": "Cơ quan D"}
    refused = sec.post(
        "bodies/twg/units", {"name": "Agency E", "kind": "agency", "names": {"fr": "Agence E"}}
    )
    assert refused.status_code == 400
    assert "names" in refused.content.decode()
    assert not Unit.objects.filter(name="Agency E").exists()
