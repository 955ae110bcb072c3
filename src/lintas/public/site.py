"""What the public pages read: a body's published releases, a release's tables as the page, the
CSV and the JSON show them, its data dictionary, and the cache that answers repeat visits.

Everything here reads ``Release.payload`` (the published figures only) and never the case
records: a figure the public sees is one a release froze.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.cache import cache
from django.db.models import Max, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.html import strip_tags
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lintas.cases import statistics
from lintas.members.models import Body
from lintas.plans.values import show_value
from lintas.public.models import Release, ReleaseLogEntry

# A page is kept this long in the cache and by browsers; a publication or a withdrawal changes
# the stamp of the body's pages (``stamp``), so a new release is seen on the next visit anyway.
CACHE_SECONDS = 300
SHOWN = (Release.Status.PUBLISHED, Release.Status.WITHDRAWN)
ITEM_KINDS_SHOWN = ("indicator", "good_practice", "event", "bulletin")


def published(body: Body) -> QuerySet[Release]:
    """The body's releases that went out, newest first; withdrawn ones stay listed as such."""
    return Release.objects.filter(body=body, status__in=SHOWN, published_at__isnull=False).order_by(
        "-version"
    )


def latest(body: Body) -> Release | None:
    return published(body).filter(status=Release.Status.PUBLISHED).first()


def stamp(body: Body) -> str:
    """Changes whenever a release of the body is published, withdrawn or otherwise logged."""
    last = ReleaseLogEntry.objects.filter(release__body=body).aggregate(m=Max("id"))["m"]
    return f"{body.pk}.{last or 0}"


def cached_page(
    request: HttpRequest, body: Body, key: str, render: Callable[[], HttpResponse]
) -> HttpResponse:
    """The page from the cache when the body's releases have not changed since it was made
    (keyed by language too), else made now and kept. Answers ``If-None-Match`` with 304."""
    tag = hashlib.sha256(f"{stamp(body)}|{get_language()}|{key}".encode()).hexdigest()[:32]
    etag = f'"{tag}"'
    if request.headers.get("If-None-Match") == etag:
        response: HttpResponse = HttpResponseNotModified()
    else:
        found = cache.get(f"lintas.public.{tag}")
        if found is None:
            response = render()
            if response.status_code == 200:
                if hasattr(response, "render") and callable(response.render):
                    response.render()
                cache.set(
                    f"lintas.public.{tag}",
                    (response.content, response["Content-Type"], dict(response.items())),
                    CACHE_SECONDS,
                )
        else:
            content, content_type, headers = found
            response = HttpResponse(content, content_type=content_type)
            for name, value in headers.items():
                response[name] = value
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS // 5}"
    response["Vary"] = "Accept-Language, Cookie"
    return response


# --- tables -------------------------------------------------------------------------------------


def tables(release: Release) -> list[statistics.Table]:
    """A release's frozen tables as ``Table`` objects whose true counts are unknown: a withheld
    cell holds 0 and is marked withheld, so ``published()`` gives back the frozen figures."""
    out = []
    for frozen in release.payload.get("tables", []):
        hidden: set[tuple[int, int]] = set()
        cells: list[list[int]] = []
        for r, line in enumerate(frozen["cells"]):
            row = []
            for c, value in enumerate(line):
                if value is None:
                    hidden.add((r, c))
                row.append(0 if value is None else int(value))
            cells.append(row)
        out.append(
            statistics.Table(
                frozen["dimension"], list(frozen["rows"]), list(frozen["columns"]), cells, hidden
            )
        )
    return out


def _bars(pairs: list[tuple[str, int | None]]) -> dict[str, Any]:
    top = max((v for _label, v in pairs if v is not None), default=0) or 1
    return {
        "bars": [
            {
                "label": label,
                "value": value,
                "width": 0 if value is None else round(100 * value / top, 1),
                "y": 8 + 30 * i,
            }
            for i, (label, value) in enumerate(pairs)
        ],
        "height": 16 + 30 * len(pairs),
    }


def charts(release: Release) -> list[dict[str, Any]]:
    """Bars drawn as SVG by the page, no script: victims per year, then each table's categories
    over all its years (the totals row, where the fewest figures are withheld). Widths are in
    per cent of the largest bar; a withheld figure is an "x"."""
    found = tables(release)
    if not found:
        return []
    out = []
    first = found[0]
    years = [r for r in first.rows if r != statistics.TOTAL]
    span = ""
    if years:
        span = years[0] if years[0] == years[-1] else f"{years[0]}\u2013{years[-1]}"  # en dash
    published = first.published()
    out.append(
        {
            "dimension": "year",
            "title": _("Victims identified per year"),
            "span": span,
            **_bars([(year, published[r][-1]) for r, year in enumerate(years)]),
        }
    )
    for table in found:
        totals = table.published()[-1]
        out.append(
            {
                "dimension": table.dimension,
                "title": statistics.dimension_label(table.dimension),
                "span": span,
                **_bars(
                    [
                        (statistics.category_label(table.dimension, column), totals[c])
                        for c, column in enumerate(table.columns)
                        if column != statistics.TOTAL
                    ]
                ),
            }
        )
    return out


