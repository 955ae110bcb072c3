"""The plans pages: who sees and changes what, refusals that name the field, query counts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lintas.plans import services
from lintas.plans.models import Actual, Phase, Recommendation, Target
from lintas.policy import SYSTEM
from tests.conftest import Cast, ClientFor
from tests.plans.conftest import Plan


def _url(name: str, plan: Plan, **kw: int) -> str:
    return reverse(name, kwargs={"slug": plan.phase.body.slug, "phase_id": plan.phase.pk, **kw})


def test_the_dashboard_shows_the_results_chain_to_every_member(
    plan: Plan, cast: Cast, client_for: ClientFor
) -> None:
    services.set_target(plan.count, period_key="2023Q4", value=40, by=SYSTEM)
    services.record_actual(plan.count, period_key="2023Q4", value=30, by=SYSTEM)
    page = client_for(cast.leader).get(_url("plans:phase", plan))
    assert page.status_code == 200
    text = page.content.decode()
    assert "1.1 Units share alerts" in text and "A1 Set up the hotline" in text
    assert "2023Q4: 30 / 40" in text
    assert "Add a result" not in text  # a leader reads only
    assert client_for(cast.stranger).get(_url("plans:phase", plan)).status_code == 404


def test_the_dashboard_shows_vietnamese_titles_in_vietnamese(
    plan: Plan, cast: Cast, client_for: ClientFor
) -> None:
    client = client_for(cast.secretariat)
    client.post(reverse("set-language"), {"language": "vi"})
    text = client.get(_url("plans:phase", plan)).content.decode()
    assert "Các đơn vị chia sẻ cảnh báo" in text


def test_a_reader_may_not_change_the_phase(plan: Plan, cast: Cast, client_for: ClientFor) -> None:
    for person in (cast.leader, cast.focal_a):
        answer = client_for(person).post(
            _url("plans:phase", plan), {"action": "pillar", "name_en": "Protection"}
        )
        assert answer.status_code == 403
    assert plan.phase.pillars.count() == 1


def test_a_target_outside_the_phase_is_refused_on_the_page_naming_the_field(
    plan: Plan, cast: Cast, client_for: ClientFor
) -> None:
    client = client_for(cast.secretariat)
    answer = client.post(
        _url("plans:indicator", plan, indicator_id=plan.count.pk),
        {"action": "target", "period": "2026Q1", "value": "5"},
        follow=True,
    )
    assert "Period: The period 2026Q1 is outside the phase" in answer.content.decode()
    assert not Target.objects.exists()


def test_the_lead_units_focal_point_records_an_actual_with_evidence(
    plan: Plan, cast: Cast, client_for: ClientFor
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(cast.focal_a)
    answer = client.post(
        _url("plans:indicator", plan, indicator_id=plan.percent.pk),
        {
            "action": "actual",
            "period": "2023Q3",
            "value": "140",
            "comment": "Too many",
        },
        follow=True,
    )
    assert "Value: A percentage cannot be over 100." in answer.content.decode()
    client.post(
        _url("plans:indicator", plan, indicator_id=plan.percent.pk),
        {
            "action": "actual",
            "period": "2023Q3",
            "value": "72.5",
            "comment": "Night shift added",
            "evidence": SimpleUploadedFile("log.txt", b"calls"),
        },
    )
    actual = Actual.objects.get()
    assert (actual.comment, actual.evidence_name, bytes(actual.evidence or b"")) == (
        "Night shift added",
        "log.txt",
        b"calls",
    )
    file = client.get(_url("plans:evidence", plan, actual_id=actual.pk))
    assert file.status_code == 200 and file.content == b"calls"
    # unit B contributes but does not lead: it may not record
    answer = client_for(cast.focal_b).post(
        _url("plans:indicator", plan, indicator_id=plan.percent.pk),
        {"action": "actual", "period": "2023Q4", "value": "80"},
    )
    assert answer.status_code == 403


def test_the_evaluation_page_and_the_owner_units_response(
    plan: Plan, cast: Cast, client_for: ClientFor
) -> None:
    services.set_target(plan.count, period_key="2023Q4", value=40, by=SYSTEM)
    services.add_baseline(plan.count, on=dt.date(2022, 12, 31), value=10, by=SYSTEM)
    services.record_actual(plan.count, period_key="2023Q4", value=31, by=SYSTEM)
    evaluation = services.start_evaluation(
        plan.phase, kind="mid_term", title="12 months", as_of=dt.date(2023, 12, 31), by=SYSTEM
    )
    sec = client_for(cast.secretariat)
    url = _url("plans:evaluation", plan, evaluation_id=evaluation.pk)
    answer = sec.post(url, {"action": "recommendation", "text": "Train staff"}, follow=True)
    assert "Owner unit: Name the unit that owns the recommendation." in answer.content.decode()
    sec.post(url, {"action": "recommendation", "text": "Train staff", "owner_unit": cast.unit_a.pk})
    rec = Recommendation.objects.get()
    assert (
        client_for(cast.focal_b)
        .post(url, {"action": "respond", "recommendation": rec.pk, "response": "accepted"})
        .status_code
        == 403
    )
    client_for(cast.focal_a).post(
        url,
        {
            "action": "respond",
            "recommendation": rec.pk,
            "response": "accepted",
            "due_on": "2024-06-30",
        },
    )
    rec.refresh_from_db()
    assert rec.response == "accepted"
    text = sec.get(url).content.decode()
    # (31 - 10) / (40 - 10) = 70%: at risk under the default rules (on track from 90%)
    assert "At risk: 1" in text
    chart = sec.get(_url("plans:evaluation-chart", plan, evaluation_id=evaluation.pk))
    assert chart.status_code == 200 and chart.content.startswith(b"\x89PNG")


def test_the_next_phase_page_carries_the_recommendation(
    plan: Plan, cast: Cast, client_for: ClientFor
) -> None:
    evaluation = services.start_evaluation(
        plan.phase, kind="mid_term", title="12 months", as_of=dt.date(2023, 12, 31), by=SYSTEM
    )
    rec = services.add_recommendation(
        evaluation, text="Train staff", owner_unit=cast.unit_a, by=SYSTEM
    )
    answer = client_for(cast.secretariat).post(
        _url("plans:next-phase", plan),
        {
            "name": "2025-2026",
            "starts_on": "2025-01-01",
            "ends_on": "2026-12-31",
            "recommendations": [rec.pk],
        },
    )
    new = Phase.objects.get(name="2025-2026")
    assert answer["Location"] == reverse(
        "plans:phase", kwargs={"slug": cast.body.slug, "phase_id": new.pk}
    )
    assert new.activities.get().from_recommendation == rec


def test_the_timeline_draws_each_activity_as_a_bar(
    plan: Plan, cast: Cast, client_for: ClientFor
) -> None:
    services.add_milestone(plan.activity, name="Line open", due_on=dt.date(2023, 6, 1), by=SYSTEM)
    text = client_for(cast.focal_c).get(_url("plans:timeline", plan)).content.decode()
    # Feb 2023 is 4% into a two-year phase, Dec 2023 50%
    assert "tl-bar planned tl-l-4 tl-w-46" in text
    assert 'aria-label="Line open"' in text
    by_unit = client_for(cast.focal_c).get(_url("plans:timeline", plan) + "?by=unit")
    assert "<h3>Agency A</h3>" in by_unit.content.decode()


def test_the_library_finds_clear_records_of_other_bodies(
    plan: Plan, cast: Cast, client_for: ClientFor
) -> None:
    evaluation = services.start_evaluation(
        plan.phase, kind="mid_term", title="12 months", as_of=dt.date(2023, 12, 31), by=SYSTEM
    )
    services.add_lesson(evaluation, title="Hotline hours", what="Nights matter", by=SYSTEM)
    services.add_lesson(evaluation, title="Shared ledger", what="Clear", tlp="clear", by=SYSTEM)
    url = reverse("plans:library", kwargs={"slug": cast.other_body.slug})
    text = client_for(cast.stranger).get(url).content.decode()
    assert "Shared ledger" in text and "Hotline hours" not in text
    mine = reverse("plans:library", kwargs={"slug": cast.body.slug})
    found = client_for(cast.leader).get(mine + "?q=nights").content.decode()
    assert "Hotline hours" in found and "Shared ledger" not in found


def _grow(plan: Plan, cast: Cast, n: int) -> None:
    for i in range(n):
        result = services.add_result(
            plan.phase,
            level="output",
            code=f"9.{i}",
            title={"en": f"r{i}"},
            parent=plan.outcome,
            by=SYSTEM,
        )
        activity = services.add_activity(
            result,
            code=f"G{i}",
            title={"en": f"a{i}"},
            lead_units=[cast.unit_a, cast.unit_b],
            contributing_units=[cast.unit_c],
            starts_on=dt.date(2023, 1, 1),
            ends_on=dt.date(2023, 6, 30),
            by=SYSTEM,
        )
        indicator = services.add_indicator(
            activity=activity,
            code=f"GI{i}",
            name={"en": f"i{i}"},
            measure="count",
            definition="d",
            by=SYSTEM,
        )
        services.add_baseline(indicator, on=dt.date(2022, 1, 1), value=1, by=SYSTEM)
        services.set_target(indicator, period_key="2023Q1", value=5, by=SYSTEM)
        services.record_actual(indicator, period_key="2023Q1", value=4, by=SYSTEM)


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_dashboard_and_timeline_take_as_many_queries_small_as_large(
    plan: Plan, cast: Cast, client_for: ClientFor
) -> None:
    client = client_for(cast.secretariat)
    _grow(plan, cast, 1)
    small = [_queries(client, _url(n, plan)) for n in ("plans:phase", "plans:timeline")]
    _grow_more = _grow  # another batch with other codes
    for i in range(6):
        result = services.add_result(
            plan.phase, level="output", code=f"8.{i}", title={"en": "x"}, by=SYSTEM
        )
        services.add_activity(
            result,
            code=f"H{i}",
            title={"en": "x"},
            lead_units=[cast.unit_c],
            starts_on=dt.date(2023, 1, 1),
            ends_on=dt.date(2023, 3, 1),
            by=SYSTEM,
        )
    del _grow_more
    large = [_queries(client, _url(n, plan)) for n in ("plans:phase", "plans:timeline")]
    assert small == large


def test_figures_are_written_as_their_measure_in_the_readers_language(
    plan: Plan, cast: Cast, client_for: ClientFor
) -> None:
    services.record_actual(plan.percent, period_key="2023Q2", value="93.75", by=SYSTEM)
    services.record_actual(plan.count, period_key="2023Q2", value=250000, by=SYSTEM)
    client = client_for(cast.leader)
    share = reverse("plans:indicator", args=["twg", plan.phase.pk, plan.percent.pk])

    phase_en, share_en = client.get(_url("plans:phase", plan)), client.get(share)
    client.post(reverse("set-language"), {"language": "vi"})
    phase_vi, share_vi = client.get(_url("plans:phase", plan)), client.get(share)

    assert "2023Q2: 250,000" in phase_en.content.decode()
    assert "2023Q2: 250.000" in phase_vi.content.decode()
    assert "93.8%" in share_en.content.decode() and "93.75" not in share_en.content.decode()
    assert "93,8 %" in share_vi.content.decode()
