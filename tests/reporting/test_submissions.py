from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from lintas.audit.models import AuditEntry
from lintas.core.errors import ConflictError, LintasError
from lintas.policy import SYSTEM
from lintas.reporting import services
from lintas.reporting.models import Submission, SubmissionRevision, Transition
from lintas.reporting.services import InvalidAnswers
from tests.reporting.conftest import GOOD, Regime

UTC = dt.UTC
S = Submission.State


def _start(regime: Regime, unit=None, period="2024-03"):
    return services.start_submission(
        obligation=regime.obligation,
        unit=unit or regime.cast.unit_a,
        period_key=period,
        by=regime.cast.focal_a if unit is None else SYSTEM,
    )


@time_machine.travel(dt.datetime(2024, 4, 5, 3, 0, tzinfo=UTC), tick=False)
def test_a_draft_saves_with_gaps_but_not_with_wrong_types(regime: Regime) -> None:
    sub = _start(regime)
    assert sub.state == S.DRAFT
    services.save_draft(sub, data={"cases": "7"}, revision=sub.revision, by=regime.cast.focal_a)
    sub.refresh_from_db()
    assert sub.data["cases"] == 7
    assert (sub.required_filled, sub.required_total) == (1, 3)
    with pytest.raises(InvalidAnswers) as err:
        services.save_draft(
            sub, data={"cases": "seven"}, revision=sub.revision, by=regime.cast.focal_a
        )
    assert "cases" in err.value.errors
    sub.refresh_from_db()
    assert sub.data["cases"] == 7  # nothing saved halfway


@time_machine.travel(dt.datetime(2024, 4, 5, 3, 0, tzinfo=UTC), tick=False)
def test_submitting_needs_every_required_field_and_the_rules(regime: Regime) -> None:
    sub = _start(regime)
    with pytest.raises(InvalidAnswers) as err:
        services.submit_report(
            sub, data={"cases": 3, "victims": 5}, revision=sub.revision, by=regime.cast.focal_a
        )
    assert set(err.value.errors) == {"situation", "victims"}
    assert "cannot exceed" in err.value.errors["victims"][0]
    sub.refresh_from_db()
    assert sub.state == S.DRAFT


@time_machine.travel(dt.datetime(2024, 4, 5, 3, 0, tzinfo=UTC), tick=False)
def test_required_if_applies_when_the_other_answer_matches(regime: Regime) -> None:
    sub = _start(regime)
    data = {**GOOD, "hotline": False}
    with pytest.raises(InvalidAnswers) as err:
        services.submit_report(sub, data=data, revision=sub.revision, by=regime.cast.focal_a)
    assert list(err.value.errors) == ["hotline_gap"]
    sub.refresh_from_db()
    services.submit_report(
        sub,
        data={**data, "hotline_gap": "Power cut"},
        revision=sub.revision,
        by=regime.cast.focal_a,
    )
    assert sub.state == S.SUBMITTED


