"""What the units do with a thread: acknowledge it, record an action, answer a request, send an
update, cancel it, pass it on (and approve or decline passing it on), summarise it under a
looser label.

Each operation loads the thread (404 for anyone who may not read it), asks the policy (403 for
a reader who may not do this), then reads the request body and calls the same service as the
page; a change to a cancelled or expired thread is 409."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from lintas.core.errors import ConflictError
from lintas.exchange import policy, services
from lintas.exchange.api import schemas
from lintas.exchange.api.operations.common import (
    WRITE,
    _access,
    _acting_unit,
    _body,
    _naming,
    _open,
    _read,
    _units,
    answers,
    router,
)
from lintas.exchange.api.schemas import (
    AcknowledgeIn,
    ActIn,
    AnswerIn,
    CancelIn,
    DecisionIn,
    ForwardIn,
    ForwardOut,
    MessageOut,
    ReceiptOut,
    SummaryIn,
    UpdateIn,
)
from lintas.exchange.models import Forward, Kind
from lintas.members.bodyctx import load_body
from lintas.members.http import AuthedRequest


@router.post(
    "/bodies/{slug}/messages/{message_id}/acknowledge",
    response=answers({200: ReceiptOut}, *WRITE),
    openapi_extra=_body(AcknowledgeIn),
)
def acknowledge(request: AuthedRequest, slug: str, message_id: int) -> ReceiptOut:
    """A recipient unit has seen the message and takes it in hand (its focal point or
    alternate; under TLP:RED a named person of the unit). Acknowledging twice changes
    nothing."""
    body = load_body(request, slug)
    message, access = _access(request, body, message_id)
    policy.require(access.may_acknowledge)
    data = _read(request, AcknowledgeIn)
    unit = _acting_unit(body, access, data.unit, field="unit")
    receipt = services.acknowledge(message, unit=unit, by=request.user)
    return schemas.receipt_out(receipt)


@router.post(
    "/bodies/{slug}/messages/{message_id}/act",
    response=answers({200: ReceiptOut}, *WRITE),
    openapi_extra=_body(ActIn),
)
def act(request: AuthedRequest, slug: str, message_id: int) -> ReceiptOut:
    """Record what the unit did about the message. For a request, as on the page, the note is
    the unit's answer (``answer`` sends one under a stricter label)."""
    body = load_body(request, slug)
    message, access = _access(request, body, message_id)
    policy.require(access.may_acknowledge)
    data = _read(request, ActIn)
    unit = _acting_unit(body, access, data.unit, field="unit")
    if message.kind == Kind.REQUEST:
        with _naming(text="note"):
            services.answer(message, unit=unit, by=request.user, text=data.note)
        receipt = message.receipts.select_related("unit").get(unit=unit)
    else:
        receipt = services.record_action(message, unit=unit, by=request.user, note=data.note)
    return schemas.receipt_out(receipt)


@router.post(
    "/bodies/{slug}/messages/{message_id}/answer",
    response=answers({201: MessageOut}, *WRITE),
    openapi_extra=_body(AnswerIn),
)
def answer(request: AuthedRequest, slug: str, message_id: int) -> tuple[int, MessageOut]:
    """A recipient unit answers a request: the answer goes to the author's unit under the
    thread's label or a stricter one, and counts as the unit's action."""
    body = load_body(request, slug)
    message, access = _access(request, body, message_id)
    policy.require(access.may_acknowledge)
    data = _read(request, AnswerIn)
    unit = _acting_unit(body, access, data.unit, field="unit")
    reply = services.answer(message, unit=unit, by=request.user, text=data.text, tlp=data.tlp)
    return 201, schemas.message_out(reply)


