"""The shapes the exchange API reads and answers, and the functions that fill them.

Inputs name units, groups and people by id and carry choices (labels, kinds, priorities) as the
plain values the pages post; the services judge them, so an unknown value is refused with 400
and the name of the field (``ErrorOut``), as a JSON value of the wrong type or an unknown field
is refused with 422 by the schema. Answers show a message as its reader may see it: the list and
the thread never carry what the policy withholds (receipts of other units, forwards, a source
the reader may not read).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field as SchemaField
from ninja import Schema
from pydantic import ConfigDict

from lintas.core.tlp import TLP
from lintas.exchange import selectors
from lintas.exchange.models import AlertType, Attachment, Forward, Kind, Message, Priority, Receipt
from lintas.members.models import Unit, User


def _one_of(values: list[str], description: str = "") -> Any:
    """A plain string documented with the values it may take; the services refuse others."""
    extra: dict[str, Any] = {"enum": values}
    return SchemaField(json_schema_extra=extra, description=description or None)


def _one_of_or(default: str, values: list[str], description: str = "") -> Any:
    extra: dict[str, Any] = {"enum": values}
    return SchemaField(default, json_schema_extra=extra, description=description or None)


LABELS = list(TLP.values)
SAME_LABEL = "the thread's label when empty; never looser than it"


# --- errors ----------------------------------------------------------------------------------


class ErrorOut(Schema):
    """A refusal: what was wrong and, for a request the domain refuses (400), which field."""

    detail: str
    field: str | None = None


class ValidationErrorOut(Schema):
    """A request body that does not fit the schema (422): ninja's list of errors."""

    detail: list[dict[str, Any]]


# --- inputs ----------------------------------------------------------------------------------


class _In(Schema):
    """Input: unknown fields refused."""

    model_config = ConfigDict(extra="forbid")


class AttachmentIn(_In):
    """A file: its name (the extension says its type), its content in base64, and a label
    stricter than the message's when it needs one."""

    name: str = SchemaField(min_length=1, max_length=200)
    content: str = SchemaField(description="the file's bytes in standard base64")
    tlp: str = _one_of_or("", ["", *LABELS], "the message's label when empty")


class MessageIn(_In):
    """A new message from one of the caller's units. Under TLP:RED it goes to ``named`` people
    only; otherwise to ``units``, the units of saved ``groups`` and ``named`` people."""

    author_unit: int = SchemaField(description="the unit the message is from (its focal point)")
    kind: str = _one_of(list(Kind.values))
    alert_type: str = _one_of_or("", ["", *AlertType.values], "alerts only; general when empty")
    priority: str = _one_of_or(Priority.ROUTINE, list(Priority.values))
    tlp: str = _one_of(LABELS)
    subject: str
    text: str = SchemaField(description="rich text; anything active is removed")
    details: dict[str, str] = SchemaField(
        default_factory=dict, description="the structured fields of a typed alert"
    )
    units: list[int] = []
    groups: list[int] = []
    named: list[int] = SchemaField(default_factory=list, description="people's ids")
    expires_at: dt.datetime | None = SchemaField(
        None, description="without an offset, in the body's time zone"
    )
    answer_by: dt.datetime | None = SchemaField(
        None, description="requests only; without an offset, in the body's time zone"
    )
    attachments: list[AttachmentIn] = []


class AcknowledgeIn(_In):
    unit: int = SchemaField(description="the recipient unit the caller acts for")


class ActIn(AcknowledgeIn):
    note: str = SchemaField(description="what the unit did; for a request, its answer")


class AnswerIn(AcknowledgeIn):
    text: str
    tlp: str = _one_of_or("", ["", *LABELS], SAME_LABEL)


class UpdateIn(_In):
    text: str
    tlp: str = _one_of_or("", ["", *LABELS], SAME_LABEL)


class CancelIn(_In):
    reason: str


class ForwardIn(_In):
    from_unit: int = SchemaField(description="the recipient unit the caller acts for")
    units: list[int]
    reason: str = SchemaField(
        "", max_length=2000, description="needed when passing on goes wider than the label"
    )


class DecisionIn(_In):
    approve: bool
    note: str = SchemaField("", max_length=2000)


class SummaryIn(_In):
    """A version of the message under a looser label, sent as a new message."""

    tlp: str = _one_of(LABELS)
    subject: str
    text: str
    units: list[int] = []


