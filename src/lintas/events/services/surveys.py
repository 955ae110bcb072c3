"""Feedback surveys and a training's pre- and post-tests: answering once, scoring tests, and
reminding those who have not answered."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lintas.audit.services import log_action
from lintas.core.errors import LintasError
from lintas.events import policy
from lintas.events.models import Delegate, Event, Question, Responder, Response, Session, Survey
from lintas.events.services.common import event_link, text
from lintas.notices.services import notify
from lintas.policy import Actor, acting_user


@transaction.atomic
def create_survey(
    *,
    event: Event,
    by: Actor,
    kind: str,
    title: str,
    questions: Sequence[dict[str, Any]],
    session: Session | None = None,
    anonymous: bool = False,
) -> Survey:
    """A survey with its questions: ``{"kind": "rating"|"text"|"choice", "text": …,
    "choices": [...], "correct": index}`` (``correct`` for the questions of a test)."""
    if by is not policy.SYSTEM:
        policy.require(policy.can_organise(by, event))
    if kind not in Survey.Kind.values:
        raise LintasError(_("Choose the kind of survey."), field="kind")
    is_test = kind != Survey.Kind.FEEDBACK
    if is_test and anonymous:
        raise LintasError(
            _("A test cannot be anonymous: knowledge gain compares each person's two tests."),
            field="anonymous",
        )
    if is_test and event.kind != Event.Kind.TRAINING:
        raise LintasError(_("Pre- and post-tests belong to trainings."), field="kind")
    if is_test and Survey.objects.filter(event=event, kind=kind).exists():
        raise LintasError(_("This training has that test already."), field="kind")
    if session is not None and session.event_id != event.pk:
        raise LintasError(_("This session belongs to another event."), field="session")
    if not questions:
        raise LintasError(_("Add at least one question."), field="questions")
    survey = Survey.objects.create(
        event=event,
        session=session,
        kind=kind,
        title=text(title, field="title", label=_("title")),
        anonymous=anonymous,
    )
    for position, q in enumerate(questions):
        qkind = q.get("kind")
        if qkind not in Question.Kind.values:
            raise LintasError(
                _("Question %(n)d: choose its kind.") % {"n": position + 1}, field="questions"
            )
        choices = [str(c).strip() for c in q.get("choices") or [] if str(c).strip()]
        correct = q.get("correct")
        if qkind == Question.Kind.CHOICE and len(choices) < 2:
            raise LintasError(
                _("Question %(n)d: give at least two choices.") % {"n": position + 1},
                field="questions",
            )
        if is_test and (
            qkind != Question.Kind.CHOICE
            or not isinstance(correct, int)
            or not 0 <= correct < len(choices)
        ):
            raise LintasError(
                _("Question %(n)d: a test question has choices and names the right one.")
                % {"n": position + 1},
                field="questions",
            )
        Question.objects.create(
            survey=survey,
            position=position,
            kind=qkind,
            text=text(str(q.get("text", "")), field="questions", label=_("question"), limit=500),
            choices=choices,
            correct=correct if is_test else None,
        )
    log_action(
        "events.survey.created",
        actor=acting_user(by),
        body=event.body,
        target=survey,
        data={"kind": kind, "questions": len(questions), "anonymous": anonymous},
    )
    return survey


def _check_answers(survey: Survey, answers: dict[str, Any]) -> tuple[dict[str, Any], float | None]:
    clean: dict[str, Any] = {}
    right = 0
    questions = list(survey.questions.all())
    for n, q in enumerate(questions, start=1):
        value = answers.get(str(q.pk))
        if value in (None, ""):
            if survey.is_test:
                raise LintasError(_("Answer question %(n)d.") % {"n": n}, field=f"q{q.pk}")
            continue
        if q.kind == Question.Kind.RATING:
            try:
                rating = int(str(value))
            except (TypeError, ValueError):
                rating = 0
            if not 1 <= rating <= 5:
                raise LintasError(
                    _("Question %(n)d: give a rating from 1 to 5.") % {"n": n}, field=f"q{q.pk}"
                )
            clean[str(q.pk)] = rating
        elif q.kind == Question.Kind.CHOICE:
            try:
                index = int(str(value))
            except (TypeError, ValueError):
                index = -1
            if not 0 <= index < len(q.choices):
                raise LintasError(
                    _("Question %(n)d: choose one of the answers.") % {"n": n}, field=f"q{q.pk}"
                )
            clean[str(q.pk)] = index
            right += int(index == q.correct)
        else:
            clean[str(q.pk)] = text(
                str(value), field=f"q{q.pk}", label=_("comment"), limit=4000, required=False
            )
    score = round(100 * right / len(questions), 1) if survey.is_test and questions else None
    return clean, score


@transaction.atomic
def answer_survey(*, survey: Survey, by: Actor, answers: dict[str, Any]) -> Response:
    """An approved delegate answers once; an anonymous survey keeps no link from the answers
    to the person (only that they answered, for the reminders)."""
    event = survey.event
    delegate = (
        Delegate.objects.filter(
            event=event, user=acting_user(by), status=Delegate.Status.APPROVED
        ).first()
        if by is not policy.SYSTEM
        else None
    )
    if delegate is None:
        if by is not policy.SYSTEM:
            policy.hide(policy.visible_events(by, event.body).filter(pk=event.pk).exists())
        raise LintasError(
            _("Only the event's approved delegates answer its surveys."), field="survey"
        )
    clean, score = _check_answers(survey, answers)
    now = timezone.now()
    try:
        with transaction.atomic():
            Responder.objects.create(survey=survey, delegate=delegate, at=now)
    except IntegrityError:
        raise LintasError(_("You have answered this survey already."), field="survey") from None
    response = Response.objects.create(
        survey=survey,
        delegate=None if survey.anonymous else delegate,
        answers=clean,
        score=score,
        at=now if not survey.anonymous else now.replace(minute=0, second=0, microsecond=0),
    )
    log_action(
        "events.survey.answered",
        actor=acting_user(by),
        body=event.body,
        target=survey,
        data={} if survey.anonymous else {"score": score},
    )
    return response


@transaction.atomic
def remind_non_responders(*, survey: Survey, by: Actor) -> int:
    """One click: tell the approved delegates with an account who have not answered."""
    event = survey.event
    if by is not policy.SYSTEM:
        policy.require(policy.can_organise(by, event))
    answered = Responder.objects.filter(survey=survey).values("delegate_id")
    waiting = (
        Delegate.objects.filter(event=event, status=Delegate.Status.APPROVED, user__isnull=False)
        .exclude(pk__in=answered)
        .select_related("user")
    )
    if survey.session_id is not None:
        waiting = waiting.filter(check_ins__session_id=survey.session_id)
    people = [d.user for d in waiting if d.user is not None]
    notify(
        people,
        body=event.body,
        kind="event_survey",
        subject=gettext_noop("Please answer: %(survey)s"),
        text=gettext_noop("Your answers to %(survey)s (%(event)s) are still awaited."),
        link=event_link(event),
        values={"survey": survey.title, "event": event.title},
    )
    log_action(
        "events.survey.reminded",
        actor=acting_user(by),
        body=event.body,
        target=survey,
        data={"people": len(people)},
    )
    return len(people)
