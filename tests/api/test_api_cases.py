"""Outcomes of the cases operations of the API: a case's journey from recording to emergency
access, refusals, TLP:RED cases, choices, filters, referrals and statistics. Who may call each
operation is in test_api_permission_matrix."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lintas.api.main import api
from lintas.audit.models import AuditEntry
from lintas.cases import services, statistics
from lintas.cases.models import TLP, Case, CaseShare, Referral
from lintas.cases.services import emergency, referrals
from lintas.members.models import User
from tests.api.conftest import ApiClient, new_key
from tests.cases.conftest import (
    NARRATIVE,
    VICTIM_NAME,
    add_alternate_a,
    add_suspect,
    add_victim,
    new_case,
)
from tests.conftest import Cast

ApiAs = Callable[[User], ApiClient]
UTC = dt.UTC


def at(year: int, month: int, day: int) -> time_machine.travel:
    return time_machine.travel(dt.datetime(year, month, day, 3, 0, tzinfo=UTC), tick=False)


def _url(case_id: int, action: str = "") -> str:
    return f"bodies/twg/cases/{case_id}" + (f"/{action}" if action else "")


def _reads(action: str, user: User) -> int:
    return AuditEntry.objects.filter(action=action, actor=user).count()


@pytest.fixture
def alternate_a(cast: Cast) -> User:
    """Unit A's alternate focal point: a member of the owner unit, never named on RED."""
    return add_alternate_a(cast)


# --- the journey -----------------------------------------------------------------------------


@at(2024, 4, 2)
def test_a_case_is_recorded_shared_read_and_opened_in_an_emergency_through_the_api(
    cast: Cast, api_as: ApiAs
) -> None:
    a, b, c = api_as(cast.focal_a), api_as(cast.focal_b), api_as(cast.focal_c)

    created = a.post(
        "bodies/twg/cases",
        {
            "owner_unit_id": cast.unit_a.pk,
            "reference": "A-2024-007",
            "opened_on": "2024-03-01",
            "exploitation_types": ["forced_criminality"],
            "origin_countries": ["vn"],
            "narrative": NARRATIVE,
        },
    )
    assert created.status_code == 201, created.content
    case_id = created.json()["id"]
    assert created.json()["tlp"] == "amber"
    assert created.json()["origin_countries"] == ["VN"]
    assert "narrative" not in created.json()
    victim = a.post(
        _url(case_id, "persons"),
        {
            "role": "victim",
            "full_name": VICTIM_NAME,
            "date_of_birth": "2001-05-17",
            "sex": "female",
            "nationality": "VN",
            "contacts": {"phones": ["+84 912 345 678"]},
        },
    )
    suspect = a.post(_url(case_id, "persons"), {"role": "suspect", "full_name": "Tran Van Suspect"})
    assert (victim.status_code, suspect.status_code) == (201, 201)
    assert "full_name" not in victim.json()
    consent = a.post(
        _url(case_id, f"persons/{victim.json()['id']}/consents"),
        {"to_unit_id": cast.unit_b.pk, "given_on": "2024-03-02", "evidence_note": "Signed"},
    )
    assert consent.status_code == 201, consent.content
    shared = a.post(
        _url(case_id, "shares"), {"unit_id": cast.unit_b.pk, "include_personal_data": True}
    )
    assert shared.status_code == 201, shared.content

    read = b.get(_url(case_id))

    assert read.status_code == 200, read.content
    body = read.json()
    assert body["personal_data"] is True
    assert body["narrative"] == NARRATIVE
    persons = {p["role"]: p for p in body["persons"]}
    assert persons["victim"]["full_name"] == VICTIM_NAME
    assert persons["victim"]["date_of_birth"] == "2001-05-17"
    assert persons["victim"]["contacts"]["phones"] == ["+84 912 345 678"]
    assert persons["suspect"]["full_name"] == "Tran Van Suspect"
    assert body["shares"] is None  # the access is the owner unit's to see
    assert body["actions"]["change"] is False
    assert _reads("cases.person.viewed", cast.focal_b) == 2
    assert _reads("cases.narrative.viewed", cast.focal_b) == 1

    assert c.get(_url(case_id)).status_code == 404
    glass = c.post(
        _url(case_id, "emergency-access"),
        {"reason": "The victim calls from the border", "hours": 2},
    )
    assert glass.status_code == 201, glass.content
    assert glass.json()["expires_at"] == "2024-04-02T05:00:00Z"
    opened = c.get(_url(case_id))
    assert opened.status_code == 200
    assert opened.json()["personal_data"] is True
    assert opened.json()["emergency_access"]["id"] == glass.json()["id"]
    assert {p["full_name"] for p in opened.json()["persons"]} == {VICTIM_NAME, "Tran Van Suspect"}
    assert _reads("cases.person.viewed", cast.focal_c) == 2

    log = a.get(_url(case_id, "access"))

    assert log.status_code == 200, log.content
    emergency = log.json()["emergency_access"]
    assert [(e["person_id"], e["reason"], e["active"]) for e in emergency] == [
        (cast.focal_c.pk, "The victim calls from the border", True)
    ]
    actions = [(e["action"], e["actor_id"]) for e in log.json()["entries"]]
    assert ("cases.case.glass_broken", cast.focal_c.pk) in actions
    assert ("cases.person.viewed", cast.focal_c.pk) in actions
    assert ("cases.person.viewed", cast.focal_b.pk) in actions
    assert log.json()["count"] == len(actions)


