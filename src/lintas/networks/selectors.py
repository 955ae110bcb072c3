"""Reads of networks for pages. Every read goes through ``policy.py``: a case the viewer may not
read is "a case of unit X" with whom to contact, and values of persons and indicators appear
only to someone who may read the personal data of a person holding them (each such read is
audited as ``cases.person.viewed``, as on the case page)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Any

import phonenumbers
from django.db.models import Prefetch
from django.http import HttpRequest
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lintas.audit.services import log_action
from lintas.cases.models import Case, CasePerson
from lintas.members.models import Body, Unit, User
from lintas.networks import policy
from lintas.networks.models import (
    LinkRun,
    Network,
    NetworkCase,
    NetworkIndicator,
    NetworkRecord,
    NetworkSuccession,
)
from lintas.networks.services import unit_contacts

KIND_NAMES = {
    "phone": gettext_lazy("phone number"),
    "email": gettext_lazy("e-mail address"),
    "handle": gettext_lazy("social media handle"),
    "url": gettext_lazy("web address"),
    "account": gettext_lazy("bank account"),
    "document": gettext_lazy("identity document"),
}


def kind_name(kind: str) -> str:
    return str(KIND_NAMES.get(kind, kind))


def display_value(value: str) -> str:
    """An indicator's canonical value as people write it: ``+84912345678`` → ``+84 91 234 56
    78``, ``telegram:jobs`` → ``jobs (telegram)``, ``acct:0071…`` → ``0071…``."""
    if value.startswith("+"):
        try:
            number = phonenumbers.parse(value, None)
        except phonenumbers.NumberParseException:
            return value
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    head, _sep, tail = value.partition(":")
    if head in {"mail", "acct", "doc", "tel", "url"}:
        return tail
    return f"{tail} ({head})" if tail else value


# --- list -----------------------------------------------------------------------------------


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


def case_countries(case: Any) -> set[str]:
    """The countries of a case's identification and route."""
    codes = [case.location_country, *case.origin_countries, *case.transit_countries]
    return {c for c in [*codes, *case.destination_countries] if c}


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


def latest_run(body: Body) -> LinkRun | None:
    return LinkRun.objects.filter(body=body).select_related("requested_by").first()


def run_for(user: Any, body: Body, run_id: int) -> LinkRun:
    """A relink of the body, for analysts and the secretariat (403 for other members, 404 for
    a run that is not the body's)."""
    policy.require(policy.can_analyse_networks(user, body))
    run = LinkRun.objects.filter(body=body, pk=run_id).select_related("requested_by").first()
    policy.hide(run is not None)
    assert run is not None  # noqa: S101 (hide() raised otherwise)
    return run


@dataclass
class EndedNetwork:
    """What became of a network a relink ended, as this viewer may learn it."""

    succession: NetworkSuccession
    redirect_to: int | None  # the live network it merged into (through later merges), if seen
    successors: list[int]  # the networks that took its cases that the viewer may see

    @property
    def old_id(self) -> int:
        return self.succession.old_id

    def sentence(self) -> str:
        date = formats.date_format(timezone.localtime(self.succession.ended_at), "DATE_FORMAT")
        fate = self.succession.fate
        if fate == NetworkSuccession.Fate.MERGED:
            text = _("This network was merged into another by a relink on %(date)s.")
        elif fate == NetworkSuccession.Fate.SPLIT:
            text = _(
                "This network was split by a relink on %(date)s: no part of it kept most of "
                "its cases."
            )
        else:
            text = _(
                "This network was dissolved by a relink on %(date)s: none of its cases is linked "
                "to another case any more."
            )
        return text % {"date": date}


def network_or_ended_for(user: Any, body: Body, network_id: int) -> Network | EndedNetwork:
    """The network; or, for an id a relink ended, what became of it; or 404 for anyone who may
    not see it (the same 404 as for an id that never was)."""
    network = policy.visible_networks(user, body).filter(pk=network_id).first()
    if network is not None:
        network.body = body
        return network
    return ended_network_for(user, body, network_id)


def ended_network_for(user: Any, body: Body, network_id: int) -> EndedNetwork:
    """What became of a network a relink ended, for those who could see it (404 otherwise)."""
    succession = NetworkSuccession.objects.filter(body=body, old_id=network_id).first()
    policy.hide(succession is not None and policy.can_see_ended_network(user, body, succession))
    assert succession is not None  # noqa: S101 (hide() raised otherwise)
    visible = policy.visible_networks(user, body)
    # follow the merges to the network that lasts
    step: NetworkSuccession | None = succession
    seen = {network_id}
    target = None
    while step is not None and step.fate == NetworkSuccession.Fate.MERGED:
        following = step.successors[0]
        if Network.objects.filter(body=body, pk=following).exists():
            target = following
            break
        if following in seen:
            break
        seen.add(following)
        step = NetworkSuccession.objects.filter(body=body, old_id=following).first()
    redirect_to = target if target and visible.filter(pk=target).exists() else None
    live = set(visible.filter(pk__in=succession.successors).values_list("pk", flat=True))
    ended = [
        s.old_id
        for s in NetworkSuccession.objects.filter(body=body, old_id__in=succession.successors)
        if policy.can_see_ended_network(user, body, s)
    ]
    shown = live | set(ended)
    return EndedNetwork(
        succession, redirect_to, [pk for pk in succession.successors if pk in shown]
    )


