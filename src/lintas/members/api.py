from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from lintas import policy
from lintas.audit import selectors as audit_selectors
from lintas.audit.redaction import redact
from lintas.core.errors import LintasError
from lintas.members import selectors, services
from lintas.members.bodyctx import load_body
from lintas.members.http import AuthedRequest
from lintas.members.models import Invitation, Membership, Unit, User

router = Router(tags=["members"])


class MeOut(Schema):
    id: int
    email: str
    full_name: str
    language: str


class BodyOut(Schema):
    slug: str
    name: str
    short_name: str
    kind: str
    time_zone: str
    languages: list[str]


class UnitOut(Schema):
    id: int
    name: str
    names: dict[str, str]  # the name in the other interface languages: {"vi": …, "id": …}
    short_name: str
    kind: str
    parent_id: int | None
    country: str
    is_co_chair: bool
    joined_on: dt.date | None
    left_on: dt.date | None


class UnitIn(Schema):
    name: str
    names: dict[str, str] = {}  # the name in "vi" and "id"; other keys are refused
    short_name: str = ""
    kind: str
    parent_id: int | None = None
    country: str = ""
    is_co_chair: bool = False
    joined_on: dt.date | None = None
    left_on: dt.date | None = None


class MembershipOut(Schema):
    id: int
    person_id: int = Field(validation_alias="user_id")  # read from the membership itself
    role: str
    unit_id: int | None
    starts_on: dt.date | None
    ends_on: dt.date | None


class MemberOut(Schema):
    # read from a row of selectors.people_of_body: the person and their active roles
    id: int = Field(validation_alias="person.pk")
    full_name: str = Field(validation_alias="person.full_name")
    email: str = Field(validation_alias="person.email")
    roles: list[MembershipOut] = Field(validation_alias="memberships")


class GrantIn(Schema):
    person_id: int
    role: str
    unit_id: int | None = None


class InviteIn(Schema):
    email: str
    full_name: str
    role: str
    unit_id: int | None = None
    language: str = "en"


class InviteOut(Schema):
    kind: str
    id: int


def _unit_of(body_id: int, unit_id: int | None, *, field: str = "unit_id") -> Unit | None:
    if unit_id is None:
        return None
    unit = Unit.objects.filter(pk=unit_id, body_id=body_id).first()
    if unit is None:
        raise LintasError("No such unit in this body.", field=field)
    return unit


@router.get("/me", response=MeOut)
def me(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@router.get("/bodies", response=list[BodyOut])
def list_bodies(request: AuthedRequest):
    return policy.bodies_visible_to(request.user).order_by("name")


@router.get("/bodies/{slug}", response=BodyOut)
def get_body(request: AuthedRequest, slug: str):
    return load_body(request, slug)


@router.get("/bodies/{slug}/units", response=list[UnitOut])
def list_units(request: AuthedRequest, slug: str):
    body = load_body(request, slug)
    return selectors.units_for_body(body)


@router.post("/bodies/{slug}/units", response={201: UnitOut})
def create_unit(request: AuthedRequest, slug: str, payload: UnitIn):
    body = load_body(request, slug)
    policy.require(policy.can_manage_body(request.user, body))
    data = payload.dict()
    parent = _unit_of(body.pk, data.pop("parent_id"), field="parent_id")
    unit = services.create_unit(body=body, by=request.user, parent=parent, **data)
    return 201, unit


@router.get("/bodies/{slug}/people", response=list[MemberOut])
def list_people(request: AuthedRequest, slug: str):
    body = load_body(request, slug)
    return selectors.people_of_body(body)


@router.post("/bodies/{slug}/memberships", response={201: MembershipOut})
def grant_role(request: AuthedRequest, slug: str, payload: GrantIn):
    body = load_body(request, slug)
    policy.require(policy.can_manage_memberships(request.user, body))
    # The same answer whether the id is nobody's or someone's outside this body: ids of other
    # bodies' people must not be told apart (invite them instead).
    person = User.objects.filter(pk=payload.person_id).first()
    if (
        person is None
        or not policy.can_view_person(request.user, person, body)
        or not Membership.objects.filter(user=person, body=body).exists()
    ):
        raise LintasError(_("No such person in this body; invite them."), field="person_id")
    membership = services.grant_role(
        body=body,
        person=person,
        role=payload.role,
        unit=_unit_of(body.pk, payload.unit_id),
        by=request.user,
    )
    return 201, membership


@router.post("/bodies/{slug}/memberships/{membership_id}/end", response=MembershipOut)
def end_membership(request: AuthedRequest, slug: str, membership_id: int):
    body = load_body(request, slug)
    membership = get_object_or_404(Membership, pk=membership_id, body=body)
    policy.require(policy.can_manage_memberships(request.user, body))
    return services.end_membership(membership, by=request.user)


@router.post("/bodies/{slug}/invitations", response={201: InviteOut})
def invite(request: AuthedRequest, slug: str, payload: InviteIn):
    body = load_body(request, slug)
    policy.require(policy.can_manage_memberships(request.user, body))
    result = services.invite_person(
        body=body,
        email=payload.email,
        full_name=payload.full_name,
        role=payload.role,
        unit=_unit_of(body.pk, payload.unit_id),
        language=payload.language,
        by=request.user,
    )
    kind = "invitation" if isinstance(result, Invitation) else "membership"
    return 201, InviteOut(kind=kind, id=result.pk)


# --- the body's audit log, under its own tag -----------------------------------------------

audit_router = Router(tags=["audit"])


class AuditEntryOut(Schema):
    id: int
    at: dt.datetime
    actor_id: int | None
    actor_label: str
    action: str
    object_type: str
    object_id: str
    object_label: str
    reason: str
    data: dict[str, Any]


@audit_router.get("/bodies/{slug}/audit", response=list[AuditEntryOut])
def list_audit(
    request: AuthedRequest,
    slug: str,
    action: str = "",
    since: dt.datetime | None = None,
    limit: int = 100,
):
    body = load_body(request, slug)
    policy.require(policy.can_view_audit(request.user, body))
    entries = audit_selectors.audit_entries_for_body(body.pk, action=action, since=since)
    return redact(entries[: max(1, min(limit, 1000))], reader=request.user, body=body)
