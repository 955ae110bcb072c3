"""Calls every operation of the API for every role of the cast and checks the answer.

The operations come from the OpenAPI schema, so a new operation without an entry in MATRIX makes
test_every_operation_is_in_the_matrix fail: each feature that adds one must say who may use it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

import pytest
from django.test import Client

from lintas.api.main import api
from lintas.audit.models import AuditEntry
from lintas.members import services
from lintas.members.models import ApiToken, Membership, Role, Unit, User
from lintas.policy import SYSTEM
from lintas.reporting import services as reporting
from lintas.reporting.models import Obligation, ReportTemplate, Submission
from tests.api.conftest import ApiClient, new_key
from tests.conftest import Cast, ClientFor, sign_in
from tests.matrix import (
    ANON,
    API,
    CASE_READERS,
    FOCAL_POINTS,
    MANAGERS,
    MEMBERS,
    NETWORK_ANALYSTS,
    OWNER,
    READERS,
    ROLES,
    SHARED,
    UNRELATED,
    Rule,
    always,
)
from tests.reporting.conftest import GOOD, STRUCTURE

HTTP_METHODS = {"get", "post", "put", "patch", "delete"}
ApiAs = Callable[[User], ApiClient]

signed_in = API.signed_in()
member_read = API.members()
manager_read = API.body_roles(MANAGERS)
reader_read = API.body_roles(READERS)


def manager_write(done: int) -> Rule:
    return API.body_roles(MANAGERS, done)


def reader_write(done: int) -> Rule:
    return API.body_roles(READERS, done)


# A report of unit A: the body's readers and A's focal point see it; to B and C it does not exist.
UNIT_A_REPORT = READERS | {OWNER}
unit_a_read = API.known_to(UNIT_A_REPORT)


def unit_a_write(done: int, by: Iterable[str]) -> Rule:
    """A change to a report of unit A: done for ``by``; 403 for the others who see it."""
    return API.acted_on(readers=UNIT_A_REPORT, by=by, ok=done)


def _none(c: Cast) -> dict[str, Any]:
    return {}


def _body(c: Cast) -> dict[str, Any]:
    return {"slug": c.body.slug}


def _membership(c: Cast) -> dict[str, Any]:
    m = Membership.objects.get(user=c.focal_b, body=c.body, role=Role.FOCAL_POINT)
    return {"slug": c.body.slug, "membership_id": m.pk}


def _unit_in(c: Cast) -> dict[str, Any]:
    return {"name": "Agency D", "kind": "agency", "parent_id": c.country.pk}


def _grant_in(c: Cast) -> dict[str, Any]:
    return {"person_id": c.focal_a.pk, "role": Role.LEADER}


def _invite_in(c: Cast) -> dict[str, Any]:
    return {
        "email": "new@example.org",
        "full_name": "New Person",
        "role": Role.FOCAL_POINT,
        "unit_id": c.unit_c.pk,
    }


# reporting: a template, an obligation of units A, B and C that needs validation and never
# locks, and unit A's report for March 2024 in the state each operation starts from


def _template(c: Cast) -> ReportTemplate:
    found = ReportTemplate.objects.filter(body=c.body, code="monthly").first()
    return found or reporting.create_template(
        body=c.body, code="monthly", name={"en": "Monthly"}, structure=STRUCTURE, by=SYSTEM
    )


def _obligation(c: Cast) -> Obligation:
    template = _template(c)
    found = Obligation.objects.filter(template=template).first()
    return found or reporting.define_obligation(
        body=c.body,
        template=template,
        units=[c.unit_a, c.unit_b, c.unit_c],
        period_type="monthly",
        starts_on=dt.date(2024, 1, 1),
        due_days=10,
        requires_validation=True,
        by=SYSTEM,
    )


def _report(c: Cast, state: str) -> Submission:
    report = reporting.start_submission(
        obligation=_obligation(c), unit=c.unit_a, period_key="2024-03", by=SYSTEM
    )
    reporting.save_draft(report, data=GOOD, revision=report.revision, by=SYSTEM)
    if state in {"awaiting_validation", "submitted"}:
        reporting.submit_report(report, by=SYSTEM)
    if state == "submitted":
        reporting.validate_report(report, by=SYSTEM)
    return report


def _template_args(c: Cast) -> dict[str, Any]:
    return {"slug": c.body.slug, "template_id": _template(c).pk}


def _obligation_args(c: Cast) -> dict[str, Any]:
    return {"slug": c.body.slug, "obligation_id": _obligation(c).pk}


def _report_args(state: str) -> Callable[[Cast], dict[str, Any]]:
    def args(c: Cast) -> dict[str, Any]:
        return {"slug": c.body.slug, "submission_id": _report(c, state).pk}

    return args


def _template_in(c: Cast) -> dict[str, Any]:
    fields = [{"code": "cases", "type": "integer", "label": {"en": "Cases"}, "required": True}]
    return {
        "code": "quarterly",
        "name": {"en": "Quarterly"},
        "structure": {"sections": [{"code": "figures", "fields": fields}]},
    }


def _revision_in(c: Cast) -> dict[str, Any]:
    return {"structure": STRUCTURE, "note": "Clearer labels"}


def _obligation_in(c: Cast) -> dict[str, Any]:
    return {
        "template_id": ReportTemplate.objects.get(body=c.body).pk,
        "unit_ids": [c.unit_a.pk, c.unit_b.pk],
        "period_type": "quarterly",
        "starts_on": "2024-01-01",
        "due_days": 15,
    }


def _exception_in(c: Cast) -> dict[str, Any]:
    return {
        "unit_id": c.unit_a.pk,
        "period": "2024-03",
        "open_until": "2024-06-30",
        "reason": "Flood",
    }


def _start_in(c: Cast) -> dict[str, Any]:
    obligation = Obligation.objects.get(body=c.body)
    return {"obligation_id": obligation.pk, "unit_id": c.unit_a.pk, "period": "2024-03"}


def _draft_in(c: Cast) -> dict[str, Any]:
    report = Submission.objects.get(unit=c.unit_a)
    return {"data": {**GOOD, "victims": 10}, "revision": report.revision}


def _return_in(c: Cast) -> dict[str, Any]:
    return {"reason": "The victims figure looks low."}


def _synthesis_file_args(c: Cast) -> dict[str, Any]:
    return {**_obligation_args(c), "fmt": "csv"}


def _generate_in(c: Cast) -> dict[str, Any]:
    return {"first": "2024-03", "language": "vi"}


def _generated_args(c: Cast) -> dict[str, Any]:
    from lintas.synthesis.models import GeneratedReport

    found = GeneratedReport.objects.filter(body=c.body).first()
    found = found or GeneratedReport.objects.create(
        body=c.body, obligation=_obligation(c), first_period="2024-03", last_period="2024-03"
    )
    return {"slug": c.body.slug, "report_id": found.pk}


Payload = Callable[[Cast], dict[str, Any]] | None

# "METHOD path relative to /api/v1" -> (path arguments, request body, expected status by role)
MATRIX: dict[str, tuple[Callable[[Cast], dict[str, Any]], Payload, Rule]] = {
    "GET /me": (_none, None, signed_in),
    "GET /bodies": (_none, None, signed_in),
    "GET /bodies/{slug}": (_body, None, member_read),
    "GET /bodies/{slug}/units": (_body, None, member_read),
    "POST /bodies/{slug}/units": (_body, _unit_in, manager_write(201)),
    "GET /bodies/{slug}/people": (_body, None, member_read),
    "POST /bodies/{slug}/memberships": (_body, _grant_in, manager_write(201)),
    "POST /bodies/{slug}/memberships/{membership_id}/end": (_membership, None, manager_write(200)),
    "POST /bodies/{slug}/invitations": (_body, _invite_in, manager_write(201)),
    "GET /bodies/{slug}/audit": (_body, None, manager_read),
    "GET /bodies/{slug}/report-templates": (_body, None, member_read),
    "POST /bodies/{slug}/report-templates": (_body, _template_in, manager_write(201)),
    "GET /bodies/{slug}/report-templates/{template_id}": (_template_args, None, member_read),
    "PUT /bodies/{slug}/report-templates/{template_id}": (
        _template_args,
        _revision_in,
        manager_write(200),
    ),
    "GET /bodies/{slug}/obligations": (_body, None, member_read),
    "POST /bodies/{slug}/obligations": (_template_args, _obligation_in, manager_write(201)),
    "GET /bodies/{slug}/obligations/{obligation_id}": (_obligation_args, None, member_read),
    "GET /bodies/{slug}/obligations/{obligation_id}/measures": (
        _obligation_args,
        None,
        reader_read,
    ),
    "POST /bodies/{slug}/obligations/{obligation_id}/exceptions": (
        _obligation_args,
        _exception_in,
        manager_write(201),
    ),
    "GET /bodies/{slug}/submissions": (_report_args("draft"), None, member_read),
    "POST /bodies/{slug}/submissions": (
        _obligation_args,
        _start_in,
        unit_a_write(201, by={"focal_a"}),
    ),
    "GET /bodies/{slug}/submissions/{submission_id}": (_report_args("draft"), None, unit_a_read),
    "PATCH /bodies/{slug}/submissions/{submission_id}": (
        _report_args("draft"),
        _draft_in,
        unit_a_write(200, by={"focal_a"}),
    ),
    "POST /bodies/{slug}/submissions/{submission_id}/submit": (
        _report_args("draft"),
        None,
        unit_a_write(200, by={"focal_a"}),
    ),
    # nobody in the cast is unit A's validator (tests/api/test_api_reporting.py has one)
    "POST /bodies/{slug}/submissions/{submission_id}/validate": (
        _report_args("awaiting_validation"),
        None,
        unit_a_write(200, by=set()),
    ),
    "POST /bodies/{slug}/submissions/{submission_id}/accept": (
        _report_args("submitted"),
        None,
        unit_a_write(200, by=MANAGERS),
    ),
    "POST /bodies/{slug}/submissions/{submission_id}/return": (
        _report_args("submitted"),
        _return_in,
        unit_a_write(200, by=MANAGERS),
    ),
    "GET /bodies/{slug}/submissions/{submission_id}/revisions": (
        _report_args("draft"),
        None,
        unit_a_read,
    ),
    "GET /bodies/{slug}/obligations/{obligation_id}/synthesis": (
        _obligation_args,
        None,
        reader_read,
    ),
    "GET /bodies/{slug}/obligations/{obligation_id}/synthesis/{fmt}": (
        _synthesis_file_args,
        None,
        reader_read,
    ),
    "POST /bodies/{slug}/obligations/{obligation_id}/generated-reports": (
        _obligation_args,
        _generate_in,
        reader_write(201),
    ),
    "GET /bodies/{slug}/generated-reports/{report_id}": (_generated_args, None, reader_read),
}

# writes whose success leaves a record other than an audit entry
NOT_AUDITED = {
    # every draft save is kept as a revision of the submission
    "PATCH /bodies/{slug}/submissions/{submission_id}",
}
# writes that make several audited changes at once (a phase and what it carries; an obligation
# for each activity)
AUDITED_MANY = {
    "POST /bodies/{slug}/phases/{phase_id}/next-phase",
    "POST /bodies/{slug}/phases/{phase_id}/progress-updates",
}
# reads the audit log writes down (each app's section adds its own)
AUDITED_READS: set[str] = set()
# writes that find their work done, so nothing changes (each app's section adds its own)
UNCHANGED_WRITES: set[str] = set()


def _operations(schema: dict[str, Any]) -> set[str]:
    return {
        f"{method.upper()} {path.removeprefix('/api/v1')}"
        for path, item in schema["paths"].items()
        for method in item
        if method in HTTP_METHODS
    }


def test_every_operation_is_in_the_matrix() -> None:
    assert _operations(api.get_openapi_schema()) == set(MATRIX)


def answers_as_the_matrix_says(cast: Cast, operation: str, role: str) -> None:
    """Send the operation as ``role`` and check the answer against the matrix, and that only a
    write that succeeds (or an audited read) writes the audit log: one entry, or several for
    the writes of ``AUDITED_MANY``."""
    method, path = operation.split(" ", 1)
    args_for, payload_for, expected = MATRIX[operation]
    if role == ANON:
        # no token and no session; the test client skips CSRF as a browser form would pass it
        client = ApiClient(None, enforce_csrf_checks=False)
    else:
        # a script: a personal token and no CSRF token
        client = ApiClient(new_key(cast.role_users()[role]))
    url = path.format(**args_for(cast))
    payload = payload_for(cast) if payload_for else {}
    entries_before = AuditEntry.objects.count()

    if method == "GET":
        response = client.get(url)
    else:
        send = {"POST": client.post, "PUT": client.put, "PATCH": client.patch}[method]
        response = send(url, payload)

    assert response.status_code == expected(role), (operation, role, response.content)
    changed = AuditEntry.objects.count() - entries_before
    done = response.status_code in {200, 201}
    audited = operation in AUDITED_READS or (
        method != "GET" and operation not in NOT_AUDITED | UNCHANGED_WRITES
    )
    if done and operation in AUDITED_MANY:
        assert changed >= 1, "a write that succeeds is audited"
    elif done and audited:
        assert changed == 1, "a write that succeeds, or an audited read, writes one entry"
    else:
        assert changed == 0, "a read or a refused write changes nothing"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("operation", sorted(MATRIX))
def test_operation_answers_each_role_as_the_matrix_says(
    cast: Cast, operation: str, role: str
) -> None:
    answers_as_the_matrix_says(cast, operation, role)


def test_it_lists_only_the_bodies_a_person_belongs_to(cast: Cast, api_as: ApiAs) -> None:
    stranger = api_as(cast.stranger).get("bodies").json()
    focal_c = api_as(cast.focal_c).get("bodies").json()

    assert [b["slug"] for b in stranger] == ["other"]
    assert sorted(b["slug"] for b in focal_c) == ["other", "twg"]


def test_it_returns_the_person_of_the_token(cast: Cast, api_as: ApiAs) -> None:
    response = api_as(cast.focal_a).get("me")

    assert response.status_code == 200
    assert response.json()["email"] == "a@example.org"
    assert response.json()["id"] == cast.focal_a.pk


def test_it_accepts_a_token_in_the_x_api_key_header(cast: Cast) -> None:
    key = new_key(cast.leader)

    response = Client().get("/api/v1/me", headers={"X-Api-Key": key})

    assert response.status_code == 200
    assert response.json()["email"] == "leader@example.org"


def test_it_accepts_the_browser_session(cast: Cast, client_for: ClientFor) -> None:
    response = client_for(cast.focal_a).get("/api/v1/me")

    assert response.status_code == 200
    assert response.json()["email"] == "a@example.org"


def test_it_refuses_a_session_write_without_csrf_token(cast: Cast) -> None:
    client = sign_in(Client(enforce_csrf_checks=True), cast.secretariat)
    units_before = Unit.objects.count()

    response = client.post(
        "/api/v1/bodies/twg/units", {"name": "Agency D", "kind": "agency"}, "application/json"
    )

    assert response.status_code == 403
    assert Unit.objects.count() == units_before


def test_it_accepts_a_session_write_with_the_csrf_token_of_the_page(cast: Cast) -> None:
    client = sign_in(Client(enforce_csrf_checks=True), cast.secretariat)
    client.get("/account/")  # a page with a form sets the CSRF cookie, as in the browser
    csrf = client.cookies["csrftoken"].value

    response = client.post(
        "/api/v1/bodies/twg/units",
        {"name": "Agency D", "kind": "agency"},
        "application/json",
        headers={"X-CSRFToken": csrf},
    )

    assert response.status_code == 201
    assert Unit.objects.filter(body=cast.body, name="Agency D").exists()


def test_it_refuses_a_session_without_second_factor_for_a_role_that_needs_one(
    cast: Cast,
) -> None:
    client = Client()
    client.force_login(cast.secretariat)  # password only, no one-time code yet

    response = client.get("/api/v1/bodies/twg")

    assert response.status_code == 403


def test_it_refuses_a_revoked_token(cast: Cast) -> None:
    token, key = services.create_api_token(cast.focal_a, name="old script", by=cast.focal_a)
    client = ApiClient(key)
    assert client.get("me").status_code == 200

    services.revoke_api_token(token, by=cast.focal_a)

    assert client.get("me").status_code == 401
    assert client.get("bodies/twg").status_code == 401


@pytest.mark.parametrize(
    "header",
    [
        "Bearer garbage",
        "Bearer lnt_",
        "Bearer lnt_short_secret",
        "Bearer lnt_000000000000_secret",
        "Token {key}",
        "Bearer {lookup}_{secret}",
        "Bearer lnt_{lookup}_wrong-secret",
        "Bearer lnt_{lookup}_{secret}x",
    ],
)
def test_it_refuses_a_malformed_or_wrong_token(cast: Cast, header: str) -> None:
    token, key = services.create_api_token(cast.focal_a, name="script", by=cast.focal_a)
    secret = key.split("_", 2)[2]
    value = header.format(key=key, lookup=token.lookup, secret=secret)

    response = Client().get("/api/v1/me", headers={"Authorization": value})

    assert response.status_code == 401


@pytest.mark.parametrize("who", ["focal_a", "focal_c"])
def test_it_refuses_the_token_of_a_deactivated_person(cast: Cast, who: str) -> None:
    # focal_a has no other body, so the account closes; focal_c keeps a role in the other body
    person = cast.role_users()[who]
    client = ApiClient(new_key(person))
    assert client.get("me").status_code == 200

    services.deactivate_person(person, body=cast.body, by=cast.secretariat, reason="left")

    assert client.get("me").status_code == 401
    assert client.get("bodies/twg").status_code == 401


def test_it_refuses_the_token_of_a_closed_account(cast: Cast) -> None:
    client = ApiClient(new_key(cast.leader))
    User.objects.filter(pk=cast.leader.pk).update(is_active=False)

    assert ApiToken.objects.filter(user=cast.leader, revoked_at__isnull=True).exists()
    assert client.get("me").status_code == 401


@pytest.mark.parametrize("header", ["", "Bearer lnt_000000000000_revoked"])
def test_it_answers_401_to_a_script_writing_without_a_valid_token(cast: Cast, header: str) -> None:
    client = Client(enforce_csrf_checks=True)
    headers = {"Authorization": header} if header else {}

    response = client.post(
        "/api/v1/bodies/twg/units",
        {"name": "Agency D", "kind": "agency"},
        "application/json",
        headers=headers,
    )

    assert response.status_code == 401


def test_it_serves_the_openapi_schema_with_every_operation(db: None) -> None:
    response = Client().get("/api/v1/openapi.json")

    assert response.status_code == 200
    assert _operations(response.json()) == set(MATRIX)


# cases: unit A's TLP:AMBER case, shared with unit B without personal data and holding no
# personal data (so that a read writes no audit entry); each operation adds what it works on.
# The block is parametrized here, after MATRIX has these entries.


def _api_case(c: Cast) -> Any:
    from lintas.cases import services as cases
    from lintas.cases.models import Case

    found = Case.objects.filter(body=c.body, reference="API-1").first()
    if found is None:
        found = cases.create_case(
            body=c.body,
            owner_unit=c.unit_a,
            by=c.focal_a,
            reference="API-1",
            opened_on=dt.date(2024, 3, 1),
            exploitation_types=["forced_labour"],
        )
        cases.share_with_unit(found, unit=c.unit_b, by=c.focal_a)
    return found


def _case_args(c: Cast) -> dict[str, Any]:
    return {"slug": c.body.slug, "case_id": _api_case(c).pk}


def _case_victim(c: Cast) -> Any:
    from lintas.cases import services as cases

    return cases.add_person(
        _api_case(c), by=c.focal_a, role="victim", full_name="Victim V", sex="female"
    )


def _case_person_args(c: Cast) -> dict[str, Any]:
    return {**_case_args(c), "person_id": _case_victim(c).pk}


def _case_consent_args(c: Cast) -> dict[str, Any]:
    from lintas.cases import services as cases

    consent = cases.record_consent(
        _case_victim(c), by=c.focal_a, to_unit=c.unit_b, given_on=dt.date(2024, 3, 2)
    )
    return {**_case_args(c), "consent_id": consent.pk}


def _case_event_args(c: Cast) -> dict[str, Any]:
    from lintas.cases import services as cases

    event = cases.add_event(
        _api_case(c), by=c.focal_a, kind="recruitment", occurred_on=dt.date(2024, 1, 10)
    )
    return {**_case_args(c), "event_id": event.pk}


def _case_share_args(c: Cast) -> dict[str, Any]:
    share = _api_case(c).shares.get(unit=c.unit_b)
    return {**_case_args(c), "share_id": share.pk}


def _case_reader_args(c: Cast) -> dict[str, Any]:
    from lintas.cases import services as cases

    access = cases.name_red_reader(_api_case(c), person=c.focal_b, by=c.focal_a)
    return {**_case_args(c), "access_id": access.pk}


def _case_emergency_args(c: Cast) -> dict[str, Any]:
    from lintas.cases.services import emergency

    access = emergency.break_glass(
        _api_case(c), user=c.focal_c, reason="Her flight leaves today", hours=2
    )
    return {**_case_args(c), "access_id": access.pk}


def _referral_args(c: Cast) -> dict[str, Any]:
    from django.utils import timezone

    from lintas.cases.services import referrals

    referral = referrals.request_referral(
        _api_case(c),
        to_unit=c.unit_c,
        by=c.focal_a,
        due_on=timezone.localdate() + dt.timedelta(days=14),
    )
    return {"slug": c.body.slug, "referral_id": referral.pk}


def _new_case_in(c: Cast) -> dict[str, Any]:
    return {"owner_unit_id": c.unit_a.pk, "reference": "API-2", "opened_on": "2024-04-01"}


def _referral_in(c: Cast) -> dict[str, Any]:
    from django.utils import timezone

    due = timezone.localdate() + dt.timedelta(days=14)
    return {"to_unit_id": c.unit_c.pk, "due_on": due.isoformat()}


def _payload(data: dict[str, Any]) -> Callable[[Cast], dict[str, Any]]:
    return lambda c: data


def _case_patch(c: Cast) -> dict[str, Any]:
    """A change made on the stored version of the case (a change without one is refused)."""
    return {"status": "investigation", "version": _api_case(c).updated_at.isoformat()}


def _person_patch(c: Cast) -> dict[str, Any]:
    from lintas.cases.models import CasePerson

    person = CasePerson.objects.filter(case=_api_case(c)).latest("pk")
    return {"nationality": "vn", "version": person.updated_at.isoformat()}


# Unit A's case shared with unit B: A and B read it; to everyone else it does not exist.
case_read = API.known_to(CASE_READERS)


def case_act(done: int, by: Iterable[str] = frozenset({OWNER})) -> Rule:
    """A change to unit A's case: done for ``by``; 403 for the others who read it."""
    return API.acted_on(readers=CASE_READERS, by=by, ok=done)


