"""A season of exchange played through the services in the order it happened: each message is
posted at its time, then each recipient unit reads, acknowledges, acts or answers (or does not)
as its habits say, the reminders go out, and nothing is placed after now.

The services write the receipts, forwards and audit entries as they do for people at work (the
audit log records when the demo was loaded: it refuses to be back-dated). The reminders run as
the worker's periodic task would, in the quarter of an hour after a deadline passes. The notices
the services make are dated when their message was, and are read once more than ten days old;
they stay in the app, since the demo's people have no mailbox: while the season plays, their
choice for the exchange's notices is "in the app only" (their own choices are kept).
"""

from __future__ import annotations

import datetime as dt
import functools
import heapq
import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from lintas.core.tlp import TLP
from lintas.exchange import services
from lintas.exchange.models import AlertType, Kind, Message, Priority, Receipt, RecipientGroup
from lintas.members.models import Body, Membership, Role, Unit, User
from lintas.notices.models import Delivery, Notification, Preference
from lintas.notices.models import Kind as NoticeKind

ALL = "*"  # every unit of the body that has someone to act for it, but the sender

SEASON_DAYS = 150
CHASE_EVERY = dt.timedelta(minutes=15)  # as the worker's periodic task
READ_AFTER = dt.timedelta(days=10)  # notices older than this are read
EXCHANGE_KINDS = (NoticeKind.MESSAGE, NoticeKind.MESSAGE_CHASE, NoticeKind.FORWARD)

# How a unit answers: weights of acknowledging on time, late, never.
HABITS: dict[str, tuple[float, float, float]] = {
    "punctual": (0.92, 0.06, 0.02),
    "mostly": (0.78, 0.17, 0.05),
    "late": (0.45, 0.40, 0.15),
    "erratic": (0.50, 0.20, 0.30),
    "silent": (0.25, 0.20, 0.55),
}


@dataclass(frozen=True)
class Forwarding:
    """A recipient unit passes the message on, ``after`` days after it was sent; wider than the
    label, the author's unit approves ``decide_after`` days later (``None``: still waiting)."""

    after: float
    from_unit: str
    to: tuple[str, ...]
    reason: str
    decide_after: float | None = None
    note: str = ""


@dataclass(frozen=True)
class Summary:
    """A lower-label version the author's unit sends ``after`` days later."""

    after: float
    tlp: str
    subject: str
    text: str
    to: tuple[str, ...] = (ALL,)


@dataclass(frozen=True)
class Spec:
    """One message of the season, sent ``day`` days before today, in working hours."""

    day: float
    sender: str
    kind: str
    tlp: str
    subject: str
    text: str
    to: tuple[str, ...] = ()
    group: str = ""
    priority: str = Priority.ROUTINE
    alert_type: str = ""
    details: dict[str, str] = field(default_factory=dict)
    named: tuple[str, ...] = ()  # units whose focal point is named (the readers of a RED one)
    answer_days: float = 0  # requests: the answer is due this many days after sending
    expires_days: float = 0
    answers: dict[str, str] = field(default_factory=dict)  # unit → its answer (requests)
    language: str = "en"  # the language of the answers the pools give
    update: tuple[float, str] | None = None  # (days after, text)
    cancel: tuple[float, str] | None = None  # (days after, reason)
    summary: Summary | None = None
    forward: Forwarding | None = None


@dataclass(frozen=True)
class Pools:
    """What units write when a message does not say: answers to requests, actions on alerts."""

    answers: dict[str, list[str]]
    actions: dict[str, list[str]]


