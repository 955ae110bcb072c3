"""Reads of notices: a person's notices, their unread count, their choices per kind."""

from __future__ import annotations

from django.db.models import QuerySet

from lintas.members.models import User
from lintas.notices.models import Delivery, Kind, Notification, Preference, default_delivery


def notifications_for(user_id: int, *, limit: int = 50) -> QuerySet[Notification]:
    return (
        Notification.objects.filter(user_id=user_id)
        .select_related("body")  # each notice is shown at its body's time
        .order_by("-created_at", "-id")[:limit]
    )


def unread_count(user_id: int) -> int:
    return Notification.objects.filter(user_id=user_id, read_at__isnull=True).count()


def preferences_of(person: User) -> dict[str, Delivery]:
    """How each kind of notice reaches the person: their choice, or the kind's default."""
    chosen = dict(Preference.objects.filter(user=person).values_list("kind", "delivery"))
    return {kind.value: Delivery(chosen.get(kind.value, default_delivery(kind))) for kind in Kind}
