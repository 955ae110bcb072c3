"""What a viewer sees of one network: its cases, the nodes and edges of the graph, and the
chain of evidence between two of its cases."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from lintas.members.models import Unit, User
from lintas.networks.models import Network, NetworkCase, NetworkIndicator, NetworkRecord
from lintas.networks.selectors.common import display_value, kind_name


@dataclass
class CaseNode:
    key: str
    entry: NetworkCase
    readable: bool
    label: str
    unit: Unit
    link: str = ""
    contacts: list[User] = field(default_factory=list)


@dataclass
class Node:
    key: str
    kind: str  # case, case-hidden, person, indicator, hub
    label: str
    details: list[str] = field(default_factory=list)
    link: str = ""
    caption: str = ""  # the label drawn in the graph: short, empty for withheld persons
    in_graph: bool = True  # persons who carry no evidence are listed in the table only


@dataclass
class Edge:
    source: str
    target: str
    label: str
    withheld: bool = False
    source_label: str = ""
    target_label: str = ""


@dataclass
class NetworkView:
    network: Network
    cases: list[CaseNode]
    nodes: list[Node]
    edges: list[Edge]
    hubs: int
    withheld_cases: int
    countries: list[str] = field(default_factory=list)  # of the cases the viewer reads
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None
    # record id -> (case key, visible values?) for evidence chains
    _records: dict[int, NetworkRecord] = field(default_factory=dict, repr=False)
    _visible: set[int] = field(default_factory=set, repr=False)
    _readable_entries: set[int] = field(default_factory=set, repr=False)
    _indicators: list[NetworkIndicator] = field(default_factory=list, repr=False)
    _matches: list[Any] = field(default_factory=list, repr=False)
    _case_names: dict[int, str] = field(default_factory=dict, repr=False)

    def graph(self) -> dict[str, list[dict[str, Any]]]:
        """Elements for cytoscape.js."""
        shown = {n.key for n in self.nodes if n.in_graph}
        nodes = [
            {"data": {"id": n.key, "label": n.label, "caption": n.caption, "kind": n.kind,
                      "details": n.details, "link": n.link}}
            for n in self.nodes if n.in_graph
        ]  # fmt: skip
        edges = [
            {"data": {"id": f"e{i}", "source": e.source, "target": e.target, "label": e.label,
                      "withheld": e.withheld}}
            for i, e in enumerate(self.edges) if e.source in shown and e.target in shown
        ]  # fmt: skip
        return {"nodes": nodes, "edges": edges}

    def chain(self, first: int, second: int) -> list[str]:
        """The shortest chain of evidence between two cases of the network (by entry id), one
        sentence per step between cases; steps the viewer may not read say only that a link
        exists."""
        entries = {c.entry.pk for c in self.cases}
        if first == second or first not in entries or second not in entries:
            return []
        neighbours: dict[int, list[tuple[int, str, Any]]] = defaultdict(list)
        by_entry: dict[int, list[int]] = defaultdict(list)
        for rid, rec in self._records.items():
            by_entry[rec.entry_id].append(rid)
        for rids in by_entry.values():
            for a in rids:
                for b in rids:
                    if a != b:
                        neighbours[a].append((b, "case", None))
        for m in self._matches:
            neighbours[m.a_id].append((m.b_id, "person", m))
            neighbours[m.b_id].append((m.a_id, "person", m))
        for ind in self._indicators:
            if ind.is_hub:
                continue
            holders = [h.pk for h in ind.holders.all()]
            for a in holders:
                for b in holders:
                    if a != b:
                        neighbours[a].append((b, "indicator", ind))
        starts = by_entry[first]
        back: dict[int, tuple[int, str, Any]] = {r: (r, "", None) for r in starts}
        queue = deque(starts)
        goal = None
        while queue:
            node = queue.popleft()
            if self._records[node].entry_id == second:
                goal = node
                break
            for other, how, what in neighbours[node]:
                if other not in back:
                    back[other] = (node, how, what)
                    queue.append(other)
        if goal is None:
            return []
        steps = []
        node = goal
        while back[node][1]:
            prev, how, what = back[node]
            if how != "case":
                steps.append(self._sentence(prev, node, how, what))
            node = prev
        return steps[::-1]

    def _sentence(self, a: int, b: int, how: str, what: Any) -> str:
        ea, eb = self._records[a].entry_id, self._records[b].entry_id
        names = {"a": self._case_names[ea], "b": self._case_names[eb]}
        if not (ea in self._readable_entries and eb in self._readable_entries):
            text = _("%(a)s and %(b)s are linked (details withheld).") % names
        elif how == "person":
            text = _("in %(a)s and %(b)s the same person: %(why)s.") % {**names, "why": what.detail}
        else:
            shown = a in self._visible or b in self._visible
            value = (
                display_value(what.value)
                if shown
                else _("a %(kind)s (withheld)") % {"kind": kind_name(what.kind)}
            )
            text = _("%(a)s and %(b)s share %(value)s.") % {**names, "value": value}
        return text[:1].upper() + text[1:]
