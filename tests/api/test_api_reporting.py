"""Outcomes of the reporting operations of the API: a report's life, conflicts, refusals, the
measures, and who sees what. Who may call each operation is in test_api_permission_matrix."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lintas.audit.models import AuditEntry
from lintas.members import services as members
from lintas.members.models import Role, Unit, User
from lintas.policy import SYSTEM
from lintas.reporting import selectors, services
from lintas.reporting.models import Obligation, Submission, SubmissionRevision, TemplateVersion
from tests.api.conftest import ApiClient
from tests.conftest import Cast
from tests.reporting.conftest import GOOD, STRUCTURE

ApiAs = Callable[[User], ApiClient]
UTC = dt.UTC
S = Submission.State


def at(year: int, month: int, day: int) -> time_machine.travel:
    return time_machine.travel(dt.datetime(year, month, day, 3, 0, tzinfo=UTC), tick=False)


@pytest.fixture
def obligation(cast: Cast) -> Obligation:
    """Monthly reports from units A, B and C since January 2024; due and on time 10 days after
    the month, locked after 30."""
    template = services.create_template(
        body=cast.body,
        code="monthly-situation",
        name={"en": "Monthly situation report"},
        structure=STRUCTURE,
        by=cast.secretariat,
    )
    return services.define_obligation(
        body=cast.body,
        template=template,
        units=[cast.unit_a, cast.unit_b, cast.unit_c],
        period_type="monthly",
        starts_on=dt.date(2024, 1, 1),
        due_days=10,
        expiry_days=30,
        by=cast.secretariat,
    )


@pytest.fixture
def sec(cast: Cast, api_as: ApiAs) -> ApiClient:
    return api_as(cast.secretariat)


@pytest.fixture
def focal_a(cast: Cast, api_as: ApiAs) -> ApiClient:
    return api_as(cast.focal_a)


def _url(submission_id: int, action: str = "") -> str:
    return f"bodies/twg/submissions/{submission_id}" + (f"/{action}" if action else "")


def _start(client: ApiClient, obligation: Obligation, unit: Unit, period: str = "2024-03") -> Any:
    response = client.post(
        "bodies/twg/submissions",
        {"obligation_id": obligation.pk, "unit_id": unit.pk, "period": period},
    )
    assert response.status_code in {200, 201}, response.content
    return response.json()


def _draft(cast: Cast, obligation: Obligation, data: dict[str, Any] | None = None) -> Submission:
    report = services.start_submission(
        obligation=obligation, unit=cast.unit_a, period_key="2024-03", by=cast.focal_a
    )
    services.save_draft(report, data=data or GOOD, revision=report.revision, by=cast.focal_a)
    return report


def _submitted(cast: Cast, obligation: Obligation) -> Submission:
    report = _draft(cast, obligation)
    services.submit_report(report, by=cast.focal_a)
    return report


# --- the life of a report -------------------------------------------------------------------


def test_a_report_goes_from_template_to_acceptance_through_the_api(
    cast: Cast, sec: ApiClient, focal_a: ApiClient
) -> None:
    with at(2024, 4, 2):
        created = sec.post(
            "bodies/twg/report-templates",
            {"code": "monthly", "name": {"en": "Monthly report"}, "structure": STRUCTURE},
        )
        assert created.status_code == 201, created.content
        defined = sec.post(
            "bodies/twg/obligations",
            {
                "template_id": created.json()["id"],
                "unit_ids": [cast.unit_a.pk, cast.unit_b.pk],
                "period_type": "monthly",
                "starts_on": "2024-01-01",
                "due_days": 10,
            },
        )
        assert defined.status_code == 201, defined.content
        obligation = Obligation.objects.get(pk=defined.json()["id"])

        started = focal_a.post(
            "bodies/twg/submissions",
            {"obligation_id": obligation.pk, "unit_id": cast.unit_a.pk, "period": "2024-03"},
        )
        assert started.status_code == 201
        report = started.json()
        assert (report["state"], report["template_version"]) == ("draft", 1)

        saved = focal_a.patch(_url(report["id"]), {"data": {"cases": 7}, "revision": 1})
        assert saved.status_code == 200, saved.content
        assert saved.json()["data"]["cases"] == 7
        assert saved.json()["revision"] == 2
        assert (saved.json()["required_filled"], saved.json()["required_total"]) == (1, 3)

    with at(2024, 4, 5):
        sent = focal_a.post(_url(report["id"], "submit"), {"data": GOOD, "revision": 2})
        assert sent.status_code == 200, sent.content
        assert sent.json()["state"] == "submitted"

    with at(2024, 4, 12):
        returned = sec.post(_url(report["id"], "return"), {"reason": "Victims figure looks low."})
        assert returned.status_code == 200
        seen = focal_a.get(_url(report["id"])).json()
        assert seen["state"] == "returned"
        assert seen["return_reason"] == "Victims figure looks low."

    with at(2024, 4, 14):
        fixed = focal_a.patch(
            _url(report["id"]), {"data": {**GOOD, "victims": 11}, "revision": seen["revision"]}
        )
        assert fixed.status_code == 200, fixed.content
        assert focal_a.post(_url(report["id"], "submit"), {}).json()["state"] == "submitted"
        accepted = sec.post(_url(report["id"], "accept"))
        assert accepted.status_code == 200
        assert accepted.json()["state"] == "accepted"

    detail = sec.get(_url(report["id"])).json()
    assert detail["data"]["victims"] == 11
    assert detail["first_complete_at"].startswith("2024-04-05")
    assert [(t["from_state"], t["to_state"]) for t in detail["transitions"]] == [
        ("draft", "submitted"),
        ("submitted", "returned"),
        ("returned", "submitted"),
        ("submitted", "accepted"),
    ]
    assert detail["transitions"][1]["reason"] == "Victims figure looks low."
    assert detail["transitions"][1]["by_id"] == cast.secretariat.pk
    revisions = focal_a.get(_url(report["id"], "revisions")).json()
    assert [(r["number"], r["data"]["victims"]) for r in revisions] == [
        (3, 11),
        (2, 9),
        (1, None),
    ]
    assert {r["source"] for r in revisions} == {"api"}
    entries = AuditEntry.objects.filter(
        object_type="reporting.submission", object_id=str(report["id"])
    )
    actions = set(entries.values_list("action", flat=True))
    assert actions == {
        "reporting.submission.started",
        "reporting.submission.submitted",
        "reporting.submission.returned",
        "reporting.submission.accepted",
    }


@at(2024, 4, 5)
def test_it_returns_the_existing_draft_when_started_twice(
    cast: Cast, obligation: Obligation, focal_a: ApiClient
) -> None:
    first = focal_a.post(
        "bodies/twg/submissions",
        {"obligation_id": obligation.pk, "unit_id": cast.unit_a.pk, "period": "2024-03"},
    )
    second = focal_a.post(
        "bodies/twg/submissions",
        {"obligation_id": obligation.pk, "unit_id": cast.unit_a.pk, "period": "2024-03"},
    )

    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]
    assert Submission.objects.filter(obligation=obligation).count() == 1


@at(2024, 4, 5)
def test_a_validator_sends_the_report_on_to_the_secretariat(
    cast: Cast, sec: ApiClient, focal_a: ApiClient, api_as: ApiAs
) -> None:
    validator = User.objects.create_user("v@example.org", "x" * 20, full_name="Vy Validator")
    members.grant_role(
        body=cast.body, person=validator, role=Role.VALIDATOR, unit=cast.unit_a, by=SYSTEM
    )
    template = services.create_template(
        body=cast.body, code="checked", name={"en": "Checked"}, structure=STRUCTURE, by=SYSTEM
    )
    defined = sec.post(
        "bodies/twg/obligations",
        {
            "template_id": template.pk,
            "unit_ids": [cast.unit_a.pk],
            "period_type": "monthly",
            "starts_on": "2024-01-01",
            "due_days": 10,
            "requires_validation": True,
        },
    )
    obligation = Obligation.objects.get(pk=defined.json()["id"])
    report = _start(focal_a, obligation, cast.unit_a)
    sent = focal_a.post(_url(report["id"], "submit"), {"data": GOOD, "revision": 1})
    assert sent.json()["state"] == "awaiting_validation"
    assert sec.post(_url(report["id"], "accept")).status_code == 400  # not yet validated

    validated = api_as(validator).post(_url(report["id"], "validate"))

    assert validated.status_code == 200
    assert validated.json()["state"] == "submitted"
    assert validated.json()["submitted_at"] is not None
    assert sec.post(_url(report["id"], "accept")).json()["state"] == "accepted"


@at(2024, 4, 5)
def test_a_report_is_submitted_as_saved_when_the_request_has_no_body(
    cast: Cast, obligation: Obligation, focal_a: ApiClient
) -> None:
    report = _draft(cast, obligation)

    response = focal_a.client.generic(
        "POST", "/api/v1/" + _url(report.pk, "submit"), b"", headers=focal_a.headers
    )

    assert response.status_code == 200, response.content
    assert response.json()["state"] == "submitted"
    assert response.json()["data"]["victims"] == 9


# --- conflicts and refused answers ----------------------------------------------------------


@at(2024, 4, 5)
def test_a_stale_save_gets_409_and_both_versions_are_kept(
    cast: Cast, obligation: Obligation, focal_a: ApiClient, api_as: ApiAs
) -> None:
    members.grant_role(
        body=cast.body,
        person=cast.focal_b,
        role=Role.ALTERNATE_FOCAL_POINT,
        unit=cast.unit_a,
        by=SYSTEM,
    )
    report = _start(focal_a, obligation, cast.unit_a)
    first = focal_a.patch(_url(report["id"]), {"data": {**GOOD, "cases": 12}, "revision": 1})
    assert first.status_code == 200

    stale = api_as(cast.focal_b).patch(
        _url(report["id"]), {"data": {**GOOD, "cases": 20}, "revision": 1}
    )

    assert stale.status_code == 409
    assert "Anh Focal saved this report" in stale.json()["detail"]
    saved = Submission.objects.get(pk=report["id"])
    assert (saved.data["cases"], saved.revision) == (12, 2)
    kept = focal_a.get(_url(report["id"], "revisions")).json()
    assert [(r["state"], r["data"]["cases"], r["by_id"]) for r in kept] == [
        ("conflict", 20, cast.focal_b.pk),
        ("draft", 12, cast.focal_a.pk),
    ]


@at(2024, 4, 5)
def test_wrong_answers_get_422_naming_each_field_and_save_nothing(
    cast: Cast, obligation: Obligation, focal_a: ApiClient
) -> None:
    report = _start(focal_a, obligation, cast.unit_a)

    response = focal_a.patch(
        _url(report["id"]), {"data": {"cases": "seven", "victims": -1}, "revision": 1}
    )

    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"cases", "victims"}
    assert response.json()["errors"]["cases"] == ["Send “seven” as a JSON number, not as text."]
    saved = Submission.objects.get(pk=report["id"])
    assert (saved.revision, saved.data["cases"]) == (1, None)


@at(2024, 4, 5)
def test_a_number_sent_as_text_or_a_fraction_of_a_count_gets_422_and_is_never_reinterpreted(
    cast: Cast, obligation: Obligation, focal_a: ApiClient
) -> None:
    report = _start(focal_a, obligation, cast.unit_a)

    response = focal_a.patch(
        _url(report["id"]),
        {"data": {"cases": "1,5", "victims": 2.5, "rate": "0.25"}, "revision": 1},
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "cases": ["Send “1,5” as a JSON number, not as text."],
        "victims": ["“2.5” is not a whole number."],
        "rate": ["Send “0.25” as a JSON number, not as text."],
    }
    saved = Submission.objects.get(pk=report["id"])
    assert (saved.revision, saved.data["cases"]) == (1, None)
    taken = focal_a.patch(
        _url(report["id"]), {"data": {"cases": 15, "victims": 2.0, "rate": 0.25}, "revision": 1}
    )
    assert taken.status_code == 200, taken.content
    assert (taken.json()["data"]["cases"], taken.json()["data"]["victims"]) == (15, 2)
    assert Submission.objects.get(pk=report["id"]).data["rate"] == "0.25"


@at(2024, 4, 5)
def test_submitting_with_gaps_and_broken_rules_gets_422_and_stays_a_draft(
    cast: Cast, obligation: Obligation, focal_a: ApiClient
) -> None:
    report = _start(focal_a, obligation, cast.unit_a)

    response = focal_a.post(
        _url(report["id"], "submit"), {"data": {"cases": 3, "victims": 5}, "revision": 1}
    )

    assert response.status_code == 422
    errors = response.json()["errors"]
    assert set(errors) == {"situation", "victims"}
    assert "cannot exceed" in errors["victims"][0]
    assert Submission.objects.get(pk=report["id"]).state == S.DRAFT


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"data": GOOD}, "revision"),
        ({"data": GOOD, "revision": "latest"}, "revision"),
        ({"revision": 1}, "data"),
    ],
)
@at(2024, 4, 5)
def test_a_malformed_save_gets_422_naming_the_field(
    cast: Cast, obligation: Obligation, focal_a: ApiClient, payload: dict[str, Any], field: str
) -> None:
    report = _start(focal_a, obligation, cast.unit_a)

    response = focal_a.patch(_url(report["id"]), payload)

    assert response.status_code == 422
    assert [e["loc"][-1] for e in response.json()["detail"]] == [field]


@at(2024, 4, 5)
def test_a_submit_with_answers_but_no_revision_is_refused(
    cast: Cast, obligation: Obligation, focal_a: ApiClient
) -> None:
    report = _start(focal_a, obligation, cast.unit_a)

    response = focal_a.post(_url(report["id"], "submit"), {"data": GOOD})

    assert response.status_code == 400
    assert response.json()["field"] == "revision"
    assert Submission.objects.get(pk=report["id"]).state == S.DRAFT


@pytest.mark.parametrize(("payload", "status"), [({}, 422), ({"reason": "   "}, 400)])
@at(2024, 4, 5)
def test_a_return_without_a_reason_is_refused(
    cast: Cast, obligation: Obligation, sec: ApiClient, payload: dict[str, Any], status: int
) -> None:
    report = _submitted(cast, obligation)

    response = sec.post(_url(report.pk, "return"), payload)

    assert response.status_code == status
    assert "reason" in str(response.json())
    report.refresh_from_db()
    assert report.state == S.SUBMITTED


@at(2024, 4, 5)
def test_a_submitted_report_cannot_be_changed_or_submitted_again(
    cast: Cast, obligation: Obligation, focal_a: ApiClient
) -> None:
    report = _submitted(cast, obligation)

    patched = focal_a.patch(_url(report.pk), {"data": GOOD, "revision": report.revision})
    again = focal_a.post(_url(report.pk, "submit"), {})

    assert patched.status_code == 400
    assert "cannot be changed" in patched.json()["detail"]
    assert again.status_code == 400
    assert Submission.objects.get(pk=report.pk).revision == report.revision


def test_a_locked_period_opens_again_with_an_exception(
    cast: Cast, obligation: Obligation, sec: ApiClient, focal_a: ApiClient
) -> None:
    with at(2024, 4, 5):
        report = _start(focal_a, obligation, cast.unit_a)
    with at(2024, 5, 5):  # March locked at the end of 30 April
        refused = focal_a.patch(_url(report["id"]), {"data": GOOD, "revision": 1})
        assert refused.status_code == 400
        assert "locked" in refused.json()["detail"]
        assert focal_a.get(_url(report["id"])).json()["locked"] is True

        granted = sec.post(
            f"bodies/twg/obligations/{obligation.pk}/exceptions",
            {
                "unit_id": cast.unit_a.pk,
                "period": "2024-03",
                "open_until": "2024-05-10",
                "reason": "Floods closed the office",
            },
        )
        assert granted.status_code == 201
        assert granted.json()["open_until"] == "2024-05-10"

        assert focal_a.patch(_url(report["id"]), {"data": GOOD, "revision": 1}).status_code == 200


@at(2024, 4, 5)
def test_a_period_outside_the_obligation_is_refused_naming_it(
    cast: Cast, obligation: Obligation, focal_a: ApiClient
) -> None:
    response = focal_a.post(
        "bodies/twg/submissions",
        {"obligation_id": obligation.pk, "unit_id": cast.unit_a.pk, "period": "2023-12"},
    )

    assert response.status_code == 400
    assert response.json()["field"] == "period"
    assert not Submission.objects.exists()


# --- who sees and changes what --------------------------------------------------------------


@at(2024, 4, 5)
def test_a_focal_point_does_not_see_another_units_report(
    cast: Cast, obligation: Obligation, api_as: ApiAs
) -> None:
    report = _draft(cast, obligation)
    focal_b = api_as(cast.focal_b)

    assert focal_b.get(_url(report.pk)).status_code == 404
    assert focal_b.get(_url(report.pk, "revisions")).status_code == 404
    assert focal_b.patch(_url(report.pk), {"data": GOOD, "revision": 2}).status_code == 404
    assert focal_b.post(_url(report.pk, "submit"), {}).status_code == 404
    assert focal_b.get("bodies/twg/submissions").json() == []
    refused = focal_b.post(
        "bodies/twg/submissions",
        {"obligation_id": obligation.pk, "unit_id": cast.unit_a.pk, "period": "2024-02"},
    )
    assert refused.status_code == 404
    report.refresh_from_db()
    assert report.state == S.DRAFT


@at(2024, 4, 5)
def test_a_focal_point_cannot_accept_or_return_their_own_report(
    cast: Cast, obligation: Obligation, focal_a: ApiClient
) -> None:
    report = _submitted(cast, obligation)

    assert focal_a.post(_url(report.pk, "accept")).status_code == 403
    assert focal_a.post(_url(report.pk, "return"), {"reason": "Oops"}).status_code == 403
    report.refresh_from_db()
    assert report.state == S.SUBMITTED


@pytest.mark.parametrize("role", ["leader", "analyst"])
@at(2024, 4, 5)
def test_readers_see_every_report_but_change_none(
    cast: Cast, obligation: Obligation, api_as: ApiAs, role: str
) -> None:
    report = _submitted(cast, obligation)
    reader = api_as(cast.role_users()[role])
    audit_before = AuditEntry.objects.count()

    assert reader.get(_url(report.pk)).status_code == 200
    assert [s["id"] for s in reader.get("bodies/twg/submissions").json()] == [report.pk]
    assert reader.patch(_url(report.pk), {"data": GOOD, "revision": 2}).status_code == 403
    assert reader.post(_url(report.pk, "accept")).status_code == 403
    assert reader.post(_url(report.pk, "return"), {"reason": "No"}).status_code == 403
    assert reader.post(_url(report.pk, "validate")).status_code == 403
    start = {"obligation_id": obligation.pk, "unit_id": cast.unit_b.pk, "period": "2024-03"}
    assert reader.post("bodies/twg/submissions", start).status_code == 403
    template = {"code": "x", "name": {"en": "X"}, "structure": STRUCTURE}
    assert reader.post("bodies/twg/report-templates", template).status_code == 403
    assert AuditEntry.objects.count() == audit_before
    report.refresh_from_db()
    assert report.state == S.SUBMITTED


@at(2024, 4, 5)
def test_the_list_filters_by_obligation_unit_period_and_state(
    cast: Cast, obligation: Obligation, sec: ApiClient
) -> None:
    a_march = _submitted(cast, obligation)
    b_march = services.start_submission(
        obligation=obligation, unit=cast.unit_b, period_key="2024-03", by=cast.focal_b
    )
    a_feb = services.start_submission(
        obligation=obligation, unit=cast.unit_a, period_key="2024-02", by=cast.focal_a
    )

    def ids(**params: Any) -> list[int]:
        response = sec.get("bodies/twg/submissions", params)
        assert response.status_code == 200, response.content
        return [s["id"] for s in response.json()]

    assert ids() == [a_march.pk, b_march.pk, a_feb.pk]
    assert ids(unit=cast.unit_a.pk) == [a_march.pk, a_feb.pk]
    assert ids(period="2024-03") == [a_march.pk, b_march.pk]
    assert ids(state="submitted") == [a_march.pk]
    assert ids(obligation=obligation.pk, limit=1, offset=1) == [b_march.pk]
    assert sec.get("bodies/twg/submissions", {"state": "lost"}).status_code == 422


@at(2024, 4, 5)
def test_the_lists_take_the_same_number_of_queries_however_long(
    cast: Cast, obligation: Obligation, sec: ApiClient
) -> None:
    def queries(path: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert sec.get(path).status_code == 200
        return len(captured)

    paths = ["bodies/twg/submissions", "bodies/twg/report-templates", "bodies/twg/obligations"]
    sec.get("me")  # the token's first use of the day is written down once
    _submitted(cast, obligation)
    few = [queries(p) for p in paths]
    for unit in (cast.unit_b, cast.unit_c):
        services.start_submission(obligation=obligation, unit=unit, period_key="2024-02", by=SYSTEM)
    template = services.create_template(
        body=cast.body, code="second", name={"en": "Second"}, structure=STRUCTURE, by=SYSTEM
    )
    services.define_obligation(
        body=cast.body,
        template=template,
        units=[cast.unit_a, cast.unit_b],
        period_type="yearly",
        starts_on=dt.date(2024, 1, 1),
        due_days=30,
        by=SYSTEM,
    )

    assert [queries(p) for p in paths] == few


# --- templates and obligations --------------------------------------------------------------


@at(2024, 4, 5)
def test_revising_a_template_in_use_makes_a_new_version(
    cast: Cast, obligation: Obligation, sec: ApiClient
) -> None:
    report = _draft(cast, obligation)
    template = obligation.template
    changed = {
        **STRUCTURE,
        "sections": [
            *STRUCTURE["sections"],
            {
                "code": "extra",
                "fields": [
                    {"code": "hotlines", "type": "integer", "label": {"en": "Hotlines"}, "min": 0}
                ],
            },
        ],
    }

    response = sec.put(
        f"bodies/twg/report-templates/{template.pk}",
        {"structure": changed, "note": "Hotline count"},
    )

    assert response.status_code == 200, response.content
    versions = response.json()["versions"]
    assert [(v["number"], v["in_use"], v["note"]) for v in versions] == [
        (2, False, "Hotline count"),
        (1, True, ""),
    ]
    codes = [s["code"] for s in versions[0]["structure"]["sections"]]
    assert codes == ["figures", "narrative", "extra"]
    assert versions[0]["structure"]["sections"][2]["fields"][0]["min"] == 0
    report.refresh_from_db()
    assert report.version.number == 1
    assert TemplateVersion.objects.filter(template=template).count() == 2


def test_a_template_read_back_can_be_sent_again(cast: Cast, sec: ApiClient) -> None:
    created = sec.post(
        "bodies/twg/report-templates",
        {"code": "monthly", "name": {"en": "Monthly"}, "structure": STRUCTURE},
    ).json()
    structure = created["versions"][0]["structure"]

    copied = sec.post(
        "bodies/twg/report-templates",
        {"code": "monthly-copy", "name": {"en": "Copy"}, "structure": structure},
    )

    assert copied.status_code == 201, copied.content
    assert copied.json()["versions"][0]["structure"] == structure
    assert structure["rules"] == [
        {
            "left": "victims",
            "op": "lte",
            "right": "cases",
            "message": {"en": "Victims assisted cannot exceed cases identified."},
        }
    ]
    listed = sec.get("bodies/twg/report-templates").json()
    assert [(t["code"], t["latest_version"]) for t in listed] == [
        ("monthly", 1),
        ("monthly-copy", 1),
    ]


@pytest.mark.parametrize(
    ("structure", "loc"),
    [
        ({"sections": [{"code": "s", "fields": [{"code": "x", "type": "colour"}]}]}, "type"),
        ({"sections": [{"code": "s", "fields": [{"type": "integer"}]}]}, "code"),
        ({"sections": [{"code": "has space"}]}, "code"),
        ({"rules": []}, "sections"),
    ],
)
def test_a_malformed_template_gets_422_naming_the_field(
    cast: Cast, sec: ApiClient, structure: dict[str, Any], loc: str
) -> None:
    response = sec.post(
        "bodies/twg/report-templates", {"code": "t", "name": {"en": "T"}, "structure": structure}
    )

    assert response.status_code == 422
    assert [e["loc"][-1] for e in response.json()["detail"]] == [loc]
    assert not cast.body.report_templates.exists()


def test_a_template_the_domain_refuses_gets_400(
    cast: Cast, obligation: Obligation, sec: ApiClient
) -> None:
    x = {"code": "x", "type": "integer", "label": {"en": "X"}}
    twice = {"sections": [{"code": "s", "fields": [x, x]}]}

    taken = sec.post(
        "bodies/twg/report-templates",
        {"code": "monthly-situation", "name": {"en": "Again"}, "structure": STRUCTURE},
    )
    doubled = sec.post(
        "bodies/twg/report-templates", {"code": "t", "name": {"en": "T"}, "structure": twice}
    )

    assert (taken.status_code, taken.json()["field"]) == (400, "code")
    assert doubled.status_code == 400
    assert "used twice" in doubled.json()["detail"]
    assert cast.body.report_templates.count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"unit_ids": [-1]}, "unit_ids"),
        ({"expiry_days": 5}, "expiry_days"),
        ({"ends_on": "2023-06-30"}, "ends_on"),
        ({"period_type": "custom"}, "custom_periods"),
    ],
)
def test_an_obligation_the_domain_refuses_gets_400_naming_the_field(
    cast: Cast, obligation: Obligation, sec: ApiClient, change: dict[str, Any], field: str
) -> None:
    payload = {
        "template_id": obligation.template_id,
        "unit_ids": [cast.unit_a.pk],
        "period_type": "monthly",
        "starts_on": "2024-01-01",
        "due_days": 10,
        **change,
    }

    response = sec.post("bodies/twg/obligations", payload)

    assert response.status_code == 400, response.content
    assert response.json()["field"] == field
    assert Obligation.objects.count() == 1


def test_an_obligation_cannot_use_another_bodys_template(
    cast: Cast, obligation: Obligation, api_as: ApiAs
) -> None:
    response = api_as(cast.stranger).post(
        "bodies/other/obligations",
        {
            "template_id": obligation.template_id,
            "unit_ids": [],
            "period_type": "monthly",
            "starts_on": "2024-01-01",
            "due_days": 10,
        },
    )

    assert response.status_code == 400
    assert response.json()["field"] == "template_id"


def test_a_focal_point_reads_obligations_but_not_their_measures(
    cast: Cast, obligation: Obligation, api_as: ApiAs
) -> None:
    focal_c = api_as(cast.focal_c)

    listed = focal_c.get("bodies/twg/obligations").json()

    assert [(o["id"], o["unit_ids"]) for o in listed] == [
        (obligation.pk, sorted([cast.unit_a.pk, cast.unit_b.pk, cast.unit_c.pk]))
    ]
    assert focal_c.get(f"bodies/twg/obligations/{obligation.pk}").json()["expiry_days"] == 30
    assert focal_c.get(f"bodies/twg/obligations/{obligation.pk}/measures").status_code == 403


# --- measures -------------------------------------------------------------------------------


@pytest.fixture
def history(cast: Cast, obligation: Obligation) -> Obligation:
    """January to April 2024, for units A, B, C and D (D joined on 15 February; B left on
    20 February after sending its February report, which is then not owed):

    A: January, February and March on time, April missing. B: January 10 days late, February
    sent but not owed. C: nothing. D: March on time (February not owed), April missing.
    """
    unit_d = members.create_unit(
        body=cast.body, by=SYSTEM, name="Agency D", kind="agency", joined_on=dt.date(2024, 2, 15)
    )
    four = services.define_obligation(
        body=cast.body,
        template=obligation.template,
        units=[cast.unit_a, cast.unit_b, cast.unit_c, unit_d],
        period_type="monthly",
        starts_on=dt.date(2024, 1, 1),
        due_days=10,
        by=SYSTEM,
    )

    def send(unit: Unit, period: str, day: dt.datetime) -> None:
        with time_machine.travel(day, tick=False):
            report = services.start_submission(
                obligation=four, unit=unit, period_key=period, by=SYSTEM
            )
            services.submit_report(report, data=GOOD, revision=report.revision, by=SYSTEM)

    send(cast.unit_a, "2024-01", dt.datetime(2024, 2, 5, 3, tzinfo=UTC))
    send(cast.unit_b, "2024-01", dt.datetime(2024, 2, 20, 3, tzinfo=UTC))
    send(cast.unit_a, "2024-02", dt.datetime(2024, 3, 5, 3, tzinfo=UTC))
    send(cast.unit_b, "2024-02", dt.datetime(2024, 3, 5, 3, tzinfo=UTC))
    send(cast.unit_a, "2024-03", dt.datetime(2024, 4, 5, 3, tzinfo=UTC))
    send(unit_d, "2024-03", dt.datetime(2024, 4, 5, 3, tzinfo=UTC))
    members.update_unit(cast.unit_b, by=cast.secretariat, left_on=dt.date(2024, 2, 20))
    return four


def _figures(m: dict[str, Any]) -> tuple[int, int, int]:
    return m["expected_reports"], m["actual_reports"], m["actual_reports_on_time"]


@at(2024, 5, 20)
def test_the_measures_count_as_the_reporting_matrix_does(
    cast: Cast, history: Obligation, sec: ApiClient
) -> None:
    response = sec.get(
        f"bodies/twg/obligations/{history.pk}/measures", {"from": "2024-01", "to": "2024-04"}
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert [p["period"] for p in body["periods"]] == ["2024-01", "2024-02", "2024-03", "2024-04"]
    assert _figures(body["total"]) == (11, 5, 4)
    assert [_figures(p["measures"]) for p in body["periods"]] == [
        (3, 2, 1),
        (2, 1, 1),
        (3, 2, 2),
        (3, 0, 0),
    ]
    by_unit = {u["unit_name"]: u for u in body["units"]}
    assert _figures(by_unit["Agency B"]["measures"]) == (1, 1, 0)
    assert by_unit["Agency B"]["measures"]["reporting_rate"] == 1.0
    assert by_unit["Agency B"]["cells"][0]["days_late"] == 10
    assert [c["state"] for c in by_unit["Agency D"]["cells"]] == [
        "not_expected",
        "not_expected",
        "on_time",
        "missing",
    ]

    periods = [history.period(k) for k in ("2024-01", "2024-02", "2024-03", "2024-04")]
    matrix = selectors.reporting_matrix(history, period_list=periods)
    assert body["total"] == matrix.total.as_dict()
    assert [p["measures"] for p in body["periods"]] == [m.as_dict() for m in matrix.by_period]
    assert {u["unit_id"]: u["measures"] for u in body["units"]} == {
        r.unit.pk: r.measures.as_dict() for r in matrix.rows
    }
    assert {
        (u["unit_id"], c["period"]): (c["state"], c["submission_id"])
        for u in body["units"]
        for c in u["cells"]
    } == {
        (r.unit.pk, p.key): (c.state, sid)
        for r in matrix.rows
        for p, c, sid in zip(matrix.periods, r.cells, r.submission_ids, strict=True)
    }
    rates = [
        m[name]
        for m in [body["total"], *(p["measures"] for p in body["periods"])]
        + [u["measures"] for u in body["units"]]
        for name in ("reporting_rate", "reporting_rate_on_time", "completeness")
        if m[name] is not None
    ]
    assert rates
    assert all(0 <= r <= 1 for r in rates)


@at(2024, 5, 20)
def test_the_measures_of_one_unit(cast: Cast, history: Obligation, sec: ApiClient) -> None:
    response = sec.get(
        f"bodies/twg/obligations/{history.pk}/measures",
        {"from": "2024-01", "to": "2024-04", "unit": cast.unit_a.pk},
    )

    body = response.json()
    assert [u["unit_name"] for u in body["units"]] == ["Agency A"]
    assert _figures(body["total"]) == (4, 3, 3)
    assert body["total"]["reporting_rate"] == 0.75
    assert body["total"]["completeness"] == 1.0


@at(2024, 5, 20)
def test_the_measures_default_to_the_started_periods(
    cast: Cast, history: Obligation, sec: ApiClient
) -> None:
    body = sec.get(f"bodies/twg/obligations/{history.pk}/measures").json()

    keys = [p["period"] for p in body["periods"]]
    assert keys == ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05"]
    assert body["periods"][-1]["due"] == "2024-06-10"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "2024Q1"}, "from"),
        ({"from": "2023-11"}, "from"),
        ({"to": "2024-13"}, "to"),
        ({"from": "2024-04", "to": "2024-02"}, "to"),
        ({"unit": 0}, "unit"),
    ],
)
@at(2024, 5, 20)
def test_a_wrong_range_of_measures_is_refused_naming_it(
    cast: Cast, obligation: Obligation, sec: ApiClient, params: dict[str, Any], field: str
) -> None:
    response = sec.get(f"bodies/twg/obligations/{obligation.pk}/measures", params)

    assert response.status_code == 400
    assert response.json()["field"] == field


def test_the_revisions_hold_every_save(
    cast: Cast, obligation: Obligation, focal_a: ApiClient
) -> None:
    with at(2024, 4, 5):
        report = _draft(cast, obligation, data={"cases": 1})
        focal_a.patch(_url(report.pk), {"data": {"cases": 2}, "revision": 2})

    numbers = [r["number"] for r in focal_a.get(_url(report.pk, "revisions")).json()]

    assert numbers == [2, 1]
    assert SubmissionRevision.objects.filter(submission=report, source="api").count() == 1
