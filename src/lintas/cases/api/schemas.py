"""The shapes the cases API reads and answers, and the functions that fill them.

Choices are the models' own (``TLP``, ``Case.Status``, ``ExploitationType`` …), so an unknown
value is refused with 422 naming the field; an unknown field is refused too. Personal values
(a person's fields, the narrative, an event's description) appear only in the answer of
``get_case``, which audits the read; where the policy withholds them they are null and
``personal_data`` is false. The answers of writes never carry personal values.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar, Literal

from ninja import Field as SchemaField
from ninja import Schema
from pydantic import BeforeValidator, ConfigDict, StringConstraints, ValidationInfo, field_validator

from lintas.audit.models import AuditEntry
from lintas.cases import policy, selectors, statistics
from lintas.cases.models import (
    TLP,
    Case,
    CaseEvent,
    CasePerson,
    CaseShare,
    ConsentRecord,
    EmergencyAccess,
    ExploitationType,
    MeansOfControl,
    RecruitmentMethod,
    RedAccess,
    Referral,
)


def _upper(value: Any) -> Any:
    return value.strip().upper() if isinstance(value, str) else value


# An ISO 3166 code; "vn" is read as "VN".
Country = Annotated[str, BeforeValidator(_upper), StringConstraints(pattern=r"^[A-Z]{2}$")]
NoCountry = Literal[""]
# the interface languages (members.models.LANGUAGE_CHOICES), or none
Language = Literal["", "en", "vi", "id"]
Reason = Annotated[str, StringConstraints(max_length=2000)]


class _In(Schema):
    """Input: choices as plain values, unknown fields refused."""

    model_config = ConfigDict(use_enum_values=True, extra="forbid")


class _Patch(_In):
    """A partial change: only the fields sent are changed; null only where a field may be empty."""

    NULLABLE: ClassVar[frozenset[str]] = frozenset()

    @field_validator("*", mode="before")
    @classmethod
    def _not_null(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None and info.field_name not in cls.NULLABLE:
            raise ValueError("This field cannot be null.")
        return value

    def changes(self) -> dict[str, Any]:
        changes = self.model_dump(exclude_unset=True)
        changes.pop("version", None)
        return changes


# --- cases -----------------------------------------------------------------------------------


class _CaseFields(_In):
    status: Case.Status = Case.Status.OPEN
    opened_on: dt.date
    closed_on: dt.date | None = None
    location_country: Country | NoCountry = ""
    exploitation_types: list[ExploitationType] = []
    means_of_control: list[MeansOfControl] = []
    recruitment_methods: list[RecruitmentMethod] = []
    origin_countries: list[Country] = []
    transit_countries: list[Country] = []
    destination_countries: list[Country] = []
    narrative: str = ""
    narrative_language: Language = ""


class CaseIn(_CaseFields):
    """A new case of one of the caller's units. Under TLP:RED the caller and the owner unit's
    focal points are named readers."""

    owner_unit_id: int
    reference: str = SchemaField(min_length=1, max_length=60)
    tlp: TLP = TLP.AMBER

    def case_fields(self) -> dict[str, Any]:
        return self.model_dump(exclude={"owner_unit_id", "tlp"})


class CasePatch(_Patch):
    """Change the record. The label has its own operation; the owner changes by a transfer."""

    NULLABLE: ClassVar[frozenset[str]] = frozenset({"closed_on"})
    # The updated_at of the copy that was edited: if someone saved since, the answer is 409
    # and nothing changes. Without it, the fields sent are written over what is stored.
    version: dt.datetime | None = None

    reference: str | None = SchemaField(None, min_length=1, max_length=60)
    status: Case.Status | None = None
    opened_on: dt.date | None = None
    closed_on: dt.date | None = None
    location_country: Country | NoCountry | None = None
    exploitation_types: list[ExploitationType] | None = None
    means_of_control: list[MeansOfControl] | None = None
    recruitment_methods: list[RecruitmentMethod] | None = None
    origin_countries: list[Country] | None = None
    transit_countries: list[Country] | None = None
    destination_countries: list[Country] | None = None
    narrative: str | None = None
    narrative_language: Language | None = None


class LabelIn(_In):
    tlp: TLP
    reason: Reason = ""


class CaseOut(Schema):
    """A case record: no personal data (the narrative is read with ``get_case``)."""

    id: int
    reference: str
    owner_unit_id: int
    owner_unit_name: str
    tlp: str
    status: str
    opened_on: dt.date
    closed_on: dt.date | None
    location_country: str
    exploitation_types: list[str]
    means_of_control: list[str]
    recruitment_methods: list[str]
    origin_countries: list[str]
    transit_countries: list[str]
    destination_countries: list[str]
    narrative_language: str
    created_at: dt.datetime
    updated_at: dt.datetime


class CasePageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[CaseOut]


# --- persons, consent, events ----------------------------------------------------------------


class ContactsIn(_In):
    phones: list[str] = []
    emails: list[str] = []
    social: list[str] = []


class PersonIn(_In):
    role: CasePerson.PersonRole
    full_name: str = SchemaField("", max_length=300)
    aliases: list[str] = []
    date_of_birth: dt.date | None = None
    sex: CasePerson.Sex = CasePerson.Sex.UNKNOWN
    nationality: Country | NoCountry = ""
    documents: list[str] = []
    contacts: ContactsIn = ContactsIn()
    accounts: list[str] = []
    tlp: TLP | Literal[""] = ""

    def person_fields(self) -> dict[str, Any]:
        return self.model_dump(exclude={"role"})


class PersonPatch(_Patch):
    NULLABLE: ClassVar[frozenset[str]] = frozenset({"date_of_birth"})
    # The updated_at of the copy that was edited: if someone saved since, the answer is 409
    # and nothing changes. Without it, the fields sent are written over what is stored.
    version: dt.datetime | None = None

    role: CasePerson.PersonRole | None = None
    full_name: str | None = SchemaField(None, max_length=300)
    aliases: list[str] | None = None
    date_of_birth: dt.date | None = None
    sex: CasePerson.Sex | None = None
    nationality: Country | NoCountry | None = None
    documents: list[str] | None = None
    contacts: ContactsIn | None = None
    accounts: list[str] | None = None
    tlp: TLP | Literal[""] | None = None


class ConsentIn(_In):
    """A victim's consent to share their data with a unit, or for a purpose."""

    to_unit_id: int | None = None
    purpose: str = SchemaField("", max_length=250)
    given_on: dt.date
    evidence_note: str = ""


