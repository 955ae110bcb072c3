"""The cases operations: records, persons, consent, events, sharing, named readers, the access
log, referrals, emergency access and the statistics.

Each operation loads the body (404 for strangers), loads the case through ``selectors`` (404 for
anyone who may not know it exists, a TLP:RED case included), asks the policy (403 for a reader
who may not act) and calls the same services as the pages. Reads of personal data are audited by
``selectors.case_view`` exactly as on the case page. An operation on a case reads its request body
only after that (``_read``; ``_body`` describes it to OpenAPI), so whatever a request holds, a case
the caller may not know of answers 404, exactly as one that does not exist.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError, ValidationError
from ninja.params import P, QueryEx
from pydantic import ValidationError as SchemaError

from lintas.cases import policy, referrals, selectors, services, statistics
from lintas.cases.api import schemas
from lintas.cases.api.schemas import (
    AccessLogOut,
    BreakGlassIn,
    CaseDetailOut,
    CaseIn,
    CaseOut,
    CasePageOut,
    CasePatch,
    ConsentIn,
    ConsentOut,
    DeclineIn,
    EmergencyOut,
    EventIn,
    EventOut,
    LabelIn,
    PersonIn,
    PersonPatch,
    PersonSavedOut,
    ReasonIn,
    RedReaderIn,
    RedReaderOut,
    ReferralIn,
    ReferralInboxOut,
    ReferralOut,
    ShareIn,
    ShareOut,
    StatisticsOut,
)
from lintas.cases.models import TLP, Case, ExploitationType
from lintas.core.errors import LintasError
from lintas.members.bodyctx import load_body
from lintas.members.http import AuthedRequest
from lintas.members.models import Body, Membership, Unit, User

router = Router(tags=["cases"])
In = TypeVar("In", bound=Schema)

MAX_PAGE = 500


# --- loading with the policy -----------------------------------------------------------------


def _case(request: AuthedRequest, body: Body, case_id: int) -> Case:
    """The case, or 404 for anyone who may not know it exists."""
    return selectors.case_for(request.user, body, case_id)


def _access(request: AuthedRequest, body: Body, case_id: int) -> tuple[Case, policy.CaseAccess]:
    """The case and what the caller may do with it, or 404 for anyone who may not know it
    exists."""
    return selectors.case_with_access(request.user, body, case_id)


def _editable(request: AuthedRequest, body: Body, case_id: int) -> Case:
    """The case for a change: 404 for strangers, 403 for readers who may not change it."""
    case, access = _access(request, body, case_id)
    policy.require(access.may_change)
    return case


def _unit(body: Body, unit_id: int, *, field: str) -> Unit:
    """A unit named in a request body: refused with the field's name when not in this body."""
    unit = Unit.objects.filter(pk=unit_id, body=body).first()
    if unit is None:
        raise LintasError(_("No such unit in this body."), field=field)
    return unit


@contextmanager
def _naming(**fields: str) -> Iterator[None]:
    """Refusals of the services name the models' fields (``unit``); answer with the names of
    the request (``unit_id``)."""
    try:
        yield
    except LintasError as exc:
        if exc.field in fields:
            raise LintasError(exc.message, field=fields[exc.field]) from None
        raise


def _read(request: HttpRequest, schema: type[In]) -> In:
    """The request body, read only once the case is known to be the caller's to see: a request
    about a case they may not know of answers 404 whatever it holds, as for a case that does not
    exist. Errors are worded as ninja words them (400 unreadable, 422 against the schema)."""
    try:
        data = json.loads(request.body) if request.body.strip() else {}
    except ValueError:
        raise HttpError(400, "Cannot parse request body") from None
    try:
        return schema.model_validate(data)
    except SchemaError as exc:
        errors: list[dict[str, Any]] = []
        for error in exc.errors(include_url=False):
            shown: dict[str, Any] = {k: v for k, v in error.items() if k != "input"}
            shown["loc"] = ("body", "payload", *error["loc"])
            if "ctx" in error:
                shown["ctx"] = {
                    k: str(v) if isinstance(v, Exception) else v for k, v in error["ctx"].items()
                }
            errors.append(shown)
        raise ValidationError(errors) from None