def test_the_whole_journey_keeps_every_version_and_transition(regime: Regime) -> None:
    c = regime.cast
    with time_machine.travel(dt.datetime(2024, 4, 5, 3, 0, tzinfo=UTC), tick=False):
        sub = _start(regime)
        services.submit_report(sub, data=GOOD, revision=sub.revision, by=c.focal_a)
    with time_machine.travel(dt.datetime(2024, 4, 12, 3, 0, tzinfo=UTC), tick=False):
        services.return_report(sub, by=c.secretariat, reason="Victims figure looks low.")
        assert sub.state == S.RETURNED
        assert sub.return_reason == "Victims figure looks low."
    with time_machine.travel(dt.datetime(2024, 4, 14, 3, 0, tzinfo=UTC), tick=False):
        services.submit_report(
            sub, data={**GOOD, "victims": 11}, revision=sub.revision, by=c.focal_a
        )
        services.accept_report(sub, by=c.secretariat)
    sub.refresh_from_db()
    assert sub.state == S.ACCEPTED
    assert sub.first_submitted_at == dt.datetime(2024, 4, 5, 3, 0, tzinfo=UTC)
    assert sub.first_complete_at == dt.datetime(2024, 4, 5, 3, 0, tzinfo=UTC)
    moves = list(Transition.objects.filter(submission=sub).values_list("from_state", "to_state"))
    assert moves == [
        (S.DRAFT, S.SUBMITTED),
        (S.SUBMITTED, S.RETURNED),
        (S.RETURNED, S.SUBMITTED),
        (S.SUBMITTED, S.ACCEPTED),
    ]
    versions = list(SubmissionRevision.objects.filter(submission=sub).order_by("number"))
    assert [v.data["victims"] for v in versions] == [9, 11]
    codes = set(AuditEntry.objects.filter(object_id=str(sub.pk)).values_list("action", flat=True))
    assert {
        "reporting.submission.submitted",
        "reporting.submission.returned",
        "reporting.submission.accepted",
    } <= codes


# every (state, action) pair: allowed ones move, refused ones raise and change nothing
ACTIONS = ["submit", "validate", "accept", "return"]
ALLOWED: dict[tuple[str, str], str] = {
    (S.DRAFT, "submit"): S.SUBMITTED,
    (S.RETURNED, "submit"): S.SUBMITTED,
    (S.AWAITING_VALIDATION, "validate"): S.SUBMITTED,
    (S.AWAITING_VALIDATION, "return"): S.RETURNED,
    (S.SUBMITTED, "accept"): S.ACCEPTED,
    (S.SUBMITTED, "return"): S.RETURNED,
    (S.ACCEPTED, "return"): S.RETURNED,
}


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("state", [s.value for s in S])
@time_machine.travel(dt.datetime(2024, 4, 5, 3, 0, tzinfo=UTC), tick=False)
def test_the_state_machine_allows_exactly_its_transitions(
    regime: Regime, state: str, action: str
) -> None:
    sub = _start(regime)
    services.save_draft(sub, data=GOOD, revision=sub.revision, by=regime.cast.focal_a)
    Submission.objects.filter(pk=sub.pk).update(state=state)
    sub.refresh_from_db()
    c = regime.cast
    run = {
        "submit": lambda: services.submit_report(sub, by=SYSTEM),
        "validate": lambda: services.validate_report(sub, by=SYSTEM),
        "accept": lambda: services.accept_report(sub, by=c.secretariat),
        "return": lambda: services.return_report(sub, by=c.secretariat, reason="fix it"),
    }[action]
    expected = ALLOWED.get((state, action))
    if expected is None:
        with pytest.raises(LintasError):
            run()
        sub.refresh_from_db()
        assert sub.state == state
    else:
        run()
        sub.refresh_from_db()
        assert sub.state == expected


@time_machine.travel(dt.datetime(2024, 4, 5, 3, 0, tzinfo=UTC), tick=False)
def test_a_service_called_with_nobody_is_refused_and_only_the_system_skips_the_checks(
    regime: Regime,
) -> None:
    sub = _start(regime)
    services.submit_report(sub, data=GOOD, revision=sub.revision, by=regime.cast.focal_a)

    with pytest.raises(PermissionDenied):
        services.accept_report(sub, by=None)  # type: ignore[arg-type]
    with pytest.raises(PermissionDenied):
        services.return_report(sub, by=None, reason="fix it")  # type: ignore[arg-type]
    sub.refresh_from_db()
    assert sub.state == S.SUBMITTED

    services.accept_report(sub, by=SYSTEM)
    sub.refresh_from_db()
    assert (sub.state, sub.updated_by) == (S.ACCEPTED, None)
    assert Transition.objects.filter(submission=sub, to_state=S.ACCEPTED).get().by is None
    entry = AuditEntry.objects.get(action="reporting.submission.accepted")
    assert (entry.actor, entry.actor_label) == (None, "system")