@dataclass
class Place:
    """One body as the season sees it: its units by short name, who acts for each, its readers
    body-wide, its habits and its saved groups."""

    body: Body
    units: dict[str, Unit]
    acting: dict[int, list[User]]
    secretariat: list[User]
    readers: list[User]  # one of the secretariat and one leader, who read GREEN messages
    habits: dict[str, str]
    pools: Pools
    groups: dict[str, RecipientGroup] = field(default_factory=dict)

    @classmethod
    def of(cls, body: Body, habits: dict[str, str], pools: Pools) -> Place:
        units = {u.short_name: u for u in Unit.objects.filter(body=body)}
        acting: dict[int, list[User]] = {}
        secretariat: list[User] = []
        leaders: list[User] = []
        secretariat_units = [u for u in units.values() if u.kind == Unit.Kind.SECRETARIAT]
        order: dict[str, int] = {
            Role.FOCAL_POINT: 0,
            Role.ALTERNATE_FOCAL_POINT: 1,
            Role.SECRETARIAT: 2,
        }
        rows = (
            Membership.objects.active()
            .filter(body=body, role__in=[*order, Role.LEADER])
            .select_related("user")
            .order_by("pk")
        )
        for m in sorted(rows, key=lambda m: order.get(m.role, 3)):
            if m.role == Role.SECRETARIAT:
                for unit in secretariat_units:
                    acting.setdefault(unit.pk, []).append(m.user)
                secretariat.append(m.user)
            elif m.role == Role.LEADER:
                leaders.append(m.user)
            elif m.unit_id is not None:
                acting.setdefault(m.unit_id, []).append(m.user)
        readers = secretariat[:1] + leaders[:1]
        return cls(body, units, acting, secretariat, readers, habits, pools)

    def unit(self, short: str) -> Unit:
        return self.units[short]

    def focal(self, short: str) -> User:
        return self.acting[self.units[short].pk][0]

    def recipients(self, sender: str, to: tuple[str, ...]) -> list[Unit]:
        if ALL in to:
            return [
                u
                for short, u in sorted(self.units.items())
                if u.pk in self.acting and short != sender
            ]
        return [self.units[short] for short in to]


