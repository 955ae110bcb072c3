"""The persons of a case, their consent, and the events of a case."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Literal

from ninja import Field as SchemaField
from ninja import Schema

from lintas.cases import selectors
from lintas.cases.api.schemas.common import Country, NoCountry, _In, _Patch
from lintas.cases.models import (
    TLP,
    CaseEvent,
    CasePerson,
)


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
    # The updated_at of the copy that was edited (or an If-Match header with the GET's ETag):
    # if someone saved since, the answer is 409 and nothing changes. Without either, 428.
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
        consents=[ConsentOut.from_orm(c) for c in view.consents],
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