@time_machine.travel(dt.datetime(2024, 4, 5, 3, 0, tzinfo=UTC), tick=False)
def test_a_return_needs_a_reason(regime: Regime) -> None:
    sub = _start(regime)
    services.submit_report(sub, data=GOOD, revision=sub.revision, by=regime.cast.focal_a)
    with pytest.raises(LintasError) as err:
        services.return_report(sub, by=regime.cast.secretariat, reason="  ")
    assert err.value.field == "reason"
    sub.refresh_from_db()
    assert sub.state == S.SUBMITTED


@time_machine.travel(dt.datetime(2024, 4, 5, 3, 0, tzinfo=UTC), tick=False)
def test_with_validation_the_units_validator_passes_it_on(regime: Regime) -> None:
    from lintas.members import services as members
    from lintas.members.models import Role

    regime.obligation.requires_validation = True
    regime.obligation.save()
    members.grant_role(
        body=regime.cast.body,
        person=regime.cast.focal_b,
        role=Role.VALIDATOR,
        unit=regime.cast.unit_a,
        by=SYSTEM,
    )
    sub = _start(regime)
    services.submit_report(sub, data=GOOD, revision=sub.revision, by=regime.cast.focal_a)
    assert sub.state == S.AWAITING_VALIDATION
    assert sub.first_submitted_at is None  # it has not reached the secretariat yet
    with pytest.raises(PermissionDenied):
        services.validate_report(sub, by=regime.cast.focal_c)
    services.validate_report(sub, by=regime.cast.focal_b)
    assert sub.state == S.SUBMITTED
    assert sub.first_submitted_at is not None


@time_machine.travel(dt.datetime(2024, 4, 5, 3, 0, tzinfo=UTC), tick=False)
def test_two_people_saving_the_same_draft_never_overwrite_each_other(regime: Regime) -> None:
    from lintas.members import services as members
    from lintas.members.models import Role

    c = regime.cast
    members.grant_role(
        body=c.body, person=c.focal_b, role=Role.ALTERNATE_FOCAL_POINT, unit=c.unit_a, by=SYSTEM
    )
    sub = _start(regime)
    opened = sub.revision
    services.save_draft(sub, data={"cases": 4}, revision=opened, by=c.focal_a)
    with pytest.raises(ConflictError) as err:
        services.save_draft(sub, data={"cases": 5}, revision=opened, by=c.focal_b)
    assert "Anh Focal" in err.value.message
    sub.refresh_from_db()
    assert sub.data["cases"] == 4
    kept = SubmissionRevision.objects.filter(submission=sub).order_by("number")
    assert [(r.state, r.data["cases"]) for r in kept] == [("draft", 4), ("conflict", 5)]


@time_machine.travel(dt.datetime(2024, 4, 5, 3, 0, tzinfo=UTC), tick=False)
def test_a_stale_save_that_could_not_be_saved_anyway_is_refused_and_not_kept(
    regime: Regime,
) -> None:
    c = regime.cast
    sub = _start(regime)
    opened = sub.revision
    services.save_draft(sub, data={"cases": 4}, revision=opened, by=c.focal_a)
    with pytest.raises(InvalidAnswers) as err:
        services.save_draft(
            sub,
            data={"cases": "seven"},
            comments={"situation": "A comment on a text answer."},
            revision=opened,
            by=c.focal_a,
        )
    assert set(err.value.errors) == {"cases", "situation"}
    kept = SubmissionRevision.objects.filter(submission=sub)
    assert [(r.state, r.data["cases"]) for r in kept] == [("draft", 4)]


