"""Demo plans for the working group: its Joint Action Phase 2023-2024 (four pillars: information
sharing, disrupting networks, protecting victims, preventing fake overseas job offers and
online-scam recruitment; activities led by member countries), the lead units' quarterly
progress updates (owed through the reports, as ``open_progress_updates`` opens them), the
quarters' actuals, the 12-month evaluation with lessons, good practices, recommendations and
their management responses, and the draft phase 2025-2026 seeded from it. Everything goes
through the services, except the progress updates themselves: they are history, written as the
reporting demo writes its own. Loading twice adds nothing."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction

from lintas.members.models import Body, Role, Unit, User
from lintas.plans import services
from lintas.plans.demo.data import (
    ACTIVITIES,
    EVALUATION,
    GOOD_PRACTICES,
    INDICATORS,
    LESSONS,
    PHASE,
    PILLARS,
    PRIORITIES,
    PROGRESS,
    RECOMMENDATIONS,
    RESULTS,
)
from lintas.plans.models import Activity, Phase
from lintas.policy import SYSTEM
from lintas.reporting.demo import record_report

NEXT_PHASE = "Joint Action Phase 2025-2026"


def _secretariat(body: Body) -> User | None:
    m = body.memberships.filter(role=Role.SECRETARIAT).select_related("user").first()
    return m.user if m else None


def _progress_updates(phase: Phase) -> None:
    """Each activity's lead units sent their update some days after each quarter; one came
    after the deadline."""
    rng = random.Random(2024)  # noqa: S311 (fictional data, reproducible)
    for activity in Activity.objects.filter(phase=phase).select_related("obligation"):
        obligation = activity.obligation
        if obligation is None:
            continue
        quarters = obligation.periods_until(activity.ends_on)
        for period, (status, achieved, difficulties) in zip(
            quarters, PROGRESS[activity.code], strict=False
        ):
            late = activity.code == "A4" and period == quarters[-1]
            for unit in activity.lead_units.order_by("name"):
                record_report(
                    obligation=obligation,
                    unit=unit,
                    period=period,
                    data={
                        "status": status,
                        "achieved": achieved,
                        "difficulties": difficulties or None,
                    },
                    sent_on=period.end + dt.timedelta(days=25 if late else rng.randint(4, 12)),
                    rng=rng,
                )


@transaction.atomic
def load_plans_demo() -> Phase | None:
    """The working group's phases; the first phase, or None when the body is missing or the
    demo is there already."""
    from lintas.members.demo import WG_SLUG

    body = Body.objects.filter(slug=WG_SLUG).first()
    if body is None or Phase.objects.filter(body=body, name=PHASE["name"]).exists():
        return None
    units = {u.short_name: u for u in Unit.objects.filter(body=body) if u.short_name}
    by = _secretariat(body) or SYSTEM
    phase = services.create_phase(
        body=body,
        name=PHASE["name"],
        starts_on=dt.date(2023, 1, 1),
        ends_on=dt.date(2024, 12, 31),
        description=PHASE["description"],
        by=by,
    )
    pillars = [services.add_pillar(phase, name=name, by=by) for name in PILLARS]
    results: dict[str, Any] = {}
    for code, level, parent, pillar, title in RESULTS:
        results[code] = services.add_result(
            phase,
            level=level,
            code=code,
            title=title,
            parent=results.get(parent) if parent else None,
            pillar=pillars[pillar - 1] if pillar else None,
            by=by,
        )
    activities: dict[str, Any] = {}
    for code, result, leads, helpers, start, end, status, title, milestones in ACTIVITIES:
        activity = services.add_activity(
            results[result],
            code=code,
            title=title,
            lead_units=[units[s] for s in leads],
            contributing_units=[units[s] for s in helpers],
            starts_on=dt.date.fromisoformat(start),
            ends_on=dt.date.fromisoformat(end),
            status=status,
            by=by,
        )
        for name, due, done in milestones:
            milestone = services.add_milestone(
                activity, name=name, due_on=dt.date.fromisoformat(due), by=by
            )
            if done:
                services.complete_milestone(milestone, done_on=dt.date.fromisoformat(done), by=by)
        activities[code] = activity
    for spec in INDICATORS:
        owner = spec["on"]
        indicator = services.add_indicator(
            result=results.get(owner),
            activity=activities.get(owner),
            code=spec["code"],
            name=spec["name"],
            measure=spec["measure"],
            direction=spec.get("direction", "higher"),
            definition=spec["definition"],
            data_source=spec.get("data_source", ""),
            source=spec.get("source", "entered"),
            by=by,
        )
        if "baseline" in spec:
            services.add_baseline(
                indicator, on=dt.date(2022, 12, 31), value=spec["baseline"], by=by
            )
        for key, value in spec.get("targets", {}).items():
            services.set_target(indicator, period_key=key, value=value, by=by)
        for key, value, comment in spec.get("actuals", []):
            services.record_actual(
                indicator,
                period_key=key,
                value=value,
                comment=comment,
                by=SYSTEM,
            )
    services.open_progress_updates(phase, by=by)
    _progress_updates(phase)
    services.compute_actuals(phase, by=by, today=dt.date(2025, 1, 10))
    services.set_phase_status(phase, status=Phase.Status.ACTIVE, by=by)

    evaluation = services.start_evaluation(
        phase,
        kind="mid_term",
        title=EVALUATION["title"],
        as_of=dt.date(2023, 12, 31),
        by=by,
    )
    services.write_findings(evaluation, findings=EVALUATION["findings"], by=by)
    for lesson in LESSONS:
        services.add_lesson(evaluation, by=by, **lesson)
    for practice in GOOD_PRACTICES:
        services.add_good_practice(
            evaluation, shows_results=True, cause_effect=True, replicable=True, by=by, **practice
        )
    for text, owner, due, response, answer, follow in RECOMMENDATIONS:
        rec = services.add_recommendation(
            evaluation,
            text=text,
            owner_unit=units[owner],
            due_on=dt.date.fromisoformat(due),
            by=by,
        )
        if response:
            services.respond_to_recommendation(rec, response=response, text=answer, by=SYSTEM)
        for status, note, on in follow:
            services.follow_up_recommendation(
                rec, status=status, note=note, on=dt.date.fromisoformat(on), by=SYSTEM
            )
    for pillar, text in PRIORITIES:
        services.add_priority(evaluation, text=text, pillar=pillars[pillar - 1], by=by)
    services.create_next_phase(
        phase,
        name=NEXT_PHASE,
        starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2026, 12, 31),
        by=by,
    )
    return phase