def _body(schema: type[Schema], *, required: bool = True) -> dict[str, Any]:
    """OpenAPI's description of a body that the operation reads itself with ``_read``."""
    found = schema.model_json_schema()
    defs = found.pop("$defs", {})

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            if "$ref" in node:
                return inline(defs[node["$ref"].rsplit("/", 1)[-1]])
            return {key: inline(value) for key, value in node.items()}
        if isinstance(node, list):
            return [inline(value) for value in node]
        return node

    content = {"application/json": {"schema": inline(found)}}
    return {"requestBody": {"required": required, "content": content}}


def _page(limit: int, offset: int) -> tuple[int, int]:
    return max(1, min(limit, MAX_PAGE)), max(0, offset)


# --- cases -----------------------------------------------------------------------------------


@router.get("/bodies/{slug}/cases", response=CasePageOut)
def list_cases(
    request: AuthedRequest,
    slug: str,
    q: QueryEx[str, P(description="part of the reference")] = "",
    status: Case.Status | None = None,
    tlp: TLP | None = None,
    exploitation: ExploitationType | None = None,
    country: QueryEx[
        str, P(description="country of identification, origin, transit or destination")
    ] = "",
    unit: QueryEx[int | None, P(description="the owner unit's id")] = None,
    opened_from: dt.date | None = None,
    opened_to: dt.date | None = None,
    limit: int = 50,
    offset: int = 0,
) -> CasePageOut:
    """The cases the caller may read, newest first, as on the cases page. No personal data."""
    body = load_body(request, slug)
    filters = selectors.CaseFilters(
        q=q.strip(),
        status=status or "",
        tlp=tlp or "",
        exploitation=exploitation or "",
        country=country.strip()[:2],
        unit=unit,
    )
    found = selectors.cases_for_list(request.user, body, filters)
    if opened_from is not None:
        found = found.filter(opened_on__gte=opened_from)
    if opened_to is not None:
        found = found.filter(opened_on__lte=opened_to)
    limit, offset = _page(limit, offset)
    return CasePageOut(
        count=found.count(),
        limit=limit,
        offset=offset,
        items=[schemas.case_out(c) for c in found[offset : offset + limit]],
    )


@router.post("/bodies/{slug}/cases", response={201: CaseOut})
def create_case(request: AuthedRequest, slug: str, payload: CaseIn) -> tuple[int, CaseOut]:
    """Record a case for one of the caller's units (a focal point or alternate)."""
    body = load_body(request, slug)
    policy.require(policy.can_create_case(request.user, body))
    owner = _unit(body, payload.owner_unit_id, field="owner_unit_id")
    with _naming(owner_unit="owner_unit_id"):
        case = services.create_case(
            body=body,
            owner_unit=owner,
            by=request.user,
            tlp=payload.tlp,
            **payload.case_fields(),
        )
    return 201, schemas.case_out(case)


@router.get("/bodies/{slug}/cases/statistics", response=StatisticsOut)
def case_statistics(request: AuthedRequest, slug: str) -> StatisticsOut:
    """Anonymised counts of victims in TLP:CLEAR and TLP:GREEN cases, as on the body's
    statistics page: no count below 11 is shown (null), nor one that could be worked out."""
    body = load_body(request, slug)
    tables = statistics.victim_statistics(body, audience=statistics.BODY)
    return schemas.statistics_out(tables, audience=statistics.BODY)


@router.get("/bodies/{slug}/cases/{case_id}", response=CaseDetailOut)
def get_case(request: AuthedRequest, slug: str, case_id: int) -> CaseDetailOut:
    """The case with what the caller may read of it: persons' data and the narrative where the
    policy allows (each read audited), events, and the shares for the owner unit."""
    body = load_body(request, slug)
    _found, access = _access(request, body, case_id)
    return schemas.case_detail_out(selectors.case_view(access, request=request), access=access)


@router.patch("/bodies/{slug}/cases/{case_id}", response=CaseOut, openapi_extra=_body(CasePatch))
def update_case(request: AuthedRequest, slug: str, case_id: int) -> CaseOut:
    """Change the fields sent; the others stay."""
    body = load_body(request, slug)
    case = _editable(request, body, case_id)
    patch = _read(request, CasePatch)
    services.update_case(case, by=request.user, seen_version=patch.version, **patch.changes())
    return schemas.case_out(case)


