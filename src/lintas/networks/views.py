"""Pages of networks: the ranked list, a network with its graph and evidence, relink runs.
Each view: access check, action, response."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lintas.core.errors import LintasError
from lintas.members.bodyctx import load_body
from lintas.members.http import AuthedRequest
from lintas.members.models import Body, Unit
from lintas.networks import policy, selectors, services
from lintas.networks.models import LinkRun, NetworkDisruption


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@login_required
def network_list(request: AuthedRequest, slug: str) -> HttpResponse:
    body = load_body(request, slug)
    policy.require(
        policy.can_view_networks(request.user, body),
        why=_(
            "Networks are drawn from the cases of every unit, so they are open to the "
            "secretariat, the analysts and the units that record cases. Your role shows you the "
            "body's figures (the dashboard and the reports), not its cases."
        ),
    )
    filters = selectors.NetworkFilters(
        unit=_int(request.GET.get("unit")), country=request.GET.get("country", "").strip()[:2]
    )
    analyst = policy.can_analyse_networks(request.user, body)
    return render(
        request,
        "networks/network_list.html",
        {
            "body": body,
            "rows": selectors.networks_for_list(request.user, body, filters),
            "filters": filters,
            "units": Unit.objects.filter(body=body).order_by("name"),
            "can_relink": policy.can_relink_networks(request.user, body),
            "run": selectors.latest_run(body) if analyst else None,
        },
    )


@login_required
def network_detail(request: AuthedRequest, slug: str, network_id: int) -> HttpResponse:
    body = load_body(request, slug)
    network = selectors.network_or_ended_for(request.user, body, network_id)
    if isinstance(network, selectors.EndedNetwork):
        return _ended(request, body, network)
    view = selectors.network_view(network, user=request.user, request=request)
    first, second = _int(request.GET.get("from")), _int(request.GET.get("to"))
    if first is None and len(view.cases) >= 2:
        first, second = view.cases[0].entry.pk, view.cases[1].entry.pk
    chain = view.chain(first, second) if first and second else []
    return render(
        request,
        "networks/network_detail.html",
        {
            "body": body,
            "network": network,
            "view": view,
            "graph": view.graph(),
            "chain": chain,
            "chain_from": first,
            "chain_to": second,
            "disruption": NetworkDisruption.objects.filter(network_id=network.pk).first(),
            "can_mark_disrupted": policy.can_analyse_networks(request.user, body),
        },
    )


def _ended(request: AuthedRequest, body: Body, ended: selectors.EndedNetwork) -> HttpResponse:
    """An id a relink ended: on to the network it merged into, or what became of it."""
    if ended.redirect_to is not None:
        return redirect("networks:detail", slug=body.slug, network_id=ended.redirect_to)
    return render(request, "networks/network_ended.html", {"body": body, "ended": ended})


@login_required
@require_POST
def relink(request: AuthedRequest, slug: str) -> HttpResponse:
    body = load_body(request, slug)
    policy.require(policy.can_relink_networks(request.user, body))
    run = services.request_relink(body=body, by=request.user)
    return redirect("networks:run", slug=body.slug, run_id=run.pk)


def _run(request: AuthedRequest, slug: str, run_id: int) -> tuple[Body, LinkRun]:
    body = load_body(request, slug)
    return body, selectors.run_for(request.user, body, run_id)


@login_required
def run_detail(request: AuthedRequest, slug: str, run_id: int) -> HttpResponse:
    body, run = _run(request, slug, run_id)
    return render(request, "networks/run.html", {"body": body, "run": run})


@login_required
def run_progress(request: AuthedRequest, slug: str, run_id: int) -> HttpResponse:
    body, run = _run(request, slug, run_id)
    return render(request, "networks/_progress.html", {"body": body, "run": run})


@login_required
@require_POST
def disrupt(request: AuthedRequest, slug: str, network_id: int) -> HttpResponse:
    """An analyst marks the network as disrupted, on a day, with a note."""
    body = load_body(request, slug)
    network = selectors.network_or_ended_for(request.user, body, network_id)
    if isinstance(network, selectors.EndedNetwork):
        raise Http404
    policy.require(policy.can_analyse_networks(request.user, body))
    try:
        day = dt.date.fromisoformat(request.POST.get("disrupted_on", ""))
    except ValueError:
        flash.error(request, _("Disrupted on: give a date."))
    else:
        try:
            services.mark_disrupted(
                network, disrupted_on=day, note=request.POST.get("note", ""), by=request.user
            )
            flash.success(request, _("The network is marked as disrupted."))
        except LintasError as exc:
            flash.error(request, exc.message)
    return redirect("networks:detail", slug=body.slug, network_id=network.pk)
