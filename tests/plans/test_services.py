"""The writes of plans: what they keep, and every bad input refused with the field named and
nothing half-saved."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from lintas.audit.models import AuditEntry
from lintas.core.errors import LintasError
from lintas.plans import selectors, services
from lintas.plans.models import (
    Activity,
    Actual,
    Baseline,
    Evaluation,
    GoodPractice,
    Phase,
    Recommendation,
    Result,
    Target,
)
from lintas.policy import SYSTEM
from tests.conftest import Cast
from tests.plans.conftest import Plan


def refused(field: str) -> Any:
    """Expect a LintasError naming ``field``."""

    class Check:
        def __enter__(self) -> None:
            self.before = AuditEntry.objects.count()

        def __exit__(self, kind: Any, exc: Any, tb: Any) -> bool:
            assert kind is LintasError, f"expected a refusal naming {field}, got {kind}"
            assert exc.field == field, (exc.field, exc.message)
            assert exc.message
            assert AuditEntry.objects.count() == self.before
            return True

    return Check()


# --- bad input of the issue --------------------------------------------------------------


def test_a_target_for_a_period_outside_the_phase_is_refused(plan: Plan) -> None:
    with refused("period"):
        services.set_target(plan.count, period_key="2025Q1", value=10, by=SYSTEM)
    with refused("period"):
        services.set_target(plan.count, period_key="2023-03", value=10, by=SYSTEM)  # a month
    assert not Target.objects.exists()


def test_an_actual_with_the_wrong_measure_is_refused(plan: Plan) -> None:
    with refused("value"):
        services.record_actual(plan.yes_no, period_key="2023Q1", value="12", by=SYSTEM)
    with refused("value"):
        services.record_actual(plan.count, period_key="2023Q1", value="many", by=SYSTEM)
    with refused("value"):
        services.record_actual(plan.count, period_key="2023Q1", value="2.5", by=SYSTEM)
    with refused("value"):
        services.record_actual(plan.words, period_key="2023Q1", value=3, by=SYSTEM)
    assert not Actual.objects.exists()


def test_a_percentage_over_100_is_refused(plan: Plan) -> None:
    with refused("value"):
        services.record_actual(plan.percent, period_key="2023Q2", value="100.5", by=SYSTEM)
    with refused("value"):
        services.set_target(plan.percent, period_key="2023Q2", value=120, by=SYSTEM)
    assert not Actual.objects.exists() and not Target.objects.exists()


def test_an_evaluation_of_a_phase_with_no_indicators_is_refused(cast: Cast) -> None:
    phase = services.create_phase(
        body=cast.body,
        name="Empty",
        starts_on=dt.date(2023, 1, 1),
        ends_on=dt.date(2024, 12, 31),
        by=SYSTEM,
    )
    with refused("phase"):
        services.start_evaluation(
            phase, kind="mid_term", title="12 months", as_of=dt.date(2023, 12, 31), by=SYSTEM
        )
    assert not Evaluation.objects.exists()


def test_a_circular_parent_is_refused(plan: Plan) -> None:
    # the impact cannot contribute to the outcome that contributes to it
    with refused("parent"):
        services.edit_result(plan.impact, parent=plan.output, by=SYSTEM)
    with refused("parent"):
        services.edit_result(plan.outcome, parent=plan.outcome, by=SYSTEM)
    plan.impact.refresh_from_db()
    assert plan.impact.parent_id is None


def test_a_result_under_one_of_its_own_level_is_refused(plan: Plan) -> None:
    with refused("parent"):
        services.add_result(
            plan.phase,
            level="outcome",
            code="9",
            title={"en": "x"},
            parent=plan.outcome,
            by=SYSTEM,
        )
    assert not Result.objects.filter(code="9").exists()


def test_a_recommendation_without_an_owner_is_refused(plan: Plan) -> None:
    evaluation = services.start_evaluation(
        plan.phase, kind="mid_term", title="12 months", as_of=dt.date(2023, 12, 31), by=SYSTEM
    )
    with refused("owner_unit"):
        services.add_recommendation(evaluation, text="Share more", owner_unit=None, by=SYSTEM)
    assert not Recommendation.objects.exists()


def test_a_recommendation_owned_by_a_unit_of_another_body_is_refused(
    plan: Plan, cast: Cast
) -> None:
    evaluation = services.start_evaluation(
        plan.phase, kind="mid_term", title="12 months", as_of=dt.date(2023, 12, 31), by=SYSTEM
    )
    elsewhere = cast.other_body.units.get()
    with refused("owner_unit"):
        services.add_recommendation(evaluation, text="x", owner_unit=elsewhere, by=SYSTEM)


def test_an_activity_without_a_lead_unit_or_outside_the_phase_is_refused(plan: Plan) -> None:
    with refused("lead_units"):
        services.add_activity(
            plan.output,
            code="A9",
            title={"en": "x"},
            lead_units=[],
            starts_on=dt.date(2023, 1, 1),
            ends_on=dt.date(2023, 2, 1),
            by=SYSTEM,
        )
    with refused("starts_on"):
        services.add_activity(
            plan.output,
            code="A9",
            title={"en": "x"},
            lead_units=[plan.activity.lead_units.get()],
            starts_on=dt.date(2022, 1, 1),
            ends_on=dt.date(2023, 2, 1),
            by=SYSTEM,
        )
    assert not Activity.objects.filter(code="A9").exists()


def test_a_good_practice_must_meet_the_three_criteria(plan: Plan) -> None:
    evaluation = services.start_evaluation(
        plan.phase, kind="mid_term", title="12 months", as_of=dt.date(2023, 12, 31), by=SYSTEM
    )
    with refused("replicable"):
        services.add_good_practice(
            evaluation,
            title="Hotline",
            what="A shared hotline",
            evidence="Calls doubled",
            shows_results=True,
            cause_effect=True,
            replicable=False,
            by=SYSTEM,
        )
    assert not GoodPractice.objects.exists()


def test_a_phase_that_ends_before_it_starts_is_refused(cast: Cast) -> None:
    with refused("ends_on"):
        services.create_phase(
            body=cast.body,
            name="x",
            starts_on=dt.date(2024, 1, 1),
            ends_on=dt.date(2023, 1, 1),
            by=SYSTEM,
        )
    assert not Phase.objects.exists()


# --- what is kept ------------------------------------------------------------------------


def test_an_actual_keeps_its_definition_and_a_new_definition_asks_about_the_baseline(
    plan: Plan,
) -> None:
    services.add_baseline(plan.count, on=dt.date(2022, 12, 31), value=10, by=SYSTEM)
    services.record_actual(
        plan.count,
        period_key="2023Q1",
        value=12,
        comment="From the inbox",
        evidence_url="https://example.org/alerts",
        by=SYSTEM,
    )
    with refused("restate_baseline"):
        services.change_definition(plan.count, text="Alerts and requests", by=SYSTEM)
    new = services.change_definition(
        plan.count,
        text="Alerts and requests",
        restate_baseline=True,
        baseline_value=15,
        by=SYSTEM,
    )
    services.record_actual(plan.count, period_key="2023Q1", value=20, by=SYSTEM)
    versions = dict(
        Actual.objects.filter(indicator=plan.count).values_list("definition__number", "value")
    )
    assert versions == {1: Decimal("12.00"), 2: Decimal("20.00")}
    restated = Baseline.objects.get(definition=new)
    assert restated.value == Decimal("15.00") and restated.restates is not None


def test_the_phase_page_shows_the_actual_of_the_latest_definition_whatever_was_written_last(
    plan: Plan,
) -> None:
    services.record_actual(plan.count, period_key="2023Q1", value=12, by=SYSTEM)
    services.change_definition(plan.count, text="Alerts and requests", by=SYSTEM)
    services.record_actual(plan.count, period_key="2023Q1", value=20, by=SYSTEM)
    old = Actual.objects.get(indicator=plan.count, definition__number=1)
    old.delete()  # written again after the new definition's, as an import of old figures would
    old.pk = None
    old.save()

    dashboard = selectors.phase_dashboard(plan.phase)

    [row] = [r for n in dashboard.results for r in n.indicators if r.indicator == plan.count]
    assert row.actual is not None and row.actual.value == Decimal("20.00")


def test_a_focal_point_of_the_lead_unit_records_its_activity_actuals_and_no_other(
    plan: Plan, cast: Cast
) -> None:
    services.record_actual(plan.percent, period_key="2023Q2", value="87.5", by=cast.focal_a)
    with pytest.raises(PermissionDenied):
        services.record_actual(plan.percent, period_key="2023Q2", value=90, by=cast.focal_b)
    with pytest.raises(PermissionDenied):  # a result's indicator is the secretariat's
        services.record_actual(plan.count, period_key="2023Q2", value=9, by=cast.focal_a)
    assert Actual.objects.get().value == Decimal("87.50")


def test_the_owner_unit_responds_and_follows_up_until_done(plan: Plan, cast: Cast) -> None:
    evaluation = services.start_evaluation(
        plan.phase, kind="mid_term", title="12 months", as_of=dt.date(2023, 12, 31), by=SYSTEM
    )
    rec = services.add_recommendation(
        evaluation, text="Train hotline staff", owner_unit=cast.unit_a, by=cast.secretariat
    )
    assert cast.focal_a.notifications.filter(kind="recommendation_owned").exists()
    with pytest.raises(PermissionDenied):
        services.respond_to_recommendation(
            rec, response="accepted", by=cast.focal_b, due_on=dt.date(2024, 6, 30)
        )
    with refused("due_on"):
        services.respond_to_recommendation(rec, response="accepted", by=cast.focal_a)
    services.respond_to_recommendation(
        rec,
        response="partial",
        text="Staff of two provinces",
        due_on=dt.date(2024, 6, 30),
        by=cast.focal_a,
    )
    services.follow_up_recommendation(
        rec,
        status="in_progress",
        note="First course held",
        on=dt.date(2024, 3, 1),
        by=cast.focal_a,
    )
    services.follow_up_recommendation(
        rec, status="done", note="Second course held", on=dt.date(2024, 5, 2), by=cast.focal_a
    )
    rec.refresh_from_db()
    assert rec.response == "partial" and rec.follow_up == "done"
    assert rec.done_on == dt.date(2024, 5, 2)
    assert rec.follow_up_notes.splitlines() == [
        "2024-03-01: First course held",
        "2024-05-02: Second course held",
    ]
    assert not rec.is_open


def test_the_next_phase_carries_priorities_and_open_recommendations(plan: Plan, cast: Cast) -> None:
    evaluation = services.start_evaluation(
        plan.phase, kind="mid_term", title="12 months", as_of=dt.date(2023, 12, 31), by=SYSTEM
    )
    open_rec = services.add_recommendation(
        evaluation,
        text="Train hotline staff",
        owner_unit=cast.unit_b,
        due_on=dt.date(2025, 6, 30),
        by=SYSTEM,
    )
    rejected = services.add_recommendation(
        evaluation, text="Buy a plane", owner_unit=cast.unit_a, by=SYSTEM
    )
    services.respond_to_recommendation(rejected, response="rejected", text="No budget", by=SYSTEM)
    services.add_priority(evaluation, text="Online-scam recruitment", by=SYSTEM)
    new = services.create_next_phase(
        plan.phase,
        name="2025-2026",
        starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2026, 12, 31),
        by=cast.secretariat,
    )
    assert new.predecessor == plan.phase and new.status == "draft"
    assert [r.display_title for r in new.results.filter(code__startswith="P")] == [
        "Online-scam recruitment"
    ]
    carried = new.activities.get()
    assert carried.from_recommendation == open_rec
    assert list(carried.lead_units.all()) == [cast.unit_b]
    assert carried.ends_on == dt.date(2025, 6, 30)
    assert new.pillars.count() == plan.phase.pillars.count()


def test_progress_updates_are_obligations_of_the_lead_units(plan: Plan, cast: Cast) -> None:
    assert services.open_progress_updates(plan.phase, by=cast.secretariat) == 1
    plan.activity.refresh_from_db()
    obligation = plan.activity.obligation
    assert obligation is not None
    assert list(obligation.units.all()) == [cast.unit_a]
    assert obligation.period_type == "quarterly"
    assert obligation.starts_on == plan.activity.starts_on
    assert obligation.ends_on == plan.activity.ends_on
    assert [p.key for p in obligation.periods_until(dt.date(2030, 1, 1))] == [
        "2023Q1",
        "2023Q2",
        "2023Q3",
        "2023Q4",
    ]
    # a second call opens nothing more
    assert services.open_progress_updates(plan.phase, by=cast.secretariat) == 0


def test_only_the_secretariat_drafts_a_phase(cast: Cast) -> None:
    for person in (cast.focal_a, cast.leader, cast.analyst, cast.stranger):
        with pytest.raises(PermissionDenied):
            services.create_phase(
                body=cast.body,
                name="x",
                starts_on=dt.date(2023, 1, 1),
                ends_on=dt.date(2023, 12, 31),
                by=person,
            )
    assert not Phase.objects.exists()


def test_a_late_progress_update_shows_in_the_matrix_as_a_late_report(
    plan: Plan, cast: Cast
) -> None:
    import time_machine

    from lintas.reporting import selectors as reporting_selectors
    from lintas.reporting import services as reporting

    services.open_progress_updates(plan.phase, by=cast.secretariat)
    plan.activity.refresh_from_db()
    obligation = plan.activity.obligation
    assert obligation is not None
    answers = {"status": "under_way", "achieved": "Hotline staff hired"}
    # 2023Q1 arrives 10 days after the quarter (due in 15): on time; 2023Q2 a month late
    zone = cast.body.tzinfo
    for key, day in (
        ("2023Q1", dt.datetime(2023, 4, 10, 9, tzinfo=zone)),
        ("2023Q2", dt.datetime(2023, 8, 15, 9, tzinfo=zone)),
    ):
        with time_machine.travel(day, tick=False):
            draft = reporting.start_submission(
                obligation=obligation, unit=cast.unit_a, period_key=key, by=cast.focal_a
            )
            reporting.submit_report(draft, by=cast.focal_a, data=answers, revision=draft.revision)
    with time_machine.travel(dt.datetime(2023, 9, 1, tzinfo=zone), tick=False):
        matrix = reporting_selectors.reporting_matrix(obligation)
    assert [c.state for c in matrix.rows[0].cells] == ["on_time", "late", "not_yet_due"]
    assert matrix.total.on_time == 1 and matrix.total.actual == 2
