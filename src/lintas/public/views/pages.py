"""The public pages: no sign-in, no script, no form, the same for every visitor of a language,
so they are answered from the cache (``public.site.cached_page``).

- ``/public/`` the bodies that publish;
- ``/public/<slug>/`` a body's latest release (charts, tables, items) and its earlier releases;
- ``/public/<slug>/releases/<version>/`` one release, a stable address per version, with its
  ``.csv`` and ``.json``;
- ``/public/<slug>/releases.atom`` the feed of releases;
- ``/public/data-dictionary/`` and ``/public/privacy/``: the files' columns and the privacy
  method in plain words.

The language is the visitor's (browser or cookie) unless the address says ``?lang=vi``; the links
of a page keep it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import feedgenerator, translation
from django.utils.translation import gettext as _

from lintas.cases import statistics
from lintas.core.downloads import attachment
from lintas.formats.cells import csv_bytes
from lintas.members.models import Body
from lintas.public import site
from lintas.public.models import Release

LANGUAGES = dict(settings.LANGUAGES)


def _language(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Answer in the language of ``?lang=`` when it is one of the interface's."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        asked = request.GET.get("lang", "")
        if asked in LANGUAGES:
            with translation.override(asked):
                request.LANGUAGE_CODE = asked
                response = view(request, *args, **kwargs)
                response["Content-Language"] = asked
                return response
        return view(request, *args, **kwargs)

    return wrapped


def _context(request: HttpRequest, **values: Any) -> dict[str, Any]:
    asked = request.GET.get("lang", "")
    return {
        "lang_q": f"?lang={asked}" if asked in LANGUAGES else "",
        "languages": list(LANGUAGES.items()),
        "current_language": translation.get_language(),
        "page_path": request.path,
        "page_url": request.build_absolute_uri(request.path),
        **values,
    }


def _body(slug: str) -> Body:
    return get_object_or_404(Body, slug=slug)


def _release_links(request: HttpRequest, release: Release) -> dict[str, str]:
    args = [release.body.slug, release.version]
    return {
        "page": request.build_absolute_uri(reverse("public:release", args=args)),
        "csv": request.build_absolute_uri(reverse("public:release-csv", args=args)),
        "json": request.build_absolute_uri(reverse("public:release-json", args=args)),
        "dictionary": request.build_absolute_uri(reverse("public:dictionary")),
        "privacy": request.build_absolute_uri(reverse("public:privacy")),
    }


def _release_context(release: Release) -> dict[str, Any]:
    shown = release.status == Release.Status.PUBLISHED
    return {
        "release": release,
        "shown": shown,
        "tables": statistics.display_tables(site.tables(release)) if shown else [],
        "charts": site.charts(release) if shown else [],
        "item_groups": site.items_by_kind(release) if shown else [],
        "k": statistics.K,
    }


@_language
def index(request: HttpRequest) -> HttpResponse:
    bodies = [
        (body, site.latest(body))
        for body in Body.objects.filter(releases__status=Release.Status.PUBLISHED)
        .distinct()
        .order_by("name")
    ]
    return render(request, "public/site/index.html", _context(request, bodies=bodies))


@_language
def home(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body(slug)

    def make() -> HttpResponse:
        releases = list(site.published(body))
        newest = next((r for r in releases if r.status == Release.Status.PUBLISHED), None)
        context = _context(request, body=body, releases=releases, home=True)
        if newest is not None:
            context.update(_release_context(newest))
        return render(request, "public/site/release.html", context)

    return site.cached_page(request, body, request.get_full_path(), make)


@_language
def release_page(request: HttpRequest, slug: str, version: int) -> HttpResponse:
    body = _body(slug)
    release = get_object_or_404(site.published(body), version=version)

    def make() -> HttpResponse:
        context = _context(request, body=body, releases=list(site.published(body)), home=False)
        context.update(_release_context(release))
        return render(request, "public/site/release.html", context, status=200)

    response = site.cached_page(request, body, request.get_full_path(), make)
    return response


def _shown_release(slug: str, version: int) -> Release:
    body = _body(slug)
    release = get_object_or_404(site.published(body), version=version)
    if release.status != Release.Status.PUBLISHED:
        raise Http404(_("This release was withdrawn."))
    return release


def release_csv(request: HttpRequest, slug: str, version: int) -> HttpResponse:
    release = _shown_release(slug, version)
    return attachment(
        csv_bytes(site.csv_rows(release)),
        f"{release.body.slug}-release-{release.version}.csv",
        "text/csv; charset=utf-8",
        cache_control=f"public, max-age={site.CACHE_SECONDS}",
    )


def release_json(request: HttpRequest, slug: str, version: int) -> HttpResponse:
    release = _shown_release(slug, version)
    with translation.override(settings.LANGUAGE_CODE):
        data = site.as_json(release, links=_release_links(request, release))
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1), content_type="application/json"
    )
    response["Cache-Control"] = f"public, max-age={site.CACHE_SECONDS}"
    response["Access-Control-Allow-Origin"] = "*"
    return response


def feed(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body(slug)
    home_link = request.build_absolute_uri(reverse("public:home", args=[body.slug]))
    atom = feedgenerator.Atom1Feed(
        title=_("%(body)s: public releases") % {"body": body.name},
        link=home_link,
        description="",
        language=settings.LANGUAGE_CODE,
        feed_url=request.build_absolute_uri(request.path),
        feed_guid=home_link,
    )
    for release in site.published(body).filter(status=Release.Status.PUBLISHED):
        links = _release_links(request, release)
        atom.add_item(
            title=release.title,
            link=links["page"],
            description=release.summary or release.title,
            unique_id=links["page"],
            pubdate=release.published_at,
            updateddate=release.published_at,
            author_name=body.name,
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    atom.write(response, "utf-8")
    response["Cache-Control"] = f"public, max-age={site.CACHE_SECONDS // 5}"
    return response


@_language
def dictionary(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "public/site/dictionary.html",
        _context(request, columns=site.dictionary()),
    )


@_language
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "public/site/privacy.html", _context(request, k=statistics.K))


def old_statistics(request: HttpRequest, slug: str) -> HttpResponse:
    """The address of the public statistics before releases: the body's public page now, and
    its CSV the latest release's."""
    body = _body(slug)
    if request.GET.get("format") == "csv":
        newest = site.latest(body)
        if newest is None:
            raise Http404(_("This body has published no release yet."))
        return redirect("public:release-csv", slug=body.slug, version=newest.version)
    return redirect("public:home", slug=body.slug, permanent=True)
