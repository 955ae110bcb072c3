"""Walks every URL of the site for every role of the cast and checks the answer.

A new URL that is not in MATRIX makes test_every_url_is_in_the_matrix fail, so each feature that
adds pages must say here who may use them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from lintas.members import services
from lintas.members.models import Invitation, Membership, Role, User
from lintas.policy import SYSTEM
from tests.conftest import Cast, ClientFor
from tests.inline_code import inline_code
from tests.matrix import (
    ANON,
    CASE_READERS,
    EVENT_DELEGATE_PAGES,
    EVENT_ORGANISERS,
    FOCAL_POINTS,
    MANAGERS,
    MEMBERS,
    NETWORK_ANALYSTS,
    OWNER,
    PAGES,
    READERS,
    ROLES,
    SHARED,
    STRANGER,
    UNRELATED,
    Rule,
    always,
)

member_page = PAGES.members()
manager_page = PAGES.body_roles(MANAGERS)
manager_action = PAGES.body_roles(MANAGERS, 302)
signed_in_page = PAGES.signed_in()


def _body(c: Cast, u: User | None) -> dict[str, Any]:
    return {"slug": c.body.slug}


def _unit(c: Cast, u: User | None) -> dict[str, Any]:
    return {"slug": c.body.slug, "unit_id": c.unit_a.pk}


def _person(c: Cast, u: User | None) -> dict[str, Any]:
    return {"slug": c.body.slug, "person_id": c.focal_b.pk}


def _membership(c: Cast, u: User | None) -> dict[str, Any]:
    m = Membership.objects.get(user=c.focal_b, body=c.body, role=Role.FOCAL_POINT)
    return {"slug": c.body.slug, "membership_id": m.pk}


def _invitation(c: Cast, u: User | None) -> dict[str, Any]:
    inv = services.invite_person(
        body=c.body,
        email="new@example.org",
        full_name="New Person",
        role=Role.FOCAL_POINT,
        unit=c.unit_c,
        language="en",
        by=c.secretariat,
    )
    assert isinstance(inv, Invitation)
    return {"slug": c.body.slug, "invitation_id": inv.pk}


def _invitation_key(c: Cast, u: User | None) -> dict[str, Any]:
    key, digest = Invitation.new_key()
    Invitation.objects.create(
        body=c.body,
        email="fresh@example.org",
        full_name="Fresh",
        role=Role.LEADER,
        key_digest=digest,
        invited_by=c.secretariat,
        expires_at=__import__("django.utils.timezone").utils.timezone.now()
        + __import__("datetime").timedelta(days=1),
    )
    return {"key": key}


def _own_token(c: Cast, u: User | None) -> dict[str, Any]:
    owner = u or c.focal_a
    token, _key = services.create_api_token(owner, name="script", by=owner)
    return {"token_id": token.pk}


def _demo_user(c: Cast, u: User | None) -> dict[str, Any]:
    return {"user_id": c.focal_a.pk}


def _none(c: Cast, u: User | None) -> dict[str, Any]:
    return {}


reader_page = PAGES.body_roles(READERS)
reader_action = PAGES.body_roles(READERS, 302)


def reports_home(role: str) -> int:
    if role == ANON or role in FOCAL_POINTS:
        return 302  # focal points are sent on to their own reports
    return 404 if role == STRANGER else 200


# Unit A's submission: its focal point and the body's readers see it; others may not know.
UNIT_A_REPORT = READERS | {OWNER}
unit_a_report = PAGES.known_to(UNIT_A_REPORT)


def unit_a_fill(ok: int) -> Rule:
    return PAGES.acted_on(readers=UNIT_A_REPORT, by={OWNER}, ok=ok)


unit_a_review = PAGES.acted_on(readers=UNIT_A_REPORT, by=MANAGERS, ok=302)
# nobody in the cast is unit A's validator
unit_a_validate = PAGES.acted_on(readers=UNIT_A_REPORT, by=set(), ok=302)


def _regime(c: Cast) -> Any:
    import datetime as dt

    import time_machine

    from lintas.reporting import services as reporting
    from lintas.reporting.models import Obligation
    from tests.reporting.conftest import GOOD, STRUCTURE

    obligation = Obligation.objects.filter(body=c.body).first()
    if obligation is None:
        template = reporting.create_template(
            body=c.body, code="m", name={"en": "Monthly"}, structure=STRUCTURE, by=SYSTEM
        )
        obligation = reporting.define_obligation(
            body=c.body,
            template=template,
            units=[c.unit_a, c.unit_b, c.unit_c],
            period_type="monthly",
            starts_on=dt.date(2024, 1, 1),
            due_days=10,
            expiry_days=30,
            by=SYSTEM,
        )
        with time_machine.travel(dt.datetime(2024, 4, 5, 3, tzinfo=dt.UTC), tick=False):
            sent = reporting.start_submission(
                obligation=obligation, unit=c.unit_a, period_key="2024-03", by=SYSTEM
            )
            reporting.submit_report(sent, by=SYSTEM, data=GOOD, revision=sent.revision)
    return obligation


def _obligation(c: Cast, u: User | None) -> dict[str, Any]:
    return {"slug": c.body.slug, "obligation_id": _regime(c).pk}


def _start(c: Cast, u: User | None) -> dict[str, Any]:
    return {
        "slug": c.body.slug,
        "obligation_id": _regime(c).pk,
        "unit_id": c.unit_a.pk,
        "period": "2024-05",
    }


def _submitted(c: Cast, u: User | None) -> dict[str, Any]:
    from lintas.reporting.models import Submission

    _regime(c)
    sub = Submission.objects.get(unit=c.unit_a, period_key="2024-03")
    return {"slug": c.body.slug, "submission_id": sub.pk}


def _draft(c: Cast, u: User | None) -> dict[str, Any]:
    from lintas.reporting import services as reporting

    obligation = _regime(c)
    sub = reporting.start_submission(
        obligation=obligation, unit=c.unit_a, period_key="2026-01", by=SYSTEM
    )
    return {"slug": c.body.slug, "submission_id": sub.pk}


def _template(c: Cast, u: User | None) -> dict[str, Any]:
    return {"slug": c.body.slug, "template_id": _regime(c).template_id}


def _synthesis_fmt(c: Cast, u: User | None) -> dict[str, Any]:
    return {**_obligation(c, u), "fmt": "csv"}


def _generated(c: Cast, u: User | None) -> dict[str, Any]:
    from lintas.synthesis.models import GeneratedFile, GeneratedReport

    obligation = _regime(c)
    found = GeneratedReport.objects.create(
        body=c.body, obligation=obligation, first_period="2024-03", last_period="2024-03"
    )
    GeneratedFile.objects.create(
        report=found, format="csv", filename="r.csv", content_type="text/csv", content=b"a,b\n"
    )
    return {"slug": c.body.slug, "report_id": found.pk}


def _generated_file(c: Cast, u: User | None) -> dict[str, Any]:
    return {**_generated(c, u), "fmt": "csv"}


def _broken_reset_link(c: Cast, u: User | None) -> dict[str, Any]:
    return {"uidb64": "MQ", "token": "broken-link"}


# url name -> (method, kwargs, expected status by role)
MATRIX: dict[str, tuple[str, Callable[[Cast, User | None], dict[str, Any]], Rule]] = {
    "home": ("get", _none, signed_in_page),
    "login": ("get", _none, lambda r: 200 if r == "anon" else 302),
    "logout": ("post", _none, always(302)),
    "set-language": ("post", _none, always(302)),
    "account": ("get", _none, signed_in_page),
    "api-token-create": ("post", _none, always(302)),
    "api-token-revoke": ("post", _own_token, always(302)),
    # everyone signed in here has a confirmed second factor, so the page sends them on
    "two-factor": ("get", _none, always(302)),
    "backup-codes": ("get", _none, signed_in_page),
    "password-change": ("get", _none, signed_in_page),
    # open to everyone: the answer never says whether an account exists
    "password-reset": ("get", _none, always(200)),
    "password-reset-sent": ("get", _none, always(200)),
    "password-reset-complete": ("get", _none, always(200)),
    # a link that is not one of ours is refused (tests/members/test_passwords.py follows a real one)
    "password-reset-confirm": ("get", _broken_reset_link, always(400)),
    "demo": ("get", _none, always(404)),  # off unless LINTAS_DEMO; see test_demo
    "demo-login": ("post", _demo_user, always(404)),
    "health": ("get", _none, always(200)),
    "favicon": ("get", _none, always(301)),
    "members:body-overview": ("get", _body, member_page),
    "members:unit-tree": ("get", _body, member_page),
    "members:unit-detail": ("get", _unit, member_page),
    "members:unit-create": ("get", _body, manager_page),
    "members:unit-edit": ("get", _unit, manager_page),
    "members:people": ("get", _body, member_page),
    "members:person-detail": ("get", _person, member_page),
    "members:invite": ("get", _body, manager_page),
    "members:person-grant-role": ("post", _person, manager_action),
    "members:person-deactivate": ("post", _person, manager_action),
    "members:membership-end": ("post", _membership, manager_action),
    "members:invitation-revoke": ("post", _invitation, manager_action),
    "members:invitation-accept": ("get", _invitation_key, always(200)),
    "audit:log": ("get", _body, manager_page),
    "notices:list": ("get", _none, signed_in_page),
    "notices:preferences": ("get", _none, signed_in_page),
    "reporting:home": ("get", _body, reports_home),
    "reporting:my-reports": ("get", _body, member_page),
    "reporting:matrix": ("get", _obligation, reader_page),
    "reporting:obligation-create": ("get", _body, manager_page),
    "reporting:obligation-edit": ("get", _obligation, manager_page),
    "reporting:exception-create": ("get", _obligation, manager_page),
    "reporting:start": ("post", _start, unit_a_fill(302)),
    "reporting:template-detail": ("get", _template, member_page),
    "reporting:template-list": ("get", _body, manager_page),
    "reporting:template-create": ("get", _body, manager_page),
    "reporting:template-edit": ("get", _template, manager_page),
    "reporting:template-xlsx": ("get", _template, member_page),
    "reporting:submission-detail": ("get", _submitted, unit_a_report),
    "reporting:submission-compare": ("get", _submitted, unit_a_report),
    "reporting:submission-edit": ("get", _draft, unit_a_fill(200)),
    "reporting:submission-accept": ("post", _submitted, unit_a_review),
    "reporting:submission-return": ("post", _submitted, unit_a_review),
    "reporting:submission-validate": ("post", _submitted, unit_a_validate),
    "reporting:submission-xlsx": ("get", _draft, unit_a_report),
    "reporting:submission-upload": ("get", _draft, unit_a_fill(200)),
    "synthesis:home": ("get", _body, reader_page),
    "synthesis:dashboard": ("get", _body, reader_page),
    "synthesis:report": ("get", _obligation, reader_page),
    "synthesis:download": ("get", _synthesis_fmt, reader_page),
    "synthesis:generate": ("post", _obligation, reader_action),
    "synthesis:generated": ("get", _generated, reader_page),
    "synthesis:generated-progress": ("get", _generated, reader_page),
    "synthesis:generated-file": ("get", _generated_file, reader_page),
}

POST_DATA: dict[str, Any] = {
    "members:person-grant-role": {"role": "leader"},
    "members:person-deactivate": {"reason": "left the agency"},
    "set-language": {"language": "vi"},
    "api-token-create": {"name": "export script"},
    "reporting:submission-return": {"reason": "Please check the figures."},
    "synthesis:generate": {"first": "2024-03", "last": "2024-03", "language": "en"},
}


# --- cases ----------------------------------------------------------------------------------
# An AMBER case of unit A, shared with unit B including personal data (the victim consented to B).
# Unit A's focal point acts on it; B's reads it (403 on actions); everyone else may not know it.


def _case(c: Cast, u: User | None) -> dict[str, Any]:
    from lintas.cases.models import TLP
    from tests.cases.conftest import shared_case

    case = shared_case(c, TLP.AMBER)
    return {"slug": c.body.slug, "case_id": case.pk}


def _case_person(c: Cast, u: User | None) -> dict[str, Any]:
    kwargs = _case(c, u)
    from lintas.cases.models import CasePerson

    victim = CasePerson.objects.get(case_id=kwargs["case_id"], role="victim")
    return {**kwargs, "person_id": victim.pk}


def _case_share(c: Cast, u: User | None) -> dict[str, Any]:
    kwargs = _case(c, u)
    from lintas.cases.models import CaseShare

    return {**kwargs, "share_id": CaseShare.objects.get(case_id=kwargs["case_id"]).pk}


def _case_consent(c: Cast, u: User | None) -> dict[str, Any]:
    kwargs = _case(c, u)
    from lintas.cases.models import ConsentRecord

    consent = ConsentRecord.objects.get(person__case_id=kwargs["case_id"])
    return {**kwargs, "consent_id": consent.pk}


def _red_access(c: Cast, u: User | None) -> dict[str, Any]:
    kwargs = _case(c, u)
    from lintas.cases import services as cases
    from lintas.cases.models import Case

    case = Case.objects.get(pk=kwargs["case_id"])
    access = cases.name_red_reader(case, person=c.focal_c, by=c.focal_a)
    return {**kwargs, "access_id": access.pk}


# Focal points record cases for their units; body-wide roles read only.
case_creator = PAGES.body_roles(FOCAL_POINTS)
shared_case_read = PAGES.known_to(CASE_READERS)


def shared_case_act(ok: int) -> Rule:
    return PAGES.acted_on(readers=CASE_READERS, by={OWNER}, ok=ok)


MATRIX.update(
    {
        "cases:list": ("get", _body, member_page),
        "cases:create": ("get", _body, case_creator),
        "cases:detail": ("get", _case, shared_case_read),
        "cases:edit": ("get", _case, shared_case_act(200)),
        "cases:label": ("post", _case, shared_case_act(302)),
        "cases:share": ("get", _case, shared_case_act(200)),
        "cases:share-revoke": ("post", _case_share, shared_case_act(302)),
        "cases:access": ("get", _case, shared_case_act(200)),
        "cases:person-create": ("get", _case, shared_case_act(200)),
        "cases:person-edit": ("get", _case_person, shared_case_act(200)),
        "cases:consent-create": ("get", _case_person, shared_case_act(200)),
        "cases:consent-withdraw": ("post", _case_consent, shared_case_act(302)),
        "cases:red-readers": ("get", _case, shared_case_act(200)),
        "cases:red-reader-remove": ("post", _red_access, shared_case_act(302)),
    }
)
POST_DATA.update({"cases:label": {"tlp": "amber+strict"}})


# Referrals: unit A refers the case to unit C. C's focal point answers; A's sees it and withdraws.
# Emergency access: body members who may not read the case's personal data may ask (B and A
# already read it: 404); unit C's focal point holds the grant that is ended.


def _referral(c: Cast, u: User | None) -> dict[str, Any]:
    import datetime as dt

    from lintas.cases.models import Case
    from lintas.cases.services import referrals

    case = Case.objects.get(pk=_case(c, u)["case_id"])
    referral = referrals.request_referral(
        case, to_unit=c.unit_c, by=c.focal_a, due_on=dt.date(2099, 1, 1)
    )
    return {"slug": c.body.slug, "referral_id": referral.pk}


def _emergency(c: Cast, u: User | None) -> dict[str, Any]:
    from lintas.cases.models import Case
    from lintas.cases.services import emergency

    kwargs = _case(c, u)
    case = Case.objects.get(pk=kwargs["case_id"])
    access = emergency.break_glass(case, user=c.focal_c, reason="Victim in danger", hours=2)
    return {**kwargs, "access_id": access.pk}


break_glass_page = PAGES.known_to(MEMBERS - CASE_READERS)
# unit C's emergency access: C, who holds it, and A's focal point end it
emergency_end = PAGES.acted_on(readers=FOCAL_POINTS, by={OWNER, UNRELATED}, ok=302)
# unit A's request to unit C: C answers it, A withdraws it
referral_answer = PAGES.acted_on(readers={OWNER, UNRELATED}, by={UNRELATED}, ok=302)
referral_withdraw = PAGES.acted_on(readers={OWNER, UNRELATED}, by={OWNER}, ok=302)


MATRIX.update(
    {
        "cases:refer": ("get", _case, shared_case_act(200)),
        "cases:break-glass": ("get", _case, break_glass_page),
        "cases:emergency-end": ("post", _emergency, emergency_end),
        "cases:referral-inbox": ("get", _body, member_page),
        "cases:referral-accept": ("post", _referral, referral_answer),
        "cases:referral-decline": ("post", _referral, referral_answer),
        "cases:referral-close": ("post", _referral, referral_withdraw),
    }
)
POST_DATA.update({"cases:referral-decline": {"reason": "No capacity this month."}})
MATRIX.update(
    {
        # Anonymised counts: the body page for its members; the public reads releases.
        "cases:statistics": ("get", _body, member_page),
    }
)


def _names(patterns: list[Any], prefix: str = "") -> set[str]:
    names: set[str] = set()
    for p in patterns:
        if isinstance(p, URLResolver):
            if p.namespace in {"admin", "api"} or "api/v1" in str(p.pattern):
                continue
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            names |= _names(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            names.add(prefix + p.name)
    return names


def test_every_url_is_in_the_matrix() -> None:
    assert _names(get_resolver().url_patterns) == set(MATRIX)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrize with MATRIX once the whole module has run, so rows added further down (each
    feature appends its own) are walked too."""
    if metafunc.function.__name__ == "test_url_answers_each_role_as_the_matrix_says":
        metafunc.parametrize("name", sorted(MATRIX))


