"""E-mail of notices on the worker: a failing mail server is logged and retried, a notice is
claimed once, the last attempt gives up (the notice stays in the app), the daily digest, and
each person's choice per kind."""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.mail.backends import locmem
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from lintas.members.models import User
from lintas.notices import delivery, services
from lintas.notices.models import Notification
from lintas.notices.tasks import send_due_emails
from tests.conftest import Cast
from tests.notices.conftest import tell

UTC = dt.UTC
AT = dt.datetime(2024, 4, 20, 3, 0, tzinfo=UTC)  # 10:00 in the body's zone (UTC+7)
Email = Notification.Email
OnCommit = Callable[..., AbstractContextManager[Any]]
real_send = locmem.EmailBackend.send_messages


def local(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """An instant of April 2024 given in the body's time zone (Asia/Ho_Chi_Minh, UTC+7)."""
    return dt.datetime(2024, 4, day, hour, minute, tzinfo=UTC) - dt.timedelta(hours=7)


def choose(person: User, kind: str, how: str) -> None:
    services.set_preferences(person, choices={kind: how}, by=person)


# --- failures and retries -----------------------------------------------------------------------


def test_a_failing_mail_server_is_logged_and_the_email_leaves_on_a_later_try(
    cast: Cast, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    calls: list[int] = []

    def flaky(self: locmem.EmailBackend, messages: list[mail.EmailMessage]) -> int:
        calls.append(len(messages))
        if len(calls) == 1:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return real_send(self, messages)

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", flaky)
    with time_machine.travel(AT, tick=False):
        [notice] = tell(cast, [cast.focal_a])
        with caplog.at_level(logging.ERROR, logger="lintas.notices.delivery"):
            assert delivery.send_emails([notice.pk]) == 0

    assert mail.outbox == []
    [record] = [r for r in caplog.records if r.name == "lintas.notices.delivery"]
    assert record.exc_info is not None and record.exc_info[0] is smtplib.SMTPServerDisconnected
    assert "attempt 1 of 6" in record.getMessage()
    notice.refresh_from_db()
    assert (notice.email, notice.email_attempts) == (Email.NOW, 1)
    assert notice.email_error == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert notice.email_due_at == AT + dt.timedelta(minutes=5)

    with time_machine.travel(AT + dt.timedelta(minutes=4), tick=False):
        assert delivery.send_due()["sent"] == 0  # not before its time
    with time_machine.travel(AT + dt.timedelta(minutes=5), tick=False):
        assert delivery.send_due()["sent"] == 1

    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    notice.refresh_from_db()
    assert (notice.email, notice.email_attempts, notice.email_error) == (Email.SENT, 2, "")


def test_after_the_last_attempt_the_email_is_given_up_and_the_notice_stays_in_the_app(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(self: locmem.EmailBackend, messages: list[mail.EmailMessage]) -> int:
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", refused)
    with time_machine.travel(AT, tick=False):
        [notice] = tell(cast, [cast.focal_a])
    moment = AT
    for attempt in range(1, delivery.MAX_ATTEMPTS + 1):
        with time_machine.travel(moment, tick=False):
            delivery.send_due()
        notice.refresh_from_db()
        assert notice.email_attempts == attempt
        if attempt < delivery.MAX_ATTEMPTS:
            assert notice.email == Email.NOW
            assert notice.email_due_at is not None
            moment = notice.email_due_at

    assert (notice.email, notice.email_due_at) == (Email.FAILED, None)
    assert "Connection refused" in notice.email_error
    # 5 + 15 + 45 + 135 + 405 minutes: about ten hours of tries, then no more
    assert moment - AT == dt.timedelta(minutes=605)
    with time_machine.travel(moment + dt.timedelta(days=30), tick=False):
        assert delivery.send_due() == {"sent": 0, "digests": 0, "given_up": 0}
    notice.refresh_from_db()
    assert notice.email_attempts == delivery.MAX_ATTEMPTS
    assert notice.read_at is None and Notification.objects.filter(pk=notice.pk).exists()


def test_two_runs_at_the_same_time_send_the_email_once(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    with time_machine.travel(AT, tick=False):
        [notice] = tell(cast, [cast.focal_a])
    other_run: list[int] = []

    def slow_server(self: locmem.EmailBackend, messages: list[mail.EmailMessage]) -> int:
        # while this run talks to the mail server, a second worker runs the same task
        other_run.append(delivery.send_emails([notice.pk]))
        return real_send(self, messages)

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", slow_server)
    assert delivery.send_emails([notice.pk]) == 1

    assert other_run == [0]
    assert len(mail.outbox) == 1
    assert delivery.send_emails([notice.pk]) == 0  # and a later run finds it sent
    assert delivery.send_due()["sent"] == 0
    assert len(mail.outbox) == 1


class WorkerDied(BaseException):
    """The worker's process ends in the middle of a task (killed, out of memory)."""


def test_an_email_whose_run_died_after_claiming_it_leaves_with_a_later_run(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    def dies(self: locmem.EmailBackend, messages: list[mail.EmailMessage]) -> int:
        raise WorkerDied

    with time_machine.travel(AT, tick=False):
        [notice] = tell(cast, [cast.focal_a])
        monkeypatch.setattr(locmem.EmailBackend, "send_messages", dies)
        with pytest.raises(WorkerDied):
            delivery.send_emails([notice.pk])
    monkeypatch.setattr(locmem.EmailBackend, "send_messages", real_send)

    with time_machine.travel(AT + dt.timedelta(minutes=9), tick=False):
        assert delivery.send_due()["sent"] == 0  # still claimed by the run that died
    with time_machine.travel(AT + delivery.CLAIM_LEASE, tick=False):
        assert delivery.send_due()["sent"] == 1
    assert [m.to for m in mail.outbox] == [["a@example.org"]]


def test_a_person_deactivated_before_the_email_leaves_is_not_emailed(cast: Cast) -> None:
    [notice] = tell(cast, [cast.focal_a])
    User.objects.filter(pk=cast.focal_a.pk).update(is_active=False)

    assert delivery.send_emails([notice.pk]) == 0

    assert mail.outbox == []
    notice.refresh_from_db()
    assert notice.email == Email.NONE


def test_the_mail_server_has_a_timeout(db: None) -> None:
    connection = mail.get_connection("django.core.mail.backends.smtp.EmailBackend")
    assert settings.EMAIL_TIMEOUT == 10
    assert connection.timeout == 10  # the invitations' send_mail uses it too


def test_the_periodic_sweep_queues_its_next_run_five_minutes_on(db: None) -> None:
    with time_machine.travel(AT, tick=False):
        assert send_due_emails.call() == {"sent": 0, "digests": 0, "given_up": 0}
    waiting = DBTaskResult.objects.get(
        task_path=send_due_emails.module_path, status=TaskResultStatus.READY
    )
    assert waiting.run_after == AT + dt.timedelta(minutes=5)


# --- each person's choice -----------------------------------------------------------------------


def test_in_the_app_only_sends_no_email_but_keeps_the_notice(
    cast: Cast, django_capture_on_commit_callbacks: OnCommit, run_queued_notices: Callable[[], int]
) -> None:
    choose(cast.focal_a, "reminder", "in_app")
    with time_machine.travel(AT, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            tell(cast, [cast.focal_a, cast.focal_b])
        run_queued_notices()
    with time_machine.travel(local(21, 7), tick=False):
        delivery.send_due()

    assert [m.to for m in mail.outbox] == [["b@example.org"]]
    states = dict(Notification.objects.values_list("user_id", "email"))
    assert states == {cast.focal_a.pk: Email.NONE, cast.focal_b.pk: Email.SENT}


def test_at_once_sends_as_soon_as_the_worker_runs(
    cast: Cast, django_capture_on_commit_callbacks: OnCommit, run_queued_notices: Callable[[], int]
) -> None:
    # reports submitted are in the app only unless a person asks for e-mail
    choose(cast.secretariat, "submitted", "immediately")
    with django_capture_on_commit_callbacks(execute=True):
        tell(cast, [cast.secretariat, cast.leader], kind="submitted")

    assert mail.outbox == []
    assert run_queued_notices() == 1
    assert [m.to for m in mail.outbox] == [["sec@example.org"]]
    assert "/account/notices/" in mail.outbox[0].body  # where to change the choice


def test_the_daily_digest_sends_one_email_a_day_with_every_notice_before_seven_local_time(
    cast: Cast, django_capture_on_commit_callbacks: OnCommit, run_queued_notices: Callable[[], int]
) -> None:
    cast.focal_a.language = "vi"
    cast.focal_a.save(update_fields=["language"])
    choose(cast.focal_a, "reminder", "daily")
    choose(cast.focal_a, "escalation", "daily")
    with time_machine.travel(local(20, 10), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            tell(cast, [cast.focal_a], period="2024-02")
        assert run_queued_notices() == 0
    with time_machine.travel(local(20, 15), tick=False):
        tell(cast, [cast.focal_a], kind="escalation", period="2024-01")

    for moment in (local(20, 20), local(21, 6, 59)):  # 06:59 local is 23:59 UTC the day before
        with time_machine.travel(moment, tick=False):
            assert delivery.send_due()["digests"] == 0
    with time_machine.travel(local(21, 7), tick=False):
        assert delivery.send_due()["digests"] == 1
    with time_machine.travel(local(21, 8), tick=False):
        tell(cast, [cast.focal_a], period="2023-12")
    with time_machine.travel(local(21, 9), tick=False):
        assert delivery.send_due()["digests"] == 0  # one a day: the new notice waits

    [digest] = mail.outbox
    assert digest.to == ["a@example.org"]
    assert digest.subject == "Bản tin hằng ngày: 2 thông báo"
    assert digest.body.index("2024-02") < digest.body.index("2024-01")  # oldest first
    assert "2023-12" not in digest.body
    assert "(UTC+7)" in digest.body and "http://127.0.0.1:8000/b/twg/reports/mine/" in digest.body

    with time_machine.travel(local(22, 7, 5), tick=False):
        assert delivery.send_due()["digests"] == 1
    assert len(mail.outbox) == 2
    assert "2023-12" in mail.outbox[1].body and "2024-02" not in mail.outbox[1].body
    assert set(Notification.objects.values_list("email", flat=True)) == {Email.SENT}
