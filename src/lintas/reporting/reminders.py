"""Reminders before and after a report's deadline, and escalation when the report stays missing.

All days are local dates in the body's time zone. ``D`` is the due day, the last day to submit
(the period's last day + ``due_days``); a report is overdue from ``D + 1``.

Each obligation has three series of reminders; their ``ReminderLog.kind`` names them:

- ``before:N`` for each N ≥ 0 in ``reminder_days_before``: its day is ``D - N`` (0 is the due day
  itself). The series ends with the due day.
- ``after:N`` for each N ≥ 1 in ``reminder_days_after``: its day is ``D + N``. The series ends
  the day before the escalation day: from then on the escalation, which also reaches the focal
  points, is the last word, and an after-reminder missed or planned for later is not sent.
- ``escalation``: its day is ``D + escalation_days`` (never before ``D + 1``), when set.

Who is told. Reminders go to the unit's focal points and alternate focal points, and to the
unit's validators while the report waits for their validation. The escalation goes to the same
people, to the head of the unit and to the body's secretariat. The head of a unit is whoever holds
the leader role for that unit; when nobody does, the leaders of its parent unit, and so on up the
tree. Leaders of the whole body (a leader role without a unit) are observers, not the head of every
unit, and are not escalated to: when no unit up the tree has a leader, the secretariat alone
receives the escalation.

Nothing is sent for a unit and period when:

- the obligation is inactive, or the unit is not one of its units;
- the unit was not a member for the whole period (``periods.unit_owes``: joined after the period
  began or left before it ended);
- the report has arrived: it is submitted or accepted. A draft, a report awaiting validation and a
  returned report have not arrived, and are reminded;
- for ``before`` and ``after`` kinds, the period is locked (past the expiry day, and past any
  exception granted for it): the unit cannot submit any more, so a reminder would only frustrate.
  The escalation is sent for a locked period all the same: it reaches the people who can act on
  it, and the secretariat can reopen the period with an exception.

Catch-up. Each run sends, per series, only the most recent reminder whose day has come, and only
when that day is at most ``CATCH_UP_DAYS`` days ago. A job that did not run for two days sends one
reminder per series, not the burst of those it missed; an earlier reminder it missed is not sent
later. A first run on an obligation with years of history says nothing about old periods.

Once. A reminder is claimed by inserting its ``ReminderLog`` row (unique per obligation, unit,
period and kind) in the transaction that also writes the notices (``notices.notify``); their
e-mails leave from the worker after the commit, by each person's choice, and are retried when the
mail server fails. When two runs overlap, the second insert fails and that run skips the reminder.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from lintas.members import selectors as members
from lintas.members.models import Body, Role, Unit, User
from lintas.reporting import periods
from lintas.reporting.models import (
    Obligation,
    PeriodException,
    ReminderLog,
    Submission,
)
from lintas.reporting.notices import tell_about

BEFORE = "before"
AFTER = "after"
ESCALATION = "escalation"
SERIES = (BEFORE, AFTER, ESCALATION)

# A reminder whose day is further back than this is not sent late.
CATCH_UP_DAYS = 7

ARRIVED = frozenset({Submission.State.SUBMITTED, Submission.State.ACCEPTED})

MESSAGES: dict[str, tuple[str, str]] = {
    BEFORE: (
        gettext_noop("Report due %(due)s: %(template)s, %(period)s"),
        gettext_noop(
            "%(template)s of %(unit)s for %(period)s: the deadline is %(due)s. "
            "It has not reached the secretariat yet."
        ),
    ),
    AFTER: (
        gettext_noop("Report overdue: %(template)s, %(period)s"),
        gettext_noop(
            "%(template)s of %(unit)s for %(period)s: the deadline was %(due)s, and it has "
            "not reached the secretariat yet. Please submit it as soon as you can."
        ),
    ),
    ESCALATION: (
        gettext_noop("Report still missing: %(template)s of %(unit)s, %(period)s"),
        gettext_noop(
            "%(template)s of %(unit)s for %(period)s: the deadline was %(due)s, and it has "
            "still not reached the secretariat. This notice goes to the unit's focal points, "
            "the head of the unit and the secretariat."
        ),
    ),
}


# --- the schedule: plain date arithmetic ------------------------------------------------------


def _days(values: Iterable[object] | None, *, least: int) -> list[int]:
    """The whole numbers ≥ ``least`` of a reminder setting, sorted; anything else is ignored."""
    out = set()
    for value in values or []:
        if isinstance(value, bool) or not isinstance(value, int | str):
            continue
        try:
            number = int(value)
        except ValueError:
            continue
        if number >= least:
            out.add(number)
    return sorted(out)


def _escalation_offset(escalation_days: int | None) -> int | None:
    return None if escalation_days is None else max(escalation_days, 1)


def kinds_due(
    today: dt.date,
    due: dt.date,
    *,
    before: Iterable[object],
    after: Iterable[object],
    escalation_days: int | None,
    catch_up_days: int = CATCH_UP_DAYS,
) -> list[str]:
    """The reminders due on ``today`` for a report due on ``due``: at most one per series, the
    most recent whose day has come, if that day is at most ``catch_up_days`` ago."""

    def fresh(day: dt.date) -> bool:
        return 0 <= (today - day).days <= catch_up_days

    out: list[str] = []
    days_left = (due - today).days
    if days_left >= 0:
        steps = [n for n in _days(before, least=0) if n >= days_left]
        if steps and fresh(due - dt.timedelta(days=min(steps))):
            out.append(f"{BEFORE}:{min(steps)}")
        return out
    days_late = -days_left
    escalate_at = _escalation_offset(escalation_days)
    if escalate_at is not None and days_late >= escalate_at:
        if fresh(due + dt.timedelta(days=escalate_at)):
            out.append(ESCALATION)
        return out
    steps = [n for n in _days(after, least=1) if n <= days_late]
    if steps and fresh(due + dt.timedelta(days=max(steps))):
        out.append(f"{AFTER}:{max(steps)}")
    return out


# --- the plan: which unit, period and kind ----------------------------------------------------


@dataclass(frozen=True)
class Reminder:
    obligation: Obligation
    unit: Unit
    period: periods.Period
    kind: str  # before:N | after:N | escalation
    due: dt.date
    today: dt.date  # in the body's time zone
    submission_id: int | None
    state: str | None  # the submission's state; None when the unit has not started it
    locked: bool

    @property
    def series(self) -> str:
        return self.kind.partition(":")[0]


def _periods_near(
    obligation: Obligation, today: dt.date, before: list[int], last_offset: int
) -> list[periods.Period]:
    """The obligation's periods whose due day is close enough to today for a reminder."""
    due_from = today - dt.timedelta(days=CATCH_UP_DAYS + last_offset)
    due_to = today + dt.timedelta(days=max(before, default=0))
    end_from = due_from - dt.timedelta(days=obligation.due_days)
    end_to = due_to - dt.timedelta(days=obligation.due_days)
    first = max(obligation.starts_on, end_from)
    last = min(end_to, obligation.ends_on) if obligation.ends_on else end_to
    if first > last:
        return []
    found = periods.periods_between(obligation.period_type, first, last, obligation.custom_ranges())
    return [p for p in found if end_from <= p.end <= end_to]


