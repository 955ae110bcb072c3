from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation

from lintas import policy


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


_OPEN_PREFIXES = ("/account/two-factor/", "/logout/", "/static/", "/language/", "/i18n/")


class TwoFactorRequiredMiddleware:
    """Secretariat, analyst and administrator roles confirm a one-time code after signing in."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(_OPEN_PREFIXES)
            and not user.is_verified()
            and policy.roles_requiring_two_factor(user)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": "Confirm your second factor in the browser first."}, status=403
                )
            return redirect(reverse("two-factor") + "?next=" + request.get_full_path())
        return self.get_response(request)


class BodyTimeZoneMiddleware:
    """Pages activate their body's time zone (core.bodyctx.load_body); this puts the server's
    back when the response is done, so no request inherits another's zone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
