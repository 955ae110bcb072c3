"""Emergency access: breaking the glass on a case, and ending it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lintas.cases import selectors
from lintas.cases.forms import (
    BreakGlassForm,
)
from lintas.cases.services import emergency
from lintas.cases.views.common import _detail, _form_error
from lintas.core.errors import LintasError
from lintas.members.bodyctx import load_body
from lintas.members.http import AuthedRequest

# --- emergency access -----------------------------------------------------------------------
# A member of the body who follows a link to a case they may not read gets the same 404 status
# as anyone else, and the page offers emergency access when the policy lets them ask. Strangers,
# and anyone but the secretariat for a TLP:RED case, get the plain 404.


def _no_access(request: AuthedRequest, body: Any, case_id: int) -> HttpResponse:
    case = selectors.case_for_break_glass(request.user, body, case_id)
    return render(request, "cases/no_access.html", {"body": body, "case": case}, status=404)


@login_required
def case_break_glass(request: AuthedRequest, slug: str, case_id: int) -> HttpResponse:
    body = load_body(request, slug)
    case = selectors.case_for_break_glass(request.user, body, case_id)
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            emergency.break_glass(
                case,
                user=request.user,
                reason=form.cleaned_data["reason"],
                hours=form.cleaned_data["hours"],
            )
        except LintasError as exc:
            _form_error(form, exc)
        else:
            messages.warning(request, _("Emergency access granted. The owner unit was told."))
            return _detail(case)
    return render(request, "cases/break_glass.html", {"body": body, "case": case, "form": form})


@login_required
@require_POST
def emergency_end(request: AuthedRequest, slug: str, case_id: int, access_id: int) -> HttpResponse:
    body = load_body(request, slug)
    case = selectors.case_for(request.user, body, case_id)
    access = selectors.emergency_access_for(case, access_id)
    try:
        emergency.end_emergency_access(access, by=request.user)
    except LintasError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Emergency access ended."))
    if access.user_id == request.user.pk:
        return redirect("cases:list", slug=body.slug)
    return redirect("cases:access", slug=body.slug, case_id=case.pk)
