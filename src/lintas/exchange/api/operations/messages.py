"""Messages: the inbox, posting, reading a thread (recorded as the page records it) and its
files."""

from __future__ import annotations

import base64
import binascii
import math

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja.params import P, QueryEx

from lintas.core.downloads import PRIVATE, attachment
from lintas.core.errors import LintasError
from lintas.core.tlp import TLP
from lintas.exchange import policy, selectors, services
from lintas.exchange.api import schemas
from lintas.exchange.api.operations.common import (
    MAX_MESSAGE_BYTES,
    READ,
    WRITE,
    _aware,
    _body,
    _groups,
    _message,
    _page,
    _people,
    _read,
    _thread_ids,
    _units,
    answers,
    router,
)
from lintas.exchange.api.schemas import (
    AttachmentIn,
    MessageActionsOut,
    MessageDetailOut,
    MessageIn,
    MessageOut,
    MessagePageOut,
)
from lintas.exchange.models import Attachment, Kind, Message, Receipt
from lintas.members.bodyctx import load_body
from lintas.members.http import AuthedRequest

# What the inbox and a thread hold stays out of every cache, as on the pages.
# The base64 of the largest file the services accept.
MAX_ENCODED = 4 * math.ceil(services.MAX_ATTACHMENT_BYTES / 3)


@router.get("/bodies/{slug}/messages", response=answers({200: MessagePageOut}, 400, *READ))
def list_messages(
    request: AuthedRequest,
    slug: str,
    box: QueryEx[str, P(description=f"one of {', '.join(selectors.BOXES)}")] = "all",
    unit: QueryEx[int | None, P(description="one of the caller's units: its inbox")] = None,
    kind: QueryEx[str, P(description="alert, bulletin or request")] = "",
    tlp: QueryEx[str, P(description="a TLP label: clear, green, amber, amber+strict, red")] = "",
    q: QueryEx[str, P(description="words of the subject or text", max_length=200)] = "",
    limit: int = 50,
    offset: int = 0,
    *,
    response: HttpResponse,
) -> MessagePageOut:
    """The threads the caller may read, newest first, as in the inbox: ``all``, ``unread``,
    ``to_acknowledge`` and ``overdue`` (by one of the caller's units), ``sent`` (by the caller
    or their units), ``forwards`` (waiting for their unit's approval to be passed on)."""
    body = load_body(request, slug)
    person = request.user
    units = policy.member_units(person, body)
    if box not in selectors.BOXES:
        raise LintasError(_("Choose from the list."), field="box")
    if unit is not None and unit not in units:
        raise LintasError(_("Not one of your units."), field="unit")
    if kind and kind not in Kind.values:
        raise LintasError(_("Unknown kind of message."), field="kind")
    if tlp and tlp not in TLP.values:
        raise LintasError(_("Unknown TLP label."), field="tlp")
    if "\x00" in q:
        raise LintasError(_("The text contains a character that is not allowed."), field="q")
    rows = selectors.inbox(
        policy.visible_messages(person, body),
        person=person,
        units=units,
        box=box,
        unit=unit,
        kind=kind,
        tlp=tlp,
        q=q.strip(),
    )
    limit, offset = _page(limit, offset)
    response["Cache-Control"] = PRIVATE
    return MessagePageOut(
        count=rows.count(),
        limit=limit,
        offset=offset,
        items=[schemas.list_item_out(m) for m in rows[offset : offset + limit]],
    )


def _uploads(files: list[AttachmentIn]) -> list[services.Upload]:
    out = []
    for f in files:
        where = {"name": f.name}
        if len(f.content) > MAX_ENCODED:
            raise LintasError(
                _("%(name)s is larger than the limit of 10 MB.") % where, field="attachments"
            )
        try:
            content = base64.b64decode(f.content, validate=True)
        except (binascii.Error, ValueError):
            raise LintasError(
                _("%(name)s: the content is not base64.") % where, field="attachments"
            ) from None
        out.append(services.Upload(f.name, content, f.tlp))
    return out


