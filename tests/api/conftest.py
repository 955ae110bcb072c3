"""Helpers for API tests: a client that speaks to /api/v1/ with a personal token."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from django.test import Client

from lintas.members import services
from lintas.members.models import User

if TYPE_CHECKING:
    # What the test client answers: a response with .json(), known to the type stubs only.
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

PREFIX = "/api/v1/"


class ApiClient:
    """Calls the API as a script would: a bearer token, no session, no CSRF token.

    CSRF checks are enforced, so a write that needs one fails here, as it would for a script.
    Without a key it is an anonymous visitor.
    """

    def __init__(self, key: str | None, *, enforce_csrf_checks: bool = True) -> None:
        self.client = Client(enforce_csrf_checks=enforce_csrf_checks)
        self.headers = {"Authorization": f"Bearer {key}"} if key else {}

    def get(self, path: str, params: dict[str, Any] | None = None) -> Response:
        return self.client.get(PREFIX + path.lstrip("/"), params or {}, headers=self.headers)

    def post(self, path: str, data: dict[str, Any] | None = None) -> Response:
        return self.client.post(
            PREFIX + path.lstrip("/"),
            data or {},
            content_type="application/json",
            headers=self.headers,
        )

    def put(self, path: str, data: dict[str, Any] | None = None) -> Response:
        return self.client.put(
            PREFIX + path.lstrip("/"),
            data or {},
            content_type="application/json",
            headers=self.headers,
        )

    def patch(self, path: str, data: dict[str, Any] | None = None) -> Response:
        return self.client.patch(
            PREFIX + path.lstrip("/"),
            data or {},
            content_type="application/json",
            headers=self.headers,
        )


def new_key(user: User) -> str:
    _token, key = services.create_api_token(user, name="test script", by=user)
    return key


@pytest.fixture
def api_as(db: None) -> Callable[[User], ApiClient]:
    """An API client holding a fresh personal token of the person."""

    def _as(user: User) -> ApiClient:
        return ApiClient(new_key(user))

    return _as
