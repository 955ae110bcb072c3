"""The persons of a case, their consent, and the events of a case."""

from __future__ import annotations

from django.http import HttpResponse

from lintas.cases import policy, selectors, services
from lintas.cases.api import schemas
from lintas.cases.api.operations.common import (
    _access,
    _body,
    _editable,
    _naming,
    _read,
    _unit,
    _version,
    etag,
    router,
)
from lintas.cases.api.schemas import (
    ConsentIn,
    ConsentOut,
    EventIn,
    EventOut,
    PersonIn,
    PersonPatch,
    PersonSavedOut,
    ReasonIn,
)
from lintas.core.api_refusals import refuses
from lintas.members.bodyctx import load_body
from lintas.members.http import AuthedRequest


@router.post(
    "/bodies/{slug}/cases/{case_id}/persons",
    response={201: PersonSavedOut},
    openapi_extra=_body(PersonIn),
)
def add_person(request: AuthedRequest, slug: str, case_id: int) -> tuple[int, PersonSavedOut]:
    body = load_body(request, slug)
    case = _editable(request, body, case_id)
    data = _read(request, PersonIn)
    person = services.add_person(case, by=request.user, role=data.role, **data.person_fields())
    return 201, PersonSavedOut.from_orm(person)


@router.patch(
    "/bodies/{slug}/cases/{case_id}/persons/{person_id}",
    response=PersonSavedOut,
    openapi_extra={**_body(PersonPatch), **refuses(409, 428)},
)
def update_person(
    request: AuthedRequest, response: HttpResponse, slug: str, case_id: int, person_id: int
) -> PersonSavedOut:
    """Change the fields sent; ``contacts`` is replaced as a whole."""
    body = load_body(request, slug)
    case, access = _access(request, body, case_id)
    policy.require(access.may_change)
    person = selectors.person_for(request.user, case, person_id)
    policy.require(access.sees(person))
    patch = _read(request, PersonPatch)
    version = _version(request, patch.version)
    services.update_person(person, by=request.user, seen_version=version, **patch.changes())
    response["ETag"] = etag(person.updated_at)
    return PersonSavedOut.from_orm(person)


@router.post(
    "/bodies/{slug}/cases/{case_id}/persons/{person_id}/consents",
    response={201: ConsentOut},
    openapi_extra=_body(ConsentIn),
)
def record_consent(
    request: AuthedRequest, slug: str, case_id: int, person_id: int
) -> tuple[int, ConsentOut]:
    """A victim's consent to share their data with a unit (or for a purpose)."""
    body = load_body(request, slug)
    case, access = _access(request, body, case_id)
    person = selectors.person_for(request.user, case, person_id)
    policy.require(access.may_change)
    data = _read(request, ConsentIn)
    to_unit = (
        _unit(body, data.to_unit_id, field="to_unit_id") if data.to_unit_id is not None else None
    )
    with _naming(to_unit="to_unit_id"):
        consent = services.record_consent(
            person,
            by=request.user,
            given_on=data.given_on,
            to_unit=to_unit,
            purpose=data.purpose,
            evidence_note=data.evidence_note,
        )
    return 201, ConsentOut.from_orm(consent)


@router.post(
    "/bodies/{slug}/cases/{case_id}/consents/{consent_id}/withdraw",
    response=ConsentOut,
    openapi_extra=_body(ReasonIn, required=False),
)
def withdraw_consent(
    request: AuthedRequest, slug: str, case_id: int, consent_id: int
) -> ConsentOut:
    """From now on, the units that relied on this consent no longer read the victim's data."""
    body = load_body(request, slug)
    case = _editable(request, body, case_id)
    consent = selectors.consent_for(case, consent_id)
    reason = _read(request, ReasonIn).reason
    services.withdraw_consent(consent, by=request.user, reason=reason)
    return ConsentOut.from_orm(consent)


@router.post(
    "/bodies/{slug}/cases/{case_id}/events", response={201: EventOut}, openapi_extra=_body(EventIn)
)
def add_event(request: AuthedRequest, slug: str, case_id: int) -> tuple[int, EventOut]:
    body = load_body(request, slug)
    case = _editable(request, body, case_id)
    fields = _read(request, EventIn).model_dump()
    event = services.add_event(case, by=request.user, **fields)
    return 201, schemas.event_out(event, description=False)


@router.post(
    "/bodies/{slug}/cases/{case_id}/events/{event_id}/remove",
    response=EventOut,
    openapi_extra=_body(ReasonIn, required=False),
)
def remove_event(request: AuthedRequest, slug: str, case_id: int, event_id: int) -> EventOut:
    """Remove an event; the answer is the event as it was, without its description."""
    body = load_body(request, slug)
    case = _editable(request, body, case_id)
    event = case.events.filter(pk=event_id).first()
    policy.hide(event is not None)
    assert event is not None  # noqa: S101 (hide() raised otherwise)
    reason = _read(request, ReasonIn).reason
    removed = schemas.event_out(event, description=False)
    services.remove_event(event, by=request.user, reason=reason)
    return removed
