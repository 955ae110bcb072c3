"""Incremental linking: one new or edited record against an existing index.

:class:`LinkIndex` keeps what a batch :func:`.linker.link` computed - the blocking-key and
feature tables in DuckDB (keys sorted, so a lookup touches few row groups), indicator
holders, hubs and the union-find structures for persons and networks. ``upsert(row)``:

1. for an edited record, retires the old version and rebuilds only the network it was in,
   from the stored evidence;
2. normalises the record, looks up its blocking keys, scores the few candidates with the
   same rules as the batch (:mod:`.compare`), and joins persons and networks;
3. joins networks through shared non-hub indicators.

The :class:`Update` says which existing networks the record touches (joined or left),
with the evidence. Hubs are those of the last batch; an indicator whose degree passes the
hub threshold since then is reported in ``hub_candidates`` until the next batch run.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pyarrow as pa

from lintas.networks.engine.compare import score
from lintas.networks.engine.dsu import DisjointSets
from lintas.networks.engine.hubs import degree_threshold
from lintas.networks.engine.linker import LinkResult, link, prepare, weak_match
from lintas.networks.engine.persons import (
    DEFAULT_MAX_BLOCK,
    KEY_CAPS,
    PersonMatch,
    blocking_keys,
)


@dataclass(frozen=True, slots=True)
class Update:
    """What one upsert changed."""

    record_id: str
    person_id: str
    network_id: str
    touched: tuple[str, ...]
    evidence: tuple[str, ...]
    hub_candidates: tuple[str, ...]
    millis: float


class LinkIndex:
    """A linked set of records that accepts new and edited records one at a time."""

    def __init__(
        self,
        result: LinkResult,
        max_block: int = DEFAULT_MAX_BLOCK,
        default_region: str | None = None,
    ) -> None:
        if result.con is None:
            raise ValueError("link(..., keep_index=True) is needed to build an index")
        self.r = result
        self.con = result.con
        self.weights = result.weights
        self.max_block = max_block
        self.default_region = default_region
        self.persons = DisjointSets()
        self.persons.parent = list(result.person_of)
        self.networks = DisjointSets()
        self.networks.parent = list(result.network_of)
        self.alive = [True] * len(result.prepared)
        self.net_members = self._members(result.network_of)
        self.per_members = self._members(result.person_of)
        self.match_index: dict[int, list[int]] = {}
        for k, m in enumerate(result.matches):
            self.match_index.setdefault(m.a, []).append(k)
            self.match_index.setdefault(m.b, []).append(k)
        degrees = [len(v) for v in result.holders.values()]
        self.hub_threshold = degree_threshold(degrees)

    @classmethod
    def build(cls, rows: Iterable[Mapping[str, str]], **options: object) -> LinkIndex:
        """Batch-link ``rows`` and index the result."""
        region = options.get("default_region")
        result = link(rows, default_region=region if isinstance(region, str) else None,
                      keep_index=True)  # fmt: skip
        return cls(result, default_region=region if isinstance(region, str) else None)

    @staticmethod
    def _members(labels: list[int]) -> dict[int, list[int]]:
        groups: dict[int, list[int]] = {}
        for node, root in enumerate(labels):
            if root != node:
                groups.setdefault(root, [root]).append(node)
        return groups

    def _name(self, sets: DisjointSets, members: dict[int, list[int]], node: int) -> str:
        root = sets.find(node)
        nodes = members.get(root, [root])
        return min(self.r.prepared[n].record_id for n in nodes if self.alive[n])

    def network_id(self, record_id: str) -> str:
        return "N-" + self._name(self.networks, self.net_members, self.r.index[record_id])

    def person_id(self, record_id: str) -> str:
        return "P-" + self._name(self.persons, self.per_members, self.r.index[record_id])

    def _union(self, sets: DisjointSets, members: dict[int, list[int]], a: int, b: int) -> None:
        ra, rb = sets.find(a), sets.find(b)
        if ra == rb:
            return
        sets.union(ra, rb)
        root, other = (ra, rb) if ra < rb else (rb, ra)
        merged = members.pop(root, [root])
        merged.extend(members.pop(other, [other]))
        members[root] = merged

    def _retire(self, node: int) -> str:
        """Drop an old version of a record and rebuild the network it was in."""
        old = "N-" + self._name(self.networks, self.net_members, node)
        root = self.networks.find(node)
        nodes = [n for n in self.net_members.pop(root, [root]) if n != node]
        self.alive[node] = False
        for ind in self.r.prepared[node].indicators:
            holders = self.r.holders.get(ind.value)
            if holders and node in holders:
                holders.remove(node)
        for n in [*nodes, node]:
            self.networks.parent[n] = n
            self.persons.parent[n] = n
            self.per_members.pop(n, None)
        weak = []
        for n in nodes:
            for k in self.match_index.get(n, ()):
                m = self.r.matches[k]
                if self.alive[m.a] and self.alive[m.b]:
                    if weak_match(m):
                        weak.append(m)
                    else:
                        self._union(self.persons, self.per_members, m.a, m.b)
                        self._union(self.networks, self.net_members, m.a, m.b)
            for ind in self.r.prepared[n].indicators:
                if ind.value in self.r.hubs:
                    continue
                for other in self.r.holders.get(ind.value, ()):
                    if other != n and self.alive[other]:
                        self._union(self.networks, self.net_members, n, other)
        for m in weak:  # a lone record joins (:func:`.linker.join_weak`), two groups do not
            if len(self._members_of(m.a)) == 1 or len(self._members_of(m.b)) == 1:
                self._union(self.persons, self.per_members, m.a, m.b)
                self._union(self.networks, self.net_members, m.a, m.b)
        return old

    def _add_match(self, m: PersonMatch) -> None:
        self.match_index.setdefault(m.a, []).append(len(self.r.matches))
        self.match_index.setdefault(m.b, []).append(len(self.r.matches))
        self.r.matches.append(m)

    def _members_of(self, node: int) -> list[int]:
        root = self.networks.find(node)
        return self.net_members.get(root, [root])

    def upsert(self, row: Mapping[str, str]) -> Update:
        """Add a new record or replace an existing one; see the module docstring."""
        start = time.perf_counter()
        rid = row["record_id"]
        touched: set[str] = set()
        if rid in self.r.index and self.alive[self.r.index[rid]]:
            touched.add(self._retire(self.r.index[rid]))
        p = prepare(row, self.default_region)
        node = len(self.r.prepared)
        self.r.prepared.append(p)
        self.r.index[rid] = node
        self.alive.append(True)
        self.persons.add()
        self.networks.add()
        keys = blocking_keys(p.person)
        candidates: set[int] = set()
        if keys:
            marks = ",".join("?" * len(keys))  # only "?" placeholders
            sql = f"SELECT key, list(i) FROM person_keys WHERE key IN ({marks}) GROUP BY key"  # noqa: S608
            found = self.con.execute(sql, keys).fetchall()
            for key, nodes in found:
                cap = max(2, int(self.max_block * KEY_CAPS.get(key[0], 1.0)))
                if len(nodes) + 1 <= cap:
                    candidates.update(n for n in nodes if self.alive[n])
        if keys:
            new_keys = pa.Table.from_pydict({"key": keys, "i": [node] * len(keys)})
            self.con.register("_new_keys", new_keys)
            self.con.execute("INSERT INTO person_keys SELECT * FROM _new_keys")
            self.con.unregister("_new_keys")
        evidence: list[str] = []
        weak: list[PersonMatch] = []
        for cand in sorted(candidates):
            m = score(cand, node, self.r.prepared[cand].person, p.person, self.weights)
            if m.score < self.weights.threshold or not m.corroborated():
                continue
            if weak_match(m):
                weak.append(m)  # decided below, once the record's other evidence is known
                continue
            self.match_index.setdefault(m.a, []).append(len(self.r.matches))
            self.match_index.setdefault(m.b, []).append(len(self.r.matches))
            self.r.matches.append(m)
            touched.add("N-" + self._name(self.networks, self.net_members, m.a))
            evidence.append(f"{self.r.prepared[m.a].record_id} and {rid} are the same "
                            f"person: {m.describe()}")  # fmt: skip
            self._union(self.persons, self.per_members, m.a, node)
            self._union(self.networks, self.net_members, m.a, node)
        hub_candidates: list[str] = []
        for ind in p.indicators:
            holders = self.r.holders.setdefault(ind.value, [])
            if node in holders:
                continue
            holders.append(node)
            if ind.value in self.r.hubs:
                continue
            others = [n for n in holders if n != node and self.alive[n]]
            if len(holders) >= self.hub_threshold:
                hub_candidates.append(ind.value)
            if others:
                touched.add("N-" + self._name(self.networks, self.net_members, others[0]))
                evidence.append(f"{self.r.prepared[others[0]].record_id} and {rid} share "
                                f"{ind.value}")  # fmt: skip
                self._union(self.networks, self.net_members, others[0], node)
        # name and date of birth alone join a record standing alone to one network, no more
        reach = {self.networks.find(m.a) for m in weak}
        if len(self._members_of(node)) == 1 and len(reach) == 1:
            for m in weak:
                self._add_match(m)
                touched.add("N-" + self._name(self.networks, self.net_members, m.a))
                evidence.append(f"{self.r.prepared[m.a].record_id} and {rid} are the same "
                                f"person: {m.describe()}")  # fmt: skip
                self._union(self.persons, self.per_members, m.a, node)
                self._union(self.networks, self.net_members, m.a, node)
        return Update(
            rid,
            self.person_id(rid),
            self.network_id(rid),
            tuple(sorted(touched)),
            tuple(evidence),
            tuple(sorted(set(hub_candidates))),
            (time.perf_counter() - start) * 1000,
        )

    def rows(self) -> list[tuple[str, str, str]]:
        """``(record_id, person_id, network_id)`` for every current record, sorted."""
        out = []
        for rid, node in sorted(self.r.index.items()):
            if self.alive[node]:
                out.append((rid, self.person_id(rid), self.network_id(rid)))
        return out
