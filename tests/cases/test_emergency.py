"""Emergency access ("break the glass"): a written reason, a limited time, the owner told."""

from __future__ import annotations

import datetime as dt
from datetime import UTC

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from lintas.audit.models import AuditEntry
from lintas.cases import policy, services
from lintas.cases.models import TLP, Case
from lintas.cases.services import emergency
from lintas.core.errors import LintasError
from lintas.notices.models import Notification
from tests.cases.conftest import NARRATIVE, VICTIM_NAME, shared_case
from tests.conftest import Cast

NOON = dt.datetime(2024, 6, 1, 12, tzinfo=UTC)


def test_breaking_the_glass_gives_access_for_the_time_asked_only(cast: Cast, client_for) -> None:
    case = shared_case(cast, TLP.AMBER)
    detail = reverse("cases:detail", args=[cast.body.slug, case.pk])
    with time_machine.travel(NOON, tick=False):
        assert client_for(cast.focal_c).get(detail).status_code == 404
        emergency.break_glass(case, user=cast.focal_c, reason="Victim in danger", hours=2)
        page = client_for(cast.focal_c).get(detail)
        assert page.status_code == 200
        assert VICTIM_NAME in page.content.decode()
        assert NARRATIVE in page.content.decode()
        listing = client_for(cast.focal_c).get(reverse("cases:list", args=[cast.body.slug]))
        assert case.reference in listing.content.decode()
    with time_machine.travel(NOON + dt.timedelta(hours=2, seconds=1), tick=False):
        assert client_for(cast.focal_c).get(detail).status_code == 404
        assert not policy.can_see_case(cast.focal_c, Case.objects.get(pk=case.pk))


def test_the_owner_is_told_and_everything_is_audited(
    cast: Cast, client_for, django_capture_on_commit_callbacks, run_queued_notices
) -> None:
    case = shared_case(cast, TLP.AMBER)
    cast.focal_a.language = "vi"
    cast.focal_a.save(update_fields=["language"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        emergency.break_glass(case, user=cast.focal_c, reason="Victim in danger", hours=3)
    run_queued_notices()
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    assert Notification.objects.filter(user=cast.focal_a, kind="glass_broken").exists()
    entry = AuditEntry.objects.get(action="cases.case.glass_broken")
    assert entry.actor == cast.focal_c
    assert entry.reason == "Victim in danger"
    client_for(cast.focal_c).get(reverse("cases:detail", args=[cast.body.slug, case.pk]))
    assert AuditEntry.objects.filter(action="cases.person.viewed", actor=cast.focal_c).exists()
    access = client_for(cast.focal_a).get(reverse("cases:access", args=[cast.body.slug, case.pk]))
    assert "Chi Focal" in access.content.decode()
    assert "Victim in danger" in access.content.decode()


def test_a_reason_is_required_and_the_time_is_limited(cast: Cast) -> None:
    case = shared_case(cast, TLP.AMBER)
    with pytest.raises(LintasError):
        emergency.break_glass(case, user=cast.focal_c, reason=" ", hours=2)
    with pytest.raises(LintasError):
        emergency.break_glass(
            case, user=cast.focal_c, reason="A victim is in danger tonight", hours=25
        )
    assert not case.emergency_access.exists()


def test_a_stranger_cannot_break_the_glass_nor_learn_the_case_exists(
    cast: Cast, client_for
) -> None:
    case = shared_case(cast, TLP.AMBER)
    with pytest.raises(Http404):
        emergency.break_glass(case, user=cast.stranger, reason="I am curious about it", hours=1)
    response = client_for(cast.stranger).get(
        reverse("cases:detail", args=[cast.body.slug, case.pk])
    )
    assert response.status_code == 404
    assert "emergency" not in response.content.decode().lower()


def test_a_member_without_access_is_offered_emergency_access_behind_a_404(
    cast: Cast, client_for
) -> None:
    case = shared_case(cast, TLP.AMBER)
    response = client_for(cast.focal_c).get(reverse("cases:detail", args=[cast.body.slug, case.pk]))
    assert response.status_code == 404
    assert reverse("cases:break-glass", args=[cast.body.slug, case.pk]) in response.content.decode()
    assert case.reference not in response.content.decode()


def test_under_red_only_the_secretariat_may_break_the_glass(cast: Cast, client_for) -> None:
    case = shared_case(cast, TLP.RED)
    with pytest.raises(Http404):
        emergency.break_glass(
            case, user=cast.focal_c, reason="A victim is in danger tonight", hours=1
        )
    response = client_for(cast.focal_c).get(reverse("cases:detail", args=[cast.body.slug, case.pk]))
    assert response.status_code == 404
    assert "emergency" not in response.content.decode().lower()
    emergency.break_glass(
        case, user=cast.secretariat, reason="A victim is in danger tonight", hours=1
    )
    assert policy.can_see_person(cast.secretariat, case.persons.get(role="victim"))


def test_someone_who_reads_the_data_already_does_not_break_the_glass(cast: Cast) -> None:
    case = shared_case(cast, TLP.AMBER)
    with pytest.raises(PermissionDenied):
        emergency.break_glass(
            case, user=cast.focal_b, reason="A victim is in danger tonight", hours=1
        )


def test_the_holder_or_the_owner_ends_it_early(cast: Cast) -> None:
    case = shared_case(cast, TLP.AMBER)
    access = emergency.break_glass(
        case, user=cast.focal_c, reason="A victim is in danger tonight", hours=4
    )
    with pytest.raises(PermissionDenied):
        emergency.end_emergency_access(access, by=cast.focal_b)
    emergency.end_emergency_access(access, by=cast.focal_a)
    assert not policy.can_see_case(cast.focal_c, Case.objects.get(pk=case.pk))
    assert AuditEntry.objects.filter(action="cases.case.emergency_ended").count() == 1
    again = emergency.break_glass(
        case, user=cast.focal_c, reason="The victim is in danger again", hours=1
    )
    emergency.end_emergency_access(again, by=cast.focal_c)
    assert not again.is_active


def test_a_person_labelled_red_stays_hidden_under_emergency_access(cast: Cast) -> None:
    case = shared_case(cast, TLP.AMBER)
    victim = case.persons.get(role="victim")
    services.update_person(victim, by=cast.focal_a, tlp=TLP.RED)
    emergency.break_glass(case, user=cast.focal_c, reason="A victim is in danger tonight", hours=1)
    victim = case.persons.get(role="victim")
    assert policy.can_see_case(cast.focal_c, victim.case)
    assert not policy.can_see_person(cast.focal_c, victim)


@pytest.mark.parametrize("reason", ["ok", "urgent now", "Danger!!!!!!!!!!!!!!"])
def test_a_reason_that_says_nothing_is_refused_with_a_clear_message(
    cast: Cast, reason: str
) -> None:
    case = shared_case(cast, TLP.AMBER)
    with pytest.raises(LintasError) as err:
        emergency.break_glass(case, user=cast.focal_c, reason=reason, hours=2)
    assert err.value.field == "reason"
    assert "at least 3 words" in str(err.value)
    assert not case.emergency_access.exists()