@pytest.mark.parametrize("role", ROLES)
def test_url_answers_each_role_as_the_matrix_says(
    cast: Cast, client_for: ClientFor, name: str, role: str
) -> None:
    method, kwargs_for, expected = MATRIX[name]
    user = None if role == ANON else cast.role_users()[role]
    url = reverse(name, kwargs=kwargs_for(cast, user))
    client = client_for(user)
    data = POST_DATA.get(name, {})
    data = data(cast) if callable(data) else data
    response = client.get(url) if method == "get" else client.post(url, data)
    assert response.status_code == expected(role), (name, role, response.status_code)
    if response.get("Content-Type", "").startswith("text/html"):
        # The Content-Security-Policy refuses inline style and script: no page may carry any.
        assert inline_code(response.content.decode()) == [], (name, role)
    if role == ANON and expected(role) == 302 and name not in {"logout", "set-language"}:
        assert response["Location"].startswith(reverse("login"))


def _case_event(c: Cast, u: User | None) -> dict[str, Any]:
    import datetime as dt

    from lintas.cases import services
    from lintas.cases.models import Case

    kwargs = _case(c, u)
    case = Case.objects.get(pk=kwargs["case_id"])
    event = services.add_event(
        case, by=c.focal_a, kind="recruitment", occurred_on=dt.date(2025, 3, 1), country="VN"
    )
    return {**kwargs, "event_id": event.pk}


