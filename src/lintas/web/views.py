"""The site's own pages: home, language switch, demo sign-in, health."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import check_for_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from lintas import policy
from lintas.core import health as core_health
from lintas.members import selectors, services
from lintas.members.http import AuthedRequest, safe_next
from lintas.members.models import Body, User


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    roles = {b.pk: held for b, held in selectors.bodies_with_roles_for(request.user)}
    bodies = [
        (body, roles.get(body.pk, []))
        for body in policy.bodies_visible_to(request.user).order_by("name")
    ]
    return render(request, "web/home.html", {"bodies": bodies})


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    code = request.POST.get("language", "")
    response = redirect(safe_next(request, "/"))
    if code and check_for_language(code) and code in dict(settings.LANGUAGES):
        if request.user.is_authenticated:
            services.set_language(language=code, by=request.user)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=settings.LANGUAGE_COOKIE_SECURE,
        )
    return response


def demo(request: HttpRequest) -> HttpResponse:
    """Sign in as any demo person (only where LINTAS_DEMO is on)."""
    if not settings.DEMO:
        raise Http404
    bodies = []
    for body in Body.objects.order_by("name"):
        rows = selectors.people_of_body(body)
        bodies.append((body, rows))
    return render(request, "web/demo.html", {"bodies": bodies})


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
    # The next page speaks the person's language (core.middleware); so does this message.
    with translation.override(user.language or translation.get_language()):
        messages.info(request, _("You are signed in as %(name)s.") % {"name": user.full_name})
    return redirect(safe_next(request, reverse("home")))


def health(request: HttpRequest) -> JsonResponse:
    """The database and the worker's heartbeat (core.health); 503 when the database is down."""
    status, report = core_health.report()
    return JsonResponse(report, status=status)


def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """Browsers ask for /favicon.ico whatever the page links; the icon is an SVG in the static
    files, linked from base.html."""
    return HttpResponsePermanentRedirect(static("lintas/favicon.svg"))
