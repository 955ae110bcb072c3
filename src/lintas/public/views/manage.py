"""The secretariat's release pages (list, prepare, detail with its actions) and the sign-off
page of the focal points of the units asked."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lintas.core.errors import LintasError
from lintas.members.bodyctx import load_body
from lintas.members.http import AuthedRequest
from lintas.public import policy, services
from lintas.public.models import Release


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


@login_required
def release_prepare(request: AuthedRequest, slug: str) -> HttpResponse:
    body = load_body(request, slug)
    policy.require(policy.can_prepare_releases(request.user, body))
    refused = ""
    values = {"title": "", "summary": ""}
    if request.method == "POST":
        values = {
            "title": request.POST.get("title", ""),
            "summary": request.POST.get("summary", ""),
        }
        try:
            release = services.prepare_release(
                body=body,
                by=request.user,
                title=values["title"],
                summary=values["summary"],
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
            {"body": body, "refused": refused, "values": values},
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
        "body": body,
        "release": release,
        "tables": release.payload.get("tables", []),
        "items": release.payload.get("items", []),
        "signoffs": release.signoffs.select_related("unit", "decided_by"),
        "log": release.log.select_related("actor"),
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
    context = {
        "body": body,
        "release": release,
        "tables": release.payload.get("tables", []),
        "items": release.payload.get("items", []),
        "mine": mine,
    }
    return _private(render(request, "public/releases_signoff.html", context))
