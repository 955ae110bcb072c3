"""``{% load times %}``: a time in a given body's zone, for pages that show several bodies."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

from lintas.core import times
from lintas.members.models import Body

register = template.Library()


@register.filter
def in_zone_of(value: dt.datetime | None, body: Body | None) -> str:
    """``{{ n.created_at|in_zone_of:n.body }}``: "20 Apr 2024, 10:00 (UTC+7)" in the body's
    zone, or the server's when there is no body."""
    zone = body.tzinfo if body is not None else timezone.get_default_timezone()
    return times.moment(value, zone)