# A case of unit A: its focal point records it; other members may not.
case_creator = API.body_roles({OWNER}, 201)
# Every member of the body who may not read the case's personal data may ask.
glass_breaker = API.body_roles(MEMBERS - {OWNER}, 201)
# Unit C's emergency access: C (who holds it) and A's focal point end it.
emergency_ender = API.acted_on(readers=FOCAL_POINTS, by={OWNER, UNRELATED}, ok=200)


def referral_side(done: int, *, acts: str, sees: str) -> Rule:
    """A request from unit A to unit C: done by ``acts``, 403 for the other side, 404 else."""
    return API.acted_on(readers={acts, sees}, by={acts}, ok=done)


anyone = always(200)


CASES_MATRIX: dict[str, tuple[Callable[[Cast], dict[str, Any]], Payload, Rule]] = {
    "GET /bodies/{slug}/cases": (_case_args, None, member_read),
    "POST /bodies/{slug}/cases": (_body, _new_case_in, case_creator),
    "GET /bodies/{slug}/cases/statistics": (_case_args, None, member_read),
    "GET /bodies/{slug}/cases/{case_id}": (_case_args, None, case_read),
    "PATCH /bodies/{slug}/cases/{case_id}": (
        _case_args,
        _case_patch,
        case_act(200),
    ),
    "POST /bodies/{slug}/cases/{case_id}/label": (
        _case_args,
        _payload({"tlp": "amber+strict"}),
        case_act(200),
    ),
    "POST /bodies/{slug}/cases/{case_id}/persons": (
        _case_args,
        _payload({"role": "suspect", "full_name": "Suspect S", "sex": "male"}),
        case_act(201),
    ),
    "PATCH /bodies/{slug}/cases/{case_id}/persons/{person_id}": (
        _case_person_args,
        _person_patch,
        case_act(200),
    ),
    "POST /bodies/{slug}/cases/{case_id}/persons/{person_id}/consents": (
        _case_person_args,
        lambda c: {"to_unit_id": c.unit_b.pk, "given_on": "2024-03-02"},
        case_act(201),
    ),
    "POST /bodies/{slug}/cases/{case_id}/consents/{consent_id}/withdraw": (
        _case_consent_args,
        _payload({"reason": "Asked to stop"}),
        case_act(200),
    ),
    "POST /bodies/{slug}/cases/{case_id}/events": (
        _case_args,
        _payload({"kind": "border_crossing", "occurred_on": "2024-01-12", "country": "TH"}),
        case_act(201),
    ),
    "POST /bodies/{slug}/cases/{case_id}/events/{event_id}/remove": (
        _case_event_args,
        None,
        case_act(200),
    ),
    "POST /bodies/{slug}/cases/{case_id}/shares": (
        _case_args,
        lambda c: {"unit_id": c.unit_c.pk},
        case_act(201),
    ),
    "POST /bodies/{slug}/cases/{case_id}/shares/{share_id}/revoke": (
        _case_share_args,
        None,
        case_act(200),
    ),
    "GET /bodies/{slug}/cases/{case_id}/red-readers": (_case_args, None, case_act(200)),
    "POST /bodies/{slug}/cases/{case_id}/red-readers": (
        _case_args,
        lambda c: {"person_id": c.focal_b.pk},
        case_act(201),
    ),
    "POST /bodies/{slug}/cases/{case_id}/red-readers/{access_id}/remove": (
        _case_reader_args,
        None,
        case_act(200),
    ),
    "GET /bodies/{slug}/cases/{case_id}/access": (_case_args, None, case_act(200)),
    "POST /bodies/{slug}/cases/{case_id}/emergency-access": (
        _case_args,
        _payload({"reason": "The victim is at the border now", "hours": 2}),
        glass_breaker,
    ),
    "POST /bodies/{slug}/cases/{case_id}/emergency-access/{access_id}/end": (
        _case_emergency_args,
        None,
        emergency_ender,
    ),
    "POST /bodies/{slug}/cases/{case_id}/referrals": (_case_args, _referral_in, case_act(201)),
    "GET /bodies/{slug}/referrals": (_referral_args, None, member_read),
    "POST /bodies/{slug}/referrals/{referral_id}/accept": (
        _referral_args,
        None,
        referral_side(200, acts="focal_c", sees="focal_a"),
    ),
    "POST /bodies/{slug}/referrals/{referral_id}/decline": (
        _referral_args,
        _payload({"reason": "No capacity"}),
        referral_side(200, acts="focal_c", sees="focal_a"),
    ),
    "POST /bodies/{slug}/referrals/{referral_id}/close": (
        _referral_args,
        None,
        referral_side(200, acts="focal_a", sees="focal_c"),
    ),
}
MATRIX.update(CASES_MATRIX)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("operation", sorted(CASES_MATRIX))
def test_case_operation_answers_each_role_as_the_matrix_says(
    cast: Cast, operation: str, role: str
) -> None:
    test_operation_answers_each_role_as_the_matrix_says(cast, operation, role)


