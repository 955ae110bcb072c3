"""Schemathesis against the API's own OpenAPI document: for every operation, requests generated
from the document (valid and not), sent with the token of one role of the test cast (or none),
must never end in a server error, and every answer must be one the document lists, in the
shape it documents.

Bounded: ``EXAMPLES`` requests an operation (``LINTAS_API_FUZZ_EXAMPLES`` to change), so the
whole walk takes a few minutes on a small machine. Half of the requests name the cast's body and
small ids, so they reach past "not found" to the operations themselves.
"""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.core.result import Ok

from lintas.api.main import api
from tests.api.conftest import new_key
from tests.conftest import Cast

EXAMPLES = int(os.environ.get("LINTAS_API_FUZZ_EXAMPLES", "6"))
ROLES = ["none", "secretariat", "admin", "focal_a", "focal_b", "leader", "analyst", "stranger"]
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def _operations() -> list[Any]:
    """The operations of the API's document, each able to send its requests through WSGI."""
    document = json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/v1/")))
    schema = schemathesis.openapi.from_dict(document)
    schema.app = get_wsgi_application()
    operations = []
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), result  # the document describes each operation fully
        operations.append(result.ok())
    return operations


OPERATIONS = _operations()


@pytest.fixture
def connection_kept() -> Any:
    """Requests go through the WSGI handler, which closes the database connection after each
    one; inside a test's transaction that would close it under the test (PostgreSQL). Django's
    own test client keeps it open the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def keys(cast: Cast) -> dict[str, str]:
    return {role: new_key(user) for role, user in cast.role_users().items()}


@pytest.mark.parametrize("operation", OPERATIONS, ids=[o.label for o in OPERATIONS])
def test_the_api_answers_as_its_document_says(
    operation: Any, cast: Cast, keys: dict[str, str], settings: Any, connection_kept: None
) -> None:
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]  # the WSGI client's host

    @given(
        case=operation.as_strategy(),
        role=st.sampled_from(ROLES),
        real=st.booleans(),
        some_id=st.integers(1, 6),
    )
    @examples(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def answers(case: Any, role: str, real: bool, some_id: int) -> None:
        if real and case.path_parameters:
            for name in case.path_parameters:
                if name == "slug":
                    case.path_parameters[name] = cast.body.slug
                elif name.endswith("_id"):
                    case.path_parameters[name] = some_id
        headers = {"Authorization": f"Bearer {keys[role]}"} if role in keys else {}
        case.call_and_validate(headers=headers, checks=CHECKS)

    answers()
