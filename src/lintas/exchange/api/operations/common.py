"""The router of the exchange API and what its operations share: loading a message under the
policy, reading a request body only once the message is known to be the caller's, and naming
the units, groups and people a body holds."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django.conf import settings
from django.db.models import Q
from django.http import Http404, HttpRequest
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError, ValidationError
from pydantic import ValidationError as SchemaError

from lintas.core.errors import ConflictError, LintasError
from lintas.exchange import policy
from lintas.exchange.api.schemas import ErrorOut, ValidationErrorOut
from lintas.exchange.models import Message, RecipientGroup
from lintas.members.http import AuthedRequest
from lintas.members.models import Body, Membership, Unit, User

router = Router(tags=["exchange"])
In = TypeVar("In", bound=Schema)

MAX_PAGE = 500
# A request body is read whole: at most Django's limit for a form, and for a new message with
# files as much as a 10 MB file takes in base64 and more (each file is limited to 10 MB).
MAX_BODY_BYTES = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 2_621_440
MAX_MESSAGE_BYTES = 25 * 1024 * 1024


def answers(ok: dict[int, Any], *errors: int) -> dict[int, Any]:
    """The documented answers of an operation: its own, and the refusals it may give."""
    shapes: dict[int, Any] = {code: ErrorOut for code in errors}
    if 422 in errors:
        shapes[422] = ValidationErrorOut
    return {**ok, **shapes}


# 404: a stranger to the body or the message; 403: a reader who may not do this; 400: a request
# the domain refuses, naming the field; 422: a body that does not fit the schema.
READ = (401, 404)
WRITE = (400, 401, 403, 404, 422)


# --- loading with the policy -----------------------------------------------------------------


def _message(request: AuthedRequest, body: Body, message_id: int) -> Message:
    """The thread (its original) of a message the caller may read, or 404 whether it exists or
    not: a TLP:RED or AMBER+STRICT message of others looks like one that never was. An update,
    answer or cancellation names its thread."""
    visible = policy.visible_messages(request.user, body).select_related(
        "author", "author_unit", "body", "thread"
    )
    found = visible.filter(pk=message_id).first()
    if found is None:
        raise Http404
    if found.thread_id is None:
        return found
    root = visible.filter(pk=found.thread_id).first()
    if root is None:
        raise Http404
    return root


def _access(
    request: AuthedRequest, body: Body, message_id: int
) -> tuple[Message, policy.MessageAccess]:
    """The thread and what the caller may do with it, or 404 as for ``_message``."""
    message = _message(request, body, message_id)
    return message, policy.message_access(request.user, message)


def _open(access: policy.MessageAccess) -> None:
    """409 for a change to a thread that was cancelled or has expired."""
    if not access.open:
        raise ConflictError(_("This message has been cancelled or has expired."))


def _acting_unit(body: Body, access: policy.MessageAccess, unit_id: int, *, field: str) -> Unit:
    """A recipient unit named in a request body: 400 when the body has no such unit, 403 when
    the caller does not act for it on this message."""
    unit = _units(body, [unit_id], field=field)[0]
    policy.require(unit.pk in access.acting_units)
    return unit


def _units(body: Body, ids: Iterable[int], *, field: str) -> list[Unit]:
    """Units named in a request body, in their order: refused with the field's name when one is
    not a unit of this body."""
    wanted = list(dict.fromkeys(ids))
    found = {u.pk: u for u in Unit.objects.filter(body=body, pk__in=wanted)}
    if len(found) != len(wanted):
        raise LintasError(_("No such unit in this body."), field=field)
    return [found[pk] for pk in wanted]


def _groups(body: Body, ids: Iterable[int]) -> list[RecipientGroup]:
    wanted = list(dict.fromkeys(ids))
    found = list(RecipientGroup.objects.filter(body=body, pk__in=wanted))
    if len(found) != len(wanted):
        raise LintasError(_("Unknown recipient group."), field="groups")
    return found


def _people(body: Body, ids: Iterable[int]) -> list[User]:
    """People named in a request body: members of this body today, or refused alike whether the
    id is nobody's or someone's outside the body."""
    wanted = list(dict.fromkeys(ids))
    members = Membership.objects.active().filter(body=body).values("user_id")
    found = list(User.objects.filter(pk__in=wanted, is_active=True).filter(pk__in=members))
    if len(found) != len(wanted):
        raise LintasError(_("No such person in this body."), field="named")
    return found


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    """A time sent without an offset is the body's (``load_body`` activates its zone)."""
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


def _thread_ids(message: Message) -> Q:
    return Q(pk=message.pk) | Q(thread=message)


@contextmanager
def _naming(**fields: str) -> Iterator[None]:
    """Refusals of the services name the fields of the pages' forms; answer with the names of
    the request where they differ (a cancellation's ``text`` is its ``reason``)."""
    try:
        yield
    except LintasError as exc:
        if exc.field in fields:
            raise type(exc)(exc.message, field=fields[exc.field]) from None
        raise


# --- reading a request body ------------------------------------------------------------------


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    return False


def _read(request: HttpRequest, schema: type[In], *, limit: int = MAX_BODY_BYTES) -> In:
    """The request body, read only once the message is known to be the caller's to see, so that
    a request about a message they may not know of answers 404 whatever it holds, as for one
    that does not exist. Bounded (413); a NUL character in any text is refused with 400 naming
    the field; otherwise errors are worded as ninja words them (400 unreadable, 422 against the
    schema)."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    too_big = _("The request is larger than the limit of %(size)s.") % {
        "size": filesizeformat(limit)
    }
    if length > limit:
        raise HttpError(413, too_big)
    raw = request.read(limit + 1)
    if len(raw) > limit:
        raise HttpError(413, too_big)
    try:
        data = json.loads(raw) if raw.strip() else {}
    except ValueError:
        raise HttpError(400, "Cannot parse request body") from None
    if isinstance(data, dict):
        for key, value in data.items():
            if _has_nul(key) or _has_nul(value):
                raise LintasError(
                    _("The text contains a character that is not allowed."), field=str(key)
                )
    try:
        return schema.model_validate(data)
    except SchemaError as exc:
        errors: list[dict[str, Any]] = []
        for error in exc.errors(include_url=False):
            shown: dict[str, Any] = {k: v for k, v in error.items() if k != "input"}
            shown["loc"] = ("body", "payload", *error["loc"])
            if "ctx" in error:
                shown["ctx"] = {
                    k: str(v) if isinstance(v, Exception) else v for k, v in error["ctx"].items()
                }
            errors.append(shown)
        raise ValidationError(errors) from None


def _body(schema: type[Schema]) -> dict[str, Any]:
    """OpenAPI's description of a body that the operation reads itself with ``_read``."""
    found = schema.model_json_schema()
    defs = found.pop("$defs", {})

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            if "$ref" in node:
                return inline(defs[node["$ref"].rsplit("/", 1)[-1]])
            return {key: inline(value) for key, value in node.items()}
        if isinstance(node, list):
            return [inline(value) for value in node]
        return node

    content = {"application/json": {"schema": inline(found)}}
    return {"requestBody": {"required": True, "content": content}}


def _page(limit: int, offset: int) -> tuple[int, int]:
    return max(1, min(limit, MAX_PAGE)), max(0, offset)