# Networks: analysts and the secretariat see every network and run relinks; a unit's focal point
# lists the networks and opens those touching cases it may read (A's and B's here, not C's).


def _network_args(c: Cast) -> dict[str, Any]:
    from tests.networks.conftest import two_unit_network

    return {"slug": c.body.slug, "network_id": two_unit_network(c).pk}


def _run_args(c: Cast) -> dict[str, Any]:
    from tests.networks.conftest import queued_run

    return {"slug": c.body.slug, "run_id": queued_run(c).pk}


network_list_read = API.body_roles(NETWORK_ANALYSTS | FOCAL_POINTS)
network_read = API.known_to(NETWORK_ANALYSTS | {OWNER, SHARED})


def network_analyst(ok: int) -> Rule:
    return API.body_roles(NETWORK_ANALYSTS, ok)


NETWORKS_MATRIX: dict[str, tuple[Callable[[Cast], dict[str, Any]], Payload, Rule]] = {
    "GET /bodies/{slug}/networks": (_body, None, network_list_read),
    "GET /bodies/{slug}/networks/{network_id}": (_network_args, None, network_read),
    "POST /bodies/{slug}/network-runs": (_body, None, network_analyst(202)),
    "GET /bodies/{slug}/network-runs/{run_id}": (_run_args, None, network_analyst(200)),
}
MATRIX.update(NETWORKS_MATRIX)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("operation", sorted(NETWORKS_MATRIX))
def test_network_operation_answers_each_role_as_the_matrix_says(
    cast: Cast, operation: str, role: str
) -> None:
    method, path = operation.split(" ", 1)
    args_for, _payload, expected = NETWORKS_MATRIX[operation]
    if role == ANON:
        client = ApiClient(None, enforce_csrf_checks=False)
    else:
        client = ApiClient(new_key(cast.role_users()[role]))
    url = path.format(**args_for(cast))
    response = client.get(url) if method == "GET" else client.post(url, {})
    assert response.status_code == expected(role), (operation, role, response.content)


