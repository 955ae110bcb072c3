"""Every read of personal data leaves an audit entry; withheld data leaves none."""

from __future__ import annotations

from django.urls import reverse

from lintas.audit.models import AuditEntry
from lintas.cases.models import TLP
from tests.cases.conftest import VICTIM_NAME, shared_case
from tests.conftest import Cast


def _reads(user) -> list[tuple[str, str]]:
    return sorted(
        AuditEntry.objects.filter(actor=user, action__endswith=".viewed").values_list(
            "action", "object_id"
        )
    )


def test_each_person_shown_on_the_case_page_is_audited(cast: Cast, client_for) -> None:
    case = shared_case(cast, TLP.AMBER)
    persons = [str(pk) for pk in case.persons.values_list("pk", flat=True)]

    response = client_for(cast.focal_b).get(
        reverse("cases:detail", kwargs={"slug": cast.body.slug, "case_id": case.pk})
    )

    assert VICTIM_NAME in response.content.decode()
    assert _reads(cast.focal_b) == sorted(
        [("cases.narrative.viewed", str(case.pk))] + [("cases.person.viewed", pk) for pk in persons]
    )
    entry = AuditEntry.objects.filter(action="cases.person.viewed").first()
    assert entry is not None and entry.body_id == cast.body.pk
    assert VICTIM_NAME not in entry.object_label


def test_a_reader_without_personal_data_leaves_no_read_entry(cast: Cast, client_for) -> None:
    case = shared_case(cast, TLP.GREEN)

    response = client_for(cast.leader).get(
        reverse("cases:detail", kwargs={"slug": cast.body.slug, "case_id": case.pk})
    )

    assert response.status_code == 200
    assert VICTIM_NAME not in response.content.decode()
    assert _reads(cast.leader) == []


def test_opening_a_person_for_editing_is_a_read(cast: Cast, client_for) -> None:
    case = shared_case(cast, TLP.AMBER)
    victim = case.persons.get(role="victim")

    response = client_for(cast.focal_a).get(
        reverse(
            "cases:person-edit",
            kwargs={"slug": cast.body.slug, "case_id": case.pk, "person_id": victim.pk},
        )
    )

    assert VICTIM_NAME in response.content.decode()
    assert _reads(cast.focal_a) == [("cases.person.viewed", str(victim.pk))]


def test_the_owner_unit_sees_who_read_its_case(cast: Cast, client_for) -> None:
    case = shared_case(cast, TLP.AMBER)
    args = {"slug": cast.body.slug, "case_id": case.pk}
    client_for(cast.focal_b).get(reverse("cases:detail", kwargs=args))

    page = client_for(cast.focal_a).get(reverse("cases:access", kwargs=args)).content.decode()

    assert "Budi Focal" in page
    assert "cases.person.viewed" in page
    assert "cases.case.shared" in page
