"""Times as people read them: in a body's time zone, given explicitly, never the zone that
happens to be active. A file made on the worker or by a command then reads as one made in a
request, and documents name the zone next to each time ("12:35 (UTC+7)")."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.utils import formats, timezone
from django.utils.translation import ngettext


def as_zone(zone: str | dt.tzinfo) -> dt.tzinfo:
    """A time zone from its IANA name (``Asia/Ho_Chi_Minh``) or as it is."""
    return zoneinfo.ZoneInfo(zone) if isinstance(zone, str) else zone


def offset_name(moment: dt.datetime) -> str:
    """The UTC offset of an aware time as people write it: ``UTC+7``, ``UTC+5:30``, ``UTC-3``,
    ``UTC``. A zone with summer time gives each time its own offset."""
    offset = moment.utcoffset()
    if not offset:
        return "UTC"
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def moment(
    value: dt.datetime | None,
    zone: str | dt.tzinfo,
    *,
    fmt: str = "SHORT_DATETIME_FORMAT",
    named: bool = True,
    empty: str = "—",
) -> str:
    """A time in ``zone``, in the active language's format, followed by its offset
    ("20 Apr 2024, 10:00 (UTC+7)") unless ``named`` is false."""
    if value is None:
        return empty
    local = timezone.localtime(value, as_zone(zone))
    text = formats.date_format(local, fmt)
    return f"{text} ({offset_name(local)})" if named else text


def duration(delta: dt.timedelta) -> str:
    """A span in its largest whole unit, in the active language: "5 minutes", "3 hours",
    "2 days" (Django's own ``timesince`` has no Vietnamese)."""
    minutes = max(0, int(delta.total_seconds()) // 60)
    if minutes < 120:
        return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
    hours = minutes // 60
    if hours < 48:
        return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
    days = hours // 24
    return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}
