"""The sign-in page, guarded against password spraying: django-axes locks one account from one
address after five wrong passwords; this also stops one address that tries many accounts (a
few passwords each, below every account's limit) after ``SPRAY_LIMIT`` wrong passwords in all
within the cool-off time."""

from __future__ import annotations

import datetime as dt
from typing import Any

from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


def wrong_passwords_from(ip: str | None) -> int:
    """Wrong passwords from one address, over every account, within the cool-off time."""
    if not ip:
        return 0
    since = timezone.now() - dt.timedelta(hours=settings.AXES_COOLOFF_TIME)
    total = AccessAttempt.objects.filter(ip_address=ip, attempt_time__gte=since).aggregate(
        n=Sum("failures_since_start")
    )["n"]
    return total or 0


class SignInView(auth_views.LoginView):
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if wrong_passwords_from(get_client_ip_address(request)) >= settings.LINTAS_SPRAY_LIMIT:
            return render(request, "registration/locked_out.html", {"spraying": True}, status=429)
        return super().post(request, *args, **kwargs)
