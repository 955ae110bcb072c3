"""Shares with other units, named readers of a red case, emergency access and the access log."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema

from lintas.cases.api.schemas.common import Reason, _In
from lintas.cases.models import (
    EmergencyAccess,
    RedAccess,
)


class ShareIn(_In):
    unit_id: int
    include_personal_data: bool = False
    override_reason: Reason = ""


class ShareOut(Schema):
    """Read from a ``CaseShare``."""

    id: int
    unit_id: int
    unit_name: str = Field(validation_alias="unit.name")
    includes_personal_data: bool
    consent_override_reason: str
    granted_at: dt.datetime
    granted_by_id: int | None
    revoked_at: dt.datetime | None


class RedReaderIn(_In):
    person_id: int


class RedReaderOut(Schema):
    """Read from a ``RedAccess``."""

    id: int
    person_id: int = Field(validation_alias="user_id")
    person_name: str
    granted_at: dt.datetime
    granted_by_id: int | None
    revoked_at: dt.datetime | None

    @staticmethod
    def resolve_person_name(access: RedAccess) -> str:
        return access.user.full_name or access.user.email


class BreakGlassIn(_In):
    reason: Reason
    hours: int = 4


class EmergencyOut(Schema):
    """Read from an ``EmergencyAccess``."""

    id: int
    case_id: int
    person_id: int = Field(validation_alias="user_id")
    person_name: str
    reason: str
    granted_at: dt.datetime
    expires_at: dt.datetime
    ended_at: dt.datetime | None
    ended_by_id: int | None
    active: bool = Field(validation_alias="is_active")

    @staticmethod
    def resolve_person_name(access: EmergencyAccess) -> str:
        return access.user.full_name or access.user.email


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
