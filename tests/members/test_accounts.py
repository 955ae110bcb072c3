"""A person's own account: the language they read, the authenticator of their second factor."""

from __future__ import annotations

import datetime as dt

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
        services.confirm_two_factor(device, token="000000", by=cast.secretariat)

    assert err.value.field == "token"
    device.refresh_from_db()
    assert not device.confirmed
    assert device.throttling_failure_count == 1  # the refusal did not undo django-otp's count
    # the next try comes too soon
    with pytest.raises(LintasError) as err:
        services.confirm_two_factor(device, token=_code(device), by=cast.secretariat)
    assert "Too many wrong codes" in err.value.message


def test_the_first_right_code_confirms_the_authenticator_and_is_audited(cast: Cast) -> None:
    device = services.start_two_factor(by=cast.secretariat)

    services.confirm_two_factor(device, token=_code(device), by=cast.secretariat)

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
        services.confirm_two_factor(device, token=_code(device), by=cast.admin)

    device.refresh_from_db()
    assert not device.confirmed