@at(2024, 4, 2)
def test_the_emergency_access_ends_and_the_case_is_closed_again(cast: Cast, api_as: ApiAs) -> None:
    case = new_case(cast)
    c = api_as(cast.focal_c)
    access = c.post(
        _url(case.pk, "emergency-access"), {"reason": "The victim is at risk tonight", "hours": 1}
    ).json()

    ended = c.post(_url(case.pk, f"emergency-access/{access['id']}/end"))

    assert ended.status_code == 200
    assert ended.json()["active"] is False
    assert ended.json()["ended_by_id"] == cast.focal_c.pk
    assert c.get(_url(case.pk)).status_code == 404


def test_a_reader_without_personal_data_gets_the_record_with_personal_fields_null(
    cast: Cast, api_as: ApiAs
) -> None:
    case = new_case(cast, tlp=TLP.GREEN)
    add_victim(cast, case)
    services.add_event(
        case, by=cast.focal_a, kind="recruitment", occurred_on=dt.date(2024, 1, 5), description="X"
    )

    body = api_as(cast.leader).get(_url(case.pk)).json()

    assert body["personal_data"] is False
    assert body["narrative"] is None
    [person] = body["persons"]
    assert person["personal_data"] is False
    assert (person["role"], person["sex"], person["nationality"]) == ("victim", "female", "VN")
    assert person["full_name"] is None
    assert person["contacts"] is None
    assert body["events"][0]["kind"] == "recruitment"
    assert body["events"][0]["description"] is None
    assert not AuditEntry.objects.filter(actor=cast.leader, action__startswith="cases.").exists()


# --- refusals --------------------------------------------------------------------------------


def test_sharing_a_victims_data_without_consent_is_refused_with_400_and_changes_nothing(
    cast: Cast, api_as: ApiAs
) -> None:
    case = new_case(cast)
    add_victim(cast, case)
    a = api_as(cast.focal_a)
    before = AuditEntry.objects.count()

    response = a.post(
        _url(case.pk, "shares"), {"unit_id": cast.unit_b.pk, "include_personal_data": True}
    )

    assert response.status_code == 400
    assert response.json()["field"] == "include_personal_data"
    assert "not consented" in response.json()["detail"]
    assert not CaseShare.objects.exists()
    assert AuditEntry.objects.count() == before
    assert api_as(cast.focal_b).get(_url(case.pk)).status_code == 404


