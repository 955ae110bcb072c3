"""The password pages: Django's reset and change views, wrapped so that the reset e-mail
leaves from the worker, the answer to a reset request is the same for every address, and a
change or a reset goes through ``members.services`` (audited, other sessions ended)."""

from __future__ import annotations

from typing import Any

from axes.helpers import get_client_ip_address
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from lintas.core.errors import LintasError
from lintas.members import services
from lintas.members.models import User


class PasswordResetRequestView(auth_views.PasswordResetView):
    """Ask for a reset link by address. Whether or not an account has the address, the next
    page is the same; the e-mail is queued for the worker (``services.request_password_reset``)."""

    template_name = "registration/password_reset_form.html"
    success_url = reverse_lazy("password-reset-sent")

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        try:
            services.request_password_reset(
                email=form.cleaned_data["email"], ip=get_client_ip_address(self.request)
            )
        except LintasError as exc:
            return render(
                self.request,
                "registration/password_reset_throttled.html",
                {"message": exc.message},
                status=429,
            )
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetSentView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """The link of the e-mail: Django checks it (it works once, and for
    ``PASSWORD_RESET_TIMEOUT``); the new password is set by ``services.reset_password``."""

    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("password-reset-complete")

    def form_valid(self, form: Any) -> HttpResponse:
        services.reset_password(form.user, password=form.cleaned_data["new_password1"])
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        return HttpResponseRedirect(self.get_success_url())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if not context.get("validlink"):
            self.status = 400
        return context

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        kwargs.setdefault("status", getattr(self, "status", 200))
        return super().render_to_response(context, **kwargs)


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    """A person's own new password, given the current one; this session stays signed in (and
    keeps its second factor), every other session of theirs ends."""

    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("account")

    def form_valid(self, form: Any) -> HttpResponse:
        user: User = self.request.user  # type: ignore[assignment]
        try:
            services.change_password(
                by=user,
                old_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password1"],
            )
        except LintasError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            return self.form_invalid(form)
        update_session_auth_hash(self.request, user)
        messages.success(self.request, _("Password changed. Your other sessions have ended."))
        return HttpResponseRedirect(self.get_success_url())
