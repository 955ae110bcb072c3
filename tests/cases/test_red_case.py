"""A TLP:RED case is read by its named people only: every other way in finds nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lintas.cases import policy, services
from lintas.cases.models import TLP, Case
from lintas.members.models import User
from tests.cases.conftest import NARRATIVE, VICTIM_NAME, add_alternate_a, add_victim, new_case
from tests.conftest import Cast

REFERENCE = "RED-2024-007"


def _red_case(cast: Cast) -> Case:
    case = new_case(cast, reference=REFERENCE, tlp=TLP.RED)  # focal_a records it: named
    add_victim(cast, case)
    return case


def _case_urls(cast: Cast, case: Case) -> list[tuple[str, str]]:
    args = {"slug": cast.body.slug, "case_id": case.pk}
    person = case.persons.get()
    consent = services.record_consent(
        person, by=cast.focal_a, purpose="medical care", given_on=case.opened_on
    )
    return [
        ("get", reverse("cases:detail", kwargs=args)),
        ("get", reverse("cases:edit", kwargs=args)),
        ("get", reverse("cases:share", kwargs=args)),
        ("get", reverse("cases:access", kwargs=args)),
        ("get", reverse("cases:person-create", kwargs=args)),
        ("get", reverse("cases:person-edit", kwargs={**args, "person_id": person.pk})),
        ("get", reverse("cases:consent-create", kwargs={**args, "person_id": person.pk})),
        ("post", reverse("cases:label", kwargs=args)),
        ("post", reverse("cases:consent-withdraw", kwargs={**args, "consent_id": consent.pk})),
        ("get", reverse("cases:red-readers", kwargs=args)),
        ("post", reverse("cases:red-readers", kwargs=args)),
    ]


@pytest.fixture
def unnamed_alternate(cast: Cast) -> User:
    """A member of the owner unit itself, not named: RED keeps them out too."""
    return add_alternate_a(cast)


@pytest.mark.parametrize(
    "role",
    ["secretariat", "admin", "focal_b", "focal_c", "leader", "analyst", "stranger", "alternate"],
)
def test_nobody_but_the_named_reads_a_red_case_anywhere(
    cast: Cast, client_for, unnamed_alternate: User, role: str
) -> None:
    case = _red_case(cast)
    urls = _case_urls(cast, case)
    user = unnamed_alternate if role == "alternate" else cast.role_users()[role]
    client = client_for(user)

    for method, url in urls:
        response = client.get(url) if method == "get" else client.post(url, {"tlp": "clear"})
        assert response.status_code == 404, (url, role)

    for query in ("", "?q=RED", f"?q={REFERENCE}", "?tlp=red", "?country=KH"):
        page = client.get(reverse("cases:list", kwargs={"slug": cast.body.slug}) + query)
        html = page.content.decode()
        assert urls[0][1] not in html
        assert f">{REFERENCE}<" not in html
        assert VICTIM_NAME not in html

    audit_page = client.get(reverse("audit:log", kwargs={"slug": cast.body.slug}))
    assert REFERENCE not in audit_page.content.decode()
    assert VICTIM_NAME not in audit_page.content.decode()
    assert not policy.can_see_case(user, case)
    assert not policy.visible_cases(user, cast.body).exists()
    case.refresh_from_db()
    assert case.tlp == TLP.RED


def test_a_named_reader_reads_it_and_the_owner_names_them(cast: Cast, client_for) -> None:
    case = _red_case(cast)
    detail = reverse("cases:detail", kwargs={"slug": cast.body.slug, "case_id": case.pk})
    assert client_for(cast.focal_c).get(detail).status_code == 404

    services.name_red_reader(case, person=cast.focal_c, by=cast.focal_a)

    page = client_for(cast.focal_c).get(detail).content.decode()
    assert VICTIM_NAME in page
    assert NARRATIVE in page
    listing = client_for(cast.focal_c).get(reverse("cases:list", kwargs={"slug": cast.body.slug}))
    assert REFERENCE in listing.content.decode()


def test_narrowing_to_red_names_the_owners_focal_point_too(
    cast: Cast, unnamed_alternate: User
) -> None:
    case = new_case(cast)

    services.change_label(case, tlp=TLP.RED, by=unnamed_alternate)

    assert policy.can_see_case(unnamed_alternate, case)
    assert policy.can_see_case(cast.focal_a, case)
    assert not policy.can_see_case(cast.focal_b, case)


def test_the_owner_names_and_removes_readers_through_the_page(cast: Cast, client_for) -> None:
    case = _red_case(cast)
    args = {"slug": cast.body.slug, "case_id": case.pk}
    client = client_for(cast.focal_a)

    client.post(reverse("cases:red-readers", kwargs=args), {"person": cast.leader.pk})
    assert policy.can_see_case(cast.leader, case)
    access = case.red_access.get(user=cast.leader)

    client.post(reverse("cases:red-reader-remove", kwargs={**args, "access_id": access.pk}))

    assert not policy.can_see_case(cast.leader, case)
    own = case.red_access.get(user=cast.focal_a)
    client.post(reverse("cases:red-reader-remove", kwargs={**args, "access_id": own.pk}))
    assert policy.can_see_case(cast.focal_a, case)