def _plan_obligation(obligation: Obligation, now: dt.datetime) -> list[Reminder]:
    before = _days(obligation.reminder_days_before, least=0)
    after = _days(obligation.reminder_days_after, least=1)
    escalate_at = _escalation_offset(obligation.escalation_days)
    if not before and not after and escalate_at is None:
        return []
    today = periods.local_date(now, obligation.body.tzinfo)
    last_offset = max([*after, escalate_at or 0])
    schedule = []
    for period in _periods_near(obligation, today, before, last_offset):
        due = periods.day_after(period, obligation.due_days)
        kinds = kinds_due(
            today, due, before=before, after=after, escalation_days=obligation.escalation_days
        )
        if kinds:
            schedule.append((period, due, kinds))
    if not schedule:
        return []

    keys = [period.key for period, _due, _kinds in schedule]
    submissions = {
        (unit_id, key): (state, pk)
        for unit_id, key, state, pk in Submission.objects.filter(
            obligation=obligation, period_key__in=keys
        ).values_list("unit_id", "period_key", "state", "pk")
    }
    sent = set(
        ReminderLog.objects.filter(obligation=obligation, period_key__in=keys).values_list(
            "unit_id", "period_key", "kind"
        )
    )
    reopened: dict[tuple[int, str], dt.date] = {}
    if obligation.expiry_days is not None and today > min(due for _p, due, _k in schedule):
        reopened = {
            (unit_id, key): until
            for unit_id, key, until in PeriodException.objects.filter(
                obligation=obligation, period_key__in=keys
            ).values_list("unit_id", "period_key", "open_until")
        }

    units = sorted(obligation.units.all(), key=lambda u: (u.name, u.pk))
    out: list[Reminder] = []
    for period, due, kinds in schedule:
        for unit in units:
            if not periods.unit_owes(period, unit.joined_on, unit.left_on):
                continue
            state, submission_id = submissions.get((unit.pk, period.key), (None, None))
            if state in ARRIVED:
                continue
            locked = False
            if obligation.expiry_days is not None:
                lock_day = periods.day_after(period, obligation.expiry_days)
                open_until = reopened.get((unit.pk, period.key))
                if open_until is not None:
                    lock_day = max(lock_day, open_until)
                locked = today > lock_day
            for kind in kinds:
                if (unit.pk, period.key, kind) in sent:
                    continue
                if locked and kind != ESCALATION:
                    continue
                out.append(
                    Reminder(
                        obligation=obligation,
                        unit=unit,
                        period=period,
                        kind=kind,
                        due=due,
                        today=today,
                        submission_id=submission_id,
                        state=state,
                        locked=locked,
                    )
                )
    return out


