"""Reminders before and after the deadline, escalation, and the worker and command that send them.

The regime of ``conftest.py``: a monthly report due 10 days after the month, locked after 30, in a
body in Asia/Ho_Chi_Minh (UTC+7), for units A and B (under the country) and C. For March 2024 the
due day is 10 April; with the default settings the reminders fall on 3 and 9 April (7 and 1 days
before) and 11 and 17 April (1 and 7 days after); the period locks at the end of 30 April.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from lintas.members import services as members
from lintas.members.models import Membership, Role, Unit, User
from lintas.notices.models import Notification
from lintas.policy import SYSTEM
from lintas.reporting import services
from lintas.reporting.models import Obligation, ReminderLog, Submission
from lintas.reporting.reminders import (
    Summary,
    deliver_reminders,
    due_reminders,
    kinds_due,
    send_due_reminders,
)
from lintas.reporting.tasks import send_reminders
from tests.conftest import make_person
from tests.reporting.conftest import GOOD, Regime

UTC = dt.UTC
DUE = dt.date(2024, 4, 10)

OnCommit = Callable[..., AbstractContextManager[Any]]
Send = Callable[..., Summary]


def at_hanoi(day: dt.date, hour: int = 9) -> dt.datetime:
    """An instant on a local day of the body (UTC+7, no summer time)."""
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=UTC) - dt.timedelta(hours=7)


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def to(messages: list[mail.EmailMessage]) -> list[str]:
    return sorted(address for m in messages for address in m.to)


def set_obligation(obligation: Obligation, **fields: object) -> None:
    for name, value in fields.items():
        setattr(obligation, name, value)
    obligation.save(update_fields=list(fields))


@pytest.fixture
def send(
    django_capture_on_commit_callbacks: OnCommit, run_queued_notices: Callable[[], int]
) -> Send:
    """Send what is due at an instant, then run the e-mails queued for the worker after the
    commit."""

    def _send(now: dt.datetime, *, dry_run: bool = False) -> Summary:
        with time_machine.travel(now, tick=False):
            with django_capture_on_commit_callbacks(execute=True):
                summary = send_due_reminders(now, dry_run=dry_run)
            run_queued_notices()
        return summary

    return _send


def _submitted(regime: Regime, unit: Unit, focal: User, period: str = "2024-03") -> Submission:
    with time_machine.travel(at_hanoi(dt.date(2024, 4, 2)), tick=False):
        sub = services.start_submission(
            obligation=regime.obligation, unit=unit, period_key=period, by=focal
        )
        return services.submit_report(sub, data=GOOD, revision=sub.revision, by=focal)


# --- the schedule, without a database -----------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (DUE - days(8), []),
        (DUE - days(7), ["before:7"]),
        (DUE - days(3), ["before:7"]),  # caught up late; the log stops a second one
        (DUE - days(1), ["before:1"]),
        (DUE, ["before:1"]),
        (DUE + days(1), ["after:1"]),
        (DUE + days(6), ["after:1"]),
        (DUE + days(7), ["after:7"]),
        (DUE + days(14), ["after:7"]),
        (DUE + days(15), []),  # the last reminder's day is more than a week ago
    ],
)
def test_each_day_has_at_most_the_latest_reminder_of_each_series(
    today: dt.date, expected: list[str]
) -> None:
    assert kinds_due(today, DUE, before=[7, 1], after=[1, 7], escalation_days=None) == expected


def test_the_escalation_ends_the_after_series() -> None:
    def due_on(offset: int) -> list[str]:
        return kinds_due(DUE + days(offset), DUE, before=[], after=[1, 7, 21], escalation_days=14)

    assert due_on(13) == ["after:7"]
    assert due_on(14) == ["escalation"]
    assert due_on(21) == ["escalation"]
    assert due_on(22) == []


def test_settings_that_are_not_whole_days_are_ignored() -> None:
    assert kinds_due(DUE, DUE, before=["x", -1, None, True], after=[0], escalation_days=0) == []
    assert kinds_due(DUE + days(1), DUE, before=[], after=[0], escalation_days=0) == ["escalation"]


# --- before the deadline --------------------------------------------------------------------------


def test_a_reminder_before_the_deadline_goes_out_once(regime: Regime, send: Send) -> None:
    first = send(at_hanoi(DUE - days(7)))
    second = send(at_hanoi(DUE - days(7), hour=15))

    assert (first.due["before"], first.sent["before"], first.notices["before"]) == (3, 3, 3)
    assert second.due["before"] == 0
    assert to(mail.outbox) == ["a@example.org", "b@example.org", "c@example.org"]
    log = ReminderLog.objects.get(unit=regime.cast.unit_a)
    assert (log.period_key, log.kind, log.recipients) == ("2024-03", "before:7", 1)
    notice = Notification.objects.get(user=regime.cast.focal_a)
    assert notice.kind == "reminder"
    assert notice.link == "/b/twg/reports/mine/"  # not started: the page to start it from


def test_two_runs_planned_at_once_send_each_reminder_once(regime: Regime, send: Send) -> None:
    now = at_hanoi(DUE - days(7))
    with time_machine.travel(now, tick=False):
        plan = due_reminders(now)
    send(now)
    with time_machine.travel(now, tick=False):
        late = deliver_reminders(plan)  # the slower run finds every row claimed

    assert (late.due["before"], late.sent["before"], late.already_sent["before"]) == (3, 0, 3)
    assert len(mail.outbox) == 3
    assert ReminderLog.objects.count() == 3


def test_the_reminder_is_in_each_recipients_language(regime: Regime, send: Send) -> None:
    c = regime.cast
    members.update_profile(c.focal_a, by=c.focal_a, language="vi")
    send(at_hanoi(DUE - days(1)))

    vietnamese = next(m for m in mail.outbox if m.to == ["a@example.org"])
    english = next(m for m in mail.outbox if m.to == ["b@example.org"])
    # the template's name and the date, both chosen by the language in force for the recipient
    assert "Báo cáo tình hình tháng" in vietnamese.subject
    assert "Ngày 10 tháng 4 năm 2024" in vietnamese.subject
    assert "Ngày 10 tháng 4 năm 2024" in vietnamese.body
    assert "Monthly situation report" not in vietnamese.body
    assert "Monthly situation report" in english.subject
    assert "10 April 2024" in english.body
    assert "Báo cáo" not in english.body
    notice = Notification.objects.get(user=c.focal_a)
    assert "Ngày 10 tháng 4 năm 2024" in notice.text


def test_the_local_day_of_the_body_decides(regime: Regime, send: Send) -> None:
    # 23:59 on 2 April in Hanoi: the reminder of 3 April waits
    assert send(dt.datetime(2024, 4, 2, 16, 59, tzinfo=UTC)).due["before"] == 0
    # 23:30 UTC on 2 April is 06:30 on 3 April in Hanoi: it goes out
    assert send(dt.datetime(2024, 4, 2, 23, 30, tzinfo=UTC)).sent["before"] == 3
    assert set(ReminderLog.objects.values_list("kind", flat=True)) == {"before:7"}


# --- after the deadline ---------------------------------------------------------------------------


def test_after_the_deadline_only_reports_that_have_not_arrived_are_reminded(
    regime: Regime, send: Send
) -> None:
    c = regime.cast
    returned = _submitted(regime, c.unit_a, c.focal_a)
    _submitted(regime, c.unit_b, c.focal_b)
    accepted = _submitted(regime, c.unit_c, c.focal_c)
    with time_machine.travel(at_hanoi(dt.date(2024, 4, 3)), tick=False):
        services.return_report(returned, by=c.secretariat, reason="Victims missing")
        services.accept_report(accepted, by=c.secretariat)

    summary = send(at_hanoi(DUE + days(1)))

    assert (summary.sent["after"], summary.sent["before"]) == (1, 0)
    assert to(mail.outbox) == ["a@example.org"]
    assert "overdue" in mail.outbox[0].subject
    log = ReminderLog.objects.get()
    assert (log.unit, log.kind) == (c.unit_a, "after:1")
    notice = Notification.objects.get(kind="reminder")
    assert notice.link == f"/b/twg/submissions/{returned.pk}/"


def test_no_reminder_for_a_unit_that_was_not_a_member_for_the_whole_period(
    regime: Regime, send: Send
) -> None:
    c = regime.cast
    members.update_unit(c.unit_b, by=c.secretariat, left_on=dt.date(2024, 3, 20))
    members.update_unit(c.unit_c, by=c.secretariat, joined_on=dt.date(2024, 3, 5))

    summary = send(at_hanoi(DUE + days(1)))

    assert summary.sent["after"] == 1
    assert to(mail.outbox) == ["a@example.org"]


def test_a_missed_day_sends_only_the_latest_reminder_once(regime: Regime, send: Send) -> None:
    # Nothing ran from 1 to 9 April: on the due day only the reminder of the day before goes out.
    summary = send(at_hanoi(DUE))
    assert summary.sent["before"] == 3
    assert set(ReminderLog.objects.values_list("kind", flat=True)) == {"before:1"}
    assert send(at_hanoi(DUE, hour=20)).due["before"] == 0

    # Nothing ran after that until 19 April: one reminder, the one of 17 April.
    summary = send(at_hanoi(DUE + days(9)))
    assert summary.sent["after"] == 3
    assert set(ReminderLog.objects.values_list("kind", flat=True)) == {"before:1", "after:7"}
    assert len(mail.outbox) == 6


def test_a_first_run_says_nothing_about_old_periods(regime: Regime, send: Send) -> None:
    # January to March 2024 are all missing, but every reminder day is more than a week ago.
    summary = send(at_hanoi(dt.date(2024, 4, 28)))
    assert summary.due == {}
    assert mail.outbox == []


# --- escalation -------------------------------------------------------------------------------


@pytest.fixture
def head(regime: Regime) -> User:
    """The head of the country that units A and B belong to. The leader role is granted for
    the whole body by the members service, so the unit's leader is written directly."""
    c = regime.cast
    person = make_person("head@example.org", "Hoa Head", language="vi")
    Membership.objects.create(user=person, body=c.body, unit=c.country, role=Role.LEADER)
    set_obligation(regime.obligation, escalation_days=14)
    return person


