"""An analyst marks a network as disrupted."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lintas.audit.services import log_action
from lintas.core.errors import LintasError
from lintas.networks import policy
from lintas.networks.models import Network, NetworkDisruption


@transaction.atomic
def mark_disrupted(
    network: Network, *, disrupted_on: dt.date, by: policy.Actor, note: str = ""
) -> NetworkDisruption:
    body = network.body
    if by is not policy.SYSTEM:
        policy.require(policy.can_analyse_networks(by, body))
    if disrupted_on is None:
        raise LintasError(_("Give the day the network was disrupted."), field="disrupted_on")
    if disrupted_on > timezone.localdate(timezone.now(), body.tzinfo):
        raise LintasError(_("The day cannot be in the future."), field="disrupted_on")
    mark, created = NetworkDisruption.objects.update_or_create(
        network_id=network.pk,
        defaults={
            "body": body,
            "disrupted_on": disrupted_on,
            "note": (note or "").strip()[:2000],
            "marked_by": policy.acting_user(by),
        },
    )
    log_action(
        "networks.network.disrupted",
        actor=by,
        body=body,
        target=network,
        data={"on": disrupted_on.isoformat(), "new": created},
    )
    return mark