class ConsentOut(Schema):
    id: int
    person_id: int
    to_unit_id: int | None
    purpose: str
    given_on: dt.date
    recorded_at: dt.datetime
    withdrawn_at: dt.datetime | None


class PersonSavedOut(Schema):
    """A person as a write answers it: the fields that are not personal data."""

    id: int
    case_id: int
    role: str
    sex: str
    nationality: str
    tlp: str
    updated_at: dt.datetime


class ContactsOut(Schema):
    phones: list[str] = []
    emails: list[str] = []
    social: list[str] = []


class PersonOut(Schema):
    """A person in a case. The personal fields are null when ``personal_data`` is false;
    ``consents`` are listed for the owner unit's editors only."""

    id: int
    role: str
    sex: str
    nationality: str
    tlp: str
    updated_at: dt.datetime
    personal_data: bool
    full_name: str | None = None
    aliases: list[str] | None = None
    date_of_birth: dt.date | None = None
    documents: list[Any] | None = None
    contacts: ContactsOut | None = None
    accounts: list[Any] | None = None
    consents: list[ConsentOut] = []


class EventIn(_In):
    kind: CaseEvent.Kind
    occurred_on: dt.date
    country: Country | NoCountry = ""
    place: str = SchemaField("", max_length=200)
    description: str = ""


class EventOut(Schema):
    """An event; ``description`` (personal data) is null where it is withheld and in the
    answers of writes."""

    id: int
    kind: str
    occurred_on: dt.date
    country: str
    place: str
    description: str | None = None


class ReasonIn(_In):
    reason: Reason = ""


# --- sharing, readers, access ----------------------------------------------------------------


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


class CaseActionsOut(Schema):
    """What the caller may do to the case."""

    change: bool
    share: bool
    widen_label: bool
    name_red_readers: bool
    refer: bool
    view_access: bool


class CaseDetailOut(CaseOut):
    """A case as its reader may see it. Reading it audits every personal read, as the page
    does."""

    personal_data: bool
    narrative: str | None
    persons: list[PersonOut]
    events: list[EventOut]
    shares: list[ShareOut] | None
    actions: CaseActionsOut
    emergency_access: EmergencyOut | None


# --- referrals -------------------------------------------------------------------------------


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


# --- statistics ------------------------------------------------------------------------------


class StatisticsTableOut(Schema):
    """Victims by year (rows) and one dimension (columns); the last row and column are the
    totals (``total``). A withheld count is null."""

    dimension: str
    title: str
    rows: list[str]
    columns: list[str]
    column_labels: list[str]
    counts: list[list[int | None]]


class StatisticsOut(Schema):
    audience: str
    k: int
    tables: list[StatisticsTableOut]


