"""The secretariat's release pages (list, prepare, detail with its actions) and the sign-off
page of the focal points of the units asked."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lintas.cases import statistics
from lintas.core.errors import LintasError
from lintas.members.bodyctx import load_body
from lintas.members.http import AuthedRequest
from lintas.members.models import Unit
from lintas.public import policy, selectors, services, site
from lintas.public.models import Release, SignOffSettings

LOG_WORDS = {
    "prepared": gettext_lazy("prepared, checked against the earlier releases"),
    "widened": gettext_lazy("suppression widened"),
    "checked": gettext_lazy("checked again against the earlier releases"),
    "submitted": gettext_lazy("sent for sign-off"),
    "approved": gettext_lazy("approved"),
    "objected": gettext_lazy("objected"),
    "published": gettext_lazy("published"),
    "withdrawn": gettext_lazy("withdrawn"),
}


def _content(release: Release) -> dict[str, Any]:
    """The release as the public page will show it."""
    return {
        "tables": statistics.display_tables(site.tables(release)),
        "item_groups": site.items_by_kind(release),
    }


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def release_list(request: AuthedRequest, slug: str) -> HttpResponse:
    body = load_body(request, slug)
    policy.require(policy.can_prepare_releases(request.user, body))
    releases = Release.objects.filter(body=body).order_by("-version")
    return _private(
        render(request, "public/releases_list.html", {"body": body, "releases": releases})
    )


def _item_refs(values: list[str]) -> list[services.ItemRef]:
    refs = []
    for value in values:
        kind, _sep, number = value.partition(":")
        if not number.isdigit():
            raise LintasError(
                _("“%(value)s” is not an item of a release.") % {"value": value}, field="items"
            )
        refs.append(services.ItemRef(kind, int(number)))
    return refs


@login_required
def release_prepare(request: AuthedRequest, slug: str) -> HttpResponse:
    body = load_body(request, slug)
    policy.require(policy.can_prepare_releases(request.user, body))
    refused = ""
    tables = selectors.table_choices()
    values: dict[str, Any] = {
        "title": "",
        "summary": "",
        "tables": [dimension for dimension, _label in tables],
        "items": [],
    }
    if request.method == "POST":
        values = {
            "title": request.POST.get("title", ""),
            "summary": request.POST.get("summary", ""),
            "tables": request.POST.getlist("tables"),
            "items": request.POST.getlist("items"),
        }
        try:
            release = services.prepare_release(
                body=body,
                by=request.user,
                title=values["title"],
                summary=values["summary"],
                tables=values["tables"],
                items=_item_refs(values["items"]),
                widen=request.POST.get("widen") == "1",
            )
        except LintasError as exc:
            refused = exc.message
        else:
            flash.success(request, _("Release prepared."))
            return redirect("releases:detail", slug=body.slug, release_id=release.pk)
    return _private(
        render(
            request,
            "public/releases_prepare.html",
            {
                "body": body,
                "refused": refused,
                "values": values,
                "tables": tables,
                "candidates": selectors.candidates(body),
            },
        )
    )


@login_required
def signoff_settings(request: AuthedRequest, slug: str) -> HttpResponse:
    body = load_body(request, slug)
    policy.require(policy.can_prepare_releases(request.user, body))
    current = services.signoff_settings(body)
    units = list(Unit.objects.filter(body=body).order_by("name"))
    refused = ""
    chosen: dict[str, Any] = {
        "require": current.require,
        "units": [u.pk for u in current.listed_units.all()] if current.pk else [],
        "days": current.days_to_answer,
        "silence": current.silence_is_consent,
    }
    if request.method == "POST":
        picked = {str(v) for v in request.POST.getlist("units")}
        days = request.POST.get("days_to_answer", "").strip()
        chosen = {
            "require": request.POST.get("require", ""),
            "units": [u.pk for u in units if str(u.pk) in picked],
            "days": days,
            "silence": request.POST.get("silence_is_consent") == "on",
        }
        try:
            if not days.isdigit():
                raise LintasError(
                    _("Give the days to answer as a whole number, e.g. 14."),
                    field="days_to_answer",
                )
            services.save_signoff_settings(
                body=body,
                by=request.user,
                require=chosen["require"],
                units=[u for u in units if u.pk in chosen["units"]],
                days_to_answer=int(days),
                silence_is_consent=chosen["silence"],
            )
        except LintasError as exc:
            refused = exc.message
        else:
            flash.success(request, _("Saved."))
            return redirect("releases:settings", slug=body.slug)
    return _private(
        render(
            request,
            "public/releases_settings.html",
            {
                "body": body,
                "refused": refused,
                "chosen": chosen,
                "units": units,
                "requires": SignOffSettings.Require.choices,
            },
        )
    )


@login_required
def release_detail(request: AuthedRequest, slug: str, release_id: int) -> HttpResponse:
    body = load_body(request, slug)
    policy.require(policy.can_prepare_releases(request.user, body))
    release = get_object_or_404(Release, body=body, pk=release_id)
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "widen":
                services.widen_release(release=release, by=request.user)
            elif action == "submit":
                services.submit_release(release=release, by=request.user)
            elif action == "publish":
                services.publish_release(release=release, by=request.user)
            elif action == "withdraw":
                services.withdraw_release(
                    release=release, by=request.user, reason=request.POST.get("reason", "")
                )
            else:
                raise LintasError(_("Choose an action."), field="action")
        except LintasError as exc:
            flash.error(request, exc.message)
        else:
            flash.success(request, _("Saved."))
        return redirect(request.path)
    context = {
        **_content(release),
        "body": body,
        "release": release,
        "signoffs": release.signoffs.select_related("unit", "decided_by"),
        "log": [
            (entry, LOG_WORDS.get(entry.what, entry.what))
            for entry in release.log.select_related("actor")
        ],
    }
    return _private(render(request, "public/releases_detail.html", context))


@login_required
def release_signoff(request: AuthedRequest, slug: str, release_id: int) -> HttpResponse:
    body = load_body(request, slug)
    release = get_object_or_404(Release, body=body, pk=release_id)
    mine = [
        s
        for s in release.signoffs.select_related("unit")
        if s.unit is not None and policy.signs_for(request.user, s.unit)
    ]
    if not mine:
        if policy.can_prepare_releases(request.user, body):
            policy.require(False)
        raise Http404
    if request.method == "POST":
        chosen = next((s for s in mine if str(s.unit_id) == request.POST.get("unit")), mine[0])
        try:
            services.decide_signoff(
                release=release,
                unit=chosen.unit,  # type: ignore[arg-type]
                by=request.user,
                decision=request.POST.get("decision", ""),
                reason=request.POST.get("reason", ""),
            )
        except LintasError as exc:
            flash.error(request, exc.message)
        else:
            flash.success(request, _("Your answer is recorded."))
        return redirect(request.path)
    context = {**_content(release), "body": body, "release": release, "mine": mine}
    return _private(render(request, "public/releases_signoff.html", context))
