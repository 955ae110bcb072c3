"""What the writes of events share: the checks of text, labels and times, and links."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lintas.core.errors import LintasError
from lintas.core.tlp import TLP
from lintas.events.models import Event


def text(value: str, *, field: str, label: str, limit: int = 250, required: bool = True) -> str:
    """A line of text, stripped; refused when empty (if required), too long or holding NUL."""
    value = (value or "").strip()
    if required and not value:
        raise LintasError(_("Fill in the %(field)s.") % {"field": label}, field=field)
    if len(value) > limit:
        raise LintasError(
            _("The %(field)s is limited to %(limit)d characters.")
            % {"field": label, "limit": limit},
            field=field,
        )
    if "\x00" in value:
        raise LintasError(_("The text contains a character that is not allowed."), field=field)
    return value


def label(value: str, *, field: str = "tlp") -> str:
    if value not in TLP.values:
        raise LintasError(_("Choose a TLP label."), field=field)
    return value


def zone(value: str) -> str:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise LintasError(
            _("Unknown time zone: %(zone)s.") % {"zone": value}, field="time_zone"
        ) from None
    return value


def local(event: Event, day: dt.date, at: dt.time) -> dt.datetime:
    """A time of a day of the event, in the event's zone, as an aware time."""
    return dt.datetime.combine(day, at).replace(tzinfo=event.tzinfo)


def day_of(event: Event, moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment, event.tzinfo).date()


def hhmm(event: Event, moment: dt.datetime) -> str:
    return timezone.localtime(moment, event.tzinfo).strftime("%H:%M")


def event_link(event: Event) -> str:
    return reverse("events:detail", kwargs={"slug": event.body.slug, "event_id": event.pk})