def test_the_lock_refuses_late_submissions_unless_an_exception_is_granted(regime: Regime) -> None:
    c = regime.cast
    with time_machine.travel(dt.datetime(2024, 4, 5, 3, 0, tzinfo=UTC), tick=False):
        sub = _start(regime)
    # March + 30 days = 30 April; locked from 1 May 00:00 in Ho Chi Minh City (30 Apr 17:00 UTC)
    with time_machine.travel(dt.datetime(2024, 4, 30, 16, 59, tzinfo=UTC), tick=False):
        assert not services.is_locked(sub)
    with time_machine.travel(dt.datetime(2024, 4, 30, 17, 0, tzinfo=UTC), tick=False):
        with pytest.raises(LintasError) as err:
            services.submit_report(sub, data=GOOD, revision=sub.revision, by=c.focal_a)
        assert "locked" in err.value.message
        services.grant_exception(
            obligation=regime.obligation,
            unit=c.unit_a,
            period_key="2024-03",
            open_until=dt.date(2024, 5, 3),
            reason="Flooding closed the office",
            by=c.secretariat,
        )
        sub.refresh_from_db()
        services.submit_report(sub, data=GOOD, revision=sub.revision, by=c.focal_a)
    assert sub.state == S.SUBMITTED


def test_a_unit_that_does_not_owe_a_period_cannot_start_it(regime: Regime) -> None:
    c = regime.cast
    c.unit_b.joined_on = dt.date(2024, 3, 10)
    c.unit_b.save()
    with pytest.raises(LintasError):
        services.start_submission(
            obligation=regime.obligation, unit=c.unit_b, period_key="2024-03", by=SYSTEM
        )
    assert services.start_submission(
        obligation=regime.obligation, unit=c.unit_b, period_key="2024-04", by=SYSTEM
    )


def test_focal_points_fill_only_their_own_units_reports(regime: Regime) -> None:
    with pytest.raises(PermissionDenied):
        services.start_submission(
            obligation=regime.obligation,
            unit=regime.cast.unit_a,
            period_key="2024-03",
            by=regime.cast.focal_b,
        )
    assert not Submission.objects.exists()


def test_editing_a_used_template_makes_a_new_version_and_old_reports_keep_theirs(
    regime: Regime,
) -> None:
    from tests.reporting.conftest import STRUCTURE

    with time_machine.travel(dt.datetime(2024, 4, 5, 3, 0, tzinfo=UTC), tick=False):
        old = _start(regime)
    changed = {**STRUCTURE, "sections": STRUCTURE["sections"][:1]}
    version = services.revise_template(
        regime.template, structure=changed, by=regime.cast.secretariat, note="shorter"
    )
    assert version.number == 2
    old.refresh_from_db()
    assert old.version.number == 1
    assert old.version.sections.count() == 2
    # a version without submissions is edited in place
    again = services.revise_template(regime.template, structure=STRUCTURE, by=SYSTEM)
    assert again.pk == version.pk
    assert again.sections.count() == 2
    with time_machine.travel(dt.datetime(2024, 5, 5, 3, 0, tzinfo=UTC), tick=False):
        new = _start(regime, period="2024-04")
    assert new.version.number == 2


@time_machine.travel(dt.datetime(2024, 4, 5, 3, 0, tzinfo=UTC), tick=False)
@pytest.mark.parametrize(
    "bad",
    [{"cases": float("nan")}, {"cases": float("inf")}, {"situation": "late\x00night"}],
)
def test_answers_kept_aside_on_a_conflict_are_checked_first(regime: Regime, bad: dict) -> None:
    """A save on an older revision keeps its answers in the history: never answers a save would
    refuse (NaN, infinity, a NUL character that PostgreSQL cannot hold)."""
    c = regime.cast
    sub = _start(regime)
    opened = sub.revision
    services.save_draft(sub, data={"cases": 4}, revision=opened, by=c.focal_a)
    with pytest.raises(InvalidAnswers) as err:
        services.save_draft(sub, data=bad, revision=opened, by=c.focal_a)
    assert set(err.value.errors) == set(bad)
    states = list(SubmissionRevision.objects.filter(submission=sub).values_list("state", flat=True))
    assert states == ["draft"]