def items_by_kind(release: Release) -> list[tuple[str, list[dict[str, Any]]]]:
    titles = {
        "indicator": _("Results of the joint action phase"),
        "good_practice": _("Good practices"),
        "event": _("Outcomes of events"),
        "bulletin": _("Bulletins"),
    }
    items = [_shown_item(item) for item in release.payload.get("items", [])]
    return [
        (titles[kind], [item for item in items if item["kind"] == kind])
        for kind in ITEM_KINDS_SHOWN
        if any(item["kind"] == kind for item in items)
    ]


def _shown_item(item: dict[str, Any]) -> dict[str, Any]:
    """An item as the page writes it: an indicator's figures in the reader's language."""
    shown = dict(item)
    for key in ("date", "until"):
        if isinstance(item.get(key), str):
            try:
                shown[key] = dt.date.fromisoformat(item[key])
            except ValueError:
                shown[key] = None
    if item.get("kind") in ("bulletin", "good_practice", "event"):
        # A bulletin's text is cleaned HTML: shown as plain paragraphs, nothing of its markup.
        parts = re.split(r"</p>|<br\s*/?>|\n\s*\n", str(item.get("text") or ""))
        shown["paragraphs"] = [p for p in (strip_tags(part).strip() for part in parts) if p]
    if item.get("kind") != "indicator":
        return shown
    names = item.get("names") or {}
    if names:
        name = names.get(get_language() or "") or names.get("en") or next(iter(names.values()))
        shown["title"] = f"{item['title'].split(' ', 1)[0]} {name}"
    for key in ("baseline", "target", "actual"):
        value = item.get(key)
        if value is None:
            continue
        try:
            shown[key] = show_value(item.get("measure", ""), Decimal(value))
        except InvalidOperation:
            shown[key] = value
    return shown


# --- machine-readable ---------------------------------------------------------------------------

CSV_HEADER = ["release", "version", "published", "table", "year", "category", "count", "withheld"]


def csv_rows(release: Release) -> list[list[str]]:
    """One row per published cell; a withheld count is empty with ``withheld`` = 1."""
    day = release.published_at.date().isoformat() if release.published_at else ""
    rows = [CSV_HEADER]
    for dimension, year, category, count in statistics.export_rows(tables(release)):
        withheld = count == statistics.SUPPRESSED
        rows.append(
            [
                release.body.slug,
                str(release.version),
                day,
                dimension,
                year,
                category,
                "" if withheld else count,
                "1" if withheld else "0",
            ]
        )
    return rows


def dictionary() -> list[dict[str, str]]:
    """The data dictionary of the CSV and JSON files, in the active language."""
    return [
        {
            "name": "release",
            "type": "text",
            "text": _("The short name of the body that publishes."),
        },
        {"name": "version", "type": "integer", "text": _("The release's number: 1, 2, 3 …")},
        {"name": "published", "type": "date", "text": _("The day the release went out.")},
        {
            "name": "table",
            "type": "text",
            "text": _(
                "What the victims are counted by: nationality, exploitation (type of "
                "exploitation), sex or age_band (age when identified)."
            ),
        },
        {
            "name": "year",
            "type": "text",
            "text": _("The year the case was opened, or “total” for all years."),
        },
        {
            "name": "category",
            "type": "text",
            "text": _(
                "A country code (ISO 3166-1), a type of exploitation, a sex (F, M, X, unknown), "
                "an age band, or “total”."
            ),
        },
        {
            "name": "count",
            "type": "integer",
            "text": _("The number of victims; empty when the figure is withheld."),
        },
        {
            "name": "withheld",
            "type": "0 or 1",
            "text": _(
                "1 when the count is withheld: below %(k)s, or withheld so that another withheld "
                "figure cannot be worked out from the totals of this or an earlier release."
            )
            % {"k": statistics.K},
        },
    ]


def as_json(release: Release, *, links: dict[str, str]) -> dict[str, Any]:
    return {
        "body": {"slug": release.body.slug, "name": release.body.name},
        "version": release.version,
        "title": release.title,
        "summary": release.summary,
        "status": release.status,
        "published": release.published_at.isoformat() if release.published_at else None,
        "period": release.payload.get("period", {}),
        "k": statistics.K,
        "tables": [
            {
                "table": t["dimension"],
                "title": statistics.dimension_label(t["dimension"]),
                "rows": ["total" if r == statistics.TOTAL else r for r in t["rows"]],
                "columns": ["total" if c == statistics.TOTAL else c for c in t["columns"]],
                "counts": t["cells"],
            }
            for t in release.payload.get("tables", [])
        ],
        "items": release.payload.get("items", []),
        "dictionary": dictionary(),
        "links": links,
    }


def releases_of(bodies: Sequence[Body]) -> dict[int, Release | None]:
    return {body.pk: latest(body) for body in bodies}
