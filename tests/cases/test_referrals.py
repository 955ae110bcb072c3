"""Referrals and transfers between units: requested → accepted | declined → closed."""

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
from lintas.cases import policy, selectors, services
from lintas.cases.models import TLP, Case, Referral
from lintas.cases.services import referrals
from lintas.core.errors import LintasError
from lintas.notices.models import Notification
from tests.cases.conftest import add_victim, new_case, shared_case
from tests.conftest import Cast

DUE = dt.date(2099, 1, 1)


def refer(cast: Cast, case: Case, **kwargs: object) -> Referral:
    values: dict[str, object] = {"to_unit": cast.unit_c, "by": cast.focal_a, "due_on": DUE}
    values.update(kwargs)
    return referrals.request_referral(case, **values)  # type: ignore[arg-type]


def fresh(case: Case) -> Case:
    return Case.objects.get(pk=case.pk)


def test_a_referral_is_requested_by_the_owner_and_tells_the_receiver(cast: Cast) -> None:
    case = new_case(cast)
    referral = refer(cast, case, reason="Victim moved to province C")
    assert referral.state == Referral.State.REQUESTED
    assert AuditEntry.objects.filter(action="cases.referral.requested").count() == 1
    assert Notification.objects.filter(user=cast.focal_c, kind="referral_requested").exists()
    assert not policy.can_see_case(cast.focal_c, fresh(case))


@pytest.mark.parametrize("who", ["focal_b", "focal_c", "secretariat", "leader"])
def test_only_the_owner_unit_refers(cast: Cast, who: str) -> None:
    case = shared_case(cast, TLP.AMBER)
    with pytest.raises(PermissionDenied):
        refer(cast, case, by=getattr(cast, who))


def test_a_red_case_is_not_referred(cast: Cast) -> None:
    case = new_case(cast)
    services.change_label(case, tlp=TLP.RED, by=cast.focal_a)
    with pytest.raises(LintasError):
        refer(cast, fresh(case))


def test_a_victims_data_needs_consent_or_an_override_as_for_a_share(cast: Cast) -> None:
    case = new_case(cast)
    add_victim(cast, case)
    with pytest.raises(LintasError, match="consented"):
        refer(cast, case, include_personal_data=True)
    referral = refer(cast, case, include_personal_data=True, override_reason="Life at risk")
    assert referral.consent_override_reason == "Life at risk"
    assert AuditEntry.objects.filter(action="cases.consent.overridden").exists()


def test_accepting_a_referral_shares_the_case_with_the_receiver(cast: Cast) -> None:
    case = new_case(cast)
    referral = refer(cast, case)
    referrals.accept_referral(referral, by=cast.focal_c)
    assert fresh(referral.case).owner_unit == cast.unit_a
    assert policy.can_see_case(cast.focal_c, fresh(case))
    assert not policy.can_see_personal_data(cast.focal_c, fresh(case))
    assert Notification.objects.filter(user=cast.focal_a, kind="referral_accepted").exists()
    assert AuditEntry.objects.filter(action="cases.referral.accepted").count() == 1


@pytest.mark.parametrize("who", ["focal_a", "focal_b", "secretariat"])
def test_only_the_receiver_answers(cast: Cast, who: str) -> None:
    referral = refer(cast, new_case(cast))
    with pytest.raises((PermissionDenied, Http404)):
        referrals.accept_referral(referral, by=getattr(cast, who))
    with pytest.raises((PermissionDenied, Http404)):
        referrals.decline_referral(referral, by=getattr(cast, who), reason="No")


def test_declining_needs_a_reason(cast: Cast) -> None:
    referral = refer(cast, new_case(cast))
    with pytest.raises(LintasError):
        referrals.decline_referral(referral, by=cast.focal_c, reason="  ")
    referrals.decline_referral(referral, by=cast.focal_c, reason="No shelter places")
    referral.refresh_from_db()
    assert referral.state == Referral.State.DECLINED
    assert referral.decline_reason == "No shelter places"
    assert not policy.can_see_case(cast.focal_c, fresh(referral.case))
    entry = AuditEntry.objects.get(action="cases.referral.declined")
    assert entry.reason == "No shelter places"


