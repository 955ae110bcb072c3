"""Reads of the exchange: inboxes, threads, and the acknowledgement measures. Callers ask the
policy first (``policy.visible_messages`` is the only door to messages); these shape queries."""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from lintas.core.tlp import TLP
from lintas.exchange.models import (
    DEFAULT_HOURS,
    AgreedTime,
    Forward,
    IndicatorHit,
    Kind,
    Message,
    Priority,
    Reading,
    Receipt,
)
from lintas.members import selectors as members
from lintas.members.models import Body, Unit, User

# The boxes of an inbox: what each shows.
BOXES = ("all", "unread", "to_acknowledge", "overdue", "sent", "forwards")


def inbox(
    visible: QuerySet[Message],
    *,
    person: User,
    units: set[int],
    box: str = "all",
    unit: int | None = None,
    kind: str = "",
    tlp: str = "",
    q: str = "",
    now: dt.datetime | None = None,
) -> QuerySet[Message]:
    """The originals of the threads a person may read, newest first, with what a list shows
    (author unit, own reading) in a fixed number of queries whatever their number.

    ``units`` are the units the person acts for; ``unit`` narrows the box to one of them (a
    unit's inbox)."""
    now = now or timezone.now()
    mine = {unit} & units if unit is not None else units
    rows = visible.filter(thread__isnull=True)
    read = Reading.objects.filter(message=OuterRef("pk"), user=person)
    rows = rows.annotate(is_read=Exists(read))
    waiting = Receipt.objects.filter(
        message=OuterRef("pk"), unit_id__in=mine, acknowledged_at__isnull=True
    )
    overdue = waiting.filter(acknowledge_due__lt=now)
    rows = rows.annotate(to_acknowledge=Exists(waiting.exclude(message__kind=Kind.BULLETIN)))
    rows = rows.annotate(overdue=Exists(overdue))
    if box == "unread":
        rows = rows.filter(is_read=False)
    elif box == "to_acknowledge":
        rows = rows.filter(to_acknowledge=True, cancelled_at__isnull=True)
    elif box == "overdue":
        rows = rows.filter(overdue=True, cancelled_at__isnull=True)
    elif box == "sent":
        rows = rows.filter(Q(author=person) | Q(author_unit_id__in=mine))
    elif box == "forwards":
        pending = Forward.objects.filter(message=OuterRef("pk"), state=Forward.State.PENDING)
        rows = rows.filter(Exists(pending), author_unit_id__in=units)
    if unit is not None and box not in {"sent", "forwards"}:
        rows = rows.filter(Exists(Receipt.objects.filter(message=OuterRef("pk"), unit_id=unit)))
    if kind:
        rows = rows.filter(kind=kind)
    if tlp:
        rows = rows.filter(tlp=tlp)
    if q:
        rows = search(visible, rows, q)
    return rows.select_related("author_unit", "author").order_by("-sent_at", "-pk")


def _words(q: str) -> list[str]:
    """The words of a search, at most ten, without what a search syntax would read."""
    return [w for w in re.findall(r"\w+", q, flags=re.UNICODE)][:10]


def matching(q: str) -> QuerySet[Message] | None:
    """The messages whose words include every word of ``q`` (each as a prefix), by the
    database's full-text index; None when ``q`` has no word."""
    words = _words(q)
    if not words:
        return None
    if connection.vendor == "postgresql":
        sql = (
            "SELECT id FROM exchange_message WHERE to_tsvector('simple', search_text) "
            "@@ to_tsquery('simple', %s)"
        )
        terms = " & ".join(f"{w}:*" for w in words)  # words are \w+: nothing to escape
        return Message.objects.filter(pk__in=RawSQL(sql, [terms]))  # noqa: S611  (a parameter)
    sql = "SELECT rowid FROM exchange_message_fts WHERE exchange_message_fts MATCH %s"
    terms = " ".join(f'"{w}"*' for w in words)
    return Message.objects.filter(pk__in=RawSQL(sql, [terms]))  # noqa: S611  (a parameter)