def test_an_escalation_reaches_the_focal_point_the_head_and_the_secretariat(
    regime: Regime, head: User, send: Send
) -> None:
    c = regime.cast
    summary = send(at_hanoi(DUE + days(14)))

    assert (summary.sent["escalation"], summary.sent["after"]) == (3, 0)
    # A and B have the country's head above them; C has nobody above it: the secretariat alone.
    by_unit = {
        unit: sorted(m.to[0] for m in mail.outbox if unit in m.subject)
        for unit in ("Agency A", "Agency B", "Agency C")
    }
    assert by_unit == {
        "Agency A": ["a@example.org", "head@example.org", "sec@example.org"],
        "Agency B": ["b@example.org", "head@example.org", "sec@example.org"],
        "Agency C": ["c@example.org", "sec@example.org"],
    }
    assert "leader@example.org" not in to(mail.outbox)  # the body's observer is not a head
    notice = Notification.objects.filter(user=c.secretariat, kind="escalation").first()
    assert notice is not None
    assert notice.link == f"/b/twg/reports/obligations/{regime.obligation.pk}/"
    assert ReminderLog.objects.get(unit=c.unit_a).recipients == 3
    assert send(at_hanoi(DUE + days(15))).due == {}


def test_the_units_own_head_comes_before_the_head_above_it(
    regime: Regime, head: User, send: Send
) -> None:
    c = regime.cast
    own = make_person("own.head@example.org", "Oanh Own Head")
    Membership.objects.create(user=own, body=c.body, unit=c.unit_a, role=Role.LEADER)
    send(at_hanoi(DUE + days(14)))

    about_a = to([m for m in mail.outbox if "Agency A" in m.subject])
    assert about_a == ["a@example.org", "own.head@example.org", "sec@example.org"]


