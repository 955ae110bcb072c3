"""The networks a person may see, for the list page and the API, and the networks of a case."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from lintas.cases.models import Case
from lintas.members.models import Body, Unit
from lintas.networks import policy
from lintas.networks.models import Network, NetworkCase
from lintas.networks.selectors.common import case_countries


@dataclass
class NetworkFilters:
    unit: int | None = None
    country: str = ""


@dataclass
class NetworkRow:
    network: Network
    units: list[Unit]
    countries: list[str] = field(default_factory=list)
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None


@dataclass
class _CaseFacts:
    location_country: str
    origin_countries: list[str]
    transit_countries: list[str]
    destination_countries: list[str]
    opened_on: dt.date


def networks_for_list(user: Any, body: Body, filters: NetworkFilters) -> list[NetworkRow]:
    """The networks this person may see, ranked, with their units (four queries). Countries and
    dates come from the cases the person may read; the others count only as cases of a unit."""
    qs = policy.visible_networks(user, body).order_by("-score", "-case_count", "pk")
    if filters.unit:
        qs = qs.filter(network_cases__case__owner_unit_id=filters.unit).distinct()
    networks = list(qs)
    facts = list(
        NetworkCase.objects.filter(network__in=[n.pk for n in networks]).values_list(
            "network_id",
            "case_id",
            "case__owner_unit_id",
            "case__location_country",
            "case__origin_countries",
            "case__transit_countries",
            "case__destination_countries",
            "case__opened_on",
        )
    )
    readable = set(
        policy.visible_cases(user, body)
        .filter(pk__in={f[1] for f in facts})
        .values_list("pk", flat=True)
    )
    unit_ids: dict[int, set[int]] = defaultdict(set)
    seen: dict[int, list[_CaseFacts]] = defaultdict(list)
    for network_id, case_id, unit_id, *rest in facts:
        unit_ids[network_id].add(unit_id)
        if case_id in readable:
            seen[network_id].append(_CaseFacts(*rest))
    units = Unit.objects.in_bulk({u for ids in unit_ids.values() for u in ids})
    rows = []
    for n in networks:
        cases = seen[n.pk]
        dates = sorted(c.opened_on for c in cases)
        rows.append(
            NetworkRow(
                n,
                sorted((units[u] for u in unit_ids[n.pk]), key=lambda u: u.name),
                sorted(set().union(*(case_countries(c) for c in cases))),
                dates[0] if dates else None,
                dates[-1] if dates else None,
            )
        )
    if filters.country:
        code = filters.country.upper()
        rows = [r for r in rows if code in r.countries]
    return rows


def networks_of_case(user: Any, case: Case) -> list[Network]:
    """The networks a case is in, for its page (nothing for who may not see networks)."""
    if not policy.can_view_networks(user, case.body):
        return []
    return list(Network.objects.filter(body=case.body, network_cases__case=case).order_by("-score"))
