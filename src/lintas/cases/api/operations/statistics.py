"""The public statistics of a body: anonymised counts, no sign-in."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from lintas.cases import statistics
from lintas.cases.api import schemas
from lintas.cases.api.operations.common import (
    router,
)
from lintas.cases.api.schemas import (
    StatisticsOut,
)
from lintas.members.models import Body


@router.get("/public/{slug}/statistics", response=StatisticsOut, auth=None)
def public_statistics(request: HttpRequest, slug: str) -> StatisticsOut:
    """Anonymised counts of victims in TLP:CLEAR cases, as on the public page: no sign-in."""
    body = get_object_or_404(Body, slug=slug)
    tables = statistics.victim_statistics(body, audience=statistics.PUBLIC)
    return schemas.statistics_out(tables, audience=statistics.PUBLIC)