# The exchange: an AMBER alert (and an AMBER request) from unit A to unit B. A and B read them;
# to C and the body's roles, who belong to neither unit, they do not exist. Reading a thread and
# downloading its file are audited from TLP:AMBER up, so those reads write one entry.


def _exchange_alert(c: Cast) -> Any:
    from lintas.exchange import services as exchange
    from lintas.exchange.models import Message

    found = Message.objects.filter(body=c.body, kind="alert", thread__isnull=True).first()
    return found or exchange.post_message(
        body=c.body,
        by=c.focal_a,
        author_unit=c.unit_a,
        kind="alert",
        subject="Recruiter at the border",
        text="<p>Watch for him.</p>",
        tlp="amber",
        priority="urgent",
        units=[c.unit_b],
        attachments=[exchange.Upload("notes.txt", b"plain notes")],
    )


def _exchange_request(c: Cast) -> Any:
    from django.utils import timezone

    from lintas.exchange import services as exchange

    return exchange.post_message(
        body=c.body,
        by=c.focal_a,
        author_unit=c.unit_a,
        kind="request",
        subject="Do you know this number?",
        text="<p>+84 90 000 0000</p>",
        tlp="amber",
        units=[c.unit_b],
        answer_by=timezone.now() + dt.timedelta(days=7),
    )


