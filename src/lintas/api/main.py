from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.security import APIKeyHeader, HttpBearer
from ninja.security.session import SessionAuth

from lintas.core.api_refusals import document_refusals
from lintas.core.errors import ConflictError, LintasError
from lintas.members.services import token_for_api_key
from lintas.reporting.services import InvalidAnswers


def _token_user(request: HttpRequest, key: str) -> Any:
    """The person of a valid token; a read-only token may only read (403 for anything else)."""
    token = token_for_api_key(key)
    if token is None:
        return None
    user = token.user
    # The answer speaks the caller's language: Accept-Language when the script sends one
    # (LocaleMiddleware), else the language on the person's profile.
    if user.language and not request.headers.get("Accept-Language"):
        translation.activate(user.language)
        request.LANGUAGE_CODE = user.language
    if token.read_only and request.method not in {"GET", "HEAD", "OPTIONS"}:
        raise HttpError(403, _("This token may only read (GET)."))
    request.user = user
    return user


class TokenAuth(HttpBearer):
    """``Authorization: Bearer lnt_…`` with a personal API token."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        return _token_user(request, token)


class TokenHeaderAuth(APIKeyHeader):
    param_name = "X-Api-Key"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        return _token_user(request, key or "")


class BrowserSessionAuth(SessionAuth):
    """The browser's session; the CSRF check applies only to a signed-in session, so a script
    with no valid credentials gets 401, not a CSRF error."""

    def __call__(self, request: HttpRequest) -> Any:
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)


class LintasAPI(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> Any:
        """The document ninja writes, with the refusals every operation may answer."""
        document = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return document_refusals(document)

    def get_openapi_operation_id(self, operation: Any) -> str:
        """``<module>_<function>``, where an operation kept in a topic module of an
        ``operations`` package is named by the package (``lintas_cases_api_operations_get_case``),
        so the ids do not change when a module is split by topic."""
        module = operation.view_func.__module__
        package, _, _topic = module.rpartition(".")
        if package.endswith(".api.operations"):
            module = package
        return f"{module}_{operation.view_func.__name__}".replace(".", "_")


api = LintasAPI(
    title="Lintas API",
    version="1",
    description=(
        "Lintas: reporting, synthesis and information sharing for coordination bodies. "
        "Authenticate with a personal API token (`Authorization: Bearer lnt_…`) or, from the "
        "browser, with the session cookie and CSRF token. A stranger to an object gets 404; a "
        "reader who may not change it gets 403."
    ),
    auth=[TokenAuth(), TokenHeaderAuth(), BrowserSessionAuth()],
    urls_namespace="api",
    docs_url="/docs",
)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": "Not allowed."}, status=403)


@api.exception_handler(LintasError)
def _refused(request: HttpRequest, exc: LintasError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message, "field": exc.field}, status=400)


@api.exception_handler(ConflictError)
def _conflict(request: HttpRequest, exc: ConflictError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message, "field": exc.field}, status=409)


@api.exception_handler(InvalidAnswers)
def _invalid_answers(request: HttpRequest, exc: InvalidAnswers) -> HttpResponse:
    body = {"detail": exc.message, "field": exc.field, "errors": exc.errors}
    return api.create_response(request, body, status=422)


def _mount() -> None:
    from lintas.cases.api import router as cases_router
    from lintas.events.api import router as events_router
    from lintas.exchange.api import router as exchange_router
    from lintas.members.api import audit_router
    from lintas.members.api import router as members_router
    from lintas.networks.api import router as networks_router
    from lintas.plans.api import router as plans_router
    from lintas.public.api import router as public_router
    from lintas.reporting.api import router as reporting_router
    from lintas.synthesis.api import router as synthesis_router

    api.add_router("/", members_router)
    api.add_router("/", audit_router)
    api.add_router("/", reporting_router)
    api.add_router("/", cases_router)
    api.add_router("/", synthesis_router)
    api.add_router("/", networks_router)
    api.add_router("/", exchange_router)
    api.add_router("/", plans_router)
    api.add_router("/", events_router)
    api.add_router("/", public_router)


_mount()
