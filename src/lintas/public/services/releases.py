"""Writes of public releases: prepare (with the cross-release check), widen, submit for sign-off,
approve or object, publish, withdraw. Each call is atomic, asks the policy, is audited, writes
the release's log, and raises ``LintasError`` naming what is wrong when the request is refused.

The true counts are read from ``cases.statistics`` while a release is prepared and never stored:
the payload keeps the published figures only (``null`` where withheld).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lintas.audit.services import log_action
from lintas.cases.statistics import PUBLIC, Table, victim_statistics
from lintas.core.errors import LintasError
from lintas.core.tlp import TLP
from lintas.events.models import ActionItem, Event
from lintas.exchange.models import Kind as MessageKind
from lintas.exchange.models import Message
from lintas.members.models import Body, Membership, Role, Unit, User
from lintas.members.selectors import acting_people_of
from lintas.notices.services import notify
from lintas.plans.models import GoodPractice, Indicator
from lintas.policy import Actor, acting_user
from lintas.public import disclosure, policy
from lintas.public.models import Release, ReleaseLogEntry, ReleaseSignOff, SignOffSettings

SCHEMA = 1
ITEM_KINDS = ("indicator", "good_practice", "event", "bulletin")


@dataclass(frozen=True)
class ItemRef:
    """An item chosen for a release: its kind and its id."""

    kind: str
    id: int


def release_link(release: Release) -> str:
    return f"/b/{release.body.slug}/releases/{release.pk}/"


def name_of(release: Release) -> str:
    return _("Release %(version)s") % {"version": release.version}


def log(release: Release, by: Actor | None, what: str, **detail: Any) -> ReleaseLogEntry:
    return ReleaseLogEntry.objects.create(
        release=release,
        at=timezone.now(),
        actor=None if by is None else acting_user(by),
        what=what,
        detail=detail,
    )


def signoff_settings(body: Body) -> SignOffSettings:
    found = SignOffSettings.objects.filter(body=body).first()
    return found if found is not None else SignOffSettings(body=body)


# --- tables -------------------------------------------------------------------------------------


def tables_of(payload: dict[str, Any], *, truth: Sequence[Table] = ()) -> list[Table]:
    """A frozen release's tables for the differencing check. A withheld cell's true value is
    unknown: it is taken as the value ``truth`` (the release now prepared) gives that cell, or,
    when ``truth`` has none, as a value no count has; so the check assumes, as a careful reader
    does, that a figure withheld in an earlier release is the one carried now."""
    now: dict[tuple[str, str, str], int] = {}
    for table in truth:
        for r, row in enumerate(table.rows):
            for c, column in enumerate(table.columns):
                now[(table.dimension, row, column)] = table.cells[r][c]
    out = []
    for frozen in payload.get("tables", []):
        cells: list[list[int]] = []
        hidden: set[tuple[int, int]] = set()
        for r, line in enumerate(frozen["cells"]):
            row_cells = []
            for c, value in enumerate(line):
                if value is None:
                    hidden.add((r, c))
                    key = (frozen["dimension"], frozen["rows"][r], frozen["columns"][c])
                    value = now.get(key, -1)
                row_cells.append(value)
            cells.append(row_cells)
        out.append(
            Table(frozen["dimension"], list(frozen["rows"]), list(frozen["columns"]), cells, hidden)
        )
    return out


def frozen_tables(tables: Sequence[Table]) -> list[dict[str, Any]]:
    return [
        {
            "key": table.dimension,
            "dimension": table.dimension,
            "rows": list(table.rows),
            "columns": list(table.columns),
            "cells": table.published(),
        }
        for table in tables
    ]


def _period(tables: Sequence[Table]) -> dict[str, str]:
    years = sorted({row for table in tables for row in table.rows if row.isdigit()})
    if not years:
        return {}
    return {"from": f"{years[0]}-01-01", "to": f"{years[-1]}-12-31"}


def _source_tables(body: Body, dimensions: Sequence[str] | None) -> list[Table]:
    tables = victim_statistics(body, audience=PUBLIC)
    if dimensions is None:
        return tables
    known = {table.dimension for table in tables}
    unknown = [d for d in dimensions if d not in known]
    if unknown:
        raise LintasError(
            _("There is no table by %(names)s.") % {"names": ", ".join(unknown)}, field="tables"
        )
    return [table for table in tables if table.dimension in dimensions]


def _earlier(body: Body, *, excluding: Release | None = None) -> list[Release]:
    # A release withdrawn after it went out counts too: its readers may have kept it.
    found = Release.objects.filter(body=body, published_at__isnull=False)
    if excluding is not None:
        found = found.exclude(pk=excluding.pk)
    return list(found.order_by("published_at", "version"))


def _checked(
    body: Body, tables: list[Table], *, version: int, widen: bool, excluding: Release | None = None
) -> tuple[list[Table], list[int]]:
    """The tables, widened if asked, once no withheld cell of this or an earlier published
    release follows from the published figures of all of them; refused naming the cells
    otherwise. Also the versions checked against."""
    earlier = _earlier(body, excluding=excluding)
    if not tables:
        return tables, [r.version for r in earlier]
    before = [tables_of(r.payload, truth=tables) for r in earlier]
    if widen:
        tables = disclosure.widen(tables, before)
    names = [name_of(r) for r in earlier] + [_("Release %(version)s") % {"version": version}]
    disclosure.check_release(tables, before, names=names)
    return tables, [r.version for r in earlier]


# --- items --------------------------------------------------------------------------------------


def _items(refs: Sequence[ItemRef]) -> list[dict[str, Any]]:
    """The items frozen as the payload holds them; refused naming those not labelled CLEAR or
    not found."""
    out: list[dict[str, Any]] = []
    missing: list[str] = []
    not_clear: list[str] = []
    for ref in refs:
        if ref.kind == "good_practice":
            practice = GoodPractice.objects.select_related("body").filter(pk=ref.id).first()
            if practice is None:
                missing.append(f"{ref.kind} {ref.id}")
                continue
            if practice.tlp != TLP.CLEAR:
                not_clear.append(practice.title)
                continue
            out.append(
                {
                    "kind": ref.kind,
                    "id": practice.pk,
                    "title": practice.title,
                    "date": practice.created_at.date().isoformat(),
                    "source_body": practice.body.slug,
                    "source_body_name": practice.body.name,
                    "text": practice.what,
                }
            )
        elif ref.kind == "bulletin":
            message = (
                Message.objects.select_related("body")
                .filter(pk=ref.id, kind=MessageKind.BULLETIN, cancelled_at__isnull=True)
                .first()
            )
            if message is None:
                missing.append(f"{ref.kind} {ref.id}")
                continue
            if message.tlp != TLP.CLEAR:
                not_clear.append(message.subject)
                continue
            out.append(
                {
                    "kind": ref.kind,
                    "id": message.pk,
                    "title": message.subject,
                    "date": message.sent_at.date().isoformat(),
                    "source_body": message.body.slug,
                    "source_body_name": message.body.name,
                    "text": message.text,
                }
            )
        elif ref.kind == "indicator":
            indicator = (
                Indicator.objects.select_related("phase__body")
                .prefetch_related("targets", "actuals", "baselines")
                .filter(pk=ref.id)
                .first()
            )
            if indicator is None:
                missing.append(f"{ref.kind} {ref.id}")
                continue
            if indicator.tlp != TLP.CLEAR:
                not_clear.append(f"{indicator.code} {indicator.display_name}")
                continue
            out.append(_indicator_item(indicator))
        elif ref.kind == "event":
            event = Event.objects.select_related("body").filter(pk=ref.id).first()
            if event is None:
                missing.append(f"{ref.kind} {ref.id}")
                continue
            if event.tlp != TLP.CLEAR:
                not_clear.append(event.title)
                continue
            decisions = event.action_items.filter(kind=ActionItem.Kind.DECISION)
            out.append(
                {
                    "kind": ref.kind,
                    "id": event.pk,
                    "title": event.title,
                    "date": event.starts_on.isoformat(),
                    "until": event.ends_on.isoformat(),
                    "venue": event.venue,
                    "source_body": event.body.slug,
                    "source_body_name": event.body.name,
                    "text": event.description,
                    "decisions": [d.text for d in decisions],
                }
            )
        else:
            missing.append(f"{ref.kind} {ref.id}")
    if missing:
        raise LintasError(
            _("These items cannot be found: %(items)s.") % {"items": ", ".join(missing)},
            field="items",
        )
    if not_clear:
        raise LintasError(
            _("Only items labelled TLP:CLEAR may be published; these are not: %(items)s.")
            % {"items": "; ".join(not_clear)},
            field="items",
        )
    return out


def _number(value: Any) -> str | None:
    return None if value is None else str(value)


def _indicator_item(indicator: Indicator) -> dict[str, Any]:
    """A CLEAR indicator as a release freezes it: its latest target and actual (the latest
    period with one), its first baseline, raw numbers with the measure to write them."""
    targets = sorted(indicator.targets.all(), key=lambda t: t.period_start)
    actuals = sorted(indicator.actuals.all(), key=lambda a: (a.period_start, a.definition_id))
    baselines = sorted(indicator.baselines.all(), key=lambda b: b.on)
    target = targets[-1] if targets else None
    actual = actuals[-1] if actuals else None
    baseline = next((b for b in baselines if not b.disaggregation), None)
    return {
        "kind": "indicator",
        "id": indicator.pk,
        "title": f"{indicator.code} {indicator.display_name}",
        "date": timezone.localdate().isoformat(),
        "source_body": indicator.phase.body.slug,
        "source_body_name": indicator.phase.body.name,
        "phase": indicator.phase.name,
        "measure": indicator.measure,
        "names": indicator.name,
        "baseline": None if baseline is None else _number(baseline.value) or baseline.text,
        "target": None if target is None else _number(target.value) or target.text,
        "target_period": "" if target is None else target.period_key,
        "actual": None if actual is None else _number(actual.value) or actual.text,
        "actual_period": "" if actual is None else actual.period_key,
        "text": "",
    }


# --- prepare ------------------------------------------------------------------------------------


@transaction.atomic
def prepare_release(
    *,
    body: Body,
    by: Actor,
    title: str,
    summary: str = "",
    tables: Sequence[str] | None = None,
    items: Sequence[ItemRef] = (),
    widen: bool = False,
) -> Release:
    """A new draft release of the body's public tables (those named in ``tables``, all when
    ``None``) and CLEAR items, checked against every published release; ``widen`` withholds
    more cells until the check passes (the one-click answer to a refusal)."""
    if by is not policy.SYSTEM:
        policy.require(policy.can_prepare_releases(by, body))
    title = title.strip()
    if not title:
        raise LintasError(_("A release needs a title."), field="title")
    if len(title) > 200:
        raise LintasError(_("The title is longer than 200 characters."), field="title")
    chosen = _source_tables(body, tables) if (tables is None or tables) else []
    frozen_items = _items(items)
    if not chosen and not frozen_items:
        raise LintasError(_("A release must hold at least one table or item."), field="tables")
    Body.objects.select_for_update().filter(pk=body.pk).first()
    version = (Release.objects.filter(body=body).aggregate(v=Max("version"))["v"] or 0) + 1
    checked, against = _checked(body, chosen, version=version, widen=widen)
    now = timezone.now()
    release = Release.objects.create(
        body=body,
        version=version,
        title=title,
        summary=summary.strip(),
        payload={
            "schema": SCHEMA,
            "period": _period(checked),
            "tables": frozen_tables(checked),
            "items": frozen_items,
        },
        prepared_by=acting_user(by),
        prepared_at=now,
    )
    log(release, by, "prepared", checked_against=against, widened=widen)
    log_action(
        "public.release.prepared",
        actor=acting_user(by),
        body=body,
        target=release,
        data={"version": version, "checked_against": against, "widened": widen},
    )
    return release


def _dimensions(release: Release) -> list[str]:
    return [table["dimension"] for table in release.payload.get("tables", [])]


def _refreeze(release: Release, by: Actor, *, widen: bool, what: str) -> Release:
    chosen = _source_tables(release.body, _dimensions(release))
    checked, against = _checked(
        release.body, chosen, version=release.version, widen=widen, excluding=release
    )
    release.payload = {
        **release.payload,
        "period": _period(checked),
        "tables": frozen_tables(checked),
    }
    release.save(update_fields=["payload"])
    log(release, by, what, checked_against=against)
    return release


@transaction.atomic
def widen_release(*, release: Release, by: Actor) -> Release:
    """Withhold more cells of a draft until no withheld cell of any release leaks, and freeze
    its tables again."""
    release = _locked(release)
    if by is not policy.SYSTEM:
        policy.require(policy.can_prepare_releases(by, release.body))
    if release.status != Release.Status.DRAFT:
        raise LintasError(_("Only a draft release can be changed."), field="status")
    _refreeze(release, by, widen=True, what="widened")
    log_action("public.release.widened", actor=acting_user(by), body=release.body, target=release)
    return release


def _locked(release: Release) -> Release:
    return Release.objects.select_for_update().select_related("body").get(pk=release.pk)


# --- sign-off -----------------------------------------------------------------------------------


def units_asked(body: Body) -> list[Unit]:
    chosen = signoff_settings(body)
    if chosen.require == SignOffSettings.Require.FOCAL_POINTS:
        with_focal_point = Membership.objects.active().filter(
            body=body, role=Role.FOCAL_POINT, unit__isnull=False
        )
        return list(
            Unit.objects.filter(body=body, pk__in=with_focal_point.values("unit")).order_by("name")
        )
    if chosen.require == SignOffSettings.Require.LISTED and chosen.pk is not None:
        return list(chosen.listed_units.order_by("name"))
    return []


@transaction.atomic
def save_signoff_settings(
    *,
    body: Body,
    by: Actor,
    require: str,
    units: Sequence[Unit] = (),
    days_to_answer: int = 14,
    silence_is_consent: bool = False,
) -> SignOffSettings:
    if by is not policy.SYSTEM:
        policy.require(policy.can_prepare_releases(by, body))
    if require not in SignOffSettings.Require.values:
        raise LintasError(_("Choose who signs off."), field="require")
    if not 1 <= days_to_answer <= 365:
        raise LintasError(_("Give between 1 and 365 days to answer."), field="days_to_answer")
    strangers = [str(unit) for unit in units if unit.body_id != body.pk]
    if strangers:
        raise LintasError(
            _("Not units of this body: %(units)s.") % {"units": ", ".join(strangers)},
            field="units",
        )
    if require == SignOffSettings.Require.LISTED and not units:
        raise LintasError(_("List the units that sign off."), field="units")
    chosen, _created = SignOffSettings.objects.update_or_create(
        body=body,
        defaults={
            "require": require,
            "days_to_answer": days_to_answer,
            "silence_is_consent": silence_is_consent,
        },
    )
    chosen.listed_units.set(list(units) if require == SignOffSettings.Require.LISTED else [])
    log_action(
        "public.signoff.settings_changed",
        actor=acting_user(by),
        body=body,
        target=chosen,
        data={
            "require": require,
            "units": [u.pk for u in units],
            "days_to_answer": days_to_answer,
            "silence_is_consent": silence_is_consent,
        },
    )
    return chosen


@transaction.atomic
def submit_release(*, release: Release, by: Actor) -> Release:
    """Ask the units the body lists (or every member unit's focal point) to sign off the draft,
    by a deadline; its content is frozen from now on."""
    release = _locked(release)
    body = release.body
    if by is not policy.SYSTEM:
        policy.require(policy.can_prepare_releases(by, body))
    if release.status != Release.Status.DRAFT:
        raise LintasError(_("Only a draft release can be sent for sign-off."), field="status")
    units = units_asked(body)
    if not units:
        raise LintasError(
            _("This body asks no one to sign off its releases: publish it instead."),
            field="status",
        )
    _refreeze(release, by, widen=False, what="checked")
    chosen = signoff_settings(body)
    now = timezone.now()
    deadline = now + dt.timedelta(days=chosen.days_to_answer)
    ReleaseSignOff.objects.bulk_create(
        [ReleaseSignOff(release=release, unit=u, asked_at=now, deadline=deadline) for u in units]
    )
    release.status = Release.Status.AWAITING
    release.save(update_fields=["status"])
    log(
        release,
        by,
        "submitted",
        units=[u.pk for u in units],
        deadline=deadline.isoformat(),
        silence_is_consent=chosen.silence_is_consent,
    )
    log_action(
        "public.release.submitted",
        actor=acting_user(by),
        body=body,
        target=release,
        data={"units": [u.pk for u in units], "deadline": deadline.isoformat()},
    )
    people = [person for unit in units for person in acting_people_of(unit)]
    notify(
        people,
        body=body,
        kind="release_signoff",
        subject=gettext_noop("Sign-off asked: %(release)s"),
        text=gettext_noop("Please approve or object to this public release by %(deadline)s."),
        link=release_link(release) + "sign-off/",
        values={"release": release.title, "deadline": deadline},
    )
    return release


@transaction.atomic
def decide_signoff(
    *, release: Release, unit: Unit, by: User, decision: str, reason: str = ""
) -> ReleaseSignOff:
    """A focal point of a unit asked approves the release, or objects with a reason."""
    release = _locked(release)
    if release.status != Release.Status.AWAITING:
        raise LintasError(_("This release is not waiting for sign-off."), field="status")
    signoff = ReleaseSignOff.objects.select_for_update().filter(release=release, unit=unit).first()
    if signoff is None:
        raise LintasError(
            _("%(unit)s is not asked to sign off this release.") % {"unit": unit}, field="unit"
        )
    if not policy.signs_for(by, unit):
        raise LintasError(
            _("%(person)s is not a focal point of %(unit)s, which is asked to sign off.")
            % {"person": by.get_full_name() or by.get_username(), "unit": unit},
            field="unit",
        )
    if decision not in (ReleaseSignOff.Decision.APPROVED, ReleaseSignOff.Decision.OBJECTED):
        raise LintasError(_("Approve or object."), field="decision")
    reason = reason.strip()
    if decision == ReleaseSignOff.Decision.OBJECTED and not reason:
        raise LintasError(_("Say why you object."), field="reason")
    signoff.decision = decision
    signoff.reason = reason
    signoff.decided_by = by
    signoff.decided_at = timezone.now()
    signoff.save(update_fields=["decision", "reason", "decided_by", "decided_at"])
    log(release, by, decision, unit=unit.pk, unit_name=str(unit), reason=reason)
    log_action(
        "public.signoff.approved"
        if decision == ReleaseSignOff.Decision.APPROVED
        else "public.signoff.objected",
        actor=by,
        body=release.body,
        target=release,
        data={"unit": unit.pk},
        reason=reason,
    )
    return signoff


# --- publish and withdraw -----------------------------------------------------------------------


def why_not_publishable(release: Release, *, now: dt.datetime) -> str:
    """Empty when the release may go out now; otherwise what stops it."""
    if release.status == Release.Status.DRAFT:
        if units_asked(release.body):
            return _("This body asks for sign-off: send the release for sign-off first.")
        return ""
    if release.status != Release.Status.AWAITING:
        return _("Only a draft or a release waiting for sign-off can be published.")
    signoffs = list(release.signoffs.select_related("unit"))
    objected = [s for s in signoffs if s.decision == ReleaseSignOff.Decision.OBJECTED]
    if objected:
        return _("%(units)s objected: withdraw the release or prepare it again.") % {
            "units": ", ".join(str(s.unit) for s in objected)
        }
    pending = [s for s in signoffs if s.decision == ReleaseSignOff.Decision.PENDING]
    if not pending:
        return ""
    silent = signoff_settings(release.body).silence_is_consent
    if silent and all(s.deadline <= now for s in pending):
        return ""
    return _("Still waiting for %(units)s.") % {"units": ", ".join(str(s.unit) for s in pending)}


@transaction.atomic
def publish_release(*, release: Release, by: Actor, now: dt.datetime | None = None) -> Release:
    """Publish a draft (when the body asks no sign-off) or a release every unit asked approved
    (or, where the body takes silence as consent, did not answer by the deadline). ``now`` is
    the moment the deadline is compared with."""
    release = _locked(release)
    body = release.body
    if by is not policy.SYSTEM:
        policy.require(policy.can_prepare_releases(by, body))
    now = now or timezone.now()
    why = why_not_publishable(release, now=now)
    if why:
        raise LintasError(why, field="status")
    later = Release.objects.filter(body=body, published_at__gte=release.prepared_at)
    if later.exists():
        raise LintasError(
            _(
                "%(names)s went out after this release was checked: prepare it again so it is "
                "checked against them."
            )
            % {"names": ", ".join(name_of(r) for r in later)},
            field="status",
        )
    silent = [
        s.unit_id for s in release.signoffs.all() if s.decision == ReleaseSignOff.Decision.PENDING
    ]
    release.status = Release.Status.PUBLISHED
    release.published_at = timezone.now()
    release.save(update_fields=["status", "published_at"])
    log(release, by, "published", consent_by_silence=silent)
    log_action(
        "public.release.published",
        actor=acting_user(by),
        body=body,
        target=release,
        data={"version": release.version, "consent_by_silence": silent},
    )
    return release


@transaction.atomic
def withdraw_release(*, release: Release, by: Actor, reason: str = "") -> Release:
    release = _locked(release)
    if by is not policy.SYSTEM:
        policy.require(policy.can_prepare_releases(by, release.body))
    if release.status == Release.Status.WITHDRAWN:
        raise LintasError(_("This release is withdrawn already."), field="status")
    release.status = Release.Status.WITHDRAWN
    release.save(update_fields=["status"])
    log(release, by, "withdrawn", reason=reason.strip())
    log_action(
        "public.release.withdrawn",
        actor=acting_user(by),
        body=release.body,
        target=release,
        reason=reason.strip(),
    )
    return release


def publish_due_releases(now: dt.datetime | None = None) -> list[Release]:
    """Publish the releases whose sign-off deadline has passed where the body takes silence as
    consent and no one objected. Each in its own transaction; a refusal leaves it waiting."""
    now = now or timezone.now()
    due = Release.objects.filter(
        status=Release.Status.AWAITING,
        body__signoff_settings__silence_is_consent=True,
        signoffs__decision=ReleaseSignOff.Decision.PENDING,
        signoffs__deadline__lte=now,
    ).distinct()
    published = []
    for release in due:
        if why_not_publishable(release, now=now):
            continue
        try:
            published.append(publish_release(release=release, by=policy.SYSTEM, now=now))
        except LintasError:
            continue
    return published