def test_a_locked_period_gets_no_reminder_but_still_its_escalation(
    regime: Regime, send: Send
) -> None:
    c = regime.cast
    set_obligation(
        regime.obligation, reminder_days_before=[], reminder_days_after=[21], escalation_days=25
    )
    with time_machine.travel(at_hanoi(dt.date(2024, 4, 25)), tick=False):
        services.grant_exception(
            obligation=regime.obligation,
            unit=c.unit_b,
            period_key="2024-03",
            open_until=dt.date(2024, 5, 10),
            reason="Flooding",
            by=c.secretariat,
        )

    # 1 May: the day of after:21, but March locked at the end of 30 April, except for B.
    summary = send(at_hanoi(dt.date(2024, 5, 1)))
    assert summary.sent["after"] == 1
    assert to(mail.outbox) == ["b@example.org"]

    summary = send(at_hanoi(dt.date(2024, 5, 5)))
    assert summary.sent["escalation"] == 3
    assert ReminderLog.objects.filter(kind="escalation").count() == 3


# --- what stops reminders -------------------------------------------------------------------------


def test_an_inactive_obligation_reminds_nobody(regime: Regime, send: Send) -> None:
    set_obligation(regime.obligation, is_active=False)
    assert send(at_hanoi(DUE - days(7))).due == {}
    assert mail.outbox == []