def search(visible: QuerySet[Message], rows: QuerySet[Message], q: str) -> QuerySet[Message]:
    """Threads among ``rows`` whose original, or a reply the person may read, has every word of
    ``q``."""
    found = matching(q)
    if found is None:
        return rows
    replies = visible.filter(thread__isnull=False, pk__in=found.values("pk")).values("thread_id")
    return rows.filter(Q(pk__in=found.values("pk")) | Q(pk__in=replies))


def thread(visible: QuerySet[Message], root: Message) -> list[Message]:
    """The original and the replies of its thread that the person may read, oldest first."""
    return list(
        visible.filter(Q(pk=root.pk) | Q(thread=root))
        .select_related("author", "author_unit", "derived_from")
        .prefetch_related("attachments")
        .order_by("sent_at", "pk")
    )


def receipts_of(message: Message) -> list[Receipt]:
    return list(
        Receipt.objects.filter(message=message)
        .select_related("unit", "read_by", "acknowledged_by", "acted_by")
        .order_by("unit__name")
    )


def forwards_of(message: Message) -> list[Forward]:
    return list(
        Forward.objects.filter(message=message)
        .select_related("from_unit", "by", "decided_by")
        .prefetch_related(Prefetch("to_units", queryset=Unit.objects.order_by("name")))
    )


@dataclass
class HitRow:
    unit: Unit
    cases: int
    kinds: list[str]
    contacts: list[User]


def hits_of(message: Message) -> list[HitRow]:
    """The units holding cases that match the message's indicators, with whom to contact."""
    hits = list(IndicatorHit.objects.filter(message=message).select_related("unit"))
    people = members.contacts_by_unit([h.unit_id for h in hits])
    return [HitRow(h.unit, h.cases, h.kinds, people.get(h.unit_id, [])) for h in hits]


@dataclass
class AgreedRow:
    kind: str
    kind_label: str
    priority: str
    priority_label: str
    acknowledge_hours: int
    act_hours: int
    agreed: bool  # set by the body, not the default


def agreed_times(body: Body) -> list[AgreedRow]:
    """Every kind and priority with the hours in force: the body's own, else the defaults."""
    own = {(a.kind, a.priority): a for a in AgreedTime.objects.filter(body=body)}
    rows = []
    for kind, kind_label in Kind.choices:
        for priority, priority_label in Priority.choices:
            agreed = own.get((kind, priority))
            ack, act = (
                (agreed.acknowledge_hours, agreed.act_hours)
                if agreed
                else DEFAULT_HOURS[(Kind(kind), Priority(priority))]
            )
            rows.append(
                AgreedRow(
                    kind,
                    str(kind_label),
                    priority,
                    str(priority_label),
                    ack,
                    act,
                    agreed is not None,
                )
            )
    return rows


# --- the acknowledgement measures ---------------------------------------------------------
# Named as the reporting regime names its own (docs/exchange.md):
#   expected      messages that asked the unit for an acknowledgement (alerts and requests)
#                 and whose deadline has passed, or that the unit acknowledged before it: a
#                 message not yet due changes no rate unless it is acknowledged;
#   acknowledged  those acknowledged; on time: acknowledged by the deadline;
#   median        the median time from delivery to acknowledgement, in hours;
#   requests      requests whose answer is due (or came in), answered, answered on time.
# Cancelled messages count only if acknowledged before they were cancelled; TLP:RED messages are
# not counted anywhere. The period of a message is the month of its delivery in the body's zone.


