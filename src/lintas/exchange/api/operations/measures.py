"""The acknowledgement measures: units by months, as the matrix page shows them."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.params import P, QueryEx

from lintas.core.errors import LintasError
from lintas.exchange import policy, selectors
from lintas.exchange.api import schemas
from lintas.exchange.api.operations.common import answers, router
from lintas.exchange.api.schemas import AckMeasuresOut
from lintas.exchange.models import Kind
from lintas.members.bodyctx import load_body
from lintas.members.http import AuthedRequest


@router.get(
    "/bodies/{slug}/exchange/measures",
    response=answers({200: AckMeasuresOut}, 400, 401, 403, 404, 422),
)
def exchange_measures(
    request: AuthedRequest,
    slug: str,
    year: QueryEx[int | None, P(description="this year when absent", ge=2000, le=2100)] = None,
    kind: QueryEx[str, P(description="alert or request; both when empty")] = "",
) -> AckMeasuresOut:
    """How fast each unit acknowledged the alerts and requests it received, and answered the
    requests, month by month of a year up to this month (the secretariat, leaders, analysts
    and administrators). Counts only; TLP:RED messages are not counted. A month's median is in
    hours, null when nothing was acknowledged."""
    body = load_body(request, slug)
    policy.require(policy.can_see_exchange_matrix(request.user, body))
    if kind not in {"", Kind.ALERT, Kind.REQUEST}:
        raise LintasError(_("Choose from the list."), field="kind")
    today = timezone.localdate()
    year = year or today.year
    result = selectors.acknowledgement_matrix(
        body,
        first=dt.date(year, 1, 1),
        last=today.replace(day=1) if year == today.year else dt.date(year, 12, 1),
        kind=kind,
    )
    return schemas.measures_out(result, year=year, kind=kind)