@router.post("/bodies/{slug}/cases/{case_id}/label", response=CaseOut, openapi_extra=_body(LabelIn))
def change_label(request: AuthedRequest, slug: str, case_id: int) -> CaseOut:
    """Narrow the label (the owner unit's focal point or alternate) or widen it (its focal
    point, with a reason)."""
    body = load_body(request, slug)
    case = _editable(request, body, case_id)
    data = _read(request, LabelIn)
    services.change_label(case, tlp=data.tlp, by=request.user, reason=data.reason)
    return schemas.case_out(case)


# --- persons, consent, events ----------------------------------------------------------------


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
    return 201, schemas.person_saved_out(person)


@router.patch(
    "/bodies/{slug}/cases/{case_id}/persons/{person_id}",
    response=PersonSavedOut,
    openapi_extra=_body(PersonPatch),
)
def update_person(
    request: AuthedRequest, slug: str, case_id: int, person_id: int
) -> PersonSavedOut:
    """Change the fields sent; ``contacts`` is replaced as a whole."""
    body = load_body(request, slug)
    case, access = _access(request, body, case_id)
    policy.require(access.may_change)
    person = selectors.person_for(request.user, case, person_id)
    policy.require(access.sees(person))
    patch = _read(request, PersonPatch)
    services.update_person(person, by=request.user, seen_version=patch.version, **patch.changes())
    return schemas.person_saved_out(person)


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
    return 201, schemas.consent_out(consent)


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
    return schemas.consent_out(consent)


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


# --- sharing and named readers ---------------------------------------------------------------


@router.post(
    "/bodies/{slug}/cases/{case_id}/shares", response={201: ShareOut}, openapi_extra=_body(ShareIn)
)
def share_case(request: AuthedRequest, slug: str, case_id: int) -> tuple[int, ShareOut]:
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
    return 201, schemas.share_out(share)


@router.post(
    "/bodies/{slug}/cases/{case_id}/shares/{share_id}/revoke",
    response=ShareOut,
    openapi_extra=_body(ReasonIn, required=False),
)
def revoke_share(request: AuthedRequest, slug: str, case_id: int, share_id: int) -> ShareOut:
    body = load_body(request, slug)
    case, access = _access(request, body, case_id)
    share = case.shares.select_related("unit").filter(pk=share_id).first()
    policy.hide(share is not None)
    policy.require(access.may_share)
    assert share is not None  # noqa: S101
    reason = _read(request, ReasonIn).reason
    services.revoke_share(share, by=request.user, reason=reason)
    return schemas.share_out(share)


@router.get("/bodies/{slug}/cases/{case_id}/red-readers", response=list[RedReaderOut])
def list_red_readers(request: AuthedRequest, slug: str, case_id: int) -> list[RedReaderOut]:
    """The people named to read the case under TLP:RED."""
    body = load_body(request, slug)
    case, access = _access(request, body, case_id)
    policy.require(access.may_name_red_readers)
    return [schemas.red_reader_out(a) for a in selectors.red_readers_of(case)]


@router.post(
    "/bodies/{slug}/cases/{case_id}/red-readers",
    response={201: RedReaderOut},
    openapi_extra=_body(RedReaderIn),
)
def name_red_reader(request: AuthedRequest, slug: str, case_id: int) -> tuple[int, RedReaderOut]:
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
    return 201, schemas.red_reader_out(reader)


@router.post("/bodies/{slug}/cases/{case_id}/red-readers/{access_id}/remove", response=RedReaderOut)
def unname_red_reader(
    request: AuthedRequest, slug: str, case_id: int, access_id: int
) -> RedReaderOut:
    body = load_body(request, slug)
    case, access = _access(request, body, case_id)
    reader = case.red_access.select_related("user").filter(pk=access_id).first()
    policy.hide(reader is not None)
    policy.require(access.may_name_red_readers)
    assert reader is not None  # noqa: S101
    services.unname_red_reader(reader, by=request.user)
    return schemas.red_reader_out(reader)


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
    return AccessLogOut(
        emergency_access=[schemas.emergency_out(a) for a in selectors.emergency_accesses_of(case)],
        count=entries.count(),
        entries=[schemas.access_entry_out(e) for e in entries[offset : offset + limit]],
    )


# --- emergency access ------------------------------------------------------------------------