def test_planning_takes_the_same_queries_whatever_the_number_of_units(
    regime: Regime, django_assert_num_queries: Callable[[int], AbstractContextManager[Any]]
) -> None:
    c = regime.cast
    more = [
        members.create_unit(body=c.body, by=SYSTEM, name=f"Agency {n}", kind="agency")
        for n in range(5)
    ]
    regime.obligation.units.add(*more)
    now = at_hanoi(DUE + days(1))
    # obligations, their units, then for the one obligation: submissions, log, exceptions
    with time_machine.travel(now, tick=False), django_assert_num_queries(5):
        plan = due_reminders(now)
    assert len(plan) == 8


# --- the command and the worker ---------------------------------------------------------------


def test_the_command_prints_one_line_per_kind(
    regime: Regime,
    django_capture_on_commit_callbacks: OnCommit,
    run_queued_notices: Callable[[], int],
) -> None:
    out = io.StringIO()
    call_command("send_reminders", "--now", "2024-04-02T23:30:00+00:00", "--dry-run", stdout=out)
    assert out.getvalue().splitlines() == [
        "before: 3 due (dry run: nothing sent)",
        "after: 0 due (dry run: nothing sent)",
        "escalation: 0 due (dry run: nothing sent)",
    ]
    assert not ReminderLog.objects.exists()

    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--now", "2024-04-02T23:30:00", stdout=out)
    assert out.getvalue().splitlines()[0] == (
        "before: 3 due, 3 sent (3 notices), 0 already sent by another run"
    )
    assert mail.outbox == []  # the e-mails leave from the worker
    assert run_queued_notices() == 3
    assert len(mail.outbox) == 3


def test_the_command_refuses_a_time_it_cannot_read(db: None) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="not an ISO"):
        call_command("send_reminders", "--now", "next tuesday", stdout=io.StringIO())


@pytest.fixture
def worker_keeps_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker closes stale connections between tasks, as a long-running process should. Inside
    a test's transaction the connection is never in autocommit, so PostgreSQL's would be closed
    under the test; keep it for the test's own queries."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def test_the_worker_runs_the_reminders_and_queues_the_next_run(
    regime: Regime, django_capture_on_commit_callbacks: OnCommit, worker_keeps_connection: None
) -> None:
    now = at_hanoi(DUE - days(7))
    with time_machine.travel(now, tick=False):
        send_reminders.enqueue()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("worker", "--batch", stdout=io.StringIO(), stderr=io.StringIO())

    assert to(mail.outbox) == ["a@example.org", "b@example.org", "c@example.org"]
    # The worker runs the other periodic tasks too; these are the reminders' runs.
    runs = DBTaskResult.objects.filter(task_path="lintas.reporting.tasks.send_reminders")
    done = runs.get(status=TaskResultStatus.SUCCESSFUL)  # queued once, run once
    assert done.return_value["before_sent"] == 3
    waiting = runs.get(status=TaskResultStatus.READY)
    assert waiting.run_after == now + dt.timedelta(hours=1)

    # An hour later the waiting run is due; the worker runs it, and nothing is sent twice.
    later = now + dt.timedelta(hours=1)
    with time_machine.travel(later, tick=False), django_capture_on_commit_callbacks(execute=True):
        call_command("worker", "--batch", stdout=io.StringIO(), stderr=io.StringIO())
    assert runs.filter(status=TaskResultStatus.SUCCESSFUL).count() == 2
    assert len(mail.outbox) == 3


def test_the_worker_starts_the_periodic_run_itself(
    regime: Regime, django_capture_on_commit_callbacks: OnCommit, worker_keeps_connection: None
) -> None:
    with time_machine.travel(at_hanoi(DUE - days(7)), tick=False):
        call_command("worker", "--batch", "--no-periodic", stdout=io.StringIO())
        assert not DBTaskResult.objects.exists()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("worker", "--batch", stdout=io.StringIO(), stderr=io.StringIO())
    assert len(mail.outbox) == 3
