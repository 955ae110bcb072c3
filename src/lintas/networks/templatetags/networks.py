"""``{% case_networks case %}`` for the case page, and the names of a link run's stages."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

from lintas.networks import policy, selectors

register = template.Library()

STAGES = {
    "reading": _("reading the case records"),
    "linking": _("linking persons and indicators"),
    "saving": _("saving the networks"),
    "notifying": _("telling the units of new matches"),
}


@register.filter
def stage_label(stage: str) -> str:
    return str(STAGES.get(stage, stage))


@register.inclusion_tag("networks/_case_networks.html", takes_context=True)
def case_networks(context: dict[str, Any], case: Any) -> dict[str, Any]:
    """The networks a case is in, for whoever may see networks; nothing for the others."""
    request = context.get("request")
    user = getattr(request, "user", None)
    shown = user is not None and policy.can_view_networks(user, case.body)
    networks = selectors.networks_of_case(user, case) if shown else []
    return {"case": case, "body": case.body, "networks": networks, "shown": shown}