def test_widening_the_label_without_a_reason_is_refused_with_400_and_changes_nothing(
    cast: Cast, api_as: ApiAs, alternate_a: User
) -> None:
    case = new_case(cast, tlp=TLP.AMBER_STRICT)
    a, alternate = api_as(cast.focal_a), api_as(alternate_a)
    before = AuditEntry.objects.count()

    no_reason = a.post(_url(case.pk, "label"), {"tlp": "green"})
    by_alternate = alternate.post(_url(case.pk, "label"), {"tlp": "green", "reason": "Wanted"})

    assert (no_reason.status_code, no_reason.json()["field"]) == (400, "reason")
    assert by_alternate.status_code == 403
    case.refresh_from_db()
    assert case.tlp == TLP.AMBER_STRICT
    assert AuditEntry.objects.count() == before
    assert api_as(cast.leader).get(_url(case.pk)).status_code == 404


def test_a_share_under_amber_strict_is_refused_naming_the_unit(cast: Cast, api_as: ApiAs) -> None:
    case = new_case(cast, tlp=TLP.AMBER_STRICT)

    response = api_as(cast.focal_a).post(_url(case.pk, "shares"), {"unit_id": cast.unit_b.pk})

    assert response.status_code == 400
    assert response.json()["field"] == "unit_id"
    assert not CaseShare.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"status": "lost"}, "status"),
        ({"exploitation_types": ["fishing"]}, "exploitation_types"),
        ({"narrative_language": "fr"}, "narrative_language"),
        ({"opened_on": "1 March 2024"}, "opened_on"),
        ({"status": None}, "status"),
        ({"tlp": "green"}, "tlp"),
    ],
)
def test_a_patch_with_an_unknown_choice_gets_422_naming_the_field(
    cast: Cast, api_as: ApiAs, change: dict[str, Any], field: str
) -> None:
    case = new_case(cast)
    a = api_as(cast.focal_a)
    before = AuditEntry.objects.count()

    response = a.patch(_url(case.pk), change)

    assert response.status_code == 422
    assert {e["loc"][2] for e in response.json()["detail"]} == {field}
    case.refresh_from_db()
    assert (case.status, case.exploitation_types, case.tlp) == (
        "open",
        ["forced_criminality"],
        "amber",
    )
    assert AuditEntry.objects.count() == before


def test_a_patch_changes_only_the_fields_sent(cast: Cast, api_as: ApiAs) -> None:
    case = new_case(cast)

    response = api_as(cast.focal_a).patch(
        _url(case.pk),
        {
            "status": "investigation",
            "transit_countries": ["th", "la"],
            "version": case.updated_at.isoformat(),
        },
    )

    assert response.status_code == 200, response.content
    case.refresh_from_db()
    assert case.status == "investigation"
    assert case.transit_countries == ["TH", "LA"]
    assert case.narrative == NARRATIVE
    entry = AuditEntry.objects.get(action="cases.case.updated")
    assert entry.data == {
        "status": ["open", "investigation"],
        "transit_countries": ["['TH']", "['TH', 'LA']"],
    }


def test_a_refusal_of_the_model_names_the_field(cast: Cast, api_as: ApiAs) -> None:
    case = new_case(cast)

    response = api_as(cast.focal_a).patch(
        _url(case.pk), {"closed_on": "2024-01-01", "version": case.updated_at.isoformat()}
    )

    assert (response.status_code, response.json()["field"]) == (400, "closed_on")


# --- TLP:RED ---------------------------------------------------------------------------------


@pytest.fixture
def red(cast: Cast) -> dict[str, int]:
    """Unit A's TLP:RED case, with something behind every identifier an operation takes. The
    named readers are focal_a (who set the label) and focal_b; the secretariat broke the glass."""
    case = new_case(cast)
    victim = add_victim(cast, case)
    add_suspect(cast, case)
    consent = services.record_consent(
        victim, by=cast.focal_a, to_unit=cast.unit_b, given_on=dt.date(2024, 3, 2)
    )
    share = services.share_with_unit(
        case, unit=cast.unit_b, by=cast.focal_a, include_personal_data=True
    )
    event = services.add_event(
        case, by=cast.focal_a, kind="recruitment", occurred_on=dt.date(2024, 1, 5)
    )
    services.change_label(case, tlp=TLP.RED, by=cast.focal_a, reason="Informant at risk")
    reader = services.name_red_reader(case, person=cast.focal_b, by=cast.focal_a)
    glass = emergency.break_glass(
        case, user=cast.secretariat, reason="Audit of the handling here", hours=2
    )
    return {
        "case_id": case.pk,
        "person_id": victim.pk,
        "consent_id": consent.pk,
        "event_id": event.pk,
        "share_id": share.pk,
        "access_id": reader.pk,
        "emergency_id": glass.pk,
    }