def test_an_answered_request_cannot_be_answered_again(cast: Cast) -> None:
    referral = refer(cast, new_case(cast))
    referrals.decline_referral(referral, by=cast.focal_c, reason="No")
    with pytest.raises(LintasError):
        referrals.accept_referral(referral, by=cast.focal_c)


def test_closing_follows_an_answer_and_the_sender_may_withdraw(cast: Cast) -> None:
    referral = refer(cast, new_case(cast))
    with pytest.raises(PermissionDenied):
        referrals.close_referral(referral, by=cast.focal_c)
    referrals.close_referral(referral, by=cast.focal_a)
    assert referral.state == Referral.State.CLOSED
    with pytest.raises(LintasError):
        referrals.accept_referral(referral, by=cast.focal_c)

    accepted = refer(cast, new_case(cast, reference="A-2"))
    referrals.accept_referral(accepted, by=cast.focal_c)
    referrals.close_referral(accepted, by=cast.focal_c)
    assert accepted.state == Referral.State.CLOSED
    assert AuditEntry.objects.filter(action="cases.referral.closed").count() == 2


def test_a_transfer_moves_the_case_and_the_sender_keeps_read_access(cast: Cast) -> None:
    case = new_case(cast)
    add_victim(cast, case)
    transfer = refer(cast, case, kind=Referral.Kind.TRANSFER, override_reason="New owner")
    referrals.accept_referral(transfer, by=cast.focal_c)
    case = fresh(case)
    assert case.owner_unit == cast.unit_c
    assert policy.can_change_case(cast.focal_c, case)
    assert policy.can_see_case(cast.focal_a, case)
    assert policy.can_see_personal_data(cast.focal_a, case)
    assert not policy.can_change_case(cast.focal_a, case)
    assert AuditEntry.objects.filter(action="cases.case.transferred").count() == 1


def test_a_sender_may_give_up_its_access_when_transferring(cast: Cast) -> None:
    case = new_case(cast)
    transfer = refer(cast, case, kind=Referral.Kind.TRANSFER, keep_sender_access=False)
    referrals.accept_referral(transfer, by=cast.focal_c)
    case = fresh(case)
    assert case.owner_unit == cast.unit_c
    assert not policy.can_see_case(cast.focal_a, case)


