"""Public releases through /api/v1/: a body's releases, preparing one (with the cross-release
check and the one-click widening), sending it for sign-off, approving or objecting, publishing and
withdrawing. The same policy and services as the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from lintas.cases.api.schemas import StatisticsOut, statistics_out
from lintas.cases.statistics import PUBLIC
from lintas.core.errors import LintasError
from lintas.members.bodyctx import load_body
from lintas.members.http import AuthedRequest
from lintas.members.models import Body, Unit
from lintas.public import policy, services, site
from lintas.public.models import Release, ReleaseSignOff

router = Router(tags=["public"])


class ReleaseErrorOut(Schema):
    detail: str
    field: str | None = None


def answers(ok: dict[int, object], *errors: int) -> dict[int, object]:
    return {**ok, **{code: ReleaseErrorOut for code in errors}}


READ = (401, 403, 404)
WRITE = (400, 401, 403, 404, 422)


class ReleaseOut(Schema):
    id: int
    version: int
    title: str
    summary: str
    status: str
    prepared_at: dt.datetime
    published_at: dt.datetime | None


class SignOffOut(Schema):
    unit: int | None = Field(None, alias="unit_id")
    decision: str
    reason: str
    decided_at: dt.datetime | None
    deadline: dt.datetime


class LogOut(Schema):
    at: dt.datetime
    actor: int | None = Field(None, alias="actor_id")
    what: str
    detail: dict[str, Any]


class ReleaseDetailOut(ReleaseOut):
    payload: dict[str, Any]
    signoffs: list[SignOffOut]
    log: list[LogOut]


class ItemIn(Schema):
    kind: str
    id: int


class ReleaseIn(Schema):
    title: str = Field(max_length=200)
    summary: str = ""
    tables: list[str] | None = None
    items: list[ItemIn] = []
    widen: bool = False


class WithdrawIn(Schema):
    reason: str = ""


class SignOffIn(Schema):
    unit: int
    decision: str
    reason: str = ""


def _releases(request: AuthedRequest, slug: str) -> QuerySet[Release]:
    body = load_body(request, slug)
    policy.require(policy.can_prepare_releases(request.user, body))
    return Release.objects.filter(body=body)


def _release(request: AuthedRequest, slug: str, release_id: int) -> Release:
    release = _releases(request, slug).filter(pk=release_id).first()
    if release is None:
        raise Http404
    return release


def _detail(release: Release) -> ReleaseDetailOut:
    return ReleaseDetailOut.model_validate(
        {
            **ReleaseOut.model_validate(release).model_dump(),
            "payload": release.payload,
            "signoffs": [SignOffOut.model_validate(s) for s in release.signoffs.all()],
            "log": [LogOut.model_validate(e) for e in release.log.all()],
        }
    )


@router.get("/bodies/{slug}/releases", response=answers({200: list[ReleaseOut]}, *READ))
def list_releases(request: AuthedRequest, slug: str) -> list[Release]:
    """The body's releases, newest first (the secretariat and administrators)."""
    return list(_releases(request, slug).order_by("-version"))


@router.post("/bodies/{slug}/releases", response=answers({201: ReleaseDetailOut}, *WRITE))
def prepare_release(
    request: AuthedRequest, slug: str, payload: ReleaseIn
) -> tuple[int, ReleaseDetailOut]:
    """Prepare a release of the body's public tables (all, or those named) and CLEAR items;
    refused naming the cells that would leak unless ``widen`` is set."""
    body = load_body(request, slug)
    release = services.prepare_release(
        body=body,
        by=request.user,
        title=payload.title,
        summary=payload.summary,
        tables=payload.tables,
        items=[services.ItemRef(i.kind, i.id) for i in payload.items],
        widen=payload.widen,
    )
    return 201, _detail(release)


@router.get(
    "/bodies/{slug}/releases/{release_id}", response=answers({200: ReleaseDetailOut}, *READ)
)
def release_detail(request: AuthedRequest, slug: str, release_id: int) -> ReleaseDetailOut:
    """A release with its content, its sign-off and its log."""
    return _detail(_release(request, slug, release_id))


@router.post(
    "/bodies/{slug}/releases/{release_id}/widen",
    response=answers({200: ReleaseDetailOut}, *WRITE),
)
def widen_release(request: AuthedRequest, slug: str, release_id: int) -> ReleaseDetailOut:
    """Withhold more cells of a draft until nothing leaks."""
    release = _release(request, slug, release_id)
    return _detail(services.widen_release(release=release, by=request.user))


@router.post(
    "/bodies/{slug}/releases/{release_id}/submit",
    response=answers({200: ReleaseDetailOut}, *WRITE),
)
def submit_release(request: AuthedRequest, slug: str, release_id: int) -> ReleaseDetailOut:
    """Send a draft for sign-off."""
    release = _release(request, slug, release_id)
    return _detail(services.submit_release(release=release, by=request.user))


@router.post(
    "/bodies/{slug}/releases/{release_id}/publish",
    response=answers({200: ReleaseDetailOut}, *WRITE),
)
def publish_release(request: AuthedRequest, slug: str, release_id: int) -> ReleaseDetailOut:
    """Publish a release that may go out."""
    release = _release(request, slug, release_id)
    return _detail(services.publish_release(release=release, by=request.user))


@router.post(
    "/bodies/{slug}/releases/{release_id}/withdraw",
    response=answers({200: ReleaseDetailOut}, *WRITE),
)
def withdraw_release(
    request: AuthedRequest, slug: str, release_id: int, payload: WithdrawIn
) -> ReleaseDetailOut:
    """Withdraw a release, with a reason."""
    release = _release(request, slug, release_id)
    return _detail(
        services.withdraw_release(release=release, by=request.user, reason=payload.reason)
    )


@router.post(
    "/bodies/{slug}/releases/{release_id}/sign-off",
    response=answers({200: SignOffOut}, *WRITE),
)
def sign_off(
    request: AuthedRequest, slug: str, release_id: int, payload: SignOffIn
) -> ReleaseSignOff:
    """Approve a release for a unit asked, or object with a reason (its focal points)."""
    body = load_body(request, slug)
    release = Release.objects.filter(body=body, pk=release_id).first()
    if release is None:
        raise Http404
    asked = [s.unit for s in release.signoffs.select_related("unit") if s.unit is not None]
    signs = [u for u in asked if policy.signs_for(request.user, u)]
    manages = policy.can_prepare_releases(request.user, body)
    if not signs and not manages:
        raise Http404
    unit = Unit.objects.filter(body=body, pk=payload.unit).first()
    if unit is None:
        raise LintasError(_("There is no such unit in this body."), field="unit")
    policy.require(policy.signs_for(request.user, unit))
    return services.decide_signoff(
        release=release,
        unit=unit,
        by=request.user,
        decision=payload.decision,
        reason=payload.reason,
    )


@router.get(
    "/public/{slug}/statistics",
    response={200: StatisticsOut, 404: ReleaseErrorOut},
    auth=None,
)
def public_statistics(request: HttpRequest, slug: str) -> StatisticsOut:
    """The figures of the body's latest published release, as on its public page: no sign-in.
    404 when the body has published none."""
    body = get_object_or_404(Body, slug=slug)
    newest = site.latest(body)
    if newest is None:
        raise Http404(_("This body has published no release yet."))
    return statistics_out(site.tables(newest), audience=PUBLIC)