@router.post(
    "/bodies/{slug}/messages/{message_id}/update",
    response=answers({201: MessageOut}, *WRITE, 409),
    openapi_extra=_body(UpdateIn),
)
def update_message(request: AuthedRequest, slug: str, message_id: int) -> tuple[int, MessageOut]:
    """The author's side sends an update to every unit the thread reached, under its label or
    a stricter one."""
    body = load_body(request, slug)
    message, access = _access(request, body, message_id)
    policy.require(access.author_side)
    _open(access)
    data = _read(request, UpdateIn)
    reply = services.update_message(message, by=request.user, text=data.text, tlp=data.tlp)
    return 201, schemas.message_out(reply)


@router.post(
    "/bodies/{slug}/messages/{message_id}/cancel",
    response=answers({201: MessageOut}, *WRITE, 409),
    openapi_extra=_body(CancelIn),
)
def cancel_message(request: AuthedRequest, slug: str, message_id: int) -> tuple[int, MessageOut]:
    """The author's side withdraws the message, saying why: the cancellation is sent to every
    unit the thread reached; the thread stays readable and is no longer chased."""
    body = load_body(request, slug)
    message, access = _access(request, body, message_id)
    policy.require(access.author_side)
    _open(access)
    data = _read(request, CancelIn)
    with _naming(text="reason"):
        notice = services.cancel_message(message, by=request.user, reason=data.reason)
    return 201, schemas.message_out(notice)


@router.post(
    "/bodies/{slug}/messages/{message_id}/forward",
    response=answers({201: ForwardOut}, *WRITE, 409),
    openapi_extra=_body(ForwardIn),
)
def forward(request: AuthedRequest, slug: str, message_id: int) -> tuple[int, ForwardOut]:
    """A recipient unit passes the message on. Within its label (GREEN: any unit of the body;
    AMBER: the unit's clients) it is delivered at once (``delivered``); wider, with a reason, it
    waits for the author's unit (``pending``). TLP:RED is never passed on."""
    body = load_body(request, slug)
    message, access = _access(request, body, message_id)
    policy.require(access.may_acknowledge)
    _open(access)
    data = _read(request, ForwardIn)
    from_unit = _acting_unit(body, access, data.from_unit, field="from_unit")
    fwd = services.forward(
        message,
        from_unit=from_unit,
        to_units=_units(body, data.units, field="units"),
        by=request.user,
        reason=data.reason,
    )
    return 201, schemas.forward_out(fwd)


@router.post(
    "/bodies/{slug}/forwards/{forward_id}/decide",
    response=answers({200: ForwardOut}, *WRITE, 409),
    openapi_extra=_body(DecisionIn),
)
def decide_forward(request: AuthedRequest, slug: str, forward_id: int) -> ForwardOut:
    """The author's side approves passing its message on wider than its label (the units get it
    at once) or declines it. A request decided already is 409."""
    body = load_body(request, slug)
    found = Forward.objects.filter(pk=forward_id, message__body=body).first()
    if found is None:
        raise Http404
    _message, access = _access(request, body, found.message_id)
    policy.require(access.author_side)
    data = _read(request, DecisionIn)
    if found.state != Forward.State.PENDING:
        raise ConflictError(_("This request has been decided already."))
    fwd = services.decide_forward(found, by=request.user, approve=data.approve, note=data.note)
    return schemas.forward_out(fwd)


@router.post(
    "/bodies/{slug}/messages/{message_id}/summary",
    response=answers({201: MessageOut}, *WRITE),
    openapi_extra=_body(SummaryIn),
)
def summarise(request: AuthedRequest, slug: str, message_id: int) -> tuple[int, MessageOut]:
    """The author's side sends a version of the message under a looser label (a GREEN summary
    of an AMBER alert) as a new message, linked to its source for those who may read both."""
    body = load_body(request, slug)
    message, access = _access(request, body, message_id)
    policy.require(access.may_derive)
    data = _read(request, SummaryIn)
    derived = services.derive_summary(
        message,
        by=request.user,
        tlp=data.tlp,
        subject=data.subject,
        text=data.text,
        units=_units(body, data.units, field="units"),
    )
    return 201, schemas.message_out(derived)
