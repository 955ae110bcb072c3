"""A report's review: validated by its unit's validator, accepted or returned by the
secretariat."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lintas.core.errors import LintasError
from lintas.members.bodyctx import load_body
from lintas.members.http import AuthedRequest
from lintas.reporting import services
from lintas.reporting.forms import ReturnForm
from lintas.reporting.views.common import _submission_or_404


def _transition_view(action: str):
    @login_required
    @require_POST
    def view(request: AuthedRequest, slug: str, submission_id: int) -> HttpResponse:
        body = load_body(request, slug)
        submission = _submission_or_404(request, body, submission_id)
        try:
            if action == "accept":
                services.accept_report(submission, by=request.user)
                messages.success(request, _("Report accepted."))
            elif action == "validate":
                services.validate_report(submission, by=request.user)
                messages.success(request, _("Report validated and sent to the secretariat."))
            else:
                form = ReturnForm(request.POST)
                reason = form.data.get("reason", "")
                services.return_report(submission, by=request.user, reason=str(reason))
                messages.success(request, _("Report returned to the unit with your reasons."))
        except LintasError as exc:
            messages.error(request, exc.message)
        return redirect("reporting:submission-detail", slug=body.slug, submission_id=submission.pk)

    return view


submission_accept = _transition_view("accept")
submission_return = _transition_view("return")
submission_validate = _transition_view("validate")
