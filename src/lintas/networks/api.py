"""Networks through /api/v1/: the list, one network as the viewer may see it (the graph's nodes
and links and the evidence chain between two cases), and relink runs. The same selectors and
policy as the pages: a case the caller may not read is "a case of unit X" with whom to contact."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpResponsePermanentRedirect
from django.urls import reverse
from ninja import Router, Schema, Status

from lintas.members.bodyctx import load_body
from lintas.members.http import AuthedRequest
from lintas.networks import policy, selectors, services
from lintas.networks.models import LinkRun

router = Router(tags=["networks"])


class NetworkOut(Schema):
    id: int
    rank: int
    score: float
    cases: int
    persons: int
    units: list[str]
    countries: list[str]  # of the cases the caller may read
    first_seen: dt.date | None
    last_seen: dt.date | None


class NodeOut(Schema):
    id: str
    kind: str  # case, case-hidden, person, indicator, hub
    label: str
    details: list[str]
    link: str


class EdgeOut(Schema):
    source: str
    target: str
    label: str
    withheld: bool


class CaseInNetworkOut(Schema):
    entry_id: int  # names the case within the network, for the evidence chain
    readable: bool
    label: str
    unit: str
    contacts: list[str]  # whom to contact about a case the caller may not read


class NetworkDetailOut(NetworkOut):
    hubs: int
    withheld_cases: int
    case_entries: list[CaseInNetworkOut]
    nodes: list[NodeOut]
    edges: list[EdgeOut]
    chain: list[str]


class SuccessorOut(Schema):
    id: int
    url: str  # the successor in this API


class EndedNetworkOut(Schema):
    """An id that a relink ended (410 Gone): what became of the network."""

    detail: str
    id: int
    fate: str  # merged, split, dissolved
    ended_at: dt.datetime
    successors: list[SuccessorOut]  # the networks now holding its cases that the caller sees


class RunOut(Schema):
    id: int
    kind: str
    state: str
    progress: int
    stage: str
    records: int
    cases: int
    networks: int
    hubs: int
    notices: int
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    error: str


# Not a schema read from the row: the rank is the place in the list, units are named.
def _network_out(row: selectors.NetworkRow, rank: int) -> dict[str, Any]:
    network = row.network
    return {
        "id": network.pk,
        "rank": rank,
        "score": network.score,
        "cases": network.case_count,
        "persons": network.persons,
        "units": [u.name for u in row.units],
        "countries": row.countries,
        "first_seen": row.first_seen,
        "last_seen": row.last_seen,
    }


@router.get("/bodies/{slug}/networks", response=list[NetworkOut])
def list_networks(
    request: AuthedRequest, slug: str, unit: int | None = None, country: str = ""
) -> list[dict[str, Any]]:
    """The networks the caller may see, ranked by size and spread."""
    body = load_body(request, slug)
    policy.require(policy.can_view_networks(request.user, body))
    rows = selectors.networks_for_list(
        request.user, body, selectors.NetworkFilters(unit=unit, country=country.upper())
    )
    return [_network_out(row, rank) for rank, row in enumerate(rows, start=1)]


def _network_url(body: Any, network_id: int) -> str:
    return reverse("api:get_network", kwargs={"slug": body.slug, "network_id": network_id})


@router.get(
    "/bodies/{slug}/networks/{network_id}",
    response={200: NetworkDetailOut, 308: None, 410: EndedNetworkOut},
)
def get_network(
    request: AuthedRequest,
    slug: str,
    network_id: int,
    chain_from: int | None = None,
    chain_to: int | None = None,
) -> Any:
    """One network: its cases, nodes and links as the caller may see them, and the chain of
    evidence between two of its cases (``entry_id``s) when asked.

    A network keeps its id across relinks while it keeps most of its cases. For an id that a
    relink ended: 308 to the network it merged into, when the caller may see that network;
    otherwise 410 with what became of it (merged, split or dissolved, when, and the networks
    now holding its cases that the caller may see). Who may not see the ended network gets the
    same 404 as for an id that never was."""
    body = load_body(request, slug)
    network = selectors.network_or_ended_for(request.user, body, network_id)
    if isinstance(network, selectors.EndedNetwork):
        return _ended(body, network)
    view = selectors.network_view(network, user=request.user, request=request)
    chain = view.chain(chain_from, chain_to) if chain_from and chain_to else []
    return {
        "id": network.pk,
        "rank": 0,
        "score": network.score,
        "cases": network.case_count,
        "persons": network.persons,
        "units": sorted({c.unit.name for c in view.cases}),
        "countries": view.countries,
        "first_seen": view.first_seen,
        "last_seen": view.last_seen,
        "hubs": view.hubs,
        "withheld_cases": view.withheld_cases,
        "case_entries": [
            {
                "entry_id": c.entry.pk,
                "readable": c.readable,
                "label": c.label,
                "unit": c.unit.name,
                "contacts": [] if c.readable else [f"{u} <{u.email}>" for u in c.contacts],
            }
            for c in view.cases
        ],
        "nodes": [
            {"id": n.key, "kind": n.kind, "label": n.label, "details": n.details, "link": n.link}
            for n in view.nodes
        ],
        "edges": [
            {"source": e.source, "target": e.target, "label": e.label, "withheld": e.withheld}
            for e in view.edges
        ],
        "chain": chain,
    }


def _ended(body: Any, ended: selectors.EndedNetwork) -> Any:
    if ended.redirect_to is not None:
        url = _network_url(body, ended.redirect_to)
        return HttpResponsePermanentRedirect(url, preserve_request=True)  # 308
    succession = ended.succession
    return Status(
        410,
        {
            "detail": ended.sentence(),
            "id": succession.old_id,
            "fate": succession.fate,
            "ended_at": succession.ended_at,
            "successors": [{"id": n, "url": _network_url(body, n)} for n in ended.successors],
        },
    )


@router.post("/bodies/{slug}/network-runs", response={202: RunOut})
def start_relink(request: AuthedRequest, slug: str) -> tuple[int, LinkRun]:
    """Relink every case of the body on the worker (analysts and the secretariat)."""
    body = load_body(request, slug)
    policy.require(policy.can_relink_networks(request.user, body))
    return 202, services.request_relink(body=body, by=request.user)


@router.get("/bodies/{slug}/network-runs/{run_id}", response=RunOut)
def get_run(request: AuthedRequest, slug: str, run_id: int) -> LinkRun:
    """A relink's progress."""
    body = load_body(request, slug)
    return selectors.run_for(request.user, body, run_id)
