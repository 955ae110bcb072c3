"""The refusals an API operation may answer, written into the OpenAPI document beside the
answers the operation declares itself.

Some refusals come from the API as a whole, whatever the operation does, so they are added here
by the operation's shape:

- 400: a NUL character anywhere in the request (``core.middleware.RefuseNulMiddleware``), a body
  that cannot be read, or a request the domain refuses (``LintasError``, naming the field);
- 401 and 403 when the operation needs a caller: no valid credentials (401); a second factor
  not confirmed yet, a read-only token used to write, or a caller the policy refuses (403);
- 404 when the address names something (a body, a case, a message…): a stranger to it is told
  it does not exist, whether it does or not;
- 422 when the operation reads parameters or a body: input that does not fit the schema.

Refusals only some operations give are declared with the operation, with ``refuses`` (409 for
a change made on an old version, 428 for a change that names no version, 413 for a body too
large…).
"""

from __future__ import annotations

from typing import Any

REFUSAL_SCHEMA = "Refusal"
REF = {"$ref": f"#/components/schemas/{REFUSAL_SCHEMA}"}

DESCRIPTIONS = {
    400: "Refused: the request cannot be read or the domain refuses it (detail names the field).",
    401: "No valid credentials: send a personal API token or sign in.",
    403: "Not allowed: a reader who may not do this, a read-only token used to write, or a "
    "second factor not confirmed yet.",
    404: "Not found, or not known to the caller (a stranger is never told what exists).",
    409: "Conflict: someone changed it since the version this change was made on, or its state "
    "no longer allows this.",
    410: "Gone.",
    412: "Precondition failed: the version sent is not the current one.",
    413: "The request body is too large.",
    422: "The input does not fit the schema (detail lists where and why).",
    428: "Precondition required: send the version the change was made on (If-Match or version).",
}

# The shape of every refusal: ``detail`` (a message, or ninja's list of input errors), the
# ``field`` it is about when there is one, and for report answers ``errors`` per field.
REFUSAL_COMPONENT: dict[str, Any] = {
    "title": REFUSAL_SCHEMA,
    "type": "object",
    "properties": {
        "detail": {
            "title": "Detail",
            "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "object"}}],
        },
        "field": {"title": "Field", "anyOf": [{"type": "string"}, {"type": "null"}]},
        "errors": {"title": "Errors"},
    },
    "required": ["detail"],
}

_WRITES = {"post", "put", "patch", "delete"}


def _response(code: int) -> dict[str, Any]:
    return {
        "description": DESCRIPTIONS.get(code, "Refused."),
        "content": {"application/json": {"schema": REF}},
    }


def refuses(*codes: int) -> dict[str, Any]:
    """``openapi_extra`` of an operation that may also answer ``codes`` (with a refusal)."""
    return {"responses": {code: _response(code) for code in codes}}


def shared_refusals(path: str, method: str, operation: dict[str, Any]) -> set[int]:
    """The refusals the API as a whole may answer for an operation of this shape."""
    codes = {400}
    if operation.get("security"):
        codes |= {401, 403}
    if "{" in path:
        codes.add(404)
    if operation.get("parameters") or operation.get("requestBody") or method in _WRITES:
        codes.add(422)
    return codes


def document_refusals(document: dict[str, Any]) -> dict[str, Any]:
    """Add to every operation of ``document`` the refusals the API as a whole may answer; an
    answer the operation documents itself is kept as it is."""
    for path, operations in document.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            documented = {int(code) for code in responses}
            for code in sorted(shared_refusals(path, method, operation) - documented):
                responses[code] = _response(code)
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault(REFUSAL_SCHEMA, REFUSAL_COMPONENT)
    return document
