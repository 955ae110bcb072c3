"""Password reset by e-mail, password change and backup codes for two-step sign-in."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from lintas.audit.models import AuditEntry
from lintas.core.errors import LintasError
from lintas.members import services, tasks
from lintas.members.models import PasswordResetRequest, User
from lintas.members.services import passwords
from tests.conftest import Cast, sign_in

NEW_PASSWORD = "a-long new passphrase 42"


def _ask(client: Client, email: str, **extra):
    return client.post(reverse("password-reset"), {"email": email}, **extra)


def _card(response) -> str:
    """The page's card, without what differs between any two answers (tokens, nonces)."""
    page = response.content.decode()
    return page[page.index('<div class="narrow card">') :].split("</div>")[0]


def _link(message) -> str:
    found = re.search(r"https?://\S+/password-reset/\S+/\S+/", message.body)
    assert found, message.body
    return found.group(0).split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def test_an_existing_and_an_unknown_address_get_the_same_answer(
    cast: Cast, django_capture_on_commit_callbacks, mailoutbox, run_queued_tasks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        known = _ask(Client(), cast.focal_a.email.upper())
        unknown = _ask(Client(), "nobody@example.org")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("password-reset-sent")
    sent = Client().get(known["Location"])
    assert sent.status_code == 200
    assert "If an account has this address" in sent.content.decode()

    assert mailoutbox == []  # the e-mail leaves from the worker
    assert run_queued_tasks(tasks.send_password_reset) == ["sent"]
    assert [m.to for m in mailoutbox] == [[cast.focal_a.email]]
    assert AuditEntry.objects.filter(
        action="members.password.reset_requested", actor_id=cast.focal_a.pk
    ).exists()


def test_the_token_is_sealed_while_it_waits_in_the_queue(
    cast: Cast, django_capture_on_commit_callbacks, mailoutbox, run_queued_tasks
) -> None:
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        services.request_password_reset(email=cast.focal_a.email)
    queued = DBTaskResult.objects.get(task_path=tasks.send_password_reset.module_path)
    run_queued_tasks(tasks.send_password_reset)
    token = _link(mailoutbox[0]).rstrip("/").rsplit("/", 1)[1]
    assert token not in str(queued.args_kwargs)


def test_the_link_sets_a_new_password_once_and_ends_every_session(
    cast: Cast, django_capture_on_commit_callbacks, mailoutbox, run_queued_tasks
) -> None:
    person = cast.focal_a
    old_session = sign_in(Client(), person)
    assert old_session.get(reverse("account")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        services.request_password_reset(email=person.email)
    run_queued_tasks()
    link = _link(mailoutbox[0])

    browser = Client()
    form = browser.get(link, follow=True)
    assert form.status_code == 200
    assert 'name="new_password1"' in form.content.decode()
    done = browser.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done.status_code == 302
    assert done["Location"] == reverse("password-reset-complete")
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    assert AuditEntry.objects.filter(action="members.password.reset", actor_id=person.pk).exists()
    # the session signed in before the reset has ended
    assert old_session.get(reverse("account")).status_code == 302

    again = Client().get(link, follow=True)
    assert again.status_code == 400
    assert "can no longer be used" in again.content.decode()


def test_an_expired_or_broken_link_is_refused_clearly(
    cast: Cast, django_capture_on_commit_callbacks, mailoutbox, run_queued_tasks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.request_password_reset(email=cast.focal_a.email)
    run_queued_tasks()
    link = _link(mailoutbox[0])
    with time_machine.travel(timezone.now() + dt.timedelta(hours=3)):
        expired = Client().get(link, follow=True)
    assert expired.status_code == 400
    assert "can no longer be used" in expired.content.decode()
    broken = Client().get(link[:-5] + "xxxx/", follow=True)
    assert broken.status_code == 400
    cast.focal_a.refresh_from_db()
    assert not cast.focal_a.check_password(NEW_PASSWORD)


def test_reset_links_are_throttled_per_address_and_per_network(
    cast: Cast, django_capture_on_commit_callbacks, mailoutbox, run_queued_tasks
) -> None:
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        for _i in range(passwords.RESET_PER_ADDRESS):
            assert _ask(client, cast.focal_a.email).status_code == 302
        refused = _ask(client, cast.focal_a.email)
        refused_unknown = [_ask(client, "ghost@example.org") for _i in range(4)][-1]
    assert refused.status_code == refused_unknown.status_code == 429
    assert "Too many reset links" in refused.content.decode()
    # the answer to a known and an unknown address is the same, refusal included
    assert _card(refused) == _card(refused_unknown)
    run_queued_tasks()
    assert len(mailoutbox) == passwords.RESET_PER_ADDRESS

    with pytest.raises(LintasError):
        for n in range(passwords.RESET_PER_NETWORK + 1):
            services.request_password_reset(email=f"p{n}@example.org", ip="203.0.113.9")
    # an hour later the address may ask again, and old requests are cleared
    with time_machine.travel(timezone.now() + dt.timedelta(hours=1, minutes=1)):
        services.request_password_reset(email=cast.focal_a.email, ip="203.0.113.9")
        assert PasswordResetRequest.objects.count() == 1


def test_a_deactivated_account_gets_no_link(
    cast: Cast, django_capture_on_commit_callbacks, mailoutbox, run_queued_tasks
) -> None:
    User.objects.filter(pk=cast.focal_b.pk).update(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert _ask(Client(), cast.focal_b.email).status_code == 302
    run_queued_tasks()
    assert mailoutbox == []


def test_a_password_change_needs_the_old_password_and_ends_other_sessions(
    cast: Cast,
) -> None:
    person = cast.secretariat
    other = sign_in(Client(), person)
    here = sign_in(Client(), person)
    url = reverse("password-change")

    wrong = here.post(
        url,
        {"old_password": "not it", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert wrong.status_code == 200
    assert 'id="id_old_password_error"' in wrong.content.decode()
    person.refresh_from_db()
    assert not person.check_password(NEW_PASSWORD)

    person.set_password("old password 1234")
    person.save()
    other = sign_in(Client(), person)
    here = sign_in(Client(), person)
    changed = here.post(
        url,
        {
            "old_password": "old password 1234",
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert changed.status_code == 302
    assert changed["Location"] == reverse("account")
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    # this session stays signed in, with its second factor; the other one has ended
    assert here.get(reverse("account")).status_code == 200
    assert here.session.get(DEVICE_ID_SESSION_KEY)
    assert other.get(reverse("account")).status_code == 302
    assert AuditEntry.objects.filter(action="members.password.changed", actor_id=person.pk).count()

    with pytest.raises(LintasError) as err:
        services.change_password(by=person, old_password="nope", new_password="x" * 12)
    assert err.value.field == "old_password"


def _second_step(person: User) -> Client:
    """Signed in with a password, the second step still to do."""
    TOTPDevice.objects.get_or_create(user=person, name="phone", defaults={"confirmed": True})
    client = Client()
    client.force_login(person)
    return client


def test_a_backup_code_opens_the_second_step_once_and_the_person_is_told(
    cast: Cast, django_capture_on_commit_callbacks, mailoutbox, run_queued_tasks
) -> None:
    person = cast.secretariat
    page = sign_in(Client(), person)
    made = page.post(reverse("backup-codes"), follow=True)
    codes = re.findall(r'<code class="secret">([a-z2-7]{8})</code>', made.content.decode())
    assert len(codes) == 10 == len(set(codes))
    # shown once
    assert "<code" not in page.get(reverse("backup-codes")).content.decode()
    assert services.backup_codes_left(person) == 10

    client = _second_step(person)
    assert client.get(reverse("account"))["Location"].startswith(reverse("two-factor"))
    with django_capture_on_commit_callbacks(execute=True):
        used = client.post(reverse("two-factor"), {"token": codes[0].upper(), "next": "/account/"})
    assert used.status_code == 302
    assert used["Location"] == "/account/"
    assert client.get(reverse("account")).status_code == 200
    assert services.backup_codes_left(person) == 9
    entry = AuditEntry.objects.get(action="members.backup_codes.used")
    assert entry.actor_id == person.pk
    assert entry.data == {"left": 9}
    assert mailoutbox == []
    assert run_queued_tasks(tasks.send_backup_code_notice) == ["sent"]
    assert [m.to for m in mailoutbox] == [[person.email]]
    assert "9 backup codes are left" in mailoutbox[0].body

    again = _second_step(person).post(reverse("two-factor"), {"token": codes[0]})
    assert again.status_code == 400
    assert "That code is not right." in again.content.decode()


def test_new_backup_codes_replace_the_old_ones(cast: Cast) -> None:
    person = cast.analyst
    old = services.generate_backup_codes(by=person)
    new = services.generate_backup_codes(by=person)
    assert services.backup_codes_left(person) == 10
    with pytest.raises(LintasError):
        services.use_backup_code(code=old[0], by=person)
    # a wrong code makes the next wait a little (django-otp's throttle)
    with pytest.raises(LintasError, match="Too many wrong codes"):
        services.use_backup_code(code=new[0], by=person)
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=5)):
        assert services.use_backup_code(code=new[0], by=person).user_id == person.pk
    assert AuditEntry.objects.filter(action="members.backup_codes.generated").count() == 2


def test_the_sign_in_and_account_pages_link_to_the_new_pages(cast: Cast) -> None:
    assert reverse("password-reset") in Client().get(reverse("login")).content.decode()
    page = sign_in(Client(), cast.focal_a).get(reverse("account")).content.decode()
    assert reverse("password-change") in page
    assert reverse("backup-codes") in page
    assert len(mail.outbox) == 0


def test_bad_input_is_named_and_nothing_is_saved(
    cast: Cast, django_capture_on_commit_callbacks, mailoutbox, run_queued_tasks
) -> None:
    bad = _ask(Client(), "not an address")
    assert bad.status_code == 200
    assert 'id="email-error"' in bad.content.decode()
    assert PasswordResetRequest.objects.count() == 0

    with django_capture_on_commit_callbacks(execute=True):
        services.request_password_reset(email=cast.focal_a.email)
    run_queued_tasks()
    browser = Client()
    form = browser.get(_link(mailoutbox[0]), follow=True)
    mismatch = browser.post(
        form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": "other one"}
    )
    assert mismatch.status_code == 200
    assert 'id="id_new_password2_error"' in mismatch.content.decode()
    short = browser.post(form.redirect_chain[-1][0], {"new_password1": "x", "new_password2": "x"})
    assert 'id="id_new_password2_error"' in short.content.decode()
    cast.focal_a.refresh_from_db()
    assert not cast.focal_a.check_password(NEW_PASSWORD)
    assert not AuditEntry.objects.filter(action="members.password.reset").exists()


def test_a_reset_lifts_the_lock_of_wrong_passwords(cast: Cast, settings) -> None:
    from axes.models import AccessAttempt

    client = Client(REMOTE_ADDR="198.51.100.7")
    for _i in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": cast.focal_a.email, "password": "wrong"})
    locked = client.post(reverse("login"), {"username": cast.focal_a.email, "password": "x"})
    assert locked.status_code == 429
    assert reverse("password-reset") in locked.content.decode()

    services.reset_password(cast.focal_a, password=NEW_PASSWORD)
    assert not AccessAttempt.objects.filter(username=cast.focal_a.email).exists()
    signed = client.post(
        reverse("login"), {"username": cast.focal_a.email, "password": NEW_PASSWORD}
    )
    assert signed.status_code == 302
