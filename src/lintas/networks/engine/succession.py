"""Which earlier network each network of a relink continues, so that ids last across relinks.

A relink groups the cases into networks from scratch. A network keeps its id (and with it the
links in e-mails and bookmarks) while it keeps most of its cases. Each new network is matched to
the previous ones by the cases they share:

- a new network *holds* an old one when it has more than half of the old network's cases; at
  most one new network can hold a given old one;
- a new network keeps the id of the old network it holds; holding several (a merge), it keeps
  the oldest, the lowest id;
- so when a network splits, the part holding more than half of its cases keeps the id; when no
  part does, the id ends;
- an old network whose id is not kept has ended: **merged** into the new network that holds it
  (which kept an older id), **split** among the new networks that took some of its cases
  (largest share first), or **dissolved** when none of its cases is in a network any more.

Ids never come back: a new network that keeps no id gets a new one from the caller. Pure: ids
and sets of case ids in, decisions out, the same whatever the order of the inputs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum


class Fate(StrEnum):
    MERGED = "merged"
    SPLIT = "split"
    DISSOLVED = "dissolved"


@dataclass(frozen=True)
class Ended:
    """An old network whose id no new network keeps."""

    old: int
    fate: Fate
    successors: tuple[int, ...]  # indexes into the new networks, largest share of its cases first


@dataclass(frozen=True)
class Succession:
    kept: tuple[int | None, ...]  # per new network, by index: the old id it keeps, or None
    ended: tuple[Ended, ...]  # by old id

    def kept_ids(self) -> set[int]:
        return {old for old in self.kept if old is not None}


def succeed(old: Mapping[int, Collection[int]], new: Sequence[Collection[int]]) -> Succession:
    """Match new networks (sets of case ids, by index) to old ones (id -> set of case ids)."""
    old_sets = {oid: set(cases) for oid, cases in old.items()}
    new_sets = [set(cases) for cases in new]
    owners: dict[int, list[int]] = defaultdict(list)  # case id -> old ids holding it
    for oid, cases in old_sets.items():
        for case in cases:
            owners[case].append(oid)
    # shared[oid][j]: cases of old network oid in new network j
    shared: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for j, cases in enumerate(new_sets):
        for case in cases:
            for oid in owners.get(case, ()):
                shared[oid][j] += 1

    holder: dict[int, int] = {}  # old id -> the new network holding more than half of its cases
    for oid, counts in shared.items():
        for j, count in counts.items():
            if 2 * count > len(old_sets[oid]):
                holder[oid] = j
    held: dict[int, list[int]] = defaultdict(list)
    for oid, j in holder.items():
        held[j].append(oid)
    kept = tuple(min(held[j]) if held.get(j) else None for j in range(len(new_sets)))
    kept_ids = {oid for oid in kept if oid is not None}

    ended = []
    for oid in sorted(old_sets):
        if oid in kept_ids:
            continue
        if oid in holder:
            ended.append(Ended(oid, Fate.MERGED, (holder[oid],)))
        elif shared.get(oid):
            # largest share first; equal shares by their lowest case id, then by index
            parts = sorted((-n, min(new_sets[j]), j) for j, n in shared[oid].items())
            ended.append(Ended(oid, Fate.SPLIT, tuple(j for _n, _c, j in parts)))
        else:
            ended.append(Ended(oid, Fate.DISSOLVED, ()))
    return Succession(kept=kept, ended=tuple(ended))