def _alert_args(c: Cast) -> dict[str, Any]:
    return {"slug": c.body.slug, "message_id": _exchange_alert(c).pk}


def _request_args(c: Cast) -> dict[str, Any]:
    return {"slug": c.body.slug, "message_id": _exchange_request(c).pk}


def _alert_file_args(c: Cast) -> dict[str, Any]:
    message = _exchange_alert(c)
    return {**_alert_args(c), "file_id": message.attachments.get().pk}


def _pending_forward_args(c: Cast) -> dict[str, Any]:
    from lintas.exchange import services as exchange

    fwd = exchange.forward(
        _exchange_alert(c), from_unit=c.unit_b, to_units=[c.unit_c], by=c.focal_b, reason="C too"
    )
    return {"slug": c.body.slug, "forward_id": fwd.pk}


def _new_message_in(c: Cast) -> dict[str, Any]:
    return {
        "author_unit": c.unit_a.pk,
        "kind": "bulletin",
        "tlp": "green",
        "subject": "Weekly summary",
        "text": "<p>Nothing new.</p>",
        "units": [c.unit_b.pk],
    }


EXCHANGE_READERS = frozenset({OWNER, SHARED})
thread_read = API.known_to(EXCHANGE_READERS)


def thread_act(done: int, by: str) -> Rule:
    """A change to the alert from A to B: done by ``by``; 403 for the other side; 404 else."""
    return API.acted_on(readers=EXCHANGE_READERS, by={by}, ok=done)


EXCHANGE_MATRIX: dict[str, tuple[Callable[[Cast], dict[str, Any]], Payload, Rule]] = {
    "GET /bodies/{slug}/messages": (_alert_args, None, member_read),
    "POST /bodies/{slug}/messages": (_body, _new_message_in, API.body_roles({OWNER}, 201)),
    "GET /bodies/{slug}/messages/{message_id}": (_alert_args, None, thread_read),
    "GET /bodies/{slug}/messages/{message_id}/attachments/{file_id}": (
        _alert_file_args,
        None,
        thread_read,
    ),
    "POST /bodies/{slug}/messages/{message_id}/acknowledge": (
        _alert_args,
        lambda c: {"unit": c.unit_b.pk},
        thread_act(200, SHARED),
    ),
    "POST /bodies/{slug}/messages/{message_id}/act": (
        _alert_args,
        lambda c: {"unit": c.unit_b.pk, "note": "Checked our records."},
        thread_act(200, SHARED),
    ),
    "POST /bodies/{slug}/messages/{message_id}/answer": (
        _request_args,
        lambda c: {"unit": c.unit_b.pk, "text": "<p>Known to us.</p>"},
        thread_act(201, SHARED),
    ),
    "POST /bodies/{slug}/messages/{message_id}/update": (
        _alert_args,
        _payload({"text": "<p>He moved to the next town.</p>"}),
        thread_act(201, OWNER),
    ),
    "POST /bodies/{slug}/messages/{message_id}/cancel": (
        _alert_args,
        _payload({"reason": "Found safe."}),
        thread_act(201, OWNER),
    ),
    "POST /bodies/{slug}/messages/{message_id}/forward": (
        _alert_args,
        lambda c: {"from_unit": c.unit_b.pk, "units": [c.unit_c.pk], "reason": "C holds a file"},
        thread_act(201, SHARED),
    ),
    "POST /bodies/{slug}/forwards/{forward_id}/decide": (
        _pending_forward_args,
        _payload({"approve": True}),
        thread_act(200, OWNER),
    ),
    "POST /bodies/{slug}/messages/{message_id}/summary": (
        _alert_args,
        lambda c: {
            "tlp": "green",
            "subject": "Recruiters",
            "text": "Be alert.",
            "units": [c.unit_c.pk],
        },
        thread_act(201, OWNER),
    ),
    "GET /bodies/{slug}/exchange/measures": (_body, None, reader_read),
}
MATRIX.update(EXCHANGE_MATRIX)

# reads that are audited: a thread of TLP:AMBER read, its file downloaded
AUDITED_READS.update(
    {
        "GET /bodies/{slug}/messages/{message_id}",
        "GET /bodies/{slug}/messages/{message_id}/attachments/{file_id}",
    }
)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("operation", sorted(EXCHANGE_MATRIX))
def test_exchange_operation_answers_each_role_as_the_matrix_says(
    cast: Cast, operation: str, role: str
) -> None:
    answers_as_the_matrix_says(cast, operation, role)


# Joint action phases: every member reads them; the secretariat and administrators change them;
# unit A leads the activity whose indicator it records, and owns the recommendation it answers.


def _plan(c: Cast) -> Any:
    from tests.plans.conftest import make_plan

    found = getattr(c, "_plan", None) or make_plan(c)
    c._plan = found  # type: ignore[attr-defined]
    return found


def _phase_args(c: Cast) -> dict[str, Any]:
    return {"slug": c.body.slug, "phase_id": _plan(c).phase.pk}


def _indicator_args(c: Cast) -> dict[str, Any]:
    return {**_phase_args(c), "indicator_id": _plan(c).percent.pk, "period": "2023Q2"}


def _plan_evaluation(c: Cast) -> Any:
    from lintas.plans import services as plans

    plan = _plan(c)
    found = plan.phase.evaluations.first()
    return found or plans.start_evaluation(
        plan.phase, kind="mid_term", title="12 months", as_of=dt.date(2023, 12, 31), by=SYSTEM
    )


def _evaluation_args(c: Cast) -> dict[str, Any]:
    return {**_phase_args(c), "evaluation_id": _plan_evaluation(c).pk}


def _recommendation_args(c: Cast, *, accepted: bool = False) -> dict[str, Any]:
    from lintas.plans import services as plans

    rec = plans.add_recommendation(
        _plan_evaluation(c), text="Train staff", owner_unit=c.unit_a, by=SYSTEM
    )
    if accepted:
        plans.respond_to_recommendation(
            rec, response="accepted", due_on=dt.date(2024, 6, 30), by=SYSTEM
        )
    return {"slug": c.body.slug, "recommendation_id": rec.pk}


def _document_args(c: Cast) -> dict[str, Any]:
    from lintas.plans.models import PlanDocument

    found = PlanDocument.objects.create(phase=_plan(c).phase, kind="progress")
    return {**_phase_args(c), "document_id": found.pk}


def _done_document_args(c: Cast) -> dict[str, Any]:
    from lintas.plans.models import PlanDocument

    found = PlanDocument.objects.create(
        phase=_plan(c).phase, kind="progress", status="done", docx=b"PK\x03\x04", pdf=b"%PDF-1.7"
    )
    return {**_phase_args(c), "document_id": found.pk, "fmt": "pdf"}


def _activity_args(c: Cast) -> dict[str, Any]:
    return {**_phase_args(c), "activity_id": _plan(c).activity.pk}


