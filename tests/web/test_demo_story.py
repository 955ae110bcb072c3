"""The whole demo tells a story every role can follow, counted from the day it is loaded:
reports wait for their validator, one went back with a comment and came again, the working
group's latest due period has late reports, one missing and reports on time; every answer
fits its question and the template's conditions and rules; the plans hold the phase
2023-2024 with its progress updates, actuals and evaluation, and the draft phase 2025-2026;
the events hold a coming conference and a past training with attendance."""

from __future__ import annotations

from collections import defaultdict

import pytest
from django.core.management import call_command
from django.utils import timezone

from lintas.events.models import CheckIn, Event
from lintas.members.demo import WG_SLUG
from lintas.members.models import Membership, Role
from lintas.plans.demo import NEXT_PHASE
from lintas.plans.models import Actual, Phase
from lintas.reporting import measures, policy, selectors
from lintas.reporting.models import Field, Obligation, Submission, Transition
from lintas.reporting.services.answers import check_answers

State = Submission.State


@pytest.mark.django_db
def test_the_demo_tells_a_true_story_for_every_role() -> None:
    call_command("demo", quiet=True)

    # A validator has reports to validate, from a unit whose validator is not its focal point.
    waiting = Submission.objects.filter(state=State.AWAITING_VALIDATION).select_related(
        "obligation", "unit"
    )
    assert waiting.exists()
    for submission in waiting:
        assert submission.obligation.requires_validation
        validators = Membership.objects.active().filter(unit=submission.unit, role=Role.VALIDATOR)
        assert validators.exclude(user=submission.updated_by).exists(), submission
    assert Transition.objects.filter(
        from_state=State.AWAITING_VALIDATION, to_state=State.SUBMITTED
    ).exists()  # some validated

    # One returned with a comment, sent again, and validated.
    resent = Transition.objects.filter(
        from_state=State.RETURNED, submission__obligation__requires_validation=True
    ).values_list("submission_id", flat=True)
    trails = [
        list(Transition.objects.filter(submission_id=pk).order_by("at", "id")) for pk in resent
    ]
    assert any(
        [m.to_state for m in moves][:4]
        == [State.AWAITING_VALIDATION, State.RETURNED, State.AWAITING_VALIDATION, State.SUBMITTED]
        and moves[1].reason
        and moves[1].by is not None
        and policy.can_validate_for(moves[1].by, moves[1].submission.unit)
        for moves in trails
    )

    # The working group's latest due period: late, one missing, on time.
    obligation = Obligation.objects.get(body__slug=WG_SLUG, template__code="joint-action-progress")
    today = timezone.localdate(timezone.now(), obligation.body.tzinfo)
    due = [p for p in obligation.periods_until(today) if obligation.deadlines(p).due < today]
    matrix = selectors.reporting_matrix(obligation, period_list=[due[-1]])
    cells = [row.cells[0] for row in matrix.rows if row.cells[0].owed]
    states = [c.state for c in cells]
    assert states.count(measures.MISSING) == 1, states
    assert sum(1 for c in cells if c.actual and not c.on_time) >= 1, states
    assert sum(1 for c in cells if c.on_time) >= len(cells) // 2, states

    # Every answer fits its question, its template's conditions and its rules.
    fields = {(f.section.version_id, f.code): f for f in Field.objects.select_related("section")}
    conditional = [(key, f.required_if) for key, f in fields.items() if f.required_if]
    asked: dict[str, set[tuple[int, str]]] = defaultdict(set)  # text: (template, field)
    for submission in Submission.objects.select_related("version").iterator():
        check = check_answers(submission.version, submission.data, require=True)
        assert not check.errors, (submission, check.errors)
        for code, answer in submission.data.items():
            spec = fields[(submission.version_id, code)]
            if spec.type == Field.Type.LONG_TEXT and answer:
                asked[answer].add((submission.version.template_id, code))
        for (version_id, code), condition in conditional:
            if version_id == submission.version_id and submission.data.get(code):
                held = submission.data.get(condition["field"]) == condition["equals"]
                assert held, (submission, code, submission.data)
    reused = {text: questions for text, questions in asked.items() if len(questions) > 1}
    assert not reused

    # The plans: the phase with its progress updates, actuals and evaluation, and the draft.
    phase = Phase.objects.get(body__slug=WG_SLUG, name="Joint Action Phase 2023-2024")
    assert phase.evaluations.exists()
    assert Phase.objects.get(name=NEXT_PHASE, predecessor=phase).status == Phase.Status.DRAFT
    assert Actual.objects.filter(indicator__phase=phase, value__isnull=False).exists()
    activities = list(phase.activities.all())
    assert activities and all(a.obligation_id for a in activities)
    updates = Submission.objects.filter(obligation__in=[a.obligation_id for a in activities])
    assert updates.filter(state=State.ACCEPTED).count() >= len(activities)

    # The events: a conference to come, a past training with its attendance.
    assert Event.objects.filter(kind=Event.Kind.CONFERENCE, starts_on__gt=today).exists()
    training = Event.objects.get(kind=Event.Kind.TRAINING, ends_on__lt=today)
    assert CheckIn.objects.filter(event=training).exists()

    # Loading twice adds nothing.
    counts = (Submission.objects.count(), Transition.objects.count(), Event.objects.count())
    call_command("demo", quiet=True)
    assert (Submission.objects.count(), Transition.objects.count(), Event.objects.count()) == (
        counts
    )
