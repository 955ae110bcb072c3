from __future__ import annotations

from django.http import HttpRequest

from lintas.members.models import User


class AuthedRequest(HttpRequest):
    """The request of a view behind login_required: its user is a signed-in person."""

    user: User
