"""Which cases of a body hold the indicators written in a text, without showing any case: the
door other apps use to check what they receive against the networks (hit / no-hit).

The indicators are extracted as the engine extracts a case's (``engine.extract_record``),
compared through their blind index, and hubs and hotlines are left out, so a shared helpline or
an agency's switchboard never "matches"."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from lintas.cases.models import TLP, Case
from lintas.members.models import Body
from lintas.networks.engine.indicators import extract_record
from lintas.networks.engine.linker import link_value
from lintas.networks.models import NetworkIndicator
from lintas.networks.services import blind_index

# The fields the engine reads: structured values one per line or comma, and free text.
FIELDS = ("phones", "emails", "handles", "accounts", "id_numbers", "notes")


@dataclass(frozen=True)
class Hit:
    """Cases of one unit that hold at least one of the indicators, and the kinds that matched
    (``phone``, ``handle``…: never the values)."""

    unit_id: int
    case_ids: frozenset[int]
    kinds: frozenset[str]


def indicator_values(fields: Mapping[str, str], regions: tuple[str, ...]) -> dict[str, str]:
    """The canonical values found in the fields, with their kind; hotlines left out."""
    found = extract_record("lookup", fields, regions[0] if regions else None, regions)
    return {i.value: i.kind for i in map(link_value, found) if not i.hotline}


def cases_holding(body: Body, fields: Mapping[str, str], regions: tuple[str, ...]) -> list[Hit]:
    """Per owner unit, the body's linked cases (never TLP:RED ones, which never enter linking)
    holding an indicator of ``fields``. Three queries whatever the number of values."""
    values = indicator_values(fields, regions)
    if not values:
        return []
    kind_of = {blind_index(v): k for v, k in values.items()}
    rows = (
        NetworkIndicator.objects.filter(network__body=body, blind__in=list(kind_of), is_hub=False)
        .values_list("blind", "holders__record__case_id")
        .distinct()
    )
    by_case: dict[int, set[str]] = {}
    for blind, case_id in rows:
        if case_id is not None:
            by_case.setdefault(case_id, set()).add(kind_of[blind])
    owners = Case.objects.filter(pk__in=list(by_case), body=body).exclude(tlp=TLP.RED)
    hits: dict[int, tuple[set[int], set[str]]] = {}
    for case_id, unit_id in owners.values_list("pk", "owner_unit_id"):
        cases, kinds = hits.setdefault(unit_id, (set(), set()))
        cases.add(case_id)
        kinds |= by_case[case_id]
    return [
        Hit(unit_id, frozenset(cases), frozenset(kinds))
        for unit_id, (cases, kinds) in sorted(hits.items())
    ]
