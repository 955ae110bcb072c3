"""Networks a relink ended: what became of each, as the viewer may learn it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from lintas.members.models import Body
from lintas.networks import policy
from lintas.networks.models import Network, NetworkSuccession


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
