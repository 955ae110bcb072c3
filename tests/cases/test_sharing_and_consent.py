"""Sharing, consent and labels: the rules of the services, with their audit entries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from lintas.audit.models import AuditEntry
from lintas.cases import policy, services
from lintas.cases.models import TLP, CaseShare, RedAccess
from lintas.core.errors import LintasError
from tests.cases.conftest import VICTIM_NAME, add_suspect, add_victim, new_case
from tests.conftest import Cast, make_person


def test_sharing_a_victims_data_without_consent_is_refused_and_saves_nothing(
    cast: Cast,
) -> None:
    case = new_case(cast)
    add_victim(cast, case)
    before = AuditEntry.objects.count()

    with pytest.raises(LintasError) as err:
        services.share_with_unit(
            case, unit=cast.unit_b, by=cast.focal_a, include_personal_data=True
        )

    assert err.value.field == "include_personal_data"
    assert not CaseShare.objects.exists()
    assert AuditEntry.objects.count() == before
    assert not policy.can_see_case(cast.focal_b, case)


def test_the_share_page_refuses_without_consent_and_says_why(cast: Cast, client_for) -> None:
    case = new_case(cast)
    add_victim(cast, case)
    url = reverse("cases:share", kwargs={"slug": cast.body.slug, "case_id": case.pk})

    response = client_for(cast.focal_a).post(
        url, {"unit": cast.unit_b.pk, "include_personal_data": "on"}
    )

    assert response.status_code == 200
    assert "not consented" in response.content.decode()
    assert not CaseShare.objects.exists()


def test_a_case_without_personal_data_may_be_shared_without_consent(cast: Cast) -> None:
    case = new_case(cast)
    add_victim(cast, case)

    services.share_with_unit(case, unit=cast.unit_b, by=cast.focal_a)

    assert policy.can_see_case(cast.focal_b, case)
    assert not policy.can_see_personal_data(cast.focal_b, case)
    entry = AuditEntry.objects.get(action="cases.case.shared")
    assert entry.data == {"unit": cast.unit_b.pk, "personal_data": False}


def test_consent_to_one_unit_does_not_open_the_data_to_another(cast: Cast) -> None:
    case = new_case(cast)
    victim = add_victim(cast, case)
    services.record_consent(
        victim, by=cast.focal_a, to_unit=cast.unit_c, given_on=dt.date(2024, 3, 2)
    )

    with pytest.raises(LintasError):
        services.share_with_unit(
            case, unit=cast.unit_b, by=cast.focal_a, include_personal_data=True
        )

    services.share_with_unit(case, unit=cast.unit_c, by=cast.focal_a, include_personal_data=True)
    victim.case = case
    assert policy.can_see_person(cast.focal_c, victim)


def test_withdrawn_consent_closes_the_victims_data_but_not_the_suspects(cast: Cast) -> None:
    case = new_case(cast)
    victim = add_victim(cast, case)
    suspect = add_suspect(cast, case)
    consent = services.record_consent(
        victim, by=cast.focal_a, to_unit=cast.unit_b, given_on=dt.date(2024, 3, 2)
    )
    services.share_with_unit(case, unit=cast.unit_b, by=cast.focal_a, include_personal_data=True)
    victim.case = suspect.case = case
    assert policy.can_see_person(cast.focal_b, victim)

    services.withdraw_consent(consent, by=cast.focal_a, reason="asked to")

    assert not policy.can_see_person(cast.focal_b, victim)
    assert policy.can_see_person(cast.focal_b, suspect)
    assert AuditEntry.objects.filter(action="cases.consent.withdrawn").count() == 1


def test_the_owners_focal_point_may_override_consent_with_a_reason(cast: Cast) -> None:
    case = new_case(cast)
    victim = add_victim(cast, case)

    share = services.share_with_unit(
        case,
        unit=cast.unit_b,
        by=cast.focal_a,
        include_personal_data=True,
        override_reason="Victim missing, life at risk",
    )

    assert share.consent_override_reason == "Victim missing, life at risk"
    victim.case = case
    assert policy.can_see_person(cast.focal_b, victim)
    entry = AuditEntry.objects.get(action="cases.consent.overridden")
    assert entry.reason == "Victim missing, life at risk"
    assert entry.data["victims"] == [victim.pk]


def test_an_alternate_focal_point_may_share_but_not_override_consent(
    cast: Cast, alternate_a
) -> None:
    case = new_case(cast)
    add_victim(cast, case)

    with pytest.raises(PermissionDenied):
        services.share_with_unit(
            case,
            unit=cast.unit_b,
            by=alternate_a,
            include_personal_data=True,
            override_reason="urgent",
        )
    assert not CaseShare.objects.exists()
    services.share_with_unit(case, unit=cast.unit_b, by=alternate_a)
    assert CaseShare.objects.count() == 1


def test_a_reader_of_a_shared_case_may_not_share_it_further(cast: Cast) -> None:
    case = new_case(cast)
    services.share_with_unit(case, unit=cast.unit_b, by=cast.focal_a)

    with pytest.raises(PermissionDenied):
        services.share_with_unit(case, unit=cast.unit_c, by=cast.focal_b)


@pytest.mark.parametrize("label", [TLP.AMBER_STRICT, TLP.RED])
def test_strict_labels_are_not_shared_with_units(cast: Cast, label: str) -> None:
    case = new_case(cast, tlp=label)

    with pytest.raises(LintasError):
        services.share_with_unit(case, unit=cast.unit_b, by=cast.focal_a)
    assert not CaseShare.objects.exists()


def test_revoking_a_share_ends_the_units_access(cast: Cast) -> None:
    case = new_case(cast)
    share = services.share_with_unit(case, unit=cast.unit_b, by=cast.focal_a)

    services.revoke_share(share, by=cast.focal_a, reason="investigation closed")

    assert not policy.can_see_case(cast.focal_b, case)
    assert not policy.visible_cases(cast.focal_b, cast.body).exists()
    assert AuditEntry.objects.filter(action="cases.case.share_revoked").count() == 1


def test_narrowing_hides_the_case_from_shared_units_and_widening_back_restores_it(
    cast: Cast,
) -> None:
    case = new_case(cast)
    services.share_with_unit(case, unit=cast.unit_b, by=cast.focal_a)

    services.change_label(case, tlp=TLP.AMBER_STRICT, by=cast.focal_a)
    assert not policy.can_see_case(cast.focal_b, case)

    services.change_label(case, tlp=TLP.AMBER, by=cast.focal_a, reason="joint operation")
    assert policy.can_see_case(cast.focal_b, case)
    actions = list(
        AuditEntry.objects.filter(action__startswith="cases.case.label").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["cases.case.label_narrowed", "cases.case.label_widened"]


def test_widening_needs_the_owners_focal_point_and_a_reason(cast: Cast, alternate_a) -> None:
    case = new_case(cast, tlp=TLP.AMBER_STRICT)

    with pytest.raises(PermissionDenied):
        services.change_label(case, tlp=TLP.GREEN, by=alternate_a, reason="why not")
    with pytest.raises(LintasError):
        services.change_label(case, tlp=TLP.GREEN, by=cast.focal_a, reason="")
    case.refresh_from_db()
    assert case.tlp == TLP.AMBER_STRICT

    services.change_label(case, tlp=TLP.RED, by=alternate_a)  # narrowing: any editor
    case.refresh_from_db()
    assert case.tlp == TLP.RED
    assert RedAccess.objects.filter(case=case, user=alternate_a).exists()


def test_the_secretariat_does_not_see_an_amber_case_not_shared_with_it(cast: Cast) -> None:
    case = new_case(cast)
    for role in ("secretariat", "leader", "analyst", "admin", "focal_b", "focal_c"):
        user = cast.role_users()[role]
        assert not policy.can_see_case(user, case), role
        assert not policy.visible_cases(user, cast.body).exists(), role


def test_a_superuser_without_a_role_sees_no_case(cast: Cast) -> None:
    case = new_case(cast, tlp=TLP.GREEN)
    root = make_person("root@example.org", "Root")
    root.is_superuser = True
    root.save()
    assert not policy.can_see_case(root, case)
    assert not policy.visible_cases(root, cast.body).exists()


def test_a_person_with_a_stricter_label_stays_hidden_from_the_shared_unit(cast: Cast) -> None:
    case = new_case(cast)
    suspect = add_suspect(cast, case)
    services.update_person(suspect, by=cast.focal_a, tlp=TLP.AMBER_STRICT)
    services.share_with_unit(case, unit=cast.unit_b, by=cast.focal_a, include_personal_data=True)
    suspect.case = case

    assert policy.can_see_personal_data(cast.focal_b, case)
    assert not policy.can_see_person(cast.focal_b, suspect)
    assert policy.can_see_person(cast.focal_a, suspect)


def test_consent_for_a_victim_is_recorded_only_by_the_owner(cast: Cast) -> None:
    case = new_case(cast)
    victim = add_victim(cast, case)
    services.share_with_unit(case, unit=cast.unit_b, by=cast.focal_a)

    with pytest.raises(PermissionDenied):
        services.record_consent(
            victim, by=cast.focal_b, to_unit=cast.unit_b, given_on=dt.date(2024, 3, 2)
        )
    assert VICTIM_NAME not in str(victim)
