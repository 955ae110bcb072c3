"""One network as this person may see it, built under ``policy.py`` and audited."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from lintas.audit.services import log_action
from lintas.cases.models import CasePerson
from lintas.members.models import User
from lintas.networks import policy
from lintas.networks.models import Network, NetworkCase, NetworkRecord
from lintas.networks.selectors.common import (
    case_countries,
    display_value,
    kind_name,
    unit_contacts,
)
from lintas.networks.selectors.graph import CaseNode, Edge, NetworkView, Node


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