# every operation on a case: "METHOD path under the case" -> request body
ON_A_CASE: dict[str, dict[str, Any] | None] = {
    "GET": None,
    "PATCH": {"status": "closed"},
    "POST /label": {"tlp": "amber"},
    "POST /persons": {"role": "witness"},
    "PATCH /persons/{person_id}": {"full_name": "Someone"},
    "POST /persons/{person_id}/consents": {"purpose": "Shelter", "given_on": "2024-03-02"},
    "POST /consents/{consent_id}/withdraw": {},
    "POST /events": {"kind": "arrest", "occurred_on": "2024-02-01"},
    "POST /events/{event_id}/remove": {},
    "POST /shares": {"unit_id": 1},
    "POST /shares/{share_id}/revoke": {},
    "GET /red-readers": None,
    "POST /red-readers": {"person_id": 1},
    "POST /red-readers/{access_id}/remove": {},
    "GET /access": None,
    "POST /emergency-access": {"reason": "The victim is at risk tonight", "hours": 1},
    "POST /emergency-access/{access_id}/end": {},
    "POST /referrals": {"to_unit_id": 1, "due_on": "2099-01-01"},
}


def _call(client: ApiClient, operation: str, ids: dict[str, int]) -> Any:
    method, _, rest = operation.partition(" ")
    values = {**ids, "access_id": ids["emergency_id"]} if "emergency-access/" in rest else ids
    path = f"bodies/twg/cases/{ids['case_id']}" + rest.format(**values)
    if method == "GET":
        return client.get(path)
    send = {"POST": client.post, "PATCH": client.patch}[method]
    return send(path, ON_A_CASE[operation])


def test_the_red_case_test_covers_every_operation_on_a_case(db: None) -> None:
    prefix = "/api/v1/bodies/{slug}/cases/{case_id}"
    found = {
        f"{method.upper()} {path.removeprefix(prefix)}".strip()
        for path, item in api.get_openapi_schema()["paths"].items()
        if path.startswith(prefix)
        for method in item
    }

    assert found == set(ON_A_CASE)


@pytest.mark.parametrize("who", ["alternate_a", "focal_c", "leader"])
@pytest.mark.parametrize("operation", list(ON_A_CASE))
def test_a_red_case_is_404_on_every_operation_for_anyone_not_named_as_if_it_did_not_exist(
    cast: Cast, api_as: ApiAs, red: dict[str, int], alternate_a: User, operation: str, who: str
) -> None:
    person = alternate_a if who == "alternate_a" else cast.role_users()[who]
    client = api_as(person)
    before = AuditEntry.objects.count()
    missing = {key: value + 1000 for key, value in red.items()}

    response = _call(client, operation, red)
    nothing = _call(client, operation, missing)

    assert response.status_code == 404, response.content
    assert (response.status_code, response.json()) == (nothing.status_code, nothing.json())
    assert AuditEntry.objects.count() == before
    assert Case.objects.get(pk=red["case_id"]).tlp == TLP.RED


@pytest.mark.parametrize("operation", [op for op in ON_A_CASE if ON_A_CASE[op] is not None])
def test_a_red_case_is_404_whatever_the_request_holds(
    cast: Cast, api_as: ApiAs, red: dict[str, int], operation: str
) -> None:
    client = api_as(cast.focal_c)
    method, _, rest = operation.partition(" ")
    values = {**red, "access_id": red["emergency_id"]} if "emergency-access/" in rest else red
    path = f"bodies/twg/cases/{red['case_id']}" + rest.format(**values)
    send = {"POST": client.post, "PATCH": client.patch}[method]

    response = send(path, {"tlp": "purple", "hours": "many", "unknown": True})

    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


