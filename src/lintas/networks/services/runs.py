"""Relink runs: asked for on the page, queued after a change, run on the worker (or in this
process for the demo and tests), with their progress."""

from __future__ import annotations

import logging
from functools import partial

from django.db import transaction
from django.utils import timezone

from lintas.audit.services import log_action
from lintas.members.models import Body, User
from lintas.networks import policy
from lintas.networks.engine.linker import link
from lintas.networks.engine.weights import FIXED
from lintas.networks.models import LinkRun
from lintas.networks.services.notices import notify_matches
from lintas.networks.services.records import linkable_persons, person_row, unit_country
from lintas.networks.services.saving import save_networks

log = logging.getLogger(__name__)

# Stages of a run, in order, with the progress reached when each starts.
STAGES = {"reading": 5, "linking": 30, "saving": 70, "notifying": 90}


def request_relink(*, body: Body, by: User) -> LinkRun:
    """An analyst or the secretariat asks for a full relink; the worker runs it."""
    policy.require(policy.can_relink_networks(by, body))
    with transaction.atomic():
        run = LinkRun.objects.create(body=body, kind=LinkRun.Kind.FULL, requested_by=by)
        log_action("networks.run.requested", actor=by, body=body, target=run)
        transaction.on_commit(partial(_enqueue, run.pk))
    return run


def relink_now(*, body: Body, email: bool = True) -> LinkRun:
    """Run a full relink in this process (the demo loader, tests). ``email=False`` keeps the
    hit / no-hit notices in the app only (the demo's people have no mailbox)."""
    run = LinkRun.objects.create(body=body, kind=LinkRun.Kind.FULL)
    return run_link(run.pk, email=email)


def relink_soon(*, body: Body) -> None:
    """After a case or a person changed: queue an update run once the change is committed,
    unless a run of the body is already waiting (it will read the change too)."""
    transaction.on_commit(partial(_queue_update, body.pk))


def _queue_update(body_id: int) -> None:
    if LinkRun.objects.filter(body_id=body_id, state=LinkRun.State.QUEUED).exists():
        return
    run = LinkRun.objects.create(body_id=body_id, kind=LinkRun.Kind.UPDATE)
    _enqueue(run.pk)


def _enqueue(run_id: int) -> None:
    from lintas.networks.tasks import link_body

    link_body.enqueue(run_id)


def _stage(run: LinkRun, stage: str, **counts: int) -> None:
    run.stage, run.progress = stage, STAGES[stage]
    for name, value in counts.items():
        setattr(run, name, value)
    LinkRun.objects.filter(pk=run.pk).update(stage=stage, progress=run.progress, **counts)


def run_link(run_id: int, *, email: bool = True) -> LinkRun:
    """Link the body's case records and replace its networks, recording progress. Claims the
    run with a conditional update, so two workers never run it twice."""
    claimed = LinkRun.objects.filter(pk=run_id, state=LinkRun.State.QUEUED).update(
        state=LinkRun.State.RUNNING, progress=1, stage="reading", started_at=timezone.now()
    )
    run = LinkRun.objects.select_related("body").get(pk=run_id)
    if not claimed:
        return run
    try:
        _stage(run, "reading")
        persons = linkable_persons(run.body)
        countries = {
            p.case.owner_unit_id: unit_country(p.case.owner_unit) for p in persons
        }  # one per unit
        rows = [person_row(p, country=countries[p.case.owner_unit_id]) for p in persons]
        _stage(run, "linking", records=len(rows), cases=len({p.case_id for p in persons}))
        result = link(rows, weights=FIXED) if rows else None
        _stage(run, "saving", hubs=len(result.hubs) if result else 0)
        with transaction.atomic():
            by_id = {str(p.pk): p for p in persons}
            networks = save_networks(run, result, by_id)
            run.networks = len(networks)
            _stage(run, "notifying", networks=len(networks))
            notices = notify_matches(run, networks, email=email)
            LinkRun.objects.filter(pk=run.pk).update(
                state=LinkRun.State.DONE,
                progress=100,
                stage="",
                notices=notices,
                finished_at=timezone.now(),
            )
    except Exception as exc:  # the run is marked failed, whatever went wrong
        log.exception("link run %s failed", run_id)
        LinkRun.objects.filter(pk=run_id).update(
            state=LinkRun.State.FAILED, error=type(exc).__name__, finished_at=timezone.now()
        )
    run.refresh_from_db()
    return run