@dataclass
class Cell:
    expected: int = 0
    acknowledged: int = 0
    on_time: int = 0
    hours: list[float] = field(default_factory=list)
    requests_due: int = 0
    answered: int = 0
    answered_on_time: int = 0

    def add(self, other: Cell) -> None:
        self.expected += other.expected
        self.acknowledged += other.acknowledged
        self.on_time += other.on_time
        self.hours += other.hours
        self.requests_due += other.requests_due
        self.answered += other.answered
        self.answered_on_time += other.answered_on_time

    @property
    def rate(self) -> float | None:
        return self.acknowledged / self.expected if self.expected else None

    @property
    def timely_rate(self) -> float | None:
        return self.on_time / self.expected if self.expected else None

    @property
    def median_hours(self) -> float | None:
        return statistics.median(self.hours) if self.hours else None

    @property
    def answered_rate(self) -> float | None:
        return self.answered_on_time / self.requests_due if self.requests_due else None


@dataclass
class AckMatrix:
    months: list[dt.date]
    units: list[Unit]
    cells: dict[tuple[int, dt.date], Cell]
    total: Cell

    def cell(self, unit: Unit, month: dt.date) -> Cell:
        return self.cells.get((unit.pk, month), Cell())

    def row(self, unit: Unit) -> Cell:
        out = Cell()
        for month in self.months:
            out.add(self.cell(unit, month))
        return out

    def column(self, month: dt.date) -> Cell:
        out = Cell()
        for unit in self.units:
            out.add(self.cell(unit, month))
        return out


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    out = []
    month = first.replace(day=1)
    while month <= last:
        out.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return out


def acknowledgement_matrix(
    body: Body,
    *,
    first: dt.date,
    last: dt.date,
    kind: str = "",
    now: dt.datetime | None = None,
) -> AckMatrix:
    """Units by months of the acknowledgement measures, from one query whatever the size."""
    now = now or timezone.now()
    zone = body.tzinfo
    months = _months(first, last)
    start = dt.datetime.combine(months[0], dt.time(), tzinfo=zone)
    end_month = (months[-1] + dt.timedelta(days=32)).replace(day=1)
    end = dt.datetime.combine(end_month, dt.time(), tzinfo=zone)
    rows = Receipt.objects.filter(
        message__body=body,
        message__thread__isnull=True,
        delivered_at__gte=start,
        delivered_at__lt=end,
    ).exclude(message__tlp=TLP.RED)
    rows = rows.filter(message__kind__in=[kind] if kind else [Kind.ALERT, Kind.REQUEST])
    cells: dict[tuple[int, dt.date], Cell] = defaultdict(Cell)
    values = rows.values_list(
        "unit_id",
        "delivered_at",
        "acknowledge_due",
        "acknowledged_at",
        "act_due",
        "acted_at",
        "message__kind",
        "message__cancelled_at",
    )
    for unit_id, delivered, ack_due, acked, act_due, acted, mkind, cancelled in values.iterator():
        local = delivered.astimezone(zone).date().replace(day=1)
        cell = cells[(unit_id, local)]
        if ack_due is not None:
            counted_ack = acked is not None and (cancelled is None or acked <= cancelled)
            if counted_ack or (ack_due < now and (cancelled is None or cancelled > ack_due)):
                cell.expected += 1
                if counted_ack and acked is not None:
                    cell.acknowledged += 1
                    cell.hours.append((acked - delivered).total_seconds() / 3600)
                    if acked <= ack_due:
                        cell.on_time += 1
        if mkind == Kind.REQUEST and act_due is not None:
            counted_act = acted is not None and (cancelled is None or acted <= cancelled)
            if counted_act or (act_due < now and (cancelled is None or cancelled > act_due)):
                cell.requests_due += 1
                if counted_act and acted is not None:
                    cell.answered += 1
                    if acted <= act_due:
                        cell.answered_on_time += 1
    units = list(
        Unit.objects.filter(body=body)
        .filter(Q(pk__in={u for u, _m in cells}) | Q(left_on__isnull=True))
        .exclude(kind=Unit.Kind.SECRETARIAT)
        .order_by("name")
    )
    total = Cell()
    for cell in cells.values():
        total.add(cell)
    return AckMatrix(months=months, units=units, cells=dict(cells), total=total)
