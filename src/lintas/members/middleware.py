"""Request middleware that needs to know people and their roles (core's needs neither)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from lintas import policy

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