def _milestone_args(c: Cast) -> dict[str, Any]:
    from lintas.plans import services as plans

    plan = _plan(c)
    found = plans.add_milestone(
        plan.activity, name="Line open", due_on=dt.date(2023, 6, 30), by=SYSTEM
    )
    return {**_phase_args(c), "milestone_id": found.pk}


def _result_args(c: Cast) -> dict[str, Any]:
    return {**_phase_args(c), "result_id": _plan(c).output.pk}


def _indicator_only_args(c: Cast) -> dict[str, Any]:
    return {**_phase_args(c), "indicator_id": _plan(c).percent.pk}


def _phase_in(c: Cast) -> dict[str, Any]:
    return {"name": "2025-2026", "starts_on": "2025-01-01", "ends_on": "2026-12-31"}


def _result_in(c: Cast) -> dict[str, Any]:
    return {
        "level": "output",
        "code": "1.1.2",
        "title": {"en": "Posters"},
        "parent_id": _plan(c).outcome.pk,
    }


def _activity_in(c: Cast) -> dict[str, Any]:
    return {
        "result_id": _plan(c).output.pk,
        "code": "A2",
        "title": {"en": "Print posters"},
        "lead_unit_ids": [c.unit_b.pk],
        "starts_on": "2023-03-01",
        "ends_on": "2023-05-31",
    }


def _indicator_in(c: Cast) -> dict[str, Any]:
    return {
        "result_id": _plan(c).output.pk,
        "code": "I9",
        "name": {"en": "Posters"},
        "measure": "count",
        "definition": "Posters printed",
    }


plan_lead_write = API.body_roles(MANAGERS | {OWNER}, 200)

PLANS_MATRIX: dict[str, tuple[Callable[[Cast], dict[str, Any]], Payload, Rule]] = {
    "GET /bodies/{slug}/phases": (_body, None, member_read),
    "POST /bodies/{slug}/phases": (_body, _phase_in, manager_write(201)),
    "GET /bodies/{slug}/phases/{phase_id}": (_phase_args, None, member_read),
    "POST /bodies/{slug}/phases/{phase_id}/results": (
        _phase_args,
        _result_in,
        manager_write(201),
    ),
    "POST /bodies/{slug}/phases/{phase_id}/activities": (
        _phase_args,
        _activity_in,
        manager_write(201),
    ),
    "POST /bodies/{slug}/phases/{phase_id}/indicators": (
        _phase_args,
        _indicator_in,
        manager_write(201),
    ),
    "GET /bodies/{slug}/phases/{phase_id}/indicators/{indicator_id}": (
        _indicator_args,
        None,
        member_read,
    ),
    "PUT /bodies/{slug}/phases/{phase_id}/indicators/{indicator_id}/targets/{period}": (
        _indicator_args,
        lambda c: {"value": 80},
        manager_write(200),
    ),
    "PUT /bodies/{slug}/phases/{phase_id}/indicators/{indicator_id}/actuals/{period}": (
        _indicator_args,
        lambda c: {"value": 72.5, "comment": "Night shift"},
        plan_lead_write,
    ),
    "GET /bodies/{slug}/phases/{phase_id}/timeline": (_phase_args, None, member_read),
    "GET /bodies/{slug}/phases/{phase_id}/iati": (_phase_args, None, member_read),
    "POST /bodies/{slug}/phases/{phase_id}/evaluations": (
        _phase_args,
        lambda c: {"kind": "final", "title": "Final", "as_of": "2024-12-31"},
        manager_write(201),
    ),
    "GET /bodies/{slug}/phases/{phase_id}/evaluations/{evaluation_id}": (
        _evaluation_args,
        None,
        member_read,
    ),
    "POST /bodies/{slug}/phases/{phase_id}/evaluations/{evaluation_id}/lessons": (
        _evaluation_args,
        lambda c: {"title": "Nights", "what": "Calls come at night"},
        manager_write(201),
    ),
    "POST /bodies/{slug}/phases/{phase_id}/evaluations/{evaluation_id}/recommendations": (
        _evaluation_args,
        lambda c: {"text": "Train staff", "owner_unit_id": c.unit_b.pk},
        manager_write(201),
    ),
    "POST /bodies/{slug}/recommendations/{recommendation_id}/response": (
        _recommendation_args,
        lambda c: {"response": "accepted", "due_on": "2024-06-30"},
        plan_lead_write,
    ),
    "POST /bodies/{slug}/recommendations/{recommendation_id}/follow-ups": (
        lambda c: _recommendation_args(c, accepted=True),
        lambda c: {"status": "in_progress", "note": "First course held"},
        plan_lead_write,
    ),
    "GET /bodies/{slug}/plans-library": (_body, None, member_read),
    "POST /bodies/{slug}/phases/{phase_id}/documents": (
        _phase_args,
        lambda c: {"kind": "progress"},
        manager_write(201),
    ),
    "GET /bodies/{slug}/phases/{phase_id}/documents/{document_id}": (
        _document_args,
        None,
        member_read,
    ),
    "GET /bodies/{slug}/phases/{phase_id}/documents/{document_id}/{fmt}": (
        _done_document_args,
        None,
        member_read,
    ),
    "PUT /bodies/{slug}/phases/{phase_id}/status": (
        _phase_args,
        lambda c: {"status": "active"},
        manager_write(200),
    ),
    "POST /bodies/{slug}/phases/{phase_id}/pillars": (
        _phase_args,
        lambda c: {"name": {"en": "Protecting victims", "vi": "Bảo vệ nạn nhân"}},
        manager_write(201),
    ),
    "PATCH /bodies/{slug}/phases/{phase_id}/results/{result_id}": (
        _result_args,
        lambda c: {"title": {"en": "A hotline open day and night"}},
        manager_write(200),
    ),
    "PUT /bodies/{slug}/phases/{phase_id}/activities/{activity_id}/status": (
        _activity_args,
        lambda c: {"status": "under_way"},
        plan_lead_write,
    ),
    "POST /bodies/{slug}/phases/{phase_id}/activities/{activity_id}/milestones": (
        _activity_args,
        lambda c: {"name": "Staff trained", "due_on": "2023-04-30"},
        API.body_roles(MANAGERS | {OWNER}, 201),
    ),
    "POST /bodies/{slug}/phases/{phase_id}/milestones/{milestone_id}/done": (
        _milestone_args,
        lambda c: {"done_on": "2023-06-28"},
        plan_lead_write,
    ),
    "POST /bodies/{slug}/phases/{phase_id}/indicators/{indicator_id}/baselines": (
        _indicator_only_args,
        lambda c: {"on": "2022-12-31", "value": 40},
        manager_write(201),
    ),
    "POST /bodies/{slug}/phases/{phase_id}/indicators/{indicator_id}/definitions": (
        _indicator_only_args,
        lambda c: {
            "text": "Share of calls answered within 30 seconds",
            "note": "Stricter, as the ministry asks",
            "restate_baseline": False,
        },
        manager_write(201),
    ),
    "PUT /bodies/{slug}/phases/{phase_id}/evaluations/{evaluation_id}/findings": (
        _evaluation_args,
        lambda c: {"findings": "The hotline answers most calls within a minute."},
        manager_write(200),
    ),
    "POST /bodies/{slug}/phases/{phase_id}/evaluations/{evaluation_id}/priorities": (
        _evaluation_args,
        lambda c: {"text": "Online-scam recruitment"},
        manager_write(201),
    ),
    "POST /bodies/{slug}/phases/{phase_id}/progress-updates": (
        _phase_args,
        None,
        manager_write(200),
    ),
    "GET /bodies/{slug}/phases/{phase_id}/next-phase": (_phase_args, None, manager_read),
    "POST /bodies/{slug}/phases/{phase_id}/next-phase": (
        _phase_args,
        lambda c: {"name": "2025-2026", "starts_on": "2025-01-01", "ends_on": "2026-12-31"},
        manager_write(201),
    ),
}
MATRIX.update(PLANS_MATRIX)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("operation", sorted(PLANS_MATRIX))
def test_plans_operation_answers_each_role_as_the_matrix_says(
    cast: Cast, operation: str, role: str
) -> None:
    answers_as_the_matrix_says(cast, operation, role)