def networks_of_case(user: Any, case: Case) -> list[Network]:
    """The networks a case is in, for its page (nothing for who may not see networks)."""
    if not policy.can_view_networks(user, case.body):
        return []
    return list(Network.objects.filter(body=case.body, network_cases__case=case).order_by("-score"))


# --- detail ---------------------------------------------------------------------------------


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


def _person_label(person: CasePerson, visible: bool) -> str:
    role = person.get_role_display()
    if visible and person.full_name:
        return f"{person.full_name} ({role})"
    return _("%(role)s (withheld)") % {"role": role}


def network_view(network: Network, *, user: Any, request: HttpRequest | None = None) -> NetworkView:
    """What this person may see of a network: nodes and edges for the graph and its table. The
    view is audited (``networks.network.viewed``), and so is each person whose data it shows."""
    body = network.body
    log_action("networks.network.viewed", actor=user, body=body, target=network, request=request)
    entries = list(
        network.network_cases.select_related("case__owner_unit").defer("case__narrative")
    )
    readable_ids = set(
        policy.visible_cases(user, body)
        .filter(pk__in=[e.case_id for e in entries])
        .values_list("pk", flat=True)
    )
    contacts: dict[int, list[User]] = {}
    cases: list[CaseNode] = []

    # cases the viewer reads first, by reference; then the others by unit
    def order(e: NetworkCase) -> tuple[bool, str, int]:
        readable = e.case_id in readable_ids
        return (not readable, e.case.reference if readable else e.case.owner_unit.name, e.pk)

    entries.sort(key=order)
    for e in entries:
        unit = e.case.owner_unit
        if e.case_id in readable_ids:
            label = _("Case %(ref)s") % {"ref": e.case.reference}
            link = reverse("cases:detail", args=[body.slug, e.case_id])
            cases.append(CaseNode(f"c{e.pk}", e, True, label, unit, link))
        else:
            if unit.pk not in contacts:
                contacts[unit.pk] = unit_contacts(unit)
            label = _("A case of %(unit)s") % {"unit": unit.name}
            cases.append(CaseNode(f"c{e.pk}", e, False, label, unit, contacts=contacts[unit.pk]))
    # Same unit, several hidden cases: number them so the graph and chains tell them apart.
    hidden_by_unit: dict[int, list[CaseNode]] = defaultdict(list)
    for c in cases:
        if not c.readable:
            hidden_by_unit[c.unit.pk].append(c)
    number_of: dict[int, int] = {}
    for group in hidden_by_unit.values():
        if len(group) > 1:
            for i, c in enumerate(group, start=1):
                c.label = _("A case of %(unit)s (%(n)d)") % {"unit": c.unit.name, "n": i}
                number_of[c.entry.pk] = i
    # names inside sentences: "case R12", "a case of Agency A (2)"
    names: dict[int, str] = {}
    for c in cases:
        if c.readable:
            names[c.entry.pk] = _("case %(ref)s") % {"ref": c.entry.case.reference}
        elif c.entry.pk in number_of:
            names[c.entry.pk] = _("a case of %(unit)s (%(n)d)") % {
                "unit": c.unit.name,
                "n": number_of[c.entry.pk],
            }
        else:
            names[c.entry.pk] = _("a case of %(unit)s") % {"unit": c.unit.name}
    readable_entries = {c.entry.pk for c in cases if c.readable}
    case_of = {c.entry.pk: c for c in cases}

    records = {
        r.pk: r for r in NetworkRecord.objects.filter(network=network).select_related("record")
    }
    visible: set[int] = set()
    for r in records.values():
        if r.entry_id in readable_entries:
            r.record.case = case_of[r.entry_id].entry.case
            if policy.can_see_person(user, r.record):
                visible.add(r.pk)
                log_action(
                    "cases.person.viewed", actor=user, body=body, target=r.record, request=request
                )
    indicators = list(
        network.indicators.prefetch_related(
            Prefetch("holders", queryset=NetworkRecord.objects.only("pk", "entry_id", "person"))
        )
    )
    matches = list(network.matches.all())

    nodes: list[Node] = []
    edges: list[Edge] = []
    for c in cases:
        if c.readable:
            details = [c.unit.name, c.entry.case.get_tlp_display()]
            caption = c.entry.case.reference
            nodes.append(Node(c.key, "case", c.label, details, c.link, caption=caption))
        else:
            who = ", ".join(f"{u.full_name} <{u.email}>" for u in c.contacts) or _(
                "the secretariat of the body"
            )
            details = [_("Not shared with you. To learn more, contact %(who)s.") % {"who": who}]
            caption = c.unit.short_name or c.unit.name
            if c.entry.pk in number_of:
                caption = f"{caption} ({number_of[c.entry.pk]})"
            nodes.append(Node(c.key, "case-hidden", c.label, details, caption=caption))
    # persons: shown when one of their records is in a case the viewer reads
    persons: dict[int, list[NetworkRecord]] = defaultdict(list)
    for r in records.values():
        if r.entry_id in readable_entries:
            persons[r.person].append(r)
    # a person carries evidence when they hold a linking indicator, or are found in two cases
    evidence = {h.person for ind in indicators for h in ind.holders.all()}
    evidence |= {records[m.a_id].person for m in matches}
    person_key: dict[int, str] = {}
    for number, recs in sorted(persons.items()):
        shown = [r for r in recs if r.pk in visible]
        label = _person_label((shown or recs)[0].record, bool(shown))
        key = f"p{number}"
        person_key[number] = key
        in_cases = sorted({str(case_of[r.entry_id].label) for r in recs})
        caption = shown[0].record.full_name if shown else ""
        nodes.append(
            Node(key, "person", label, in_cases, caption=caption, in_graph=number in evidence)
        )
        for entry_id in sorted({r.entry_id for r in recs}):
            edges.append(Edge(case_of[entry_id].key, key, _("in the case")))
    # indicators: shown when held by a shown person; the value only to who reads a holder
    hidden_links: set[tuple[str, str]] = set()
    for ind in indicators:
        holders = list(ind.holders.all())
        seen = [h for h in holders if h.entry_id in readable_entries]
        if seen:
            key = f"i{ind.pk}"
            if any(h.pk in visible for h in seen):
                label = display_value(ind.value)
            else:
                label = _("%(kind)s (withheld)") % {"kind": kind_name(ind.kind)}
            details = [kind_name(ind.kind)]
            if ind.is_hub:
                details.append(_("Hub: shared by many unrelated records, never joins cases."))
            caption = label if any(h.pk in visible for h in seen) else ""
            kind = "hub" if ind.is_hub else "indicator"
            nodes.append(Node(key, kind, label, details, caption=caption))
            for number in sorted({h.person for h in seen}):
                edges.append(Edge(person_key[number], key, kind_name(ind.kind)))
        if not ind.is_hub:
            _hidden_links(hidden_links, {h.entry_id for h in holders}, readable_entries, case_of)
    for m in matches:
        ra, rb = records[m.a_id], records[m.b_id]
        _hidden_links(hidden_links, {ra.entry_id, rb.entry_id}, readable_entries, case_of)
    for a, b in sorted(hidden_links):
        edges.append(Edge(a, b, _("linked (details withheld)"), withheld=True))
    labels = {n.key: n.label for n in nodes}
    for edge in edges:
        edge.source_label, edge.target_label = labels[edge.source], labels[edge.target]
    readable_cases = [c.entry.case for c in cases if c.readable]
    dates = sorted(c.opened_on for c in readable_cases)
    return NetworkView(
        network=network,
        cases=cases,
        nodes=nodes,
        edges=edges,
        hubs=sum(1 for n in nodes if n.kind == "hub"),
        withheld_cases=sum(1 for c in cases if not c.readable),
        countries=sorted(set().union(*(case_countries(c) for c in readable_cases))),
        first_seen=dates[0] if dates else None,
        last_seen=dates[-1] if dates else None,
        _records=records,
        _visible=visible,
        _readable_entries=readable_entries,
        _indicators=indicators,
        _matches=matches,
        _case_names=names,
    )


def _hidden_links(
    out: set[tuple[str, str]],
    entry_ids: set[int],
    readable: set[int],
    case_of: dict[int, CaseNode],
) -> None:
    """A link touching a case the viewer may not read is drawn case to case, without what
    links them: each such case to one case of the link (one the viewer reads, if any)."""
    hidden = sorted(e for e in entry_ids if e not in readable)
    if not hidden:
        return
    anchor = min((e for e in entry_ids if e in readable), default=hidden[0])
    for h in hidden:
        if h != anchor:
            pair = sorted((case_of[h].key, case_of[anchor].key))
            out.add((pair[0], pair[1]))
