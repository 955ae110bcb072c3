"""Two people edit the same case (or one edits a copy opened long ago): the later save is
refused with a message naming who saved first and when, what differs, and nothing of either is
lost. The last writer never silently wins."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lintas.audit.models import AuditEntry
from lintas.cases import services
from lintas.cases.models import Case, CasePerson
from lintas.core.errors import ConflictError
from lintas.members.models import User
from tests.cases.conftest import VICTIM_NAME, add_victim, new_case
from tests.conftest import Cast

pytestmark = pytest.mark.django_db


def test_the_second_of_two_editors_is_refused_and_the_first_edit_is_kept(
    cast: Cast, client_for, alternate_a: User
) -> None:
    case = new_case(cast)
    url = reverse("cases:edit", args=[cast.body.slug, case.pk])
    first, second = client_for(cast.focal_a), client_for(alternate_a)
    version = first.get(url).context["form"].initial["version"]
    assert second.get(url).context["form"].initial["version"] == version

    services.update_case(case, by=cast.focal_a, seen_version=version, status="investigation")
    with pytest.raises(ConflictError) as refused:
        services.update_case(
            Case.objects.get(pk=case.pk), by=alternate_a, seen_version=version, status="closed"
        )

    assert "Anh Focal" in refused.value.message
    assert "status" in refused.value.message
    case.refresh_from_db()
    assert case.status == "investigation"
    assert AuditEntry.objects.filter(action="cases.case.updated").count() == 1


def test_the_edit_page_shows_the_conflict_and_keeps_what_the_person_typed(
    cast: Cast, client_for, alternate_a: User
) -> None:
    case = new_case(cast)
    url = reverse("cases:edit", args=[cast.body.slug, case.pk])
    version = client_for(alternate_a).get(url).context["form"].initial["version"]
    services.update_case(case, by=cast.focal_a, seen_version=version, location_country="TH")

    page = client_for(alternate_a).post(
        url,
        {
            "version": version,
            "reference": case.reference,
            "status": "open",
            "opened_on": "2024-03-01",
            "location_country": "MY",
            "narrative": "My own rewrite of the narrative",
        },
    )

    assert page.status_code == 200
    text = page.content.decode()
    assert "Anh Focal" in text and "after you opened it" in text
    assert "My own rewrite of the narrative" in text  # what they typed is still in the form
    case.refresh_from_db()
    assert case.location_country == "TH"


def test_a_person_edited_by_two_people_keeps_the_first_save(cast: Cast, alternate_a: User) -> None:
    case = new_case(cast)
    victim = add_victim(cast, case)
    version = victim.updated_at.isoformat()
    services.update_person(victim, by=cast.focal_a, seen_version=version, full_name="Nguyen Hoa")
    stale = CasePerson.objects.get(pk=victim.pk)
    with pytest.raises(ConflictError) as refused:
        services.update_person(
            stale, by=alternate_a, seen_version=version, full_name=VICTIM_NAME, nationality="KH"
        )
    assert "full name" in refused.value.message
    victim.refresh_from_db()
    assert victim.full_name == "Nguyen Hoa" and victim.nationality == "VN"


def test_a_save_on_the_current_version_goes_through(cast: Cast) -> None:
    case = new_case(cast)
    services.update_case(
        case,
        by=cast.focal_a,
        seen_version=case.updated_at.isoformat(),
        status="closed",
        closed_on=case.opened_on,
    )
    case.refresh_from_db()
    assert case.status == "closed"