MATRIX.update(
    {
        "cases:event-create": ("get", _case, shared_case_act(200)),
        "cases:event-remove": ("post", _case_event, shared_case_act(302)),
    }
)


MATRIX.update(
    {
        # Cases in and out as files: focal points import for their units; every member of the
        # body exports the cases they may read.
        "cases:import": ("get", _body, case_creator),
        "cases:import-template": ("get", _body, case_creator),
        "cases:export": ("get", _body, member_page),
    }
)


# Networks: analysts and the secretariat see every network and run relinks; a unit's focal point
# sees the list and the networks touching cases it may read (A's and B's here, not C's).


def _network(c: Cast, u: User | None) -> dict[str, Any]:
    from tests.networks.conftest import two_unit_network

    return {"slug": c.body.slug, "network_id": two_unit_network(c).pk}


def _link_run(c: Cast, u: User | None) -> dict[str, Any]:
    from tests.networks.conftest import queued_run

    return {"slug": c.body.slug, "run_id": queued_run(c).pk}


network_list_page = PAGES.body_roles(NETWORK_ANALYSTS | FOCAL_POINTS)
network_page = PAGES.known_to(NETWORK_ANALYSTS | {OWNER, SHARED})


def network_analyst(ok: int) -> Rule:
    return PAGES.body_roles(NETWORK_ANALYSTS, ok)