@router.post(
    "/bodies/{slug}/cases/{case_id}/emergency-access",
    response={201: EmergencyOut},
    openapi_extra=_body(BreakGlassIn),
)
def break_glass(request: AuthedRequest, slug: str, case_id: int) -> tuple[int, EmergencyOut]:
    """Read a case and its personal data for 1 to 24 hours, with a reason; the owner unit is
    told. A TLP:RED case: the secretariat only, and 404 for anyone else."""
    body = load_body(request, slug)
    try:
        case = _case(request, body, case_id)
    except Http404:
        case = selectors.case_for_break_glass(request.user, body, case_id)
    data = _read(request, BreakGlassIn)
    access = referrals.break_glass(case, user=request.user, reason=data.reason, hours=data.hours)
    return 201, schemas.emergency_out(access)


@router.post(
    "/bodies/{slug}/cases/{case_id}/emergency-access/{access_id}/end", response=EmergencyOut
)
def end_emergency_access(
    request: AuthedRequest, slug: str, case_id: int, access_id: int
) -> EmergencyOut:
    """End emergency access early: the person who holds it, or the owner unit's focal point."""
    body = load_body(request, slug)
    case = _case(request, body, case_id)
    access = selectors.emergency_access_for(case, access_id)
    referrals.end_emergency_access(access, by=request.user)
    return schemas.emergency_out(access)


# --- referrals -------------------------------------------------------------------------------


@router.post(
    "/bodies/{slug}/cases/{case_id}/referrals",
    response={201: ReferralOut},
    openapi_extra=_body(ReferralIn),
)
def request_referral(request: AuthedRequest, slug: str, case_id: int) -> tuple[int, ReferralOut]:
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
    return 201, schemas.referral_out(referral)


@router.get("/bodies/{slug}/referrals", response=ReferralInboxOut)
def list_referrals(request: AuthedRequest, slug: str) -> ReferralInboxOut:
    """Requests received by and sent from the units the caller acts for."""
    body = load_body(request, slug)
    received, sent = selectors.referrals_for_inbox(request.user, body)
    return ReferralInboxOut(
        received=[schemas.referral_out(r) for r in received],
        sent=[schemas.referral_out(r) for r in sent],
    )


@router.post("/bodies/{slug}/referrals/{referral_id}/accept", response=ReferralOut)
def accept_referral(request: AuthedRequest, slug: str, referral_id: int) -> ReferralOut:
    """The receiving unit's focal point or alternate accepts: a referral shares the case with
    it, a transfer makes it the owner unit."""
    body = load_body(request, slug)
    referral = selectors.referral_for(request.user, body, referral_id)
    referrals.accept_referral(referral, by=request.user)
    return schemas.referral_out(referral)


@router.post(
    "/bodies/{slug}/referrals/{referral_id}/decline",
    response=ReferralOut,
    openapi_extra=_body(DeclineIn),
)
def decline_referral(request: AuthedRequest, slug: str, referral_id: int) -> ReferralOut:
    """Decline, with a reason the sender sees."""
    body = load_body(request, slug)
    referral = selectors.referral_for(request.user, body, referral_id)
    reason = _read(request, DeclineIn).reason
    referrals.decline_referral(referral, by=request.user, reason=reason)
    return schemas.referral_out(referral)


@router.post("/bodies/{slug}/referrals/{referral_id}/close", response=ReferralOut)
def close_referral(request: AuthedRequest, slug: str, referral_id: int) -> ReferralOut:
    """Close an answered request (either side) or withdraw an unanswered one (the sender)."""
    body = load_body(request, slug)
    referral = selectors.referral_for(request.user, body, referral_id)
    referrals.close_referral(referral, by=request.user)
    return schemas.referral_out(referral)


# --- public statistics -----------------------------------------------------------------------


@router.get("/public/{slug}/statistics", response=StatisticsOut, auth=None)
def public_statistics(request: HttpRequest, slug: str) -> StatisticsOut:
    """Anonymised counts of victims in TLP:CLEAR cases, as on the public page: no sign-in."""
    body = get_object_or_404(Body, slug=slug)
    tables = statistics.victim_statistics(body, audience=statistics.PUBLIC)
    return schemas.statistics_out(tables, audience=statistics.PUBLIC)