# --- events: a GREEN conference every member sees; the secretariat organises it; unit A is
# invited and its focal point nominates -----------------------------------------------------------


def _event_args(c: Cast) -> dict[str, Any]:
    from tests.events.conftest import matrix_event

    return {"slug": c.body.slug, "event_id": matrix_event(c).event.pk}


def _check_in_in(c: Cast) -> dict[str, Any]:
    from tests.events.conftest import matrix_event

    m = matrix_event(c)
    return {"delegate": m.expert.pk, "session": m.session_id, "point": "Door 1"}


def _event_item_args(c: Cast) -> dict[str, Any]:
    """The matrix event with its delegate (unit A's focal point), material, contribution and
    survey."""
    from lintas.events.models import Material
    from tests.events.conftest import matrix_event

    m = matrix_event(c)
    material = Material.objects.get(pk=m.material_id)
    return {
        "slug": c.body.slug,
        "event_id": m.event.pk,
        "delegate_id": m.delegate.pk,
        "material_id": material.pk,
        "contribution_id": material.contribution_id,
        "survey_id": m.survey_id,
        "session_id": m.session_id,
    }


def _answers_in(c: Cast) -> dict[str, Any]:
    from lintas.events.models import Survey

    question = Survey.objects.get(pk=_event_item_args(c)["survey_id"]).questions.get()
    return {"answers": {str(question.pk): 4}}


def _nominee_args(c: Cast) -> dict[str, Any]:
    """A second delegate nominated by unit A, waiting for the organisers' decision."""
    from lintas.events import services as events
    from tests.events.conftest import matrix_event

    m = matrix_event(c)
    nominee = events.nominate_delegate(
        event=m.event, by=SYSTEM, unit=c.unit_a, full_name="Binh Second"
    )
    return {"slug": c.body.slug, "event_id": m.event.pk, "delegate_id": nominee.pk}


def _action_item_args(c: Cast) -> dict[str, Any]:
    """An action of the matrix event owned by unit A."""
    from lintas.events import services as events
    from tests.events.conftest import matrix_event

    m = matrix_event(c)
    item = events.record_action_item(
        event=m.event, by=SYSTEM, text_="Share the hotline list", owner_unit=c.unit_a,
        due_on=dt.date(2026, 6, 30),
    )  # fmt: skip
    return {"slug": c.body.slug, "event_id": m.event.pk, "item_id": item.pk}


def _visa_args(c: Cast) -> dict[str, Any]:
    from tests.events.conftest import matrix_event

    m = matrix_event(c)
    m.delegate.needs_visa_letter = True
    m.delegate.nationality = "Viet Nam"
    m.delegate.save()
    return _event_item_args(c)


EVENT_DELEGATE_READERS = MANAGERS | {OWNER}  # the organisers and unit A, its delegate's unit
# Reads the audit log writes down (a material's download).
AUDITED_READS.add("GET /bodies/{slug}/events/{event_id}/materials/{material_id}")
# Writes that find their work done (the matrix delegate holds a certificate): nothing changes.
UNCHANGED_WRITES.update(
    {
        "POST /bodies/{slug}/events/{event_id}/certificates",
        "POST /bodies/{slug}/events/{event_id}/delegates/{delegate_id}/certificate",
    }
)

