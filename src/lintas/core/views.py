"""Project-wide pages: home, language switch, sign-in second factor, demo logins, health."""

from __future__ import annotations

import base64

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from lintas import policy
from lintas.audit.services import log_action
from lintas.core.http import AuthedRequest
from lintas.members import selectors
from lintas.members.models import User


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    roles = {b.pk: held for b, held in selectors.bodies_with_roles_for(request.user)}
    bodies = [
        (body, roles.get(body.pk, []))
        for body in policy.bodies_visible_to(request.user).order_by("name")
    ]
    return render(request, "core/home.html", {"bodies": bodies})


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    code = request.POST.get("language", "")
    response = redirect(_safe_next(request, "/"))
    if code and check_for_language(code) and code in dict(settings.LANGUAGES):
        if request.user.is_authenticated:
            user: User = request.user
            if user.language != code:
                User.objects.filter(pk=user.pk).update(language=code)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=settings.LANGUAGE_COOKIE_SECURE,
        )
    return response


@login_required
def two_factor(request: AuthedRequest) -> HttpResponse:
    """Set up (first time) or confirm the one-time code of a TOTP authenticator app."""
    user: User = request.user
    next_url = _safe_next(request, reverse("home"))
    if user.is_verified():  # type: ignore[attr-defined]
        return redirect(next_url)
    device = TOTPDevice.objects.devices_for_user(user, confirmed=True).first()
    setting_up = device is None
    if setting_up:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    error = ""
    if request.method == "POST":
        token = request.POST.get("token", "").replace(" ", "")
        allowed, _why = device.verify_is_allowed()
        if not allowed:
            error = _("Too many wrong codes: wait a few seconds, then try again.")
        elif device.verify_token(token):
            if setting_up:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                log_action("members.two_factor.enabled", actor=user, target=user)
            otp_login(request, device)
            return redirect(next_url)
        else:
            error = _("That code is not right. Check the time on your phone and try again.")
    context = {"setting_up": setting_up, "error": error, "next": next_url}
    if setting_up:
        secret = base64.b32encode(device.bin_key).decode()
        context["secret"] = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
        context["qr_svg"] = segno.make(device.config_url, error="m").svg_inline(scale=4)
    return render(request, "core/two_factor.html", context, status=400 if error else 200)


def demo(request: HttpRequest) -> HttpResponse:
    """Sign in as any demo person (only where LINTAS_DEMO is on)."""
    if not settings.DEMO:
        raise Http404
    from lintas.members.models import Body

    bodies = []
    for body in Body.objects.order_by("name"):
        rows = selectors.people_of_body(body)
        bodies.append((body, rows))
    return render(request, "core/demo.html", {"bodies": bodies})


@require_POST
def demo_login(request: HttpRequest, user_id: int) -> HttpResponse:
    if not settings.DEMO:
        raise Http404
    user = get_object_or_404(User, pk=user_id, is_active=True)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    device = TOTPDevice.objects.devices_for_user(user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="demo", confirmed=True)
    otp_login(request, device)
    messages.info(request, _("You are signed in as %(name)s.") % {"name": user.full_name})
    return redirect(_safe_next(request, reverse("home")))


def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})
