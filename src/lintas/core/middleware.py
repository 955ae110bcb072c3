from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

NUL = "\x00"


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


class RefuseNulMiddleware:
    """A NUL character (U+0000) in the address, a query parameter or a JSON body is refused with
    400, naming where it is: PostgreSQL's text cannot hold one and no search needs one, so it
    would otherwise reach the database and end as a server error. Fields of posted forms are the
    forms' to refuse, beside the field (Django's ``CharField`` does; the report form's answers
    go through ``reporting.validation``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        where = _nul_in(request)
        if where is None:
            return self.get_response(request)
        if where:
            message = _(
                "“%(field)s” contains a NUL character (U+0000), which cannot be stored or "
                "searched for. Remove it and try again."
            ) % {"field": where}
        else:
            message = _("The address contains a NUL character (U+0000). Remove it and try again.")
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message, "field": where}, status=400)
        return render(request, "400.html", {"message": message}, status=400)


def _nul_in(request: HttpRequest) -> str | None:
    """Where the request holds a NUL: a parameter's name, a dotted path into the JSON body
    (``data.situation``), "" for the address itself; None when it holds none."""
    if NUL in request.path:
        return ""
    for key, values in request.GET.lists():
        if NUL in key or any(NUL in value for value in values):
            return key.replace(NUL, "")
    length = request.META.get("CONTENT_LENGTH") or "0"
    too_big = not length.isdigit() or int(length) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    # A body larger than Django reads at once is the view's to read (and to check) as it may.
    if request.content_type == "application/json" and not too_big and request.body:
        try:
            data = json.loads(request.body)
        except ValueError:
            return None  # the view says the body cannot be read
        return _nul_in_json(data, "")
    return None


def _nul_in_json(value: Any, path: str) -> str | None:
    if isinstance(value, str):
        return path if NUL in value else None
    if isinstance(value, dict):
        items: Iterable[tuple[str, Any]] = ((str(k), v) for k, v in value.items())
    elif isinstance(value, list):
        items = ((str(i), v) for i, v in enumerate(value))
    else:
        return None
    for key, item in items:
        here = f"{path}.{key}" if path else key
        if NUL in key:
            return here.replace(NUL, "")
        found = _nul_in_json(item, here)
        if found is not None:
            return found
    return None


# Scripts and styles only from the site's own files: no inline script, no eval, no style
# attribute nor <style> element (the pages' looks are classes of the static CSS; htmx is told not
# to add its own <style>). Nothing is framed, and forms post only here.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
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