def test_the_list_leaves_out_red_cases_for_anyone_not_named(
    cast: Cast, api_as: ApiAs, red: dict[str, int], alternate_a: User
) -> None:
    green = new_case(cast, reference="A-2024-002", tlp=TLP.GREEN)

    def listed(user: User) -> list[int]:
        response = api_as(user).get("bodies/twg/cases")
        assert response.status_code == 200, response.content
        return [c["id"] for c in response.json()["items"]]

    assert listed(cast.focal_a) == [green.pk, red["case_id"]]
    assert listed(cast.focal_b) == [green.pk, red["case_id"]]
    for user in (alternate_a, cast.leader, cast.focal_c, cast.analyst):
        assert listed(user) == [green.pk]


def test_the_secretariat_may_break_the_glass_on_a_red_case_it_was_not_named_for(
    cast: Cast, api_as: ApiAs
) -> None:
    case = new_case(cast, tlp=TLP.RED)
    sec = api_as(cast.secretariat)
    assert sec.get(_url(case.pk)).status_code == 404

    granted = sec.post(
        _url(case.pk, "emergency-access"), {"reason": "A court order names this case", "hours": 1}
    )

    assert granted.status_code == 201, granted.content
    assert sec.get(_url(case.pk)).json()["narrative"] == NARRATIVE


def test_named_readers_are_named_and_removed_by_the_owners_focal_point(
    cast: Cast, api_as: ApiAs
) -> None:
    case = new_case(cast, tlp=TLP.RED)
    a = api_as(cast.focal_a)

    named = a.post(_url(case.pk, "red-readers"), {"person_id": cast.leader.pk})
    stranger = a.post(_url(case.pk, "red-readers"), {"person_id": cast.stranger.pk})
    readers = a.get(_url(case.pk, "red-readers")).json()

    assert named.status_code == 201, named.content
    assert (stranger.status_code, stranger.json()["field"]) == (400, "person_id")
    assert {r["person_id"] for r in readers} == {cast.focal_a.pk, cast.leader.pk}
    assert api_as(cast.leader).get(_url(case.pk)).status_code == 200

    removed = a.post(_url(case.pk, f"red-readers/{named.json()['id']}/remove"))

    assert removed.status_code == 200
    assert removed.json()["revoked_at"] is not None
    assert api_as(cast.leader).get(_url(case.pk)).status_code == 404


# --- the list --------------------------------------------------------------------------------


def test_the_list_filters_as_the_page_does_and_pages(cast: Cast, api_as: ApiAs) -> None:
    first = new_case(cast, reference="A-1", tlp=TLP.GREEN)
    second = new_case(cast, reference="A-2")
    services.update_case(
        second, by=cast.focal_a, status="investigation", opened_on=dt.date(2024, 5, 1)
    )
    third = services.create_case(
        body=cast.body,
        owner_unit=cast.unit_b,
        by=cast.focal_b,
        tlp=TLP.GREEN,
        reference="B-1",
        opened_on=dt.date(2023, 12, 1),
        exploitation_types=["forced_labour"],
    )
    client = api_as(cast.focal_a)

    def ids(**params: Any) -> list[int]:
        response = client.get("bodies/twg/cases", params)
        assert response.status_code == 200, response.content
        return [c["id"] for c in response.json()["items"]]

    assert ids() == [second.pk, first.pk, third.pk]
    assert ids(status="investigation") == [second.pk]
    assert ids(tlp="green") == [first.pk, third.pk]
    assert ids(exploitation="forced_labour") == [third.pk]
    assert ids(unit=cast.unit_b.pk) == [third.pk]
    assert ids(opened_from="2024-01-01", opened_to="2024-04-30") == [first.pk]
    assert ids(q="a-") == [second.pk, first.pk]
    page = client.get("bodies/twg/cases", {"limit": 1, "offset": 1}).json()
    assert (page["count"], [c["id"] for c in page["items"]]) == (3, [first.pk])
    assert "narrative" not in page["items"][0]
    assert client.get("bodies/twg/cases", {"tlp": "purple"}).status_code == 422


