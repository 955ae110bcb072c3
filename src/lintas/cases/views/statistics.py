"""The statistics pages and their CSV."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from lintas.cases import statistics
from lintas.core.downloads import PRIVATE, attachment
from lintas.formats.cells import csv_bytes
from lintas.members.bodyctx import load_body
from lintas.members.http import AuthedRequest
from lintas.members.models import Body

# --- statistics -----------------------------------------------------------------------------
# Anonymised counts (cases/statistics.py): the body page counts TLP:CLEAR and TLP:GREEN cases for
# every member of the body. The public reads the figures of a body's releases (the public app).


def _statistics_response(
    request: HttpRequest, body: Body, *, audience: str, csv_url: str
) -> HttpResponse:
    tables = statistics.victim_statistics(body, audience=audience)
    if request.GET.get("format") == "csv":
        return attachment(
            csv_bytes(
                [["dimension", "year", "category", "count"], *statistics.export_rows(tables)]
            ),
            f"{body.slug}-{audience}-statistics.csv",
            "text/csv; charset=utf-8",
            # the public figures are the same for everyone; the members' are not
            cache_control="public, max-age=300" if audience == statistics.PUBLIC else PRIVATE,
        )
    return render(
        request,
        "cases/statistics.html",
        {
            "body": body,
            "public": audience == statistics.PUBLIC,
            "tables": statistics.display_tables(tables),
            "k": statistics.K,
            "csv_url": csv_url,
        },
    )


@login_required
def case_statistics(request: AuthedRequest, slug: str) -> HttpResponse:
    body = load_body(request, slug)
    url = reverse("cases:statistics", kwargs={"slug": body.slug}) + "?format=csv"
    return _statistics_response(request, body, audience=statistics.BODY, csv_url=url)
