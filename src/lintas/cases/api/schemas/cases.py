"""Case records: what is sent to open or change one, and what is answered."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from ninja import Field as SchemaField
from ninja import Schema

from lintas.cases import policy, selectors
from lintas.cases.api.schemas.common import Country, Language, NoCountry, Reason, _In, _Patch
from lintas.cases.api.schemas.persons import EventOut, PersonOut, event_out, person_out
from lintas.cases.api.schemas.sharing import EmergencyOut, ShareOut
from lintas.cases.models import (
    TLP,
    Case,
    ExploitationType,
    MeansOfControl,
    RecruitmentMethod,
)


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
    # The updated_at of the copy that was edited (or an If-Match header with the GET's ETag):
    # if someone saved since, the answer is 409 and nothing changes. Without either, 428.
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
    return CaseDetailOut.model_validate(
        {
            **case_out(view.case).model_dump(),
            "personal_data": view.personal_data,
            "narrative": view.narrative if view.personal_data else None,
            "persons": [person_out(p) for p in view.persons],
            "events": [event_out(e, description=view.personal_data) for e in view.events],
            "shares": list(view.shares) if access.may_view_access else None,
            "actions": case_actions_out(access),
            "emergency_access": access.emergency,
        }
    )