@router.post(
    "/bodies/{slug}/messages",
    response=answers({201: MessageOut}, *WRITE, 413),
    openapi_extra=_body(MessageIn),
)
def post_message(request: AuthedRequest, slug: str) -> tuple[int, MessageOut]:
    """Send an alert, a bulletin or a request for information from one of the caller's units
    (its focal point or alternate; the secretariat for its own unit). Files come in base64, at
    most 10 MB each and 25 MB for the whole request. Nothing is saved when anything is
    refused."""
    body = load_body(request, slug)
    policy.require(policy.can_post(request.user, body))
    data = _read(request, MessageIn, limit=MAX_MESSAGE_BYTES)
    author_unit = _units(body, [data.author_unit], field="author_unit")[0]
    message = services.post_message(
        body=body,
        by=request.user,
        author_unit=author_unit,
        kind=data.kind,
        alert_type=data.alert_type,
        priority=data.priority,
        tlp=data.tlp,
        subject=data.subject,
        text=data.text,
        details=dict(data.details),
        units=_units(body, data.units, field="units"),
        groups=_groups(body, data.groups),
        named=_people(body, data.named),
        expires_at=_aware(data.expires_at),
        answer_by=_aware(data.answer_by),
        attachments=_uploads(data.attachments),
    )
    return 201, schemas.message_out(message)


def _actions(
    message: Message, access: policy.MessageAccess, own: list[Receipt]
) -> MessageActionsOut:
    acting = [r for r in own if r.unit_id in access.acting_units]
    live = message.cancelled_at is None and message.kind != Kind.BULLETIN
    pending_action = live and any(r.acted_at is None for r in acting)
    return MessageActionsOut(
        acting_unit_ids=sorted(access.acting_units),
        acknowledge=live and any(r.acknowledged_at is None for r in acting),
        act=pending_action and message.kind == Kind.ALERT,
        answer=pending_action and message.kind == Kind.REQUEST,
        forward=access.may_forward,
        update=access.may_update,
        cancel=access.may_update,
        summarise=access.may_derive,
        decide_forwards=access.reads and access.author_side,
        see_receipts=access.may_see_receipts,
    )


@router.get(
    "/bodies/{slug}/messages/{message_id}", response=answers({200: MessageDetailOut}, *READ)
)
def get_message(
    request: AuthedRequest, slug: str, message_id: int, *, response: HttpResponse
) -> MessageDetailOut:
    """A thread as the caller may read it: the original, the replies they may read, their own
    units' receipts, every recipient's receipts and the forwards for the author's side, and
    what they may do. Reading it records the reading, as opening the page does (audited from
    TLP:AMBER up). The id of a reply answers its thread."""
    body = load_body(request, slug)
    message = _message(request, body, message_id)
    access = policy.message_access(request.user, message)
    services.record_reading(message, by=request.user)
    visible = policy.visible_messages(request.user, body)
    thread = selectors.thread(visible, message)
    receipts = selectors.receipts_of(message)
    own = [r for r in receipts if r.unit_id in access.own_units]
    derived_from = None
    if message.derived_from_id and visible.filter(pk=message.derived_from_id).exists():
        derived_from = message.derived_from_id
    response["Cache-Control"] = PRIVATE
    return MessageDetailOut(
        **schemas.message_out(thread[0]).model_dump(),
        replies=[schemas.message_out(m) for m in thread[1:]],
        derived_from_id=derived_from,
        derivative_ids=list(
            visible.filter(derived_from=message).order_by("sent_at").values_list("pk", flat=True)
        ),
        own_receipts=[schemas.receipt_out(r) for r in own],
        receipts=[schemas.receipt_out(r) for r in receipts] if access.may_see_receipts else None,
        forwards=[schemas.forward_out(f) for f in selectors.forwards_of(message)]
        if access.author_side
        else None,
        actions=_actions(message, access, own),
    )


@router.get(
    "/bodies/{slug}/messages/{message_id}/attachments/{file_id}",
    response=answers({200: None}, *READ),
    openapi_extra={
        "responses": {
            200: {
                "description": "The file, never cached",
                "content": {
                    "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
                },
            }
        }
    },
)
def get_attachment(
    request: AuthedRequest, slug: str, message_id: int, file_id: int
) -> HttpResponse:
    """A file of the thread. One under a label stricter than the caller may read answers 404,
    as one that does not exist; a download from TLP:AMBER up is audited."""
    body = load_body(request, slug)
    message = _message(request, body, message_id)
    readable = policy.visible_messages(request.user, body).filter(_thread_ids(message))
    item = get_object_or_404(
        Attachment.objects.select_related("message__body", "message__thread"),
        pk=file_id,
        message__in=readable,
    )
    policy.hide(policy.can_read_attachment(request.user, item))
    services.record_download(item, by=request.user)
    return attachment(bytes(item.content), item.name, item.content_type)