# --- answers ---------------------------------------------------------------------------------


class UnitRef(Schema):
    id: int
    name: str


class AttachmentOut(Schema):
    """A file of a message. One under a label stricter than the caller may read answers 404."""

    id: int
    name: str
    content_type: str
    size: int
    sha256: str
    tlp: str


class MessageOut(Schema):
    """A message of a thread: the original (``thread_id`` null) or an update, answer or
    cancellation of it."""

    id: int
    thread_id: int | None
    relation: str
    kind: str
    alert_type: str
    priority: str
    tlp: str
    subject: str
    text: str
    details: dict[str, str]
    author_name: str
    author_unit_id: int
    author_unit_name: str
    sent_at: dt.datetime
    expires_at: dt.datetime | None
    answer_by: dt.datetime | None
    cancelled_at: dt.datetime | None
    attachments: list[AttachmentOut]


class MessageListItemOut(Schema):
    """A thread in the inbox, with the caller's own state of it."""

    id: int
    kind: str
    alert_type: str
    priority: str
    tlp: str
    subject: str
    author_name: str
    author_unit_id: int
    author_unit_name: str
    sent_at: dt.datetime
    expires_at: dt.datetime | None
    answer_by: dt.datetime | None
    cancelled_at: dt.datetime | None
    is_read: bool
    to_acknowledge: bool  # one of the caller's units has still to acknowledge it
    overdue: bool  # … and its deadline has passed


class MessagePageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[MessageListItemOut]


class ReceiptOut(Schema):
    """What became of the message at one recipient unit."""

    unit_id: int
    unit_name: str
    passed_on: bool  # reached the unit through a forward
    delivered_at: dt.datetime
    read_at: dt.datetime | None
    read_by: str | None
    acknowledge_due: dt.datetime | None
    acknowledged_at: dt.datetime | None
    acknowledged_by: str | None
    act_due: dt.datetime | None
    acted_at: dt.datetime | None
    acted_by: str | None
    action_note: str


class ForwardOut(Schema):
    """A recipient unit passing the message on: delivered at once within the label, otherwise
    pending until the author's unit approves or declines."""

    id: int
    message_id: int
    from_unit_id: int
    from_unit_name: str
    by: str
    to_units: list[UnitRef]
    reason: str
    state: str
    requested_at: dt.datetime
    decided_by: str | None
    decided_at: dt.datetime | None
    decision_note: str


class MessageActionsOut(Schema):
    """What the caller may do to the thread now, as the page offers it."""

    acting_unit_ids: list[int]  # the recipient units the caller acts for
    acknowledge: bool
    act: bool  # record what the unit did (alerts)
    answer: bool  # answer (requests)
    forward: bool
    update: bool
    cancel: bool
    summarise: bool  # send a version under a looser label
    decide_forwards: bool
    see_receipts: bool


class MessageDetailOut(MessageOut):
    """A thread as its reader may see it. Reading it records the reading, as the page does."""

    replies: list[MessageOut]  # the updates, answers and cancellations the caller may read
    derived_from_id: int | None  # the message this one summarises, when the caller may read it
    derivative_ids: list[int]  # its summaries under looser labels that the caller may read
    own_receipts: list[ReceiptOut]  # of the caller's units
    receipts: list[ReceiptOut] | None  # every recipient's, for the author's side
    forwards: list[ForwardOut] | None  # for the author's side
    actions: MessageActionsOut


class AckCellOut(Schema):
    """The acknowledgement measures of a unit in a month, or a total."""

    expected: int
    acknowledged: int
    on_time: int
    median_hours: float | None
    requests_due: int
    answered: int
    answered_on_time: int


class AckMonthCellOut(AckCellOut):
    month: str  # YYYY-MM


class AckUnitRowOut(Schema):
    unit_id: int
    unit_name: str
    months: list[AckMonthCellOut]
    total: AckCellOut


class AckMeasuresOut(Schema):
    """Units by months of the acknowledgement measures (TLP:RED messages are not counted)."""

    year: int
    kind: str  # alert, request, or empty for both
    months: list[str]
    units: list[AckUnitRowOut]
    month_totals: list[AckMonthCellOut]
    total: AckCellOut


# --- filling them ----------------------------------------------------------------------------