# --- filling them ----------------------------------------------------------------------------


def case_out(case: Case) -> CaseOut:
    return CaseOut(
        id=case.pk,
        reference=case.reference,
        owner_unit_id=case.owner_unit_id,
        owner_unit_name=case.owner_unit.name,
        tlp=case.tlp,
        status=case.status,
        opened_on=case.opened_on,
        closed_on=case.closed_on,
        location_country=case.location_country,
        exploitation_types=case.exploitation_types,
        means_of_control=case.means_of_control,
        recruitment_methods=case.recruitment_methods,
        origin_countries=case.origin_countries,
        transit_countries=case.transit_countries,
        destination_countries=case.destination_countries,
        narrative_language=case.narrative_language,
        created_at=case.created_at,
        updated_at=case.updated_at,
    )


def consent_out(consent: ConsentRecord) -> ConsentOut:
    return ConsentOut(
        id=consent.pk,
        person_id=consent.person_id,
        to_unit_id=consent.to_unit_id,
        purpose=consent.purpose,
        given_on=consent.given_on,
        recorded_at=consent.recorded_at,
        withdrawn_at=consent.withdrawn_at,
    )


def person_saved_out(person: CasePerson) -> PersonSavedOut:
    return PersonSavedOut(
        id=person.pk,
        case_id=person.case_id,
        role=person.role,
        sex=person.sex,
        nationality=person.nationality,
        tlp=person.tlp,
        updated_at=person.updated_at,
    )


def person_out(view: selectors.PersonView) -> PersonOut:
    p = view.person
    out = PersonOut(
        id=p.pk,
        role=p.role,
        sex=p.sex,
        nationality=p.nationality,
        tlp=p.tlp,
        updated_at=p.updated_at,
        personal_data=view.visible,
        consents=[consent_out(c) for c in view.consents],
    )
    if view.visible:
        contacts = p.contacts or {}
        out.full_name = p.full_name
        out.aliases = list(p.aliases or [])
        out.date_of_birth = p.date_of_birth or None
        out.documents = list(p.documents or [])
        out.contacts = ContactsOut(
            phones=contacts.get("phones", []),
            emails=contacts.get("emails", []),
            social=contacts.get("social", []),
        )
        out.accounts = list(p.accounts or [])
    return out


def event_out(event: CaseEvent, *, description: bool) -> EventOut:
    return EventOut(
        id=event.pk,
        kind=event.kind,
        occurred_on=event.occurred_on,
        country=event.country,
        place=event.place,
        description=event.description if description else None,
    )


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


def access_entry_out(entry: AuditEntry) -> AccessEntryOut:
    return AccessEntryOut(
        id=entry.pk,
        at=entry.at,
        actor_id=entry.actor_id,
        actor_label=entry.actor_label,
        action=entry.action,
        object_type=entry.object_type,
        object_id=entry.object_id,
        object_label=entry.object_label,
        reason=entry.reason,
        data=entry.data,
    )


def case_actions_out(access: policy.CaseAccess) -> CaseActionsOut:
    return CaseActionsOut(
        change=access.may_change,
        share=access.may_share,
        widen_label=access.may_widen_label,
        name_red_readers=access.may_name_red_readers,
        refer=access.may_refer,
        view_access=access.may_view_access,
    )


def case_detail_out(view: selectors.CaseView, *, access: policy.CaseAccess) -> CaseDetailOut:
    return CaseDetailOut(
        **case_out(view.case).model_dump(),
        personal_data=view.personal_data,
        narrative=view.narrative if view.personal_data else None,
        persons=[person_out(p) for p in view.persons],
        events=[event_out(e, description=view.personal_data) for e in view.events],
        shares=[share_out(s) for s in view.shares] if access.may_view_access else None,
        actions=case_actions_out(access),
        emergency_access=emergency_out(access.emergency) if access.emergency else None,
    )


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


def _code(code: str) -> str:
    return "total" if code == statistics.TOTAL else code


def statistics_out(tables: list[statistics.Table], *, audience: str) -> StatisticsOut:
    """The figures of the statistics page (and of its CSV), withheld counts as null."""
    return StatisticsOut(
        audience=audience,
        k=statistics.K,
        tables=[
            StatisticsTableOut(
                dimension=t.dimension,
                title=statistics.dimension_label(t.dimension),
                rows=[_code(r) for r in t.rows],
                columns=[_code(c) for c in t.columns],
                column_labels=[statistics.category_label(t.dimension, c) for c in t.columns],
                counts=t.published(),
            )
            for t in tables
        ],
    )
