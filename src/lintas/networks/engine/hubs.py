"""Hub indicators: shared by many unrelated records without meaning anything.

A shelter's desk phone, a public hotline or an embassy e-mail turns up in many case files
of people who have nothing to do with each other. Joining them would produce one giant,
meaningless network. Hubs are found from the data, not from a hand list:

1. The **degree** of an indicator is the number of distinct *persons* holding it (a person
   mentioned in ten records counts once). An indicator held by fewer than ``min_degree``
   persons is never a hub.
2. Its holders fall into **groups** tied by other evidence (same person, same case, another
   shared indicator that is not itself a candidate). Real networks share several things, so
   the holders of a network's thread fall into few groups; people who only share a hotline
   share nothing else and fall into nearly as many groups as there are holders.
3. An indicator is a hub when its holders fall into more groups than half their number, they come
   from at least two agencies, and fewer than half of them are recorded as perpetrators
   (recruiter, suspect, broker...): a recruiter's phone recorded in the files of twenty
   recruits of one network is the network's thread, not a desk phone.
4. An indicator held by more than ``OVERWHELMING`` x ``threshold`` persons (``threshold`` is
   ``max(min_degree, FACTOR x median)`` over the degrees of indicators held by two or
   more) is a hub whatever its agencies and perpetrators, unless most of its holders are
   already one group: a large network's recruiter number, quoted in a hundred victims'
   narratives whose cases the network's other threads tie together, stays its thread.

The rule does not move when one record is added: a record changes one degree by one, so
an indicator far from both bounds keeps its status. Hubs stay visible in the output (with
degree, agencies and the reason) but never join records into networks.
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
    perpetrator: Sequence[bool] | None = None,
) -> dict[str, Hub]:
    """Hubs among indicator ``holders`` (value -> record nodes), by the rule above.

    ``person_edges`` are other evidence joining records (same person, same case);
    ``perpetrator`` says which records are of a recruiter, suspect or the like."""
    degree = {v: len({person_of[n] for n in nodes}) for v, nodes in holders.items()}
    threshold = degree_threshold(list(degree.values()), min_degree)
    candidates = sorted(v for v, d in degree.items() if d >= min_degree)
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
        # share of holders that other evidence already ties to another holder: 0 when every
        # holder stands apart, near 1 when they are one group
        corroborated = 1 - len(comps) / len(nodes)
        agencies = len({agency_of[n] for n in nodes})
        d = degree[v]
        perpetrators = sum(1 for n in nodes if perpetrator[n]) / len(nodes) if perpetrator else 0.0
        if corroborated >= 0.5:
            continue  # most holders are already one group: the thread of a network
        if d > OVERWHELMING * threshold:
            reason = f"held by {d} persons, over {OVERWHELMING:g} x threshold {threshold}"
        elif agencies >= 2 and perpetrators < 0.5:
            reason = (
                f"held by {d} persons (threshold {min_degree}) in {len(comps)} unrelated groups "
                f"from {agencies} agencies"
            )
        else:
            continue
        hubs[v] = Hub(v, d, len(nodes), agencies, corroborated, threshold, reason)
    return hubs
