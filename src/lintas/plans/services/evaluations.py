"""Evaluations: findings, lessons learned, good practices, recommendations with their management
response and follow-up, and the priorities for the next phase."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lintas.audit.services import log_action
from lintas.core.errors import LintasError
from lintas.core.tlp import TLP
from lintas.members.models import Membership, Unit, User
from lintas.notices.services import notify
from lintas.plans import policy
from lintas.plans.models import (
    Evaluation,
    GoodPractice,
    Lesson,
    Phase,
    Pillar,
    Priority,
    Recommendation,
)
from lintas.plans.services.common import allow


def _text(value: str, *, field: str, limit: int = 5000, required: bool = True) -> str:
    text = (value or "").strip()
    if required and not text:
        raise LintasError(_("This field is required."), field=field)
    if len(text) > limit:
        raise LintasError(
            _("This text is too long (%(n)s characters at most).") % {"n": f"{limit:,}"},
            field=field,
        )
    return text


@transaction.atomic
def start_evaluation(
    phase: Phase, *, kind: str, title: str, as_of: dt.date, by: policy.Actor
) -> Evaluation:
    allow(by, lambda p: policy.can_manage_plans(p, phase.body))
    if not phase.indicators.exists():
        raise LintasError(
            _("This phase has no indicators yet: there is nothing to evaluate."), field="phase"
        )
    if kind not in Evaluation.Kind.values:
        raise LintasError(_("Choose mid-term or final."), field="kind")
    if as_of is None or not (phase.starts_on <= as_of <= phase.ends_on):
        raise LintasError(_("The evaluation's day must fall within the phase."), field="as_of")
    if phase.evaluations.filter(kind=kind).exists():
        raise LintasError(_("This phase already has an evaluation of this kind."), field="kind")
    evaluation = Evaluation.objects.create(
        phase=phase,
        kind=kind,
        title=_text(title, field="title", limit=200),
        as_of=as_of,
        written_by=policy.acting_user(by),
    )
    log_action("plans.evaluation.started", actor=by, body=phase.body, target=evaluation)
    return evaluation


@transaction.atomic
def write_findings(evaluation: Evaluation, *, findings: str, by: policy.Actor) -> Evaluation:
    body = evaluation.phase.body
    allow(by, lambda p: policy.can_manage_plans(p, body))
    evaluation.findings = _text(findings, field="findings", limit=20000, required=False)
    evaluation.save(update_fields=["findings", "updated_at"])
    log_action("plans.evaluation.findings_written", actor=by, body=body, target=evaluation)
    return evaluation


def _learning_fields(
    *, title: str, what: str, context: str, evidence: str, who: str, tlp: str
) -> dict[str, str]:
    if tlp not in TLP.values:
        raise LintasError(_("Choose a TLP label."), field="tlp")
    return {
        "title": _text(title, field="title", limit=200),
        "what": _text(what, field="what"),
        "context": _text(context, field="context", required=False),
        "evidence": _text(evidence, field="evidence", required=False),
        "who": _text(who, field="who", limit=300, required=False),
        "tlp": tlp,
    }


@transaction.atomic
def add_lesson(
    evaluation: Evaluation,
    *,
    title: str,
    what: str,
    by: policy.Actor,
    context: str = "",
    evidence: str = "",
    who: str = "",
    tlp: str = TLP.GREEN,
) -> Lesson:
    body = evaluation.phase.body
    allow(by, lambda p: policy.can_manage_plans(p, body))
    lesson = Lesson.objects.create(
        body=body,
        evaluation=evaluation,
        created_by=policy.acting_user(by),
        **_learning_fields(
            title=title, what=what, context=context, evidence=evidence, who=who, tlp=tlp
        ),
    )
    log_action("plans.lesson.added", actor=by, body=body, target=lesson)
    return lesson


@transaction.atomic
def add_good_practice(
    evaluation: Evaluation,
    *,
    title: str,
    what: str,
    by: policy.Actor,
    shows_results: bool,
    cause_effect: bool,
    replicable: bool,
    context: str = "",
    evidence: str = "",
    who: str = "",
    tlp: str = TLP.GREEN,
) -> GoodPractice:
    """A good practice by the ILO's criteria: each of the three must be checked, and the
    evidence of its results written."""
    body = evaluation.phase.body
    allow(by, lambda p: policy.can_manage_plans(p, body))
    for ok, field in (
        (shows_results, "shows_results"),
        (cause_effect, "cause_effect"),
        (replicable, "replicable"),
    ):
        if not ok:
            raise LintasError(
                _(
                    "A good practice shows results, a plausible cause-effect link and potential "
                    "to replicate: check each, or record it as a lesson."
                ),
                field=field,
            )
    fields = _learning_fields(
        title=title, what=what, context=context, evidence=evidence, who=who, tlp=tlp
    )
    if not fields["evidence"]:
        raise LintasError(_("Show the evidence of its results."), field="evidence")
    practice = GoodPractice.objects.create(
        body=body,
        evaluation=evaluation,
        created_by=policy.acting_user(by),
        shows_results=True,
        cause_effect=True,
        replicable=True,
        **fields,
    )
    log_action("plans.good_practice.added", actor=by, body=body, target=practice)
    return practice


def _focal_points(unit: Unit) -> list[User]:
    return [
        m.user
        for m in Membership.objects.active()
        .filter(unit=unit, role__in=policy.FILLER_ROLES)
        .select_related("user")
    ]


@transaction.atomic
def add_recommendation(
    evaluation: Evaluation,
    *,
    text: str,
    owner_unit: Unit | None,
    by: policy.Actor,
    due_on: dt.date | None = None,
) -> Recommendation:
    body = evaluation.phase.body
    allow(by, lambda p: policy.can_manage_plans(p, body))
    words = _text(text, field="text")
    if owner_unit is None:
        raise LintasError(_("Name the unit that owns the recommendation."), field="owner_unit")
    if owner_unit.body_id != body.pk:
        raise LintasError(_("The unit belongs to another body."), field="owner_unit")
    recommendation = Recommendation.objects.create(
        evaluation=evaluation, text=words, owner_unit=owner_unit, due_on=due_on
    )
    log_action(
        "plans.recommendation.added",
        actor=by,
        body=body,
        target=recommendation,
        data={"owner_unit": owner_unit.pk},
    )
    notify(
        _focal_points(owner_unit),
        body=body,
        kind="recommendation_owned",
        subject=gettext_noop("A recommendation for %(unit)s awaits its response"),
        text=gettext_noop(
            "The evaluation %(evaluation)s makes a recommendation that %(unit)s owns. Say "
            "whether it is accepted, and how it will be followed up."
        ),
        values={"unit": owner_unit.name, "evaluation": evaluation.title},
        link=reverse(
            "plans:evaluation",
            kwargs={
                "slug": body.slug,
                "phase_id": evaluation.phase_id,
                "evaluation_id": evaluation.pk,
            },
        ),
    )
    return recommendation


@transaction.atomic
def respond_to_recommendation(
    recommendation: Recommendation,
    *,
    response: str,
    by: policy.Actor,
    text: str = "",
    due_on: dt.date | None = None,
) -> Recommendation:
    """The management response: accepted, partially accepted or rejected, with a due day when
    accepted in whole or part."""
    body = recommendation.evaluation.phase.body
    allow(by, lambda p: policy.can_respond(p, recommendation))
    if response not in {
        Recommendation.Response.ACCEPTED,
        Recommendation.Response.PARTIAL,
        Recommendation.Response.REJECTED,
    }:
        raise LintasError(_("Choose accepted, partially accepted or rejected."), field="response")
    words = _text(
        text, field="response_text", required=response != Recommendation.Response.ACCEPTED
    )
    due = due_on or recommendation.due_on
    if response != Recommendation.Response.REJECTED and due is None:
        raise LintasError(_("Give the day it will be done by."), field="due_on")
    recommendation.response = response
    recommendation.response_text = words
    recommendation.due_on = due
    recommendation.save(update_fields=["response", "response_text", "due_on", "updated_at"])
    log_action(
        "plans.recommendation.responded",
        actor=by,
        body=body,
        target=recommendation,
        data={"response": response},
    )
    return recommendation


@transaction.atomic
def follow_up_recommendation(
    recommendation: Recommendation,
    *,
    status: str,
    note: str,
    by: policy.Actor,
    on: dt.date | None = None,
) -> Recommendation:
    """A follow-up: the status and a dated note added to the earlier ones."""
    body = recommendation.evaluation.phase.body
    allow(by, lambda p: policy.can_respond(p, recommendation))
    if recommendation.response in {
        Recommendation.Response.PENDING,
        Recommendation.Response.REJECTED,
    }:
        raise LintasError(_("Only an accepted recommendation is followed up."), field="follow_up")
    if status not in Recommendation.FollowUp.values:
        raise LintasError(_("Unknown status."), field="follow_up")
    words = _text(note, field="note", limit=2000)
    day = on or timezone.localdate(timezone.now(), body.tzinfo)
    recommendation.follow_up = status
    recommendation.follow_up_notes = (
        f"{recommendation.follow_up_notes}\n{day.isoformat()}: {words}".strip()
    )
    recommendation.done_on = day if status == Recommendation.FollowUp.DONE else None
    recommendation.save(update_fields=["follow_up", "follow_up_notes", "done_on", "updated_at"])
    log_action(
        "plans.recommendation.followed_up",
        actor=by,
        body=body,
        target=recommendation,
        data={"status": status},
    )
    return recommendation


@transaction.atomic
def add_priority(
    evaluation: Evaluation, *, text: str, by: policy.Actor, pillar: Pillar | None = None
) -> Priority:
    body = evaluation.phase.body
    allow(by, lambda p: policy.can_manage_plans(p, body))
    if pillar is not None and pillar.phase_id != evaluation.phase_id:
        raise LintasError(_("The pillar is of another phase."), field="pillar")
    priority = Priority.objects.create(
        evaluation=evaluation, text=_text(text, field="text", limit=2000), pillar=pillar
    )
    log_action(
        "plans.priority.added",
        actor=by,
        body=body,
        target=evaluation,
        data={"priority": priority.pk},
    )
    return priority
