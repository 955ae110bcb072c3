"""What every page's navigation needs to know about the body on screen."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from lintas.cases import selectors as case_selectors
from lintas.networks import policy


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Which of the body's sections the person may open (the body a view loaded through
    ``members.bodyctx.load_body``)."""
    body = getattr(request, "body_obj", None)
    if body is None:
        return {}
    return {
        "nav_can_manage": policy.can_manage_body(request.user, body),
        "nav_can_read_reports": policy.can_read_all_reports(request.user, body),
        "nav_can_view_networks": policy.can_view_networks(request.user, body),
        # None: the person answers referrals for no unit, and the inbox is left out of the menu.
        "nav_waiting_referrals": case_selectors.waiting_referral_count(request.user, body),
    }
