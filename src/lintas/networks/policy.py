"""Who may see networks and run a relink: the networks part of the policy.

It builds on the cases part (a network is seen through the cases one may read) and the parts
below it, and offers their rules too, so a module of the networks app, or of an app above it,
imports one ``policy``.
"""

from __future__ import annotations

from django.db.models import QuerySet

from lintas.cases.policy import *  # noqa: F403  (the rules below build on these and offer them too)
from lintas.cases.policy import CASE_EDITOR_ROLES, Viewer, roles_in, visible_cases
from lintas.members.models import Body, Role
from lintas.networks.models import Network, NetworkCase, NetworkSuccession

# Networks link the cases of a body through shared indicators and the same person. TLP:RED
# cases never enter linking (nobody but their named readers may learn that they exist).
#   analysts and the secretariat  see the list, every network page, and run a relink;
#   a unit's focal point or alternate  sees the networks touching cases they may read.
# On a network page a case the viewer may not read is "a case of unit X" with the unit's focal
# points to contact: never its reference, persons or indicators. Values of persons and
# indicators appear only to someone who may read the personal data of a person holding them.

NETWORK_ANALYST_ROLES = frozenset({Role.SECRETARIAT, Role.ANALYST})


def can_analyse_networks(user: Viewer, body: Body) -> bool:
    """See every network of the body and run a relink."""
    return bool(roles_in(user, body) & NETWORK_ANALYST_ROLES)


def can_view_networks(user: Viewer, body: Body) -> bool:
    """Open the networks list (a focal point sees only the networks touching its readable cases)."""
    return can_analyse_networks(user, body) or bool(roles_in(user, body) & CASE_EDITOR_ROLES)


def can_relink_networks(user: Viewer, body: Body) -> bool:
    return can_analyse_networks(user, body)


def visible_networks(user: Viewer, body: Body) -> QuerySet[Network]:
    """The networks of a body this person may see."""
    networks = Network.objects.filter(body=body)
    if can_analyse_networks(user, body):
        return networks
    if not can_view_networks(user, body):
        return networks.none()
    touching = NetworkCase.objects.filter(case__in=visible_cases(user, body).values("pk"))
    return networks.filter(pk__in=touching.values("network_id"))


def can_see_ended_network(user: Viewer, body: Body, succession: NetworkSuccession) -> bool:
    """Learn what became of a network a relink ended: the same people as for a live network,
    through the cases it held when it ended."""
    if can_analyse_networks(user, body):
        return True
    if not can_view_networks(user, body):
        return False
    return visible_cases(user, body).filter(pk__in=succession.cases).exists()