def test_the_list_takes_the_same_number_of_queries_however_long(cast: Cast, api_as: ApiAs) -> None:
    client = api_as(cast.focal_a)
    client.get("me")  # the token's first use of the day is written down once
    new_case(cast, reference="A-1")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("bodies/twg/cases").status_code == 200
        return len(captured)

    few = queries()
    for n in range(2, 6):
        new_case(cast, reference=f"A-{n}", tlp=TLP.GREEN)

    assert queries() == few


# --- referrals -------------------------------------------------------------------------------


@at(2024, 4, 2)
def test_a_referral_is_requested_received_accepted_and_closed(cast: Cast, api_as: ApiAs) -> None:
    case = new_case(cast)
    a, c = api_as(cast.focal_a), api_as(cast.focal_c)

    asked = a.post(
        _url(case.pk, "referrals"),
        {"to_unit_id": cast.unit_c.pk, "due_on": "2024-04-16", "reason": "Their province"},
    )
    assert asked.status_code == 201, asked.content
    inbox = c.get("bodies/twg/referrals").json()
    assert [(r["id"], r["case_reference"]) for r in inbox["received"]] == [
        (asked.json()["id"], "A-2024-001")
    ]
    assert inbox["sent"] == []
    assert c.get(_url(case.pk)).status_code == 404

    accepted = c.post(f"bodies/twg/referrals/{asked.json()['id']}/accept")

    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["state"] == "accepted"
    assert c.get(_url(case.pk)).status_code == 200
    closed = a.post(f"bodies/twg/referrals/{asked.json()['id']}/close")
    assert closed.json()["state"] == "closed"
    assert a.get("bodies/twg/referrals").json()["sent"][0]["state"] == "closed"


@at(2024, 4, 2)
def test_declining_a_referral_needs_a_reason_the_sender_reads(cast: Cast, api_as: ApiAs) -> None:
    case = new_case(cast)
    referral = referrals.request_referral(
        case, to_unit=cast.unit_c, by=cast.focal_a, due_on=dt.date(2024, 4, 16)
    )
    c = api_as(cast.focal_c)

    blank = c.post(f"bodies/twg/referrals/{referral.pk}/decline", {"reason": "  "})
    declined = c.post(f"bodies/twg/referrals/{referral.pk}/decline", {"reason": "No capacity"})

    assert (blank.status_code, blank.json()["field"]) == (400, "reason")
    assert declined.status_code == 200
    sent = api_as(cast.focal_a).get("bodies/twg/referrals").json()["sent"]
    assert [(r["state"], r["decline_reason"]) for r in sent] == [("declined", "No capacity")]
    referral.refresh_from_db()
    assert referral.state == Referral.State.DECLINED


@at(2024, 4, 2)
def test_a_referral_of_a_victims_data_without_consent_gets_the_services_message(
    cast: Cast, api_as: ApiAs
) -> None:
    case = new_case(cast)
    add_victim(cast, case)

    response = api_as(cast.focal_a).post(
        _url(case.pk, "referrals"),
        {"to_unit_id": cast.unit_c.pk, "due_on": "2024-04-16", "include_personal_data": True},
    )

    assert response.status_code == 400
    assert response.json()["field"] == "include_personal_data"
    assert "not consented" in response.json()["detail"]
    assert not Referral.objects.exists()


# --- statistics ------------------------------------------------------------------------------


def _victims(cast: Cast, *, tlp: str, count: int, reference: str) -> None:
    case = new_case(cast, reference=reference, tlp=tlp)
    for n in range(count):
        add_victim(cast, case, name=f"Victim {n}")


