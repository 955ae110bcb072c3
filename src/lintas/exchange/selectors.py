"""Reads of the exchange: inboxes, threads, and the acknowledgement measures. Callers ask the
policy first (``policy.visible_messages`` is the only door to messages); these shape queries."""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from django.db import connection, connections
from django.db.models import (
    BigIntegerField,
    Case,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
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
        # The unit's receipts (its index) lead: a busy unit's few thousand messages are read,
        # not every message of the body the person may read.
        rows = rows.filter(pk__in=Receipt.objects.filter(unit_id=unit).values("message_id"))
    if kind:
        rows = rows.filter(kind=kind)
    if tlp:
        rows = rows.filter(tlp=tlp)
    if q:
        rows = search(rows, q, replies=visible)
    return rows.select_related("author_unit", "author").order_by("-sent_at", "-pk")


def _words(q: str) -> list[str]:
    """The words of a search, at most ten, without what a search syntax would read."""
    return re.findall(r"\w+", q, flags=re.UNICODE)[:10]


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


def search(
    rows: QuerySet[Message], q: str, *, replies: QuerySet[Message] | None = None
) -> QuerySet[Message]:
    """The messages of ``rows`` that hold every word of ``q`` (up to ten, each as a prefix, by
    the full-text index), or whose thread has a reply among ``replies`` that does: pass the
    messages the person may read, so a reply they may not read finds nothing. Without
    ``replies``, the messages themselves only."""
    found = matching(q)
    if found is None:
        return rows
    hit = Q(pk__in=found.values("pk"))
    if replies is None:
        return rows.filter(hit)
    in_threads = replies.filter(thread__isnull=False, pk__in=found.values("pk")).values("thread_id")
    return rows.filter(hit | Q(pk__in=in_threads))


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


class _Millis(Func):
    """Milliseconds from the second datetime to the first, as a whole number, worked out by the
    database (Django's own subtraction calls back into Python for each row on SQLite)."""

    output_field = BigIntegerField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = "CAST(ROUND((julianday(%(expressions)s)) * 86400000) AS INTEGER)"
        return self.as_sql(
            compiler, connection, template=template, arg_joiner=") - julianday(", **extra
        )

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = "ROUND(EXTRACT(EPOCH FROM (%(expressions)s)) * 1000)::bigint"
        return self.as_sql(compiler, connection, template=template, arg_joiner=" - ", **extra)


# What one receipt adds to its cell, for acknowledging and for answering (the measures above):
# not counted, expected and missing, done late, done on time.
_NOT_COUNTED, _MISSING, _LATE, _ON_TIME = 0, 1, 2, 3


def _step(due: str, done: str, now: dt.datetime, *, only: Q | None = None) -> tuple[Case, Q]:
    """The class of one step of a receipt (see above), for the receipts ``only`` names, and
    the condition that it counts as done: before the message was cancelled, if it was."""
    live = Q(message__cancelled_at__isnull=True)
    counted = Q(**{f"{done}__isnull": False}) & (
        live | Q(**{f"{done}__lte": F("message__cancelled_at")})
    )
    missed = Q(**{f"{due}__lt": now}) & (live | Q(message__cancelled_at__gt=F(due)))
    not_counted = Q(**{f"{due}__isnull": True})
    if only is not None:
        not_counted |= ~only
    step = Case(
        When(not_counted, then=Value(_NOT_COUNTED)),
        When(counted & Q(**{f"{done}__lte": F(due)}), then=Value(_ON_TIME)),
        When(counted, then=Value(_LATE)),
        When(missed, then=Value(_MISSING)),
        default=Value(_NOT_COUNTED),
        output_field=IntegerField(),
    )
    return step, counted


def acknowledgement_matrix(
    body: Body,
    *,
    first: dt.date,
    last: dt.date,
    kind: str = "",
    now: dt.datetime | None = None,
) -> AckMatrix:
    """Units by months of the acknowledgement measures, from one query whatever the size. The
    database tells for each receipt its month, how its acknowledgement and answer count and
    how long it took, so no date is read into Python: a year of a thousand units' receipts
    (some 300,000) is counted in about a second on SQLite."""
    now = now or timezone.now()
    zone = body.tzinfo
    months = _months(first, last)
    starts = [dt.datetime.combine(month, dt.time(), tzinfo=zone) for month in months]
    end_month = (months[-1] + dt.timedelta(days=32)).replace(day=1)
    end = dt.datetime.combine(end_month, dt.time(), tzinfo=zone)
    rows = Receipt.objects.filter(
        message__body=body,
        message__thread__isnull=True,
        delivered_at__gte=starts[0],
        delivered_at__lt=end,
    ).exclude(message__tlp=TLP.RED)
    rows = rows.filter(message__kind__in=[kind] if kind else [Kind.ALERT, Kind.REQUEST])
    month = Case(
        *[When(delivered_at__lt=start, then=Value(i)) for i, start in enumerate(starts[1:])],
        default=Value(len(starts) - 1),
        output_field=IntegerField(),
    )
    ack, acked = _step("acknowledge_due", "acknowledged_at", now)
    answer, _answered = _step("act_due", "acted_at", now, only=Q(message__kind=Kind.REQUEST))
    millis = Case(
        When(
            Q(acknowledge_due__isnull=False) & acked,
            then=_Millis("acknowledged_at", "delivered_at"),
        ),
        default=None,
        output_field=BigIntegerField(),
    )
    query = (
        rows.annotate(m=month, ack=ack, answer=answer, ms=millis)
        .values_list("unit_id", "m", "ack", "answer", "ms")
        .order_by()
    )
    # Whole numbers read straight from the cursor: Django's converters, one call per value,
    # would cost more than the query itself.
    sql, params = query.query.sql_with_params()
    with connections[query.db].cursor() as cursor:
        cursor.execute(sql, params)
        values: list[tuple[int, int, int, int, int | None]] = cursor.fetchall()
    took: dict[tuple[int, int], list[float]] = defaultdict(list)
    for unit_id, m, _ack, _answer, ms in values:
        if ms is not None:
            took[(unit_id, m)].append(ms / 3_600_000)
    cells: dict[tuple[int, dt.date], Cell] = {}
    for (unit_id, m, ack_step, answer_step), n in Counter(
        map(itemgetter(0, 1, 2, 3), values)
    ).items():
        cell = cells.get((unit_id, months[m]))
        if cell is None:
            cell = cells[(unit_id, months[m])] = Cell(hours=took.get((unit_id, m), []))
        if ack_step != _NOT_COUNTED:
            cell.expected += n
            if ack_step != _MISSING:
                cell.acknowledged += n
                cell.on_time += n if ack_step == _ON_TIME else 0
        if answer_step != _NOT_COUNTED:
            cell.requests_due += n
            if answer_step != _MISSING:
                cell.answered += n
                cell.answered_on_time += n if answer_step == _ON_TIME else 0
    # Every unit with a receipt in the months has its row, the secretariat's too when messages
    # went to it, so the total is the sum of the rows; units without one are listed while
    # they are members (the page says how many had nothing due).
    units = list(
        Unit.objects.filter(body=body)
        .filter(
            Q(pk__in={u for u, _m in cells})
            | (Q(left_on__isnull=True) & ~Q(kind=Unit.Kind.SECRETARIAT))
        )
        .order_by("name")
    )
    total = Cell()
    for cell in cells.values():
        total.add(cell)
    return AckMatrix(months=months, units=units, cells=dict(cells), total=total)