def due_reminders(now: dt.datetime | None = None) -> list[Reminder]:
    """Every reminder due at ``now`` and not sent yet, for every active obligation.

    Queries: the obligations with their units, then per obligation with something due, its
    submissions, its reminder log and its exceptions for the periods concerned, whatever the
    number of units."""
    now = now or timezone.now()
    obligations = (
        Obligation.objects.filter(is_active=True)
        .select_related("body", "template")
        .prefetch_related("units")
        .order_by("pk")
    )
    out: list[Reminder] = []
    for obligation in obligations:
        out.extend(_plan_obligation(obligation, now))
    return out


# --- sending ----------------------------------------------------------------------------------


def _distinct(users: Iterable[User], *, leaving_out: Iterable[User] = ()) -> list[User]:
    seen = {u.pk for u in leaving_out}
    out = []
    for user in users:
        if user.pk not in seen:
            seen.add(user.pk)
            out.append(user)
    return out


class _People:
    """Who holds which role, per unit and per body, read once per body for the whole run."""

    ROLES = (
        Role.FOCAL_POINT,
        Role.ALTERNATE_FOCAL_POINT,
        Role.VALIDATOR,
        Role.LEADER,
        Role.SECRETARIAT,
    )

    def __init__(self, reminders: list[Reminder]) -> None:
        self.by_unit: dict[tuple[int, str], list[User]] = {}
        self.secretariat: dict[int, list[User]] = {}
        self.parent: dict[int, int | None] = {}
        bodies: dict[int, tuple[Body, dt.date]] = {}
        for reminder in reminders:
            bodies[reminder.obligation.body_id] = (reminder.obligation.body, reminder.today)
        for body, today in bodies.values():
            memberships = members.role_holders(body, self.ROLES, on=today)
            secretariat = self.secretariat.setdefault(body.pk, [])
            for m in memberships:
                if m.role == Role.SECRETARIAT:
                    secretariat.append(m.user)
                elif m.unit_id is not None:
                    self.by_unit.setdefault((m.unit_id, m.role), []).append(m.user)
            self.parent.update(Unit.objects.filter(body=body).values_list("pk", "parent_id"))

    def of_unit(self, unit_id: int, roles: Iterable[str]) -> list[User]:
        return _distinct(u for role in roles for u in self.by_unit.get((unit_id, role), []))

    def heads(self, unit_id: int) -> list[User]:
        """The leaders of the unit, or else of the nearest unit above it that has some."""
        node: int | None = unit_id
        seen: set[int] = set()
        while node is not None and node not in seen:
            seen.add(node)
            leaders = self.of_unit(node, [Role.LEADER])
            if leaders:
                return leaders
            node = self.parent.get(node)
        return []

    def for_reminder(self, reminder: Reminder) -> tuple[list[User], list[User]]:
        """The unit's people, and (for an escalation) the others: head and secretariat."""
        roles = [Role.FOCAL_POINT, Role.ALTERNATE_FOCAL_POINT]
        if reminder.state == Submission.State.AWAITING_VALIDATION:
            roles.append(Role.VALIDATOR)
        unit_people = self.of_unit(reminder.unit.pk, roles)
        if reminder.series != ESCALATION:
            return unit_people, []
        others = [
            *self.heads(reminder.unit.pk),
            *self.secretariat.get(reminder.obligation.body_id, []),
        ]
        return unit_people, _distinct(others, leaving_out=unit_people)


