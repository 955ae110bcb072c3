from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation


class UserLanguageMiddleware:
    """A signed-in person sees the interface in the language saved on their profile."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        previous = translation.get_language()
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        try:
            return self.get_response(request)
        finally:
            # The thread serves other requests and tasks next: it must not keep this person's
            # language, nor the body's time zone a view activated.
            if previous:
                translation.activate(previous)
            else:
                translation.deactivate()
            timezone.deactivate()


class BodyTimeZoneMiddleware:
    """Pages activate their body's time zone (``members.bodyctx.load_body``); this puts the server's
    back when the response is done, so no request inherits another's zone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


# Scripts only from the site's own files (no inline script, no eval); styles may still be written
# in a page's HTML. Nothing is framed, and forms post only here.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)


class SecurityHeadersMiddleware:
    """Headers every answer carries: a Content-Security-Policy (the admin site, whose pages are
    Django's own, excepted), a Permissions-Policy that turns off what Lintas never uses, and for
    a signed-in person ``Cache-Control: private, no-store``, so no page or file they were shown
    (personal data among them) stays in a shared cache or the browser's history cache."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith("/admin/"):
            response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            cache = response.headers.get("Cache-Control", "")
            if "no-store" not in cache:
                response.headers["Cache-Control"] = "private, no-store"
        return response
