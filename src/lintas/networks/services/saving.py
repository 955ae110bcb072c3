"""A run's networks in place of the body's older ones: the engine's networks joined through
their cases, each keeping the id of the earlier network whose cases it mostly holds
(``engine.succession``), with its evidence; the ids that end leave a ``NetworkSuccession``."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from lintas.cases.models import Case, CasePerson
from lintas.members.models import Body
from lintas.networks.engine.dsu import DisjointSets
from lintas.networks.engine.linker import LinkResult
from lintas.networks.engine.succession import Succession, succeed
from lintas.networks.models import (
    LinkRun,
    Network,
    NetworkCase,
    NetworkIndicator,
    NetworkMatch,
    NetworkRecord,
    NetworkSuccession,
)
from lintas.networks.services.records import blind_index


@dataclass
class _Group:
    nodes: list[int]
    cases: list[Case]


def _groups(result: LinkResult, persons: dict[str, CasePerson]) -> list[_Group]:
    """The engine's networks joined through their cases (two persons of one case belong to the
    same story), kept when they hold at least two cases."""
    prepared = result.prepared
    sets = DisjointSets(len(prepared))
    first_of_case: dict[int, int] = {}
    for node, root in enumerate(result.network_of):
        sets.union(node, root)
        case_id = persons[prepared[node].record_id].case_id
        sets.union(node, first_of_case.setdefault(case_id, node))
    members: dict[int, list[int]] = defaultdict(list)
    for node in range(len(prepared)):
        members[sets.find(node)].append(node)
    groups = []
    for nodes in members.values():
        cases = {persons[prepared[n].record_id].case_id: persons[prepared[n].record_id].case
                 for n in nodes}  # fmt: skip
        if len(cases) >= 2:
            groups.append(_Group(nodes, sorted(cases.values(), key=lambda c: c.pk)))
    return groups


def _score(cases: int, units: int, countries: int) -> float:
    return round(cases * (1 + 0.5 * (units - 1) + 0.25 * max(countries - 1, 0)), 2)


def save_networks(
    run: LinkRun, result: LinkResult | None, persons: dict[str, CasePerson]
) -> list[Network]:
    """Write the networks of a run in place of the body's older ones, unless a newer run has
    finished meanwhile (then this run's networks are not kept).

    A network keeps its id while it keeps most of its cases (``engine.succession``): its row is
    updated and its evidence written again; the cases that stay keep their entries. The ids that
    end leave a ``NetworkSuccession`` saying what became of them."""
    # one run saves a body's networks at a time (PostgreSQL; SQLite has one writer anyway)
    list(Body.objects.select_for_update().filter(pk=run.body_id).values_list("pk", flat=True))
    newer = LinkRun.objects.filter(body=run.body, pk__gt=run.pk, state=LinkRun.State.DONE)
    if newer.exists():
        return []
    groups = _groups(result, persons) if result else []
    previous: dict[int, set[int]] = {
        pk: set() for pk in Network.objects.filter(body=run.body).values_list("pk", flat=True)
    }
    entries: dict[tuple[int, int], NetworkCase] = {}
    for pk, network_id, case_id in NetworkCase.objects.filter(network__body=run.body).values_list(
        "pk", "network_id", "case_id"
    ):
        previous[network_id].add(case_id)
        entries[(network_id, case_id)] = NetworkCase(pk=pk, network_id=network_id, case_id=case_id)
    succession = succeed(previous, [{c.pk for c in g.cases} for g in groups])
    kept = succession.kept_ids()
    # written again for the networks that stay: their evidence, and entries of cases that left
    NetworkIndicator.objects.filter(network_id__in=kept).delete()
    NetworkMatch.objects.filter(network_id__in=kept).delete()
    NetworkRecord.objects.filter(network_id__in=kept).delete()
    stays = {
        (old, c.pk) for old, g in zip(succession.kept, groups, strict=True) if old is not None
        for c in g.cases
    }  # fmt: skip
    NetworkCase.objects.filter(
        pk__in=[e.pk for (n, c), e in entries.items() if n in kept and (n, c) not in stays]
    ).delete()
    saved: list[Network] = []
    for old, group in zip(succession.kept, groups, strict=True):
        assert result is not None  # noqa: S101 (there are groups only when there is a result)
        keeps = {c.pk: e for c in group.cases if old and (e := entries.get((old, c.pk)))}
        saved.append(_save_network(run, result, persons, group, network_id=old, entries=keeps))
    _end_networks(run, succession, [n.pk for n in saved], previous)
    return saved


def _end_networks(
    run: LinkRun, succession: Succession, ids: list[int], previous: dict[int, set[int]]
) -> None:
    """Record what became of each network whose id ended, then remove it."""
    now = timezone.now()
    NetworkSuccession.objects.bulk_create(
        NetworkSuccession(
            body=run.body,
            old_id=ended.old,
            fate=ended.fate.value,
            successors=[ids[j] for j in ended.successors],
            cases=sorted(previous[ended.old]),
            run=run,
            ended_at=now,
        )
        for ended in succession.ended
    )
    Network.objects.filter(body=run.body, pk__in=[e.old for e in succession.ended]).delete()


def _shown(ind: Any) -> str:
    """The value as shown: a handle with the platform it was written for (the engine links
    handles by name alone)."""
    if ind.kind == "handle" and ind.platform and ind.value.startswith("handle:"):
        return f"{ind.platform}:{ind.value.removeprefix('handle:')}"
    return str(ind.value)


def _save_network(
    run: LinkRun,
    result: LinkResult,
    persons: dict[str, CasePerson],
    group: _Group,
    *,
    network_id: int | None,
    entries: dict[int, NetworkCase],
) -> Network:
    """One network with its evidence: a new row, or the row of ``network_id`` updated (its
    records, indicators and matches were removed; ``entries`` are the case entries it keeps)."""
    prepared = result.prepared
    node_set = set(group.nodes)
    cases = group.cases
    countries = {
        code
        for c in cases
        for code in [c.location_country, *c.origin_countries, *c.transit_countries,
                     *c.destination_countries]
        if code
    }  # fmt: skip
    values: dict[str, Any] = {}
    for n in group.nodes:
        for ind in prepared[n].indicators:
            values.setdefault(ind.value, ind)
    linking = {
        v: [n for n in result.holders[v] if n in node_set]
        for v in values
        if v in result.hubs or sum(1 for n in result.holders[v] if n in node_set) > 1
    }
    units = {c.owner_unit_id for c in cases}
    dates = [c.opened_on for c in cases]
    network = Network(
        pk=network_id,
        body=run.body,
        run=run,
        size=len(group.nodes),
        persons=len({result.person_of[n] for n in group.nodes}),
        case_count=len(cases),
        unit_count=len(units),
        countries=sorted(countries),
        first_seen=min(dates),
        last_seen=max(dates),
        score=_score(len(cases), len(units), len(countries)),
    )
    if network_id is None:
        network.save(force_insert=True)
    else:
        network.save(force_update=True)
    missing = [c for c in cases if c.pk not in entries]
    created = NetworkCase.objects.bulk_create(NetworkCase(network=network, case=c) for c in missing)
    entries = {**entries, **{c.pk: e for c, e in zip(missing, created, strict=True)}}
    number: dict[int, int] = {}
    records = NetworkRecord.objects.bulk_create(
        NetworkRecord(
            network=network,
            entry=entries[persons[prepared[n].record_id].case_id],
            record=persons[prepared[n].record_id],
            person=number.setdefault(result.person_of[n], len(number) + 1),
        )
        for n in sorted(group.nodes)
    )
    record_of = dict(zip(sorted(group.nodes), records, strict=True))
    for value, holders in sorted(linking.items()):
        hub = result.hubs.get(value)
        indicator = NetworkIndicator.objects.create(
            network=network,
            kind=values[value].kind,
            value=_shown(values[value]),
            blind=blind_index(value),
            is_hub=hub is not None,
            hub_reason=hub.reason[:200] if hub else "",
        )
        indicator.holders.set([record_of[n] for n in holders])
    NetworkMatch.objects.bulk_create(
        NetworkMatch(network=network, a=record_of[m.a], b=record_of[m.b],
                     detail=m.describe()[:200])
        for m in result.matches if m.a in node_set
    )  # fmt: skip
    network.cases_loaded = cases  # type: ignore[attr-defined]
    return network