MATRIX.update(
    {
        "networks:list": ("get", _body, network_list_page),
        "networks:detail": ("get", _network, network_page),
        "networks:relink": ("post", _body, network_analyst(302)),
        "networks:run": ("get", _link_run, network_analyst(200)),
        "networks:run-progress": ("get", _link_run, network_analyst(200)),
    }
)


# --- the exchange: an AMBER alert from unit A to unit B; C, D and the body roles are strangers --


def _alert(c: Cast) -> Any:
    from lintas.exchange import services as exchange
    from lintas.exchange.models import Message

    found = Message.objects.filter(body=c.body, thread__isnull=True).first()
    if found is not None:
        return found
    return exchange.post_message(
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


def _message(c: Cast, u: User | None) -> dict[str, Any]:
    return {"slug": c.body.slug, "message_id": _alert(c).pk}


def _message_file(c: Cast, u: User | None) -> dict[str, Any]:
    message = _alert(c)
    return {"slug": c.body.slug, "message_id": message.pk, "file_id": message.attachments.get().pk}


def _pending_forward(c: Cast, u: User | None) -> dict[str, Any]:
    from lintas.exchange import services as exchange

    message = _alert(c)
    fwd = exchange.forward(
        message, from_unit=c.unit_b, to_units=[c.unit_c], by=c.focal_b, reason="C needs it"
    )
    return {"slug": c.body.slug, "message_id": message.pk, "forward_id": fwd.pk}


MESSAGE_READERS = frozenset({OWNER, SHARED})
message_page = PAGES.known_to(MESSAGE_READERS)


def message_act(by: set[str]) -> Rule:
    return PAGES.acted_on(readers=MESSAGE_READERS, by=by, ok=302)


MATRIX.update(
    {
        "exchange:inbox": ("get", _body, member_page),
        "exchange:compose": ("get", _body, PAGES.body_roles(FOCAL_POINTS)),
        "exchange:matrix": ("get", _body, reader_page),
        "exchange:message": ("get", _message, message_page),
        "exchange:pdf": ("get", _message, message_page),
        "exchange:attachment": ("get", _message_file, message_page),
        "exchange:acknowledge": ("post", _message, message_act({SHARED})),
        "exchange:act": ("post", _message, message_act({SHARED})),
        "exchange:forward": ("post", _message, message_act({SHARED})),
        "exchange:update": ("post", _message, message_act({OWNER})),
        "exchange:summary": ("post", _message, message_act({OWNER})),
        "exchange:decide": ("post", _pending_forward, message_act({OWNER})),
        "exchange:misp": ("get", _message, message_page),
        "exchange:misp-import": ("get", _body, PAGES.body_roles(FOCAL_POINTS)),
        "exchange:setup": ("get", _body, manager_page),
    }
)
POST_DATA.update(
    {
        "exchange:acknowledge": lambda c: {"unit": c.unit_b.pk},
        "exchange:act": lambda c: {"unit": c.unit_b.pk, "note": "Checked our records."},
        "exchange:forward": lambda c: {"unit": c.unit_b.pk, "units": [c.unit_c.pk], "reason": "x"},
        "exchange:update": {"text": "He moved to the next town."},
        "exchange:summary": lambda c: {
            "tlp": "green",
            "subject": "Recruiters at the border",
            "text": "Be alert.",
            "units": [c.unit_c.pk],
        },
        "exchange:decide": {"approve": "1"},
    }
)


# Joint action phases: every member of the body reads them; the secretariat and administrators
# change them (the pages' own tests cover who may post what); drafting the next phase is theirs.


def _phase(c: Cast, u: User | None) -> dict[str, Any]:
    from tests.plans.conftest import make_plan

    found = getattr(c, "_plan", None) or make_plan(c)
    c._plan = found  # type: ignore[attr-defined]
    return {"slug": c.body.slug, "phase_id": found.phase.pk}


def _plan_activity(c: Cast, u: User | None) -> dict[str, Any]:
    kwargs = _phase(c, u)
    return {**kwargs, "activity_id": c._plan.activity.pk}  # type: ignore[attr-defined]


def _plan_indicator(c: Cast, u: User | None) -> dict[str, Any]:
    kwargs = _phase(c, u)
    return {**kwargs, "indicator_id": c._plan.count.pk}  # type: ignore[attr-defined]


def _plan_evidence(c: Cast, u: User | None) -> dict[str, Any]:
    from lintas.plans import services as plans

    kwargs = _phase(c, u)
    actual = plans.record_actual(
        c._plan.count,  # type: ignore[attr-defined]
        period_key="2023Q1",
        value=3,
        evidence_name="notes.txt",
        evidence=b"notes",
        by=SYSTEM,
    )
    return {**kwargs, "actual_id": actual.pk}


def _plan_evaluation(c: Cast, u: User | None) -> dict[str, Any]:
    import datetime as dt

    from lintas.plans import services as plans

    kwargs = _phase(c, u)
    plans.set_target(c._plan.count, period_key="2023Q4", value=4, by=SYSTEM)  # type: ignore[attr-defined]
    evaluation = plans.start_evaluation(
        c._plan.phase,  # type: ignore[attr-defined]
        kind="mid_term",
        title="12 months",
        as_of=dt.date(2023, 12, 31),
        by=SYSTEM,
    )
    return {**kwargs, "evaluation_id": evaluation.pk}


def _plan_document(c: Cast, u: User | None) -> dict[str, Any]:
    from lintas.plans.models import PlanDocument

    kwargs = _phase(c, u)
    found = PlanDocument.objects.create(
        phase=c._plan.phase,  # type: ignore[attr-defined]
        kind="progress",
        status="done",
        docx=b"docx",
        pdf=b"%PDF",
    )
    return {**kwargs, "document_id": found.pk, "fmt": "pdf"}


MATRIX.update(
    {
        "plans:home": ("get", _body, member_page),
        "plans:library": ("get", _body, member_page),
        "plans:phase": ("get", _phase, member_page),
        "plans:timeline": ("get", _phase, member_page),
        "plans:iati": ("get", _phase, member_page),
        "plans:next-phase": ("get", _phase, manager_page),
        "plans:activity": ("get", _plan_activity, member_page),
        "plans:indicator": ("get", _plan_indicator, member_page),
        "plans:evidence": ("get", _plan_evidence, member_page),
        "plans:evaluation": ("get", _plan_evaluation, member_page),
        "plans:evaluation-chart": ("get", _plan_evaluation, member_page),
        "plans:document": ("get", _plan_document, member_page),
        # an analyst marks a network disrupted; focal points who see it may not
        "networks:disrupt": (
            "post",
            _network,
            PAGES.acted_on(readers=NETWORK_ANALYSTS | {OWNER, SHARED}, by=NETWORK_ANALYSTS, ok=302),
        ),
    }
)
POST_DATA.update({"networks:disrupt": {"disrupted_on": "2024-05-01", "note": "Arrests"}})

# --- events: a GREEN conference every member sees; the secretariat organises; unit A's focal
# point is a delegate with a certificate ---------------------------------------------------------


def _event(c: Cast, u: User | None) -> dict[str, Any]:
    from tests.events.conftest import matrix_event

    return {"slug": c.body.slug, "event_id": matrix_event(c).event.pk}


def _event_session(c: Cast, u: User | None) -> dict[str, Any]:
    from tests.events.conftest import matrix_event

    m = matrix_event(c)
    return {"slug": c.body.slug, "event_id": m.event.pk, "session_id": m.session_id}


def _event_delegate(c: Cast, u: User | None) -> dict[str, Any]:
    from tests.events.conftest import matrix_event

    m = matrix_event(c)
    return {"slug": c.body.slug, "event_id": m.event.pk, "delegate_id": m.delegate.pk}


def _event_material(c: Cast, u: User | None) -> dict[str, Any]:
    from tests.events.conftest import matrix_event

    m = matrix_event(c)
    return {"slug": c.body.slug, "event_id": m.event.pk, "material_id": m.material_id}


def _event_survey(c: Cast, u: User | None) -> dict[str, Any]:
    from tests.events.conftest import matrix_event

    m = matrix_event(c)
    return {"slug": c.body.slug, "event_id": m.event.pk, "survey_id": m.survey_id}


def _certificate_code(c: Cast, u: User | None) -> dict[str, Any]:
    from tests.events.conftest import matrix_event

    return {"code": matrix_event(c).certificate_code}


organiser_page = PAGES.body_roles(EVENT_ORGANISERS)
delegate_page = PAGES.known_to(EVENT_DELEGATE_PAGES)

MATRIX.update(
    {
        "events:list": ("get", _body, member_page),
        "events:create": ("get", _body, manager_page),
        "events:detail": ("get", _event, member_page),
        "events:edit": ("get", _event, organiser_page),
        "events:editor": ("get", _event, organiser_page),
        "events:agenda-pdf": ("get", _event, member_page),
        "events:ics": ("get", _event, member_page),
        "events:my-ics": ("get", _event, member_page),
        "events:session": ("get", _event_session, member_page),
        "events:delegates": ("get", _event, member_page),
        "events:delegate": ("get", _event_delegate, delegate_page),
        "events:badge": ("get", _event_delegate, delegate_page),
        "events:visa-letter": ("get", _event_delegate, PAGES.known_to(EVENT_DELEGATE_PAGES, 302)),
        "events:badges": ("get", _event, organiser_page),
        "events:check-in": ("get", _event, organiser_page),
        "events:attendance": ("get", _event, organiser_page),
        "events:attendance-csv": ("get", _event, organiser_page),
        # a member without a file is sent back to the agenda; the service decides who may add
        "events:material-upload": ("post", _event, PAGES.members(302)),
        "events:material": ("get", _event_material, member_page),
        "events:surveys": ("get", _event, member_page),
        "events:survey": ("get", _event_survey, member_page),
        "events:certificates": ("get", _event, member_page),
        "events:certificate-pdf": ("get", _event_delegate, delegate_page),
        "events:actions": ("get", _event, member_page),
        "events:verify": ("get", _certificate_code, always(200)),
    }
)


# public releases: the secretariat's pages; unit A's focal point answers the release it is asked
# to sign off (to the secretariat that page is there but not theirs)


def _release(c: Cast, u: User | None) -> dict[str, Any]:
    from lintas.core.tlp import TLP
    from lintas.plans.models import GoodPractice
    from lintas.public import services as public

    public.save_signoff_settings(
        body=c.body, by=SYSTEM, require="listed", units=[c.unit_a], days_to_answer=7
    )
    practice = GoodPractice.objects.create(
        body=c.body, title="Joint training", what="A course.", tlp=TLP.CLEAR,
        shows_results=True, cause_effect=True, replicable=True,
    )  # fmt: skip
    release = public.prepare_release(
        body=c.body,
        by=SYSTEM,
        title="R",
        tables=[],
        items=[public.ItemRef("good_practice", practice.pk)],
    )
    public.submit_release(release=release, by=SYSTEM)
    return {"slug": c.body.slug, "release_id": release.pk}


def _published(c: Cast, u: User | None) -> dict[str, Any]:
    from lintas.core.tlp import TLP
    from lintas.plans.models import GoodPractice
    from lintas.public import services as public

    practice = GoodPractice.objects.create(
        body=c.body, title="Joint training", what="A course.", tlp=TLP.CLEAR,
        shows_results=True, cause_effect=True, replicable=True,
    )  # fmt: skip
    item = public.ItemRef("good_practice", practice.pk)
    release = public.prepare_release(body=c.body, by=SYSTEM, title="Out", tables=[], items=[item])
    public.publish_release(release=release, by=SYSTEM)
    return {"slug": c.body.slug, "version": release.version}


MATRIX.update(
    {
        # The public pages: anyone, signed in or not.
        "public:index": ("get", _none, always(200)),
        "public:privacy": ("get", _none, always(200)),
        "public:dictionary": ("get", _none, always(200)),
        "public:home": ("get", _body, always(200)),
        "public:feed": ("get", _body, always(200)),
        "public:release": ("get", _published, always(200)),
        "public:release-csv": ("get", _published, always(200)),
        "public:release-json": ("get", _published, always(200)),
        "public:old-statistics": ("get", _body, always(301)),
        "releases:settings": ("get", _body, manager_page),
        "releases:list": ("get", _body, manager_page),
        "releases:prepare": ("get", _body, manager_page),
        "releases:detail": ("get", _release, manager_page),
        "releases:sign-off": (
            "get",
            _release,
            PAGES.acted_on(readers=MANAGERS | {OWNER}, by={OWNER}, ok=200),
        ),
    }
)
