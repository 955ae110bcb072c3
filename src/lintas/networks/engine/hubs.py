"""Hub indicators: shared by many unrelated records without meaning anything.

A shelter's desk phone, a public hotline or an embassy e-mail turns up in many case files
of people who have nothing to do with each other. Joining them would produce one giant,
meaningless network. Hubs are found from the data, not from a hand list:

1. The **degree** of an indicator is the number of distinct *persons* holding it (a person
   mentioned in ten records counts once).
2. The **threshold** is ``max(min_degree, factor x median)`` where ``median`` is the
   median degree of indicators held by two or more persons: an indicator is suspicious
   when it is far more shared than indicators usually are in this data set. The median is
   used because the hubs themselves do not move it.
3. An indicator above the threshold is a hub when its holders are **uncorroborated**:
   fewer than half of them are connected to another holder by any other evidence (same
   person, another shared indicator), and they come from at least two agencies. Real
   networks share several things; people who only share a hotline share nothing else.
4. An indicator held by more than ``overwhelming x threshold`` persons is a hub whatever
   its corroboration.

Hubs stay visible in the output (with degree, agencies and the reason) but never join
records into networks.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from lintas.networks.engine.dsu import DisjointSets

MIN_DEGREE = 8
FACTOR = 4.0
OVERWHELMING = 5.0


@dataclass(frozen=True, slots=True)
class Hub:
    """An indicator kept out of networks, with the figures that made it a hub."""

    value: str
    degree: int
    records: int
    agencies: int
    corroborated: float
    threshold: int
    reason: str


def degree_threshold(degrees: Sequence[int], min_degree: int = MIN_DEGREE) -> int:
    """``max(min_degree, ceil(FACTOR * median))`` over degrees of at least two."""
    shared = sorted(d for d in degrees if d >= 2)
    if not shared:
        return min_degree
    return max(min_degree, math.ceil(FACTOR * shared[(len(shared) - 1) // 2]))


def find_hubs(
    holders: Mapping[str, Sequence[int]],
    person_of: Sequence[int],
    agency_of: Sequence[str],
    person_edges: Sequence[tuple[int, int]],
    min_degree: int = MIN_DEGREE,
) -> dict[str, Hub]:
    """Hubs among indicator ``holders`` (value -> record nodes), by the rule above."""
    degree = {v: len({person_of[n] for n in nodes}) for v, nodes in holders.items()}
    threshold = degree_threshold(list(degree.values()), min_degree)
    candidates = sorted(v for v, d in degree.items() if d >= threshold)
    if not candidates:
        return {}
    excluded = set(candidates)
    sets = DisjointSets(len(person_of))
    for a, b in person_edges:
        sets.union(a, b)
    for v, nodes in holders.items():
        if v not in excluded:
            for n in nodes[1:]:
                sets.union(nodes[0], n)
    hubs: dict[str, Hub] = {}
    for v in candidates:
        nodes = holders[v]
        comps: dict[int, int] = {}
        for n in nodes:
            root = sets.find(n)
            comps[root] = comps.get(root, 0) + 1
        corroborated = sum(c for c in comps.values() if c > 1) / len(nodes)
        agencies = len({agency_of[n] for n in nodes})
        d = degree[v]
        if d > OVERWHELMING * threshold:
            reason = f"held by {d} persons, over {OVERWHELMING:g} x threshold {threshold}"
        elif corroborated < 0.5 and agencies >= 2:
            reason = (
                f"held by {d} persons (threshold {threshold}) from {agencies} agencies; "
                f"only {corroborated:.0%} share other evidence"
            )
        else:
            continue
        hubs[v] = Hub(v, d, len(nodes), agencies, corroborated, threshold, reason)
    return hubs
