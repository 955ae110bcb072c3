"""Relink runs: the latest of a body, and one run for the page and the API that follow it."""

from __future__ import annotations

from typing import Any

from lintas.members.models import Body
from lintas.networks import policy
from lintas.networks.models import LinkRun


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