def test_the_reminder_goes_once_when_the_receiver_does_not_act(
    cast: Cast, django_capture_on_commit_callbacks, run_queued_notices
) -> None:
    with time_machine.travel(dt.datetime(2024, 5, 1, 3, tzinfo=UTC), tick=False):
        referral = refer(cast, new_case(cast), due_on=dt.date(2024, 5, 3))
    mail.outbox.clear()
    with time_machine.travel(dt.datetime(2024, 5, 3, 12, tzinfo=UTC), tick=False):
        assert referrals.send_referral_reminders() == 0
    with (
        time_machine.travel(dt.datetime(2024, 5, 4, 12, tzinfo=UTC), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert referrals.send_referral_reminders() == 1
        assert referrals.send_referral_reminders() == 0
    run_queued_notices()
    with time_machine.travel(dt.datetime(2024, 5, 9, 12, tzinfo=UTC), tick=False):
        assert referrals.send_referral_reminders() == 0
    referral.refresh_from_db()
    assert referral.reminded_at == dt.datetime(2024, 5, 4, 12, tzinfo=UTC)
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "c@example.org"]
    assert Notification.objects.filter(kind="referral_overdue").count() == 2
    assert AuditEntry.objects.filter(action="cases.referral.reminded").count() == 1


def test_an_answered_referral_gets_no_reminder(cast: Cast) -> None:
    with time_machine.travel(dt.datetime(2024, 5, 1, 3, tzinfo=UTC), tick=False):
        referral = refer(cast, new_case(cast), due_on=dt.date(2024, 5, 3))
        referrals.accept_referral(referral, by=cast.focal_c)
    with time_machine.travel(dt.datetime(2024, 5, 10, 3, tzinfo=UTC), tick=False):
        assert referrals.send_referral_reminders() == 0


def test_the_reminder_task_is_periodic() -> None:
    from lintas.core.management.commands.worker import PERIODIC_TASKS

    assert "lintas.cases.tasks.remind_referrals" in PERIODIC_TASKS


def test_the_receiver_accepts_from_the_inbox(cast: Cast, client_for) -> None:
    case = new_case(cast)
    client = client_for(cast.focal_a)
    response = client.post(
        reverse("cases:refer", args=[cast.body.slug, case.pk]),
        {"to_unit": cast.unit_c.pk, "kind": "referral", "due_on": "2099-01-01"},
    )
    assert response.status_code == 302
    referral = Referral.objects.get(case=case)
    inbox = client_for(cast.focal_c).get(reverse("cases:referral-inbox", args=[cast.body.slug]))
    assert case.reference in inbox.content.decode()
    url = reverse("cases:referral-accept", args=[cast.body.slug, referral.pk])
    assert client_for(cast.focal_c).post(url).status_code == 302
    referral.refresh_from_db()
    assert referral.state == Referral.State.ACCEPTED
    detail = reverse("cases:detail", args=[cast.body.slug, case.pk])
    assert client_for(cast.focal_c).get(detail).status_code == 200


def test_a_case_is_transferred_to_a_unit_it_is_shared_with(cast: Cast) -> None:
    case = shared_case(cast, TLP.AMBER)
    transfer = refer(cast, case, to_unit=cast.unit_b, kind=Referral.Kind.TRANSFER)
    referrals.accept_referral(transfer, by=cast.focal_b)
    case = fresh(case)
    assert case.owner_unit == cast.unit_b
    assert list(case.shares.active().values_list("unit_id", flat=True)) == [cast.unit_a.pk]
    assert policy.can_see_case(cast.focal_a, case)


def test_narrowing_to_red_withdraws_waiting_requests_and_hides_them_from_the_receiver(
    cast: Cast,
) -> None:
    case = new_case(cast)
    referral = referrals.request_referral(
        case, to_unit=cast.unit_c, by=cast.focal_a, due_on=dt.date(2099, 1, 1)
    )
    assert referral in selectors.referrals_for_inbox(cast.focal_c, cast.body)[0]

    services.change_label(case, tlp=TLP.RED, by=cast.focal_a, reason="witness at risk")

    referral.refresh_from_db()
    assert referral.state == Referral.State.CLOSED
    assert selectors.referrals_for_inbox(cast.focal_c, cast.body) == ([], [])
    assert not policy.can_see_referral(cast.focal_c, referral)
    assert policy.can_see_referral(cast.focal_a, referral)  # named when the label narrowed
    with pytest.raises(Http404):
        selectors.referral_for(cast.focal_c, cast.body, referral.pk)
    entry = AuditEntry.objects.get(action="cases.case.label_narrowed")
    assert entry.data["referrals_withdrawn"] == [referral.pk]


def test_a_transfer_to_a_unit_with_the_same_reference_is_refused_and_changes_nothing(
    cast: Cast,
) -> None:
    case = new_case(cast, reference="SAME-1")
    services.create_case(
        body=cast.body,
        owner_unit=cast.unit_c,
        by=cast.focal_c,
        tlp=TLP.AMBER,
        reference="SAME-1",
        opened_on=dt.date(2024, 3, 1),
    )
    transfer = refer(cast, case, kind=Referral.Kind.TRANSFER)
    with pytest.raises(LintasError) as refused:
        referrals.accept_referral(transfer, by=cast.focal_c)
    assert "SAME-1" in refused.value.message
    assert fresh(case).owner_unit == cast.unit_a
    assert Referral.objects.get(pk=transfer.pk).state == Referral.State.REQUESTED
