"""A person's own account: the language they read, the authenticator of their second factor."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from lintas.audit.models import AuditEntry
from lintas.core.errors import LintasError
from lintas.members import services
from lintas.members.models import User
from tests.conftest import Cast


def _code(device: TOTPDevice) -> str:
    return (
        f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"
    )


def test_choosing_a_language_saves_it_and_is_audited_once(cast: Cast) -> None:
    services.set_language(language="vi", by=cast.focal_a)
    services.set_language(language="vi", by=cast.focal_a)

    assert User.objects.get(pk=cast.focal_a.pk).language == "vi"
    entries = AuditEntry.objects.filter(action="members.person.updated", actor=cast.focal_a)
    assert [e.data for e in entries] == [{"language": "vi"}]


def test_a_language_lintas_does_not_speak_is_refused(cast: Cast) -> None:
    with pytest.raises(LintasError) as err:
        services.set_language(language="fr", by=cast.focal_a)

    assert err.value.field == "language"
    assert User.objects.get(pk=cast.focal_a.pk).language == "en"
    assert not AuditEntry.objects.filter(action="members.person.updated").exists()


def test_setting_up_an_authenticator_twice_keeps_the_same_secret(cast: Cast) -> None:
    first = services.start_two_factor(by=cast.secretariat)
    again = services.start_two_factor(by=cast.secretariat)

    assert first.pk == again.pk
    assert not again.confirmed
    assert TOTPDevice.objects.filter(user=cast.secretariat).count() == 1


def test_a_wrong_code_is_refused_and_counted(cast: Cast) -> None:
    device = services.start_two_factor(by=cast.secretariat)

    with pytest.raises(LintasError) as err:
        services.confirm_two_factor(
            device, token="000000", by=cast.secretariat, email_confirmed=True
        )

    assert err.value.field == "token"
    device.refresh_from_db()
    assert not device.confirmed
    assert device.throttling_failure_count == 1  # the refusal did not undo django-otp's count
    # the next try comes too soon
    with pytest.raises(LintasError) as err:
        services.confirm_two_factor(
            device, token=_code(device), by=cast.secretariat, email_confirmed=True
        )
    assert "Too many wrong codes" in err.value.message


def test_the_first_right_code_confirms_the_authenticator_and_is_audited(cast: Cast) -> None:
    device = services.start_two_factor(by=cast.secretariat)

    services.confirm_two_factor(
        device, token=_code(device), by=cast.secretariat, email_confirmed=True
    )

    device.refresh_from_db()
    assert device.confirmed
    entry = AuditEntry.objects.get(action="members.two_factor.enabled")
    assert entry.actor == cast.secretariat
    assert entry.object_id == str(cast.secretariat.pk)
    # signing in later with the confirmed authenticator writes no new entry
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=60), tick=False):
        services.confirm_two_factor(device, token=_code(device), by=cast.secretariat)
    assert AuditEntry.objects.filter(action="members.two_factor.enabled").count() == 1


def test_nobody_confirms_the_authenticator_of_someone_else(cast: Cast) -> None:
    device = services.start_two_factor(by=cast.secretariat)

    with pytest.raises(PermissionDenied):
        services.confirm_two_factor(
            device, token=_code(device), by=cast.admin, email_confirmed=True
        )

    device.refresh_from_db()
    assert not device.confirmed


def test_a_new_authenticator_is_refused_until_the_mailed_code_was_typed(cast: Cast) -> None:
    device = services.start_two_factor(by=cast.secretariat)

    with pytest.raises(LintasError) as err:
        services.confirm_two_factor(device, token=_code(device), by=cast.secretariat)

    assert "e-mail" in err.value.message
    device.refresh_from_db()
    assert not device.confirmed
    assert not AuditEntry.objects.filter(action="members.two_factor.enabled").exists()


def test_the_enrolment_code_goes_to_the_persons_own_address_and_counts_wrong_tries(
    cast: Cast, mailoutbox, run_queued_tasks
) -> None:
    state = services.send_enrolment_code(by=cast.secretariat)
    assert mailoutbox == []  # the e-mail leaves from the worker
    assert run_queued_tasks() == ["sent"]

    assert [m.to for m in mailoutbox] == [[cast.secretariat.email]]
    code = re.search(r"\b(\d{4}) (\d{4})\b", mailoutbox[0].body)
    assert code is not None and code.group(0) not in str(state)  # the session keeps a digest
    for _try in range(services.ENROLMENT_CODE_TRIES):
        with pytest.raises(LintasError) as err:
            services.check_enrolment_code(state, code="0000 0000", by=cast.secretariat)
        assert err.value.field == "code"
    # five wrong codes: even the right one is refused now, a new code is needed
    with pytest.raises(LintasError):
        services.check_enrolment_code(state, code=code.group(0), by=cast.secretariat)
    assert not services.enrolment_confirmed(state, person=cast.secretariat)
    # and it is not someone else's code either
    again = services.send_enrolment_code(by=cast.secretariat, previous=None)
    run_queued_tasks()
    right = re.search(r"\b\d{4} \d{4}\b", mailoutbox[1].body)
    assert right is not None
    with pytest.raises(LintasError):
        services.check_enrolment_code(again, code=right.group(0), by=cast.admin)
    services.check_enrolment_code(again, code=right.group(0), by=cast.secretariat)
    assert services.enrolment_confirmed(again, person=cast.secretariat)
    assert not services.enrolment_confirmed(again, person=cast.admin)


def test_an_enrolment_code_expires_and_a_new_one_waits_a_minute(
    cast: Cast, mailoutbox, run_queued_tasks
) -> None:
    state = services.send_enrolment_code(by=cast.secretariat)
    run_queued_tasks()
    code = re.search(r"\b\d{4} \d{4}\b", mailoutbox[0].body)
    assert code is not None

    with pytest.raises(LintasError) as err:
        services.send_enrolment_code(by=cast.secretariat, previous=state)
    assert "minute" in err.value.message
    later = timezone.now() + dt.timedelta(minutes=services.ENROLMENT_CODE_MINUTES + 1)
    with time_machine.travel(later, tick=False), pytest.raises(LintasError):
        services.check_enrolment_code(state, code=code.group(0), by=cast.secretariat)
