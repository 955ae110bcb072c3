"""``{% load worker %}{% worker_notice %}``: on a page that waits for the background worker, a
plain sentence when no worker has been seen for a while (``core.heartbeat``)."""

from __future__ import annotations

from django import template
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from lintas.core import heartbeat, times

register = template.Library()

COMMAND = "<code>lintas worker</code>"


@register.simple_tag
def worker_notice() -> SafeString:
    silence = heartbeat.worker_silence()
    if silence is None:
        return mark_safe("")
    if silence.last_seen is None:
        message = _(
            "No background worker has been seen yet: this waits until one runs (%(command)s)."
        )
        values = {"command": COMMAND}
    else:
        message = _(
            "No background worker has been seen for %(duration)s: this waits until one runs "
            "(%(command)s)."
        )
        values = {
            "command": COMMAND,
            "duration": escape(times.duration(timezone.now() - silence.last_seen)),
        }
    text = escape(message) % values
    return mark_safe(f'<p class="notice warning" role="status">{text}</p>')  # noqa: S308 - escaped above
