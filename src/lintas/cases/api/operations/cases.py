"""Case records: list, open, read (auditing each personal read), change, relabel; the statistics
of the body's cases."""

from __future__ import annotations

import datetime as dt

from django.http import HttpResponse
from ninja.params import P, QueryEx

from lintas.cases import policy, selectors, services, statistics
from lintas.cases.api import schemas
from lintas.cases.api.operations.common import (
    _access,
    _body,
    _editable,
    _naming,
    _page,
    _read,
    _unit,
    _version,
    etag,
    router,
)
from lintas.cases.api.schemas import (
    CaseDetailOut,
    CaseIn,
    CaseOut,
    CasePageOut,
    CasePatch,
    LabelIn,
    StatisticsOut,
)
from lintas.cases.models import TLP, Case, ExploitationType
from lintas.core.api_refusals import refuses
from lintas.members.bodyctx import load_body
from lintas.members.http import AuthedRequest


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
def get_case(
    request: AuthedRequest, response: HttpResponse, slug: str, case_id: int
) -> CaseDetailOut:
    """The case with what the caller may read of it: persons' data and the narrative where the
    policy allows (each read audited), events, and the shares for the owner unit. Its ``ETag``
    is the version to send back with a change (``If-Match``)."""
    body = load_body(request, slug)
    found, access = _access(request, body, case_id)
    response["ETag"] = etag(found.updated_at)
    return schemas.case_detail_out(selectors.case_view(access, request=request), access=access)


@router.patch(
    "/bodies/{slug}/cases/{case_id}",
    response=CaseOut,
    openapi_extra={**_body(CasePatch), **refuses(409, 428)},
)
def update_case(request: AuthedRequest, response: HttpResponse, slug: str, case_id: int) -> CaseOut:
    """Change the fields sent; the others stay."""
    body = load_body(request, slug)
    case = _editable(request, body, case_id)
    patch = _read(request, CasePatch)
    version = _version(request, patch.version)
    services.update_case(case, by=request.user, seen_version=version, **patch.changes())
    response["ETag"] = etag(case.updated_at)
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
