"""Writes for networks: asking for a relink, running it on the worker, hit/no-hit notices.

A run reads every person of every case of the body, except TLP:RED cases and persons labelled
TLP:RED, decrypts them in memory, hands them to the engine in its interchange format and
replaces the body's networks with what it found, each keeping the id of the earlier network
whose cases it mostly holds (``engine.succession``). Then it tells the owner units of cases that
newly share a network, when one of them may not read the other's case, that a match exists
and whom to contact — nothing of the other case.

By topic: ``records`` (what a run reads, and the blind index), ``runs`` (asking for, queuing
and running a relink), ``saving`` (the run's networks in place of the older ones, with their
succession) and ``notices`` (hit / no-hit).
"""

from lintas.networks.services.disruption import mark_disrupted
from lintas.networks.services.notices import hidden_pairs, notify_matches
from lintas.networks.services.records import blind_index, linkable_persons, person_row
from lintas.networks.services.runs import (
    STAGES,
    relink_now,
    relink_soon,
    request_relink,
    run_link,
)
from lintas.networks.services.saving import save_networks

__all__ = [
    "STAGES",
    "blind_index",
    "hidden_pairs",
    "linkable_persons",
    "mark_disrupted",
    "notify_matches",
    "person_row",
    "relink_now",
    "relink_soon",
    "request_relink",
    "run_link",
    "save_networks",
]