@dataclass
class Summary:
    """What a run found due and what it sent, per series (before, after, escalation)."""

    dry_run: bool = False
    due: Counter[str] = field(default_factory=Counter)
    sent: Counter[str] = field(default_factory=Counter)
    already_sent: Counter[str] = field(default_factory=Counter)
    notices: Counter[str] = field(default_factory=Counter)

    @classmethod
    def planned(cls, reminders: Iterable[Reminder]) -> Summary:
        """The summary of a dry run: what is due, nothing sent."""
        summary = cls(dry_run=True)
        summary.due.update(reminder.series for reminder in reminders)
        return summary

    def lines(self) -> list[str]:
        out = []
        for series in SERIES:
            if self.dry_run:
                out.append(f"{series}: {self.due[series]} due (dry run: nothing sent)")
            else:
                out.append(
                    f"{series}: {self.due[series]} due, {self.sent[series]} sent "
                    f"({self.notices[series]} notices), "
                    f"{self.already_sent[series]} already sent by another run"
                )
        return out

    def as_dict(self) -> dict[str, int]:
        return {
            f"{series}_{name}": getattr(self, name)[series]
            for series in SERIES
            for name in ("due", "sent", "already_sent", "notices")
        }


def _claim(reminder: Reminder, *, recipients: int) -> bool:
    """Record the reminder as sent; False when another run already has."""
    try:
        with transaction.atomic():
            ReminderLog.objects.create(
                obligation=reminder.obligation,
                unit=reminder.unit,
                period_key=reminder.period.key,
                kind=reminder.kind,
                recipients=recipients,
            )
    except IntegrityError:
        return False
    return True


def _tell(users: list[User], reminder: Reminder, *, link: str) -> int:
    subject, text = MESSAGES[reminder.series]
    return tell_about(
        users,
        obligation=reminder.obligation,
        unit=reminder.unit,
        period_key=reminder.period.key,
        kind=ESCALATION if reminder.series == ESCALATION else "reminder",
        subject=subject,
        text=text,
        link=link,
        extra={"due": reminder.due},
    )


def deliver_reminders(reminders: list[Reminder]) -> Summary:
    """Claim and send each reminder of a plan; those another run has claimed are skipped."""
    summary = Summary()
    people = _People(reminders)
    for reminder in reminders:
        series = reminder.series
        summary.due[series] += 1
        unit_people, others = people.for_reminder(reminder)
        slug = reminder.obligation.body.slug
        if reminder.submission_id is not None:
            unit_link = reverse("reporting:submission-detail", args=[slug, reminder.submission_id])
        else:
            unit_link = reverse("reporting:my-reports", args=[slug])
        with transaction.atomic():
            if not _claim(reminder, recipients=len(unit_people) + len(others)):
                summary.already_sent[series] += 1
                continue
            count = _tell(unit_people, reminder, link=unit_link)
            if others:
                overview = reverse("reporting:matrix", args=[slug, reminder.obligation.pk])
                count += _tell(others, reminder, link=overview)
        summary.sent[series] += 1
        summary.notices[series] += count
    return summary


def send_due_reminders(now: dt.datetime | None = None, *, dry_run: bool = False) -> Summary:
    """Send every reminder due at ``now`` (default: the present) that no run has sent yet;
    with ``dry_run``, only count them.

    Safe to run again and at the same time as another run: each reminder goes out once."""
    reminders = due_reminders(now)
    if dry_run:
        return Summary.planned(reminders)
    return deliver_reminders(reminders)


def describe(reminder: Reminder) -> str:
    """One line about a reminder, for the command's listing."""
    template = reminder.obligation.template.display_name
    return (
        f"{reminder.kind:<12} {reminder.unit} · {template} · {reminder.period.key} "
        f"(due {reminder.due.isoformat()})"
    )