class Season:
    """The queue of what happens, run in order of time."""

    def __init__(self, *, now: dt.datetime, seed: int) -> None:
        self.now = now
        self.start = now - dt.timedelta(days=SEASON_DAYS)
        self.rng = random.Random(seed)  # noqa: S311 (fictional data, reproducible)
        self._queue: list[tuple[dt.datetime, int, Callable[[dt.datetime], bool]]] = []
        self._order = itertools.count()
        self.bodies: list[Body] = []
        self.posted = 0
        self.cancelled: set[int] = set()
        self._chases: set[dt.datetime] = set()

    # --- scheduling ---------------------------------------------------------------------------
    def at(self, when: dt.datetime, action: Callable[[dt.datetime], bool]) -> None:
        """Do ``action`` at ``when`` unless that is still to come. An action returns whether it
        may have told people (so its notices are dated)."""
        if when < self.now:
            heapq.heappush(self._queue, (when, next(self._order), action))

    def sent_at(self, place: Place, spec: Spec) -> dt.datetime:
        """The instant a message is sent: a working hour of a working day, in the body's zone."""
        day = (self.now - dt.timedelta(days=spec.day)).astimezone(place.body.tzinfo).date()
        while day.weekday() >= 5 and spec.priority != Priority.URGENT:
            day -= dt.timedelta(days=1)
        hour = self.rng.uniform(8, 17)
        local = dt.datetime.combine(day, dt.time(), tzinfo=place.body.tzinfo)
        return min(local + dt.timedelta(hours=hour), self.now - dt.timedelta(minutes=30))

    def plan(self, place: Place, specs: list[Spec]) -> None:
        self.bodies.append(place.body)
        for spec in specs:
            when = self.sent_at(place, spec)
            self.at(when, functools.partial(self._post, place, spec))

    def run(self) -> int:
        """Run everything planned in order of time; the messages posted."""
        self.at(self.now - dt.timedelta(seconds=1), self._chase)
        in_app = self._in_app_only()
        loaded_at = dt.datetime.now(tz=dt.UTC)
        while self._queue:
            when, _order, action = heapq.heappop(self._queue)
            if action(when):
                read = when + dt.timedelta(hours=4) if when < self.now - READ_AFTER else None
                Notification.objects.filter(body__in=self.bodies, created_at__gte=loaded_at).update(
                    created_at=when, read_at=read
                )
        Preference.objects.filter(pk__in=in_app).delete()
        return self.posted

    def _in_app_only(self) -> list[int]:
        """Make the exchange's notices app-only for the bodies' people who chose nothing."""
        people = (
            Membership.objects.active()
            .filter(body__in=self.bodies)
            .values_list("user_id", flat=True)
            .distinct()
        )
        chosen = set(
            Preference.objects.filter(user_id__in=people, kind__in=EXCHANGE_KINDS).values_list(
                "user_id", "kind"
            )
        )
        rows = [
            Preference(user_id=user, kind=kind, delivery=Delivery.IN_APP)
            for user in set(people)
            for kind in EXCHANGE_KINDS
            if (user, kind) not in chosen
        ]
        return [row.pk for row in Preference.objects.bulk_create(rows) if row.pk is not None]

    def chase_after(self, deadline: dt.datetime) -> None:
        """Run the reminders in the quarter of an hour after a deadline, as the worker would."""
        since = deadline - self.start
        when = self.start + CHASE_EVERY * (since // CHASE_EVERY + 1)
        if when not in self._chases:
            self._chases.add(when)
            self.at(when, self._chase)

    def _chase(self, when: dt.datetime) -> bool:
        summary = services.chase_unacknowledged(when)
        return bool(summary.reminded or summary.escalated)

    # --- a message and what becomes of it -----------------------------------------------------
    def _post(self, place: Place, spec: Spec, when: dt.datetime) -> bool:
        author = place.focal(spec.sender)
        sought = spec.kind == Kind.ALERT and spec.alert_type == AlertType.PERSON_SOUGHT
        details: dict[str, object] = dict(spec.details)
        if sought and "last_seen_date" not in details:
            seen = (when - dt.timedelta(days=2)).astimezone(place.body.tzinfo)
            details["last_seen_date"] = f"{seen:%d %B %Y}"
        message = services.post_message(
            body=place.body,
            by=author,
            author_unit=place.unit(spec.sender),
            kind=spec.kind,
            alert_type=spec.alert_type,
            priority=spec.priority,
            tlp=spec.tlp,
            subject=spec.subject,
            text=spec.text,
            units=[] if spec.tlp == TLP.RED else place.recipients(spec.sender, spec.to),
            groups=[place.groups[spec.group]] if spec.group else [],
            named=[place.focal(short) for short in spec.named],
            details=details or None,
            expires_at=when + dt.timedelta(days=spec.expires_days) if spec.expires_days else None,
            answer_by=when + dt.timedelta(days=spec.answer_days) if spec.answer_days else None,
            now=when,
        )
        self.posted += 1
        # The author lands on the thread once it is sent, which counts as reading it.
        services.record_reading(message, by=author, now=when + dt.timedelta(minutes=1))
        self._follow_receipts(place, spec, message, when)
        if spec.tlp in {TLP.GREEN, TLP.CLEAR}:
            for reader in place.readers:
                if self.rng.random() < 0.4:
                    self._read(message, reader, when + self._hours(2, 120))
        if spec.update is not None:
            after, text = spec.update
            self.at(
                when + dt.timedelta(days=after),
                lambda t: bool(services.update_message(message, by=author, text=text, now=t)),
            )
        if spec.cancel is not None:
            after, reason = spec.cancel

            def cancel(t: dt.datetime) -> bool:
                services.cancel_message(message, by=author, reason=reason, now=t)
                self.cancelled.add(message.pk)
                return True

            self.at(when + dt.timedelta(days=after), cancel)
        if spec.summary is not None:
            self._plan_summary(place, spec, spec.summary, message, author, when)
        if spec.forward is not None:
            self._plan_forward(place, spec.forward, message, author, when)
        return True

    def _plan_summary(
        self,
        place: Place,
        spec: Spec,
        summary: Summary,
        message: Message,
        author: User,
        when: dt.datetime,
    ) -> None:
        def derive(t: dt.datetime) -> bool:
            derived = services.derive_summary(
                message,
                by=author,
                tlp=summary.tlp,
                subject=summary.subject,
                text=summary.text,
                units=place.recipients(spec.sender, summary.to),
                now=t,
            )
            self.posted += 1
            services.record_reading(derived, by=author, now=t + dt.timedelta(minutes=1))
            self._follow_receipts(place, spec, derived, t)
            return True

        self.at(when + dt.timedelta(days=summary.after), derive)

    def _plan_forward(
        self, place: Place, plan: Forwarding, message: Message, author: User, when: dt.datetime
    ) -> None:
        def ask(t: dt.datetime) -> bool:
            passed = services.forward(
                message,
                from_unit=place.unit(plan.from_unit),
                to_units=[place.unit(short) for short in plan.to],
                by=place.focal(plan.from_unit),
                reason=plan.reason,
                now=t,
            )
            if plan.decide_after is not None:

                def decide(t2: dt.datetime) -> bool:
                    services.decide_forward(passed, by=author, approve=True, note=plan.note, now=t2)
                    for receipt in Receipt.objects.filter(forward=passed).select_related("unit"):
                        self._follow(place, message, receipt, t2)
                    return True

                self.at(t + dt.timedelta(days=plan.decide_after), decide)
            return True

        self.at(when + dt.timedelta(days=plan.after), ask)

    def _follow_receipts(
        self, place: Place, spec: Spec, message: Message, when: dt.datetime
    ) -> None:
        receipts = Receipt.objects.filter(message=message).select_related("unit").order_by("pk")
        for receipt in receipts:
            self._follow(place, message, receipt, when, spec)

    def _follow(
        self,
        place: Place,
        message: Message,
        receipt: Receipt,
        delivered: dt.datetime,
        spec: Spec | None = None,
    ) -> None:
        """Plan what one recipient unit does about a message, by its habits."""
        unit = receipt.unit
        people = place.acting.get(unit.pk, [])
        if message.tlp == TLP.RED:
            named = set(message.named.values_list("pk", flat=True))
            people = [p for p in people if p.pk in named]
        if not people:
            return
        person = people[0] if len(people) == 1 or self.rng.random() < 0.75 else people[1]
        habit = place.habits.get(unit.short_name, "mostly")
        outcome = self.rng.choices(("on_time", "late", "never"), weights=HABITS[habit])[0]
        due = receipt.acknowledge_due
        if message.kind == Kind.BULLETIN or due is None:
            if outcome != "never" and self.rng.random() < 0.45:
                self._read(message, person, delivered + self._hours(1, 96))
            return
        window = due - delivered
        if outcome != "on_time":  # reminded when the deadline passes, escalated as long after
            self.chase_after(due)
            self.chase_after(due + window)
        if outcome == "never":
            if self.rng.random() < 0.35:
                self._read(message, person, delivered + window * self.rng.uniform(0.2, 3))
            return
        if outcome == "on_time":
            acked = delivered + window * self.rng.uniform(0.05, 0.85)
        else:
            acked = due + window * self.rng.uniform(0.2, 3) + dt.timedelta(minutes=5)

        def acknowledge(t: dt.datetime) -> bool:
            if message.pk not in self.cancelled:
                services.acknowledge(message, unit=unit, by=person, now=t)
            return False

        self.at(acked, acknowledge)
        if message.kind == Kind.REQUEST:
            self._plan_answer(place, message, receipt, person, acked, outcome, spec)
        elif self.rng.random() < 0.4:
            note = self.rng.choice(place.pools.actions[spec.language if spec else "en"])

            def act(t: dt.datetime) -> bool:
                if message.pk not in self.cancelled:
                    services.record_action(message, unit=unit, by=person, note=note, now=t)
                return False

            self.at(acked + self._hours(1, 72), act)

    def _plan_answer(
        self,
        place: Place,
        message: Message,
        receipt: Receipt,
        person: User,
        acked: dt.datetime,
        outcome: str,
        spec: Spec | None,
    ) -> None:
        due = receipt.act_due or message.answer_by
        if due is None or self.rng.random() > (0.88 if outcome == "on_time" else 0.6):
            return
        if outcome == "on_time" and acked < due:
            answered = acked + (due - acked) * self.rng.uniform(0.1, 0.9)
        else:
            answered = max(acked, due) + self._hours(12, 144)
        language = spec.language if spec else "en"
        text = (spec.answers.get(receipt.unit.short_name) if spec else None) or self.rng.choice(
            place.pools.answers[language]
        )

        def answer(t: dt.datetime) -> bool:
            if message.pk in self.cancelled:
                return False
            services.answer(message, unit=receipt.unit, by=person, text=text, now=t)
            return True

        self.at(answered, answer)

    def _read(self, message: Message, person: User, when: dt.datetime) -> None:
        def read(t: dt.datetime) -> bool:
            services.record_reading(message, by=person, now=t)
            return False

        self.at(when, read)

    def _hours(self, low: float, high: float) -> dt.timedelta:
        return dt.timedelta(hours=self.rng.uniform(low, high))
