"""Sharing a case with other units, naming readers of a red case, the access log and emergency
access."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from lintas.cases import policy, selectors, services
from lintas.cases.api.operations.common import (
    _access,
    _body,
    _case,
    _naming,
    _page,
    _read,
    _unit,
    router,
)
from lintas.cases.api.schemas import (
    AccessLogOut,
    BreakGlassIn,
    EmergencyOut,
    ReasonIn,
    RedReaderIn,
    RedReaderOut,
    ShareIn,
    ShareOut,
)
from lintas.cases.models import CaseShare, EmergencyAccess, RedAccess
from lintas.cases.services import emergency
from lintas.core.errors import LintasError
from lintas.members.bodyctx import load_body
from lintas.members.http import AuthedRequest
from lintas.members.models import Membership, User


@router.post(
    "/bodies/{slug}/cases/{case_id}/shares", response={201: ShareOut}, openapi_extra=_body(ShareIn)
)
def share_case(request: AuthedRequest, slug: str, case_id: int) -> tuple[int, CaseShare]:
    """Share the case with another unit of the body. A victim's data goes only with their
    consent to that unit, or with the owner unit's focal point's reason to override it."""
    body = load_body(request, slug)
    case, access = _access(request, body, case_id)
    policy.require(access.may_share)
    data = _read(request, ShareIn)
    unit = _unit(body, data.unit_id, field="unit_id")
    with _naming(unit="unit_id"):
        share = services.share_with_unit(
            case,
            unit=unit,
            by=request.user,
            include_personal_data=data.include_personal_data,
            override_reason=data.override_reason,
        )
    return 201, share


@router.post(
    "/bodies/{slug}/cases/{case_id}/shares/{share_id}/revoke",
    response=ShareOut,
    openapi_extra=_body(ReasonIn, required=False),
)
def revoke_share(request: AuthedRequest, slug: str, case_id: int, share_id: int) -> CaseShare:
    body = load_body(request, slug)
    case, access = _access(request, body, case_id)
    share = case.shares.select_related("unit").filter(pk=share_id).first()
    policy.hide(share is not None)
    policy.require(access.may_share)
    assert share is not None  # noqa: S101
    reason = _read(request, ReasonIn).reason
    services.revoke_share(share, by=request.user, reason=reason)
    return share


@router.get("/bodies/{slug}/cases/{case_id}/red-readers", response=list[RedReaderOut])
def list_red_readers(request: AuthedRequest, slug: str, case_id: int) -> list[RedAccess]:
    """The people named to read the case under TLP:RED."""
    body = load_body(request, slug)
    case, access = _access(request, body, case_id)
    policy.require(access.may_name_red_readers)
    return list(selectors.red_readers_of(case))


@router.post(
    "/bodies/{slug}/cases/{case_id}/red-readers",
    response={201: RedReaderOut},
    openapi_extra=_body(RedReaderIn),
)
def name_red_reader(request: AuthedRequest, slug: str, case_id: int) -> tuple[int, RedAccess]:
    """Name a member of the body to read the case under TLP:RED (the owner's focal point)."""
    body = load_body(request, slug)
    case, access = _access(request, body, case_id)
    policy.require(access.may_name_red_readers)
    data = _read(request, RedReaderIn)
    members = Membership.objects.active().filter(body=body).values("user_id")
    person = User.objects.filter(pk=data.person_id, pk__in=members).first()
    if person is None:
        raise LintasError(_("This person is not a member of the body."), field="person_id")
    with _naming(person="person_id"):
        reader = services.name_red_reader(case, person=person, by=request.user)
    return 201, reader


@router.post("/bodies/{slug}/cases/{case_id}/red-readers/{access_id}/remove", response=RedReaderOut)
def unname_red_reader(request: AuthedRequest, slug: str, case_id: int, access_id: int) -> RedAccess:
    body = load_body(request, slug)
    case, access = _access(request, body, case_id)
    reader = case.red_access.select_related("user").filter(pk=access_id).first()
    policy.hide(reader is not None)
    policy.require(access.may_name_red_readers)
    assert reader is not None  # noqa: S101
    services.unname_red_reader(reader, by=request.user)
    return reader


@router.get("/bodies/{slug}/cases/{case_id}/access", response=AccessLogOut)
def case_access_log(
    request: AuthedRequest, slug: str, case_id: int, limit: int = 100, offset: int = 0
) -> AccessLogOut:
    """Who accessed the case (the owner unit only): emergency access first, then every audited
    read and change of the case and its persons, newest first."""
    body = load_body(request, slug)
    case, access = _access(request, body, case_id)
    policy.require(access.may_view_access)
    entries = selectors.case_access_entries(case)
    limit, offset = _page(limit, offset)
    return AccessLogOut.model_validate(
        {
            "emergency_access": list(selectors.emergency_accesses_of(case)),
            "count": entries.count(),
            "entries": list(entries[offset : offset + limit]),
        }
    )


# --- emergency access ------------------------------------------------------------------------


@router.post(
    "/bodies/{slug}/cases/{case_id}/emergency-access",
    response={201: EmergencyOut},
    openapi_extra=_body(BreakGlassIn),
)
def break_glass(request: AuthedRequest, slug: str, case_id: int) -> tuple[int, EmergencyAccess]:
    """Read a case and its personal data for 1 to 24 hours, with a reason; the owner unit is
    told. A TLP:RED case: the secretariat only, and 404 for anyone else."""
    body = load_body(request, slug)
    try:
        case = _case(request, body, case_id)
    except Http404:
        case = selectors.case_for_break_glass(request.user, body, case_id)
    data = _read(request, BreakGlassIn)
    access = emergency.break_glass(case, user=request.user, reason=data.reason, hours=data.hours)
    return 201, access


@router.post(
    "/bodies/{slug}/cases/{case_id}/emergency-access/{access_id}/end", response=EmergencyOut
)
def end_emergency_access(
    request: AuthedRequest, slug: str, case_id: int, access_id: int
) -> EmergencyAccess:
    """End emergency access early: the person who holds it, or the owner unit's focal point."""
    body = load_body(request, slug)
    case = _case(request, body, case_id)
    access = selectors.emergency_access_for(case, access_id)
    emergency.end_emergency_access(access, by=request.user)
    return access
