"""Referrals between units: the request, the refusal, and the inbox."""

from __future__ import annotations

import datetime as dt

from ninja import Schema

from lintas.cases.api.schemas.common import Reason, _In
from lintas.cases.models import (
    Referral,
)


class ReferralIn(_In):
    to_unit_id: int
    due_on: dt.date
    kind: Referral.Kind = Referral.Kind.REFERRAL
    reason: Reason = ""
    include_personal_data: bool = False
    override_reason: Reason = ""
    keep_sender_access: bool = True


class DeclineIn(_In):
    reason: Reason


class ReferralOut(Schema):
    id: int
    case_id: int
    case_reference: str
    kind: str
    state: str
    from_unit_id: int
    from_unit_name: str
    to_unit_id: int
    to_unit_name: str
    due_on: dt.date
    reason: str
    includes_personal_data: bool
    keep_sender_access: bool
    decline_reason: str
    requested_at: dt.datetime
    answered_at: dt.datetime | None
    closed_at: dt.datetime | None


class ReferralInboxOut(Schema):
    received: list[ReferralOut]
    sent: list[ReferralOut]


def referral_out(referral: Referral) -> ReferralOut:
    return ReferralOut(
        id=referral.pk,
        case_id=referral.case_id,
        case_reference=referral.case.reference,
        kind=referral.kind,
        state=referral.state,
        from_unit_id=referral.from_unit_id,
        from_unit_name=referral.from_unit.name,
        to_unit_id=referral.to_unit_id,
        to_unit_name=referral.to_unit.name,
        due_on=referral.due_on,
        reason=referral.reason,
        includes_personal_data=referral.includes_personal_data,
        keep_sender_access=referral.keep_sender_access,
        decline_reason=referral.decline_reason,
        requested_at=referral.requested_at,
        answered_at=referral.answered_at,
        closed_at=referral.closed_at,
    )
