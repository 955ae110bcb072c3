"""Reads of networks for pages. Every read goes through ``policy.py``: a case the viewer may not
read is "a case of unit X" with whom to contact, and values of persons and indicators appear
only to someone who may read the personal data of a person holding them (each such read is
audited as ``cases.person.viewed``, as on the case page).

By topic: ``common`` (how kinds and values are written, a case's countries, a unit's contacts),
``lists`` (the networks a person may see, and those of a case), ``runs`` (relink runs),
``ended`` (what became of a network a relink ended), ``graph`` (what a viewer sees of one
network: nodes, edges, the evidence chain) and ``detail`` (building that view).
"""

from lintas.networks.selectors.common import (
    KIND_NAMES,
    case_countries,
    display_value,
    kind_name,
    unit_contacts,
)
from lintas.networks.selectors.detail import network_view
from lintas.networks.selectors.ended import (
    EndedNetwork,
    ended_network_for,
    network_or_ended_for,
)
from lintas.networks.selectors.graph import CaseNode, Edge, NetworkView, Node
from lintas.networks.selectors.lists import (
    NetworkFilters,
    NetworkRow,
    networks_for_list,
    networks_of_case,
)
from lintas.networks.selectors.runs import latest_run, run_for

__all__ = [
    "KIND_NAMES",
    "CaseNode",
    "Edge",
    "EndedNetwork",
    "NetworkFilters",
    "NetworkRow",
    "NetworkView",
    "Node",
    "case_countries",
    "display_value",
    "ended_network_for",
    "kind_name",
    "latest_run",
    "network_or_ended_for",
    "network_view",
    "networks_for_list",
    "networks_of_case",
    "run_for",
    "unit_contacts",
]