def _name(person: User | None) -> str | None:
    return person.full_name if person is not None else None


def attachment_out(item: Attachment) -> AttachmentOut:
    return AttachmentOut(
        id=item.pk,
        name=item.name,
        content_type=item.content_type,
        size=item.size,
        sha256=item.sha256,
        tlp=item.tlp,
    )


def message_out(m: Message) -> MessageOut:
    return MessageOut(
        id=m.pk,
        thread_id=m.thread_id,
        relation=m.relation,
        kind=m.kind,
        alert_type=m.alert_type,
        priority=m.priority,
        tlp=m.tlp,
        subject=m.subject,
        text=m.text,
        details={str(k): str(v) for k, v in (m.details or {}).items()},
        author_name=m.author.full_name,
        author_unit_id=m.author_unit_id,
        author_unit_name=m.author_unit.name,
        sent_at=m.sent_at,
        expires_at=m.expires_at,
        answer_by=m.answer_by,
        cancelled_at=m.cancelled_at,
        attachments=[attachment_out(a) for a in m.attachments.all()],
    )


def list_item_out(m: Any) -> MessageListItemOut:
    """A row of ``selectors.inbox``, with its annotations."""
    return MessageListItemOut(
        id=m.pk,
        kind=m.kind,
        alert_type=m.alert_type,
        priority=m.priority,
        tlp=m.tlp,
        subject=m.subject,
        author_name=m.author.full_name,
        author_unit_id=m.author_unit_id,
        author_unit_name=m.author_unit.name,
        sent_at=m.sent_at,
        expires_at=m.expires_at,
        answer_by=m.answer_by,
        cancelled_at=m.cancelled_at,
        is_read=m.is_read,
        to_acknowledge=m.to_acknowledge,
        overdue=m.overdue,
    )


def receipt_out(r: Receipt) -> ReceiptOut:
    return ReceiptOut(
        unit_id=r.unit_id,
        unit_name=r.unit.name,
        passed_on=r.forward_id is not None,
        delivered_at=r.delivered_at,
        read_at=r.read_at,
        read_by=_name(r.read_by),
        acknowledge_due=r.acknowledge_due,
        acknowledged_at=r.acknowledged_at,
        acknowledged_by=_name(r.acknowledged_by),
        act_due=r.act_due,
        acted_at=r.acted_at,
        acted_by=_name(r.acted_by),
        action_note=r.action_note,
    )


def forward_out(f: Forward) -> ForwardOut:
    return ForwardOut(
        id=f.pk,
        message_id=f.message_id,
        from_unit_id=f.from_unit_id,
        from_unit_name=f.from_unit.name,
        by=f.by.full_name,
        to_units=[UnitRef(id=u.pk, name=u.name) for u in f.to_units.all()],
        reason=f.reason,
        state=f.state,
        requested_at=f.created_at,
        decided_by=_name(f.decided_by),
        decided_at=f.decided_at,
        decision_note=f.decision_note,
    )


def cell_out(cell: selectors.Cell) -> AckCellOut:
    return AckCellOut(
        expected=cell.expected,
        acknowledged=cell.acknowledged,
        on_time=cell.on_time,
        median_hours=round(cell.median_hours, 2) if cell.median_hours is not None else None,
        requests_due=cell.requests_due,
        answered=cell.answered,
        answered_on_time=cell.answered_on_time,
    )


def _month_cell(month: dt.date, cell: selectors.Cell) -> AckMonthCellOut:
    return AckMonthCellOut(month=month.strftime("%Y-%m"), **cell_out(cell).model_dump())


def measures_out(matrix: selectors.AckMatrix, *, year: int, kind: str) -> AckMeasuresOut:
    def row(unit: Unit) -> AckUnitRowOut:
        return AckUnitRowOut(
            unit_id=unit.pk,
            unit_name=unit.name,
            months=[_month_cell(m, matrix.cell(unit, m)) for m in matrix.months],
            total=cell_out(matrix.row(unit)),
        )

    return AckMeasuresOut(
        year=year,
        kind=kind,
        months=[m.strftime("%Y-%m") for m in matrix.months],
        units=[row(u) for u in matrix.units],
        month_totals=[_month_cell(m, matrix.column(m)) for m in matrix.months],
        total=cell_out(matrix.total),
    )