EVENTS_MATRIX: dict[str, tuple[Any, Any, Rule]] = {
    "GET /bodies/{slug}/events": (_body, None, member_read),
    "POST /bodies/{slug}/events": (
        _body,
        _payload(
            {"kind": "meeting", "title": "M", "starts_on": "2026-03-10", "ends_on": "2026-03-10"}
        ),
        API.body_roles(MANAGERS, 201),
    ),
    "GET /bodies/{slug}/events/{event_id}": (_event_args, None, member_read),
    "POST /bodies/{slug}/events/{event_id}/sessions": (
        _event_args,
        _payload(
            {"title": "S", "day": "2026-03-10", "starts": "14:00", "ends": "15:00", "room": "Hall"}
        ),
        API.body_roles(MANAGERS, 201),
    ),
    "GET /bodies/{slug}/events/{event_id}/delegates": (_event_args, None, member_read),
    "POST /bodies/{slug}/events/{event_id}/delegates": (
        _event_args,
        lambda c: {"unit": c.unit_a.pk, "full_name": "Second A"},
        API.body_roles(MANAGERS | {OWNER}, 201),
    ),
    "POST /bodies/{slug}/events/{event_id}/check-ins": (
        _event_args,
        _check_in_in,
        API.body_roles(MANAGERS),
    ),
    "GET /bodies/{slug}/events/{event_id}/attendance": (
        _event_args,
        None,
        API.body_roles(MANAGERS),
    ),
    "GET /bodies/{slug}/events/{event_id}/action-items": (_event_args, None, member_read),
    "GET /bodies/{slug}/events-measures": (_body, None, reader_read),
    "PUT /bodies/{slug}/events/{event_id}": (
        _event_args,
        _payload(
            {
                "kind": "conference",
                "title": "Matrix conference",
                "starts_on": "2026-03-10",
                "ends_on": "2026-03-10",
                "venue": "Jakarta",
                "certificate_min_sessions": 1,
            }
        ),
        API.body_roles(MANAGERS),
    ),
    "POST /bodies/{slug}/events/{event_id}/rooms": (
        _event_args,
        _payload({"name": "Room 2"}),
        API.body_roles(MANAGERS, 201),
    ),
    "POST /bodies/{slug}/events/{event_id}/sessions/{session_id}/move": (
        _event_item_args,
        _payload({"day": "2026-03-10", "starts": "11:00"}),
        API.body_roles(MANAGERS),
    ),
    # The matrix session has a check-in: the organisers are told it stays.
    "POST /bodies/{slug}/events/{event_id}/sessions/{session_id}/remove": (
        _event_item_args,
        None,
        API.body_roles(MANAGERS, 400),
    ),
    "POST /bodies/{slug}/events/{event_id}/contributions/{contribution_id}/move": (
        _event_item_args,
        _payload({"position": 0, "session": None}),
        API.body_roles(MANAGERS),
    ),
    "POST /bodies/{slug}/events/{event_id}/contributions": (
        _event_args,
        lambda c: {"session": _check_in_in(c)["session"], "title": "Second talk"},
        API.body_roles(MANAGERS, 201),
    ),
    "GET /bodies/{slug}/events/{event_id}/delegates/{delegate_id}/badge": (
        _event_item_args,
        None,
        API.known_to(EVENT_DELEGATE_READERS),
    ),
    "GET /bodies/{slug}/events/{event_id}/materials": (_event_args, None, member_read),
    "GET /bodies/{slug}/events/{event_id}/materials/{material_id}": (
        _event_item_args,
        None,
        member_read,
    ),
    "POST /bodies/{slug}/events/{event_id}/contributions/{contribution_id}/materials": (
        _event_item_args,
        lambda c: {"name": "notes.txt", "content_base64": "bm90ZXM="},
        API.body_roles(MANAGERS, 201),
    ),
    "GET /bodies/{slug}/events/{event_id}/surveys": (_event_args, None, member_read),
    "POST /bodies/{slug}/events/{event_id}/surveys/{survey_id}/answers": (
        _event_item_args,
        _answers_in,
        # Only an approved delegate answers; another member is told so (400, with the reason).
        lambda role: API.acted_on(readers=MEMBERS, by=MEMBERS, ok=201 if role == OWNER else 400)(
            role
        ),
    ),
    "GET /bodies/{slug}/events/{event_id}/certificates": (_event_args, None, member_read),
    "POST /bodies/{slug}/events/{event_id}/certificates": (
        _event_args,
        None,
        API.body_roles(MANAGERS),
    ),
    "POST /bodies/{slug}/events/{event_id}/delegates/{delegate_id}/certificate": (
        _event_item_args,
        None,
        API.acted_on(readers=EVENT_DELEGATE_READERS, by=EVENT_DELEGATE_READERS, ok=201),
    ),
    "POST /bodies/{slug}/events/{event_id}/invitations": (
        _event_args,
        lambda c: {"unit": c.unit_b.pk, "quota": 1},
        API.body_roles(MANAGERS, 201),
    ),
    "POST /bodies/{slug}/events/{event_id}/delegates/{delegate_id}/decision": (
        _nominee_args,
        lambda c: {"approve": True},
        API.acted_on(readers=EVENT_DELEGATE_READERS, by=MANAGERS, ok=200),
    ),
    "GET /bodies/{slug}/events/{event_id}/delegates/{delegate_id}/registration": (
        _event_item_args,
        None,
        API.known_to(EVENT_DELEGATE_READERS),
    ),
    "PUT /bodies/{slug}/events/{event_id}/delegates/{delegate_id}/registration": (
        _event_item_args,
        lambda c: {"position": "Inspector", "languages": ["vi", "en"]},
        API.acted_on(readers=EVENT_DELEGATE_READERS, by=EVENT_DELEGATE_READERS, ok=200),
    ),
    "GET /bodies/{slug}/events/{event_id}/delegates/{delegate_id}/visa-letter": (
        _visa_args,
        None,
        API.known_to(EVENT_DELEGATE_READERS),
    ),
    "POST /bodies/{slug}/events/{event_id}/surveys": (
        _event_args,
        lambda c: {
            "kind": "feedback",
            "title": "Day two",
            "questions": [{"kind": "rating", "text": "The venue"}],
        },
        API.body_roles(MANAGERS, 201),
    ),
    "GET /bodies/{slug}/events/{event_id}/agenda.pdf": (_event_args, None, member_read),
    "GET /bodies/{slug}/events/{event_id}/agenda.ics": (_event_args, None, member_read),
    "GET /bodies/{slug}/events/{event_id}/badges": (
        _event_args,
        None,
        API.body_roles(MANAGERS, 200),
    ),
    "GET /bodies/{slug}/events/{event_id}/delegates/{delegate_id}/certificate.pdf": (
        _event_item_args,
        None,
        API.known_to(MANAGERS | {OWNER}),
    ),
    "POST /bodies/{slug}/events/{event_id}/guests": (
        _event_args,
        lambda c: {"full_name": "Dr. Maria Santos", "role": "expert"},
        API.body_roles(MANAGERS, 201),
    ),
    "POST /bodies/{slug}/events/{event_id}/action-items": (
        _event_args,
        lambda c: {"text": "Meet again in May", "kind": "decision"},
        API.body_roles(MANAGERS, 201),
    ),
    "POST /bodies/{slug}/events/{event_id}/action-items/{item_id}/status": (
        _action_item_args,
        lambda c: {"status": "in_progress", "note": "Draft list sent"},
        API.acted_on(readers=MEMBERS, by=MANAGERS | {OWNER}, ok=200),
    ),
    "POST /bodies/{slug}/events/{event_id}/surveys/{survey_id}/reminders": (
        _event_item_args,
        None,
        API.body_roles(MANAGERS, 200),
    ),
}
MATRIX.update(EVENTS_MATRIX)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("operation", sorted(EVENTS_MATRIX))
def test_events_operation_answers_each_role_as_the_matrix_says(
    cast: Cast, operation: str, role: str
) -> None:
    answers_as_the_matrix_says(cast, operation, role)


# --- public releases: the secretariat prepares, sends, publishes and withdraws; unit A is asked
# to sign off the release that awaits it -------------------------------------------------------


def _clear_practice(c: Cast) -> Any:
    from lintas.core.tlp import TLP
    from lintas.plans.models import GoodPractice

    return GoodPractice.objects.create(
        body=c.body, title="Joint training", what="A course.", tlp=TLP.CLEAR,
        shows_results=True, cause_effect=True, replicable=True,
    )  # fmt: skip


def _draft_release(c: Cast, *, asking: bool = False) -> Any:
    from lintas.public import services as public

    if asking:
        public.save_signoff_settings(
            body=c.body, by=SYSTEM, require="listed", units=[c.unit_a], days_to_answer=7
        )
    item = public.ItemRef("good_practice", _clear_practice(c).pk)
    return public.prepare_release(body=c.body, by=SYSTEM, title="R", tables=[], items=[item])


def _release_args(c: Cast) -> dict[str, Any]:
    return {"slug": c.body.slug, "release_id": _draft_release(c).pk}


def _asking_release_args(c: Cast) -> dict[str, Any]:
    return {"slug": c.body.slug, "release_id": _draft_release(c, asking=True).pk}


def _awaiting_release_args(c: Cast) -> dict[str, Any]:
    from lintas.public import services as public

    release = public.submit_release(release=_draft_release(c, asking=True), by=SYSTEM)
    return {"slug": c.body.slug, "release_id": release.pk}


def _published_body(c: Cast) -> dict[str, Any]:
    from lintas.public import services as public

    release = _draft_release(c, asking=False)
    public.publish_release(release=release, by=SYSTEM)
    return {"slug": c.body.slug}


PUBLIC_MATRIX: dict[str, tuple[Any, Any, Rule]] = {
    "GET /public/{slug}/statistics": (_published_body, None, anyone),
    "GET /bodies/{slug}/releases": (_body, None, API.body_roles(MANAGERS)),
    "POST /bodies/{slug}/releases": (
        _body,
        lambda c: {
            "title": "R",
            "tables": [],
            "items": [{"kind": "good_practice", "id": _clear_practice(c).pk}],
        },
        API.body_roles(MANAGERS, 201),
    ),
    "GET /bodies/{slug}/releases/{release_id}": (_release_args, None, API.body_roles(MANAGERS)),
    "POST /bodies/{slug}/releases/{release_id}/widen": (
        _release_args,
        None,
        API.body_roles(MANAGERS),
    ),
    "POST /bodies/{slug}/releases/{release_id}/submit": (
        _asking_release_args,
        None,
        API.body_roles(MANAGERS),
    ),
    "POST /bodies/{slug}/releases/{release_id}/publish": (
        _release_args,
        None,
        API.body_roles(MANAGERS),
    ),
    "POST /bodies/{slug}/releases/{release_id}/withdraw": (
        _release_args,
        lambda c: {"reason": "Too early"},
        API.body_roles(MANAGERS),
    ),
    "POST /bodies/{slug}/releases/{release_id}/sign-off": (
        _awaiting_release_args,
        lambda c: {"unit": c.unit_a.pk, "decision": "approved"},
        API.acted_on(readers=MANAGERS | {OWNER}, by={OWNER}, ok=200),
    ),
}
MATRIX.update(PUBLIC_MATRIX)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("operation", sorted(PUBLIC_MATRIX))
def test_public_operation_answers_each_role_as_the_matrix_says(
    cast: Cast, operation: str, role: str
) -> None:
    answers_as_the_matrix_says(cast, operation, role)
