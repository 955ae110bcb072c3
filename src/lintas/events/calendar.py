"""The agenda as iCalendar (RFC 5545, the ``icalendar`` library): the whole event, or one
person's part of it (the sessions they present in or chair, the plenaries and the breaks).
Each session keeps a stable UID, so a calendar that subscribed sees moves as updates."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from lintas.core.tlp import TLP
from lintas.events.models import Event, Session


def _host() -> str:
    return settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0] or "lintas"


def agenda_ics(event: Event, sessions: Iterable[Session], *, name: str = "") -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Lintas//events//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name or event.title)
    cal.add("x-wr-timezone", event.time_zone)
    stamp = timezone.now()
    for s in sessions:
        item = VEvent()
        item.add("uid", f"lintas-event-{event.pk}-session-{s.pk}@{_host()}")
        item.add("dtstamp", stamp)
        item.add("dtstart", s.starts_at.astimezone(event.tzinfo))
        item.add("dtend", s.ends_at.astimezone(event.tzinfo))
        item.add("summary", s.title)
        where = ", ".join(x for x in ((s.room.name if s.room else ""), event.venue) if x)
        if where:
            item.add("location", where)
        lines = []
        if s.tlp not in (TLP.CLEAR, TLP.GREEN):
            lines.append(TLP(s.tlp).label)
        if s.chatham_house:
            lines.append("Chatham House Rule")
        for c in s.contributions.all():
            who = ", ".join(p.full_name for p in c.presenters.all())
            lines.append(f"- {c.title}" + (f" ({who})" if who else ""))
        if lines:
            item.add("description", "\n".join(lines))
        if s.tlp not in (TLP.CLEAR, TLP.GREEN):
            item.add("class", "CONFIDENTIAL")
        cal.add_component(item)
    return cal.to_ical()
