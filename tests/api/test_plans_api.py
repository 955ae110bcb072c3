"""What the plans pages do, a script does through /api/v1/ too: pillars, result edits, milestones,
baselines and definition versions, findings and priorities, the next phase carrying an open
recommendation, and the report files; bad input answers 400 naming the field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from lintas.members.models import User
from lintas.plans import services
from lintas.plans.models import Activity, Phase, PlanDocument
from lintas.policy import SYSTEM
from tests.api.conftest import ApiClient
from tests.conftest import Cast
from tests.plans.conftest import Plan, make_plan

pytestmark = pytest.mark.django_db

ApiAs = Callable[[User], ApiClient]


@pytest.fixture
def plan(cast: Cast) -> Plan:
    return make_plan(cast)


def _url(plan: Plan, rest: str = "") -> str:
    return f"bodies/{plan.phase.body.slug}/phases/{plan.phase.pk}{rest}"


def test_a_script_shapes_the_phase_and_records_its_milestones(
    plan: Plan, cast: Cast, api_as: ApiAs
) -> None:
    sec, lead = api_as(cast.secretariat), api_as(cast.focal_a)

    pillar = sec.post(_url(plan, "/pillars"), {"name": {"en": "Protecting victims"}})
    assert pillar.status_code == 201 and pillar.json()["number"] == 2
    edited = sec.patch(
        _url(plan, f"/results/{plan.output.pk}"),
        {"title": {"en": "A hotline open day and night"}, "pillar_id": pillar.json()["id"]},
    )
    assert edited.status_code == 200, edited.content
    assert edited.json()["title"]["en"] == "A hotline open day and night"
    assert edited.json()["pillar_id"] == pillar.json()["id"]

    path = _url(plan, f"/activities/{plan.activity.pk}")
    outside = lead.post(path + "/milestones", {"name": "Staff trained", "due_on": "2024-04-30"})
    assert outside.status_code == 400 and outside.json()["field"] == "due_on"
    milestone = lead.post(path + "/milestones", {"name": "Staff trained", "due_on": "2023-04-30"})
    assert milestone.status_code == 201
    done = lead.post(
        _url(plan, f"/milestones/{milestone.json()['id']}/done"), {"done_on": "2023-04-28"}
    )
    assert done.json() == {**milestone.json(), "done_on": "2023-04-28"}
    assert lead.put(path + "/status", {"status": "under_way"}).json()["status"] == "under_way"
    assert lead.put(path + "/status", {"status": "finished"}).json()["field"] == "status"
    assert Activity.objects.get(pk=plan.activity.pk).status == "under_way"
    # the lead unit records its own activity, not the phase's shape
    assert lead.post(_url(plan, "/pillars"), {"name": {"en": "X"}}).status_code == 403
    assert sec.put(_url(plan, "/status"), {"status": "active"}).json()["status"] == "active"


def test_baselines_and_definition_versions_through_the_api(
    plan: Plan, cast: Cast, api_as: ApiAs
) -> None:
    sec = api_as(cast.secretariat)
    path = _url(plan, f"/indicators/{plan.percent.pk}")

    baseline = sec.post(path + "/baselines", {"on": "2022-12-31", "value": 40})
    assert baseline.status_code == 201 and baseline.json()["baseline"] == 40.0
    changed = sec.post(
        path + "/definitions",
        {
            "text": "Share of calls answered within 30 seconds",
            "restate_baseline": True,
            "baseline_value": 31,
            "note": "Stricter",
        },
    )
    assert changed.status_code == 201, changed.content
    row = changed.json()
    assert row["definition"] == "Share of calls answered within 30 seconds"
    assert row["definition_version"] == 2
    assert row["baseline"] == 31.0
    empty = sec.post(path + "/definitions", {"text": " "})
    assert empty.status_code == 400 and empty.json()["field"] == "text"
    assert sec.get(path).json()["definition_version"] == 2  # nothing saved by the refusal


def test_the_next_phase_is_drafted_through_the_api_carrying_an_open_recommendation(
    plan: Plan, cast: Cast, api_as: ApiAs
) -> None:
    sec, owner = api_as(cast.secretariat), api_as(cast.focal_a)
    evaluation = services.start_evaluation(
        plan.phase, kind="mid_term", title="12 months", as_of=dt.date(2023, 12, 31), by=SYSTEM
    )
    ev = _url(plan, f"/evaluations/{evaluation.pk}")
    assert sec.put(ev + "/findings", {"findings": "Most calls answered."}).status_code == 200
    priority = sec.post(ev + "/priorities", {"text": "Online-scam recruitment"})
    assert priority.status_code == 201
    rec = sec.post(
        ev + "/recommendations", {"text": "Staff the night shift", "owner_unit_id": cast.unit_a.pk}
    )
    rec_id = rec.json()["id"]
    answered = owner.post(
        f"bodies/{cast.body.slug}/recommendations/{rec_id}/response",
        {"response": "accepted", "due_on": "2024-06-30"},
    )
    assert answered.status_code == 200

    offers = sec.get(_url(plan, "/next-phase")).json()
    assert [p["text"] for p in offers["priorities"]] == ["Online-scam recruitment"]
    assert [r["id"] for r in offers["recommendations"]] == [rec_id]
    assert owner.get(_url(plan, "/next-phase")).status_code == 403
    early = sec.post(
        _url(plan, "/next-phase"),
        {"name": "2025-2026", "starts_on": "2022-01-01", "ends_on": "2023-12-31"},
    )
    assert early.status_code == 400 and early.json()["field"] == "starts_on"
    made = sec.post(
        _url(plan, "/next-phase"),
        {
            "name": "2025-2026",
            "starts_on": "2025-01-01",
            "ends_on": "2026-12-31",
            "recommendation_ids": [rec_id],
        },
    )
    assert made.status_code == 201, made.content
    new = Phase.objects.get(pk=made.json()["id"])
    assert made.json()["predecessor_id"] == plan.phase.pk and new.status == "draft"
    assert new.activities.filter(from_recommendation_id=rec_id).exists()
    evaluation.refresh_from_db()
    assert evaluation.findings == "Most calls answered."


def test_a_ready_report_is_downloaded_and_an_unready_one_is_not(
    plan: Plan, cast: Cast, api_as: ApiAs
) -> None:
    reader = api_as(cast.leader)
    ready = PlanDocument.objects.create(
        phase=plan.phase, kind="progress", status="done", docx=b"PK\x03\x04", pdf=b"%PDF-1.7"
    )
    queued = PlanDocument.objects.create(phase=plan.phase, kind="progress")

    pdf = reader.get(_url(plan, f"/documents/{ready.pk}/pdf"))
    assert pdf.status_code == 200 and pdf.content == b"%PDF-1.7"
    assert pdf["Content-Type"] == "application/pdf"
    assert reader.get(_url(plan, f"/documents/{ready.pk}/docx")).content == b"PK\x03\x04"
    assert reader.get(_url(plan, f"/documents/{ready.pk}/exe")).status_code == 404
    assert reader.get(_url(plan, f"/documents/{queued.pk}/pdf")).status_code == 404
    assert api_as(cast.stranger).get(_url(plan, f"/documents/{ready.pk}/pdf")).status_code == 404
