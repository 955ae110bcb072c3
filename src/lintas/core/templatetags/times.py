"""``{% load times %}``: a time in a given body's zone, for pages that show several bodies."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from django import template
from django.utils import timezone

from lintas.core import times

register = template.Library()


class Zoned(Protocol):
    """Anything with a time zone of its own: a body."""

    @property
    def tzinfo(self) -> dt.tzinfo: ...


@register.filter
def in_zone_of(value: dt.datetime | None, body: Zoned | None) -> str:
    """``{{ n.created_at|in_zone_of:n.body }}``: "20 Apr 2024, 10:00 (UTC+7)" in the body's
    zone, or the server's when there is no body."""
    zone = body.tzinfo if body is not None else timezone.get_default_timezone()
    return times.moment(value, zone)