def test_the_statistics_show_the_pages_figures_with_small_counts_withheld(
    cast: Cast, api_as: ApiAs
) -> None:
    _victims(cast, tlp=TLP.CLEAR, count=12, reference="A-1")
    _victims(cast, tlp=TLP.GREEN, count=3, reference="A-2")
    _victims(cast, tlp=TLP.AMBER, count=20, reference="A-3")

    body = api_as(cast.leader).get("bodies/twg/cases/statistics")
    assert ApiClient(None).get("public/twg/statistics").status_code == 404  # nothing released
    from lintas.public import services as releases

    release = releases.prepare_release(body=cast.body, by=cast.secretariat, title="Figures")
    releases.publish_release(release=release, by=cast.secretariat)
    public = ApiClient(None).get("public/twg/statistics")

    assert (body.status_code, public.status_code) == (200, 200)
    by_sex = {t["dimension"]: t for t in body.json()["tables"]}["sex"]
    assert by_sex["rows"] == ["2024", "total"]
    assert by_sex["columns"] == ["female", "total"]
    assert by_sex["counts"] == [[15, 15], [15, 15]]
    public_sex = {t["dimension"]: t for t in public.json()["tables"]}["sex"]
    assert public_sex["counts"] == [[12, 12], [12, 12]]
    expected = statistics.victim_statistics(cast.body, audience=statistics.BODY)
    assert [t["counts"] for t in body.json()["tables"]] == [t.published() for t in expected]
    assert body.json()["k"] == 11


def test_the_statistics_withhold_counts_below_eleven(cast: Cast, api_as: ApiAs) -> None:
    _victims(cast, tlp=TLP.GREEN, count=4, reference="A-1")

    tables = api_as(cast.leader).get("bodies/twg/cases/statistics").json()["tables"]

    assert all(v is None for t in tables for line in t["counts"] for v in line)
    assert ApiClient(None).get("public/nowhere/statistics").status_code == 404


def test_a_patch_made_on_an_older_copy_answers_409_and_changes_nothing(cast: Cast) -> None:
    case = new_case(cast)
    a = ApiClient(new_key(cast.focal_a))
    path = f"bodies/{cast.body.slug}/cases/{case.pk}"
    seen = a.get(path).json()["updated_at"]

    first = a.patch(path, {"status": "investigation", "version": seen})
    assert first.status_code == 200, first.content
    stale = a.patch(path, {"status": "closed", "closed_on": "2024-04-01", "version": seen})

    assert stale.status_code == 409
    assert "Anh Focal" in stale.json()["detail"]
    assert Case.objects.get(pk=case.pk).status == "investigation"
    fresh = a.patch(path, {"location_country": "TH", "version": first.json()["updated_at"]})
    assert fresh.status_code == 200


def test_a_change_without_the_version_it_was_made_on_is_refused_with_428(
    cast: Cast, api_as: ApiAs
) -> None:
    case = new_case(cast)
    a = api_as(cast.focal_a)

    refused = a.patch(_url(case.pk), {"status": "investigation"})

    assert refused.status_code == 428 and "version" in refused.json()["detail"]
    case.refresh_from_db()
    assert case.status == "open"
    # The ETag of the GET, sent back as If-Match, is the version.
    tag = a.get(_url(case.pk))["ETag"]
    a.headers["If-Match"] = tag
    done = a.patch(_url(case.pk), {"status": "investigation"})
    assert done.status_code == 200, done.content
    assert done["ETag"] != tag
    stale = a.patch(_url(case.pk), {"status": "closed", "closed_on": "2024-05-01"})
    assert stale.status_code == 409
    a.headers["If-Match"] = '"yesterday"'
    assert a.patch(_url(case.pk), {"status": "closed"}).status_code == 400


def test_a_save_writes_only_the_fields_it_changes(cast: Cast) -> None:
    """Two people editing different fields of one case: the second save, made on a copy read
    before the first one was saved, must not write the first one's field back."""
    from lintas.cases import services
    from lintas.cases.models import Case

    case = new_case(cast)
    theirs = Case.objects.get(pk=case.pk)
    mine = Case.objects.get(pk=case.pk)
    services.update_case(
        theirs, by=cast.focal_a, seen_version=theirs.updated_at, status="investigation"
    )
    # Mine was read before their save; pretend its version check passed (a race between the
    # check and the write), and change another field.
    mine.updated_at = Case.objects.get(pk=case.pk).updated_at
    services.update_case(mine, by=cast.focal_a, seen_version=mine.updated_at, location_country="TH")
    case.refresh_from_db()
    assert (case.status, case.location_country) == ("investigation", "TH")
