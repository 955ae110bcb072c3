"""Referrals between units: the request, the refusal, and the inbox."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

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
    """Read from a ``Referral``."""

    id: int
    case_id: int
    case_reference: str = Field(validation_alias="case.reference")
    kind: str
    state: str
    from_unit_id: int
    from_unit_name: str = Field(validation_alias="from_unit.name")
    to_unit_id: int
    to_unit_name: str = Field(validation_alias="to_unit.name")
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
