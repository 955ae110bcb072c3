"""Referrals between units: request, the inbox, accept, decline, close."""

from __future__ import annotations

from lintas.cases import policy, selectors
from lintas.cases.api.operations.common import (
    _access,
    _body,
    _naming,
    _read,
    _unit,
    router,
)
from lintas.cases.api.schemas import (
    DeclineIn,
    ReferralIn,
    ReferralInboxOut,
    ReferralOut,
)
from lintas.cases.models import Referral
from lintas.cases.services import referrals
from lintas.members.bodyctx import load_body
from lintas.members.http import AuthedRequest


@router.post(
    "/bodies/{slug}/cases/{case_id}/referrals",
    response={201: ReferralOut},
    openapi_extra=_body(ReferralIn),
)
def request_referral(request: AuthedRequest, slug: str, case_id: int) -> tuple[int, Referral]:
    """Refer the case to another unit (it reads it once it accepts) or transfer it (it becomes
    the owner unit). The sharing rules apply now and again when the receiver accepts."""
    body = load_body(request, slug)
    case, access = _access(request, body, case_id)
    policy.require(access.may_refer)
    data = _read(request, ReferralIn)
    to_unit = _unit(body, data.to_unit_id, field="to_unit_id")
    with _naming(unit="to_unit_id", to_unit="to_unit_id"):
        referral = referrals.request_referral(
            case,
            to_unit=to_unit,
            by=request.user,
            due_on=data.due_on,
            kind=data.kind,
            reason=data.reason,
            include_personal_data=data.include_personal_data,
            override_reason=data.override_reason,
            keep_sender_access=data.keep_sender_access,
        )
    return 201, referral


@router.get("/bodies/{slug}/referrals", response=ReferralInboxOut)
def list_referrals(request: AuthedRequest, slug: str) -> ReferralInboxOut:
    """Requests received by and sent from the units the caller acts for."""
    body = load_body(request, slug)
    received, sent = selectors.referrals_for_inbox(request.user, body)
    return ReferralInboxOut.model_validate({"received": received, "sent": sent})


@router.post("/bodies/{slug}/referrals/{referral_id}/accept", response=ReferralOut)
def accept_referral(request: AuthedRequest, slug: str, referral_id: int) -> Referral:
    """The receiving unit's focal point or alternate accepts: a referral shares the case with
    it, a transfer makes it the owner unit."""
    body = load_body(request, slug)
    referral = selectors.referral_for(request.user, body, referral_id)
    referrals.accept_referral(referral, by=request.user)
    return referral


@router.post(
    "/bodies/{slug}/referrals/{referral_id}/decline",
    response=ReferralOut,
    openapi_extra=_body(DeclineIn),
)
def decline_referral(request: AuthedRequest, slug: str, referral_id: int) -> Referral:
    """Decline, with a reason the sender sees."""
    body = load_body(request, slug)
    referral = selectors.referral_for(request.user, body, referral_id)
    reason = _read(request, DeclineIn).reason
    referrals.decline_referral(referral, by=request.user, reason=reason)
    return referral


@router.post("/bodies/{slug}/referrals/{referral_id}/close", response=ReferralOut)
def close_referral(request: AuthedRequest, slug: str, referral_id: int) -> Referral:
    """Close an answered request (either side) or withdraw an unanswered one (the sender)."""
    body = load_body(request, slug)
    referral = selectors.referral_for(request.user, body, referral_id)
    referrals.close_referral(referral, by=request.user)
    return referral
