"""The router of the cases API and what its operations share: loading a body, a case and a unit
under the policy, and reading a request body only once the case is known to be the caller's."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError, ValidationError
from pydantic import ValidationError as SchemaError

from lintas.cases import policy, selectors
from lintas.cases.models import Case
from lintas.core import paging
from lintas.core.errors import LintasError
from lintas.members.http import AuthedRequest
from lintas.members.models import Body, Unit

router = Router(tags=["cases"])
In = TypeVar("In", bound=Schema)

MAX_PAGE = 500


# --- loading with the policy -----------------------------------------------------------------


def _case(request: AuthedRequest, body: Body, case_id: int) -> Case:
    """The case, or 404 for anyone who may not know it exists."""
    return selectors.case_for(request.user, body, case_id)


def _access(request: AuthedRequest, body: Body, case_id: int) -> tuple[Case, policy.CaseAccess]:
    """The case and what the caller may do with it, or 404 for anyone who may not know it
    exists."""
    return selectors.case_with_access(request.user, body, case_id)


def _editable(request: AuthedRequest, body: Body, case_id: int) -> Case:
    """The case for a change: 404 for strangers, 403 for readers who may not change it."""
    case, access = _access(request, body, case_id)
    policy.require(access.may_change)
    return case


def _unit(body: Body, unit_id: int, *, field: str) -> Unit:
    """A unit named in a request body: refused with the field's name when not in this body."""
    unit = Unit.objects.filter(pk=unit_id, body=body).first()
    if unit is None:
        raise LintasError(_("No such unit in this body."), field=field)
    return unit


@contextmanager
def _naming(**fields: str) -> Iterator[None]:
    """Refusals of the services name the models' fields (``unit``); answer with the names of
    the request (``unit_id``)."""
    try:
        yield
    except LintasError as exc:
        if exc.field in fields:
            raise LintasError(exc.message, field=fields[exc.field]) from None
        raise


def _read(request: HttpRequest, schema: type[In]) -> In:
    """The request body, read only once the case is known to be the caller's to see: a request
    about a case they may not know of answers 404 whatever it holds, as for a case that does not
    exist. Errors are worded as ninja words them (400 unreadable, 422 against the schema)."""
    try:
        data = json.loads(request.body) if request.body.strip() else {}
    except ValueError:
        raise HttpError(400, "Cannot parse request body") from None
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


def _version(request: HttpRequest, sent: dt.datetime | None) -> dt.datetime:
    """The version a change was made on: the body's ``version`` or an ``If-Match`` header (the
    ``ETag`` of the GET). A change without either could overwrite someone else's, so it is
    refused with 428 Precondition Required."""
    if sent is not None:
        return sent
    header = request.headers.get("If-Match", "").strip()
    if header:
        tag = header.removeprefix("W/").strip('"')
        try:
            moment = dt.datetime.fromisoformat(tag)
        except ValueError:
            raise HttpError(400, "If-Match: not a version this API gave (see the ETag).") from None
        if moment.tzinfo is None:
            raise HttpError(400, "If-Match: not a version this API gave (see the ETag).")
        return moment
    raise HttpError(
        428,
        'Send the version you edited: the updated_at you read, as "version" in the body or '
        "as an If-Match header (the ETag of the GET). Without it a change could overwrite "
        "someone else's.",
    )


def etag(moment: dt.datetime) -> str:
    """The ETag of a case or person: its version (``updated_at``), quoted."""
    return f'"{moment.isoformat(timespec="microseconds")}"'


def _body(schema: type[Schema], *, required: bool = True) -> dict[str, Any]:
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
    return {"requestBody": {"required": required, "content": content}}


def _page(limit: int, offset: int) -> tuple[int, int]:
    return paging.page_window(limit, offset, largest=MAX_PAGE)
