"""Shares with other units, named readers of a red case, emergency access and the access log."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema

from lintas.cases.api.schemas.common import Reason, _In
from lintas.cases.models import (
    CaseShare,
    EmergencyAccess,
    RedAccess,
)


class ShareIn(_In):
    unit_id: int
    include_personal_data: bool = False
    override_reason: Reason = ""


class ShareOut(Schema):
    id: int
    unit_id: int
    unit_name: str
    includes_personal_data: bool
    consent_override_reason: str
    granted_at: dt.datetime
    granted_by_id: int | None
    revoked_at: dt.datetime | None


class RedReaderIn(_In):
    person_id: int


class RedReaderOut(Schema):
    id: int
    person_id: int
    person_name: str
    granted_at: dt.datetime
    granted_by_id: int | None
    revoked_at: dt.datetime | None


class BreakGlassIn(_In):
    reason: Reason
    hours: int = 4


class EmergencyOut(Schema):
    id: int
    case_id: int
    person_id: int
    person_name: str
    reason: str
    granted_at: dt.datetime
    expires_at: dt.datetime
    ended_at: dt.datetime | None
    ended_by_id: int | None
    active: bool


class AccessEntryOut(Schema):
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


class AccessLogOut(Schema):
    """Who accessed a case: emergency access first, then every audited read and change of the
    case and its persons, newest first."""

    emergency_access: list[EmergencyOut]
    count: int
    entries: list[AccessEntryOut]


def share_out(share: CaseShare) -> ShareOut:
    return ShareOut(
        id=share.pk,
        unit_id=share.unit_id,
        unit_name=share.unit.name,
        includes_personal_data=share.includes_personal_data,
        consent_override_reason=share.consent_override_reason,
        granted_at=share.granted_at,
        granted_by_id=share.granted_by_id,
        revoked_at=share.revoked_at,
    )


def red_reader_out(access: RedAccess) -> RedReaderOut:
    return RedReaderOut(
        id=access.pk,
        person_id=access.user_id,
        person_name=access.user.full_name or access.user.email,
        granted_at=access.granted_at,
        granted_by_id=access.granted_by_id,
        revoked_at=access.revoked_at,
    )


def emergency_out(access: EmergencyAccess) -> EmergencyOut:
    return EmergencyOut(
        id=access.pk,
        case_id=access.case_id,
        person_id=access.user_id,
        person_name=access.user.full_name or access.user.email,
        reason=access.reason,
        granted_at=access.granted_at,
        expires_at=access.expires_at,
        ended_at=access.ended_at,
        ended_by_id=access.ended_by_id,
        active=access.is_active,
    )
