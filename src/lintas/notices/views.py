from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lintas.core.errors import LintasError
from lintas.members.http import AuthedRequest
from lintas.notices import selectors, services
from lintas.notices.forms import PreferencesForm
from lintas.notices.visibility import still_visible


@login_required
def notifications(request: AuthedRequest) -> HttpResponse:
    """The person's notices from every body; a POST marks them all read."""
    if request.method == "POST":
        services.mark_all_read(request.user)
        return redirect("notices:list")
    items = list(selectors.notifications_for(request.user.pk))
    for item in items:
        if not still_visible(request.user, item):
            # What it named is no longer the reader's to see: neither its words nor its link.
            item.text = _("A notice about something you may no longer see.")
            item.subject = ""
            item.link = ""
    return render(request, "notices/notifications.html", {"items": items})


@login_required
def preferences(request: AuthedRequest) -> HttpResponse:
    """How each kind of notice reaches the person signed in (only their own)."""
    form = PreferencesForm(request.POST or None, current=selectors.preferences_of(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.set_preferences(request.user, choices=form.cleaned_data, by=request.user)
        except LintasError as exc:
            form.add_error(exc.field or None, exc.message)
        else:
            messages.success(request, _("Your choices are saved."))
            return redirect("notices:preferences")
    return render(request, "notices/preferences.html", {"form": form})
