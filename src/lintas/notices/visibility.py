"""A notice is shown as written only while its reader may still see what it names: access
ends (a role ends, a share is revoked, a label is narrowed) and a notice kept from before must
not go on telling a case's or a message's subject.

Notices know no case nor message: the apps whose pages a notice may link to register, in their
``ready()``, a check per URL name (``register``); the notifications page asks ``still_visible``
of each notice and shows the others without their text nor link."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import Resolver404, resolve

from lintas.notices.models import Notification

# (reader, the URL's keyword arguments) -> whether the reader may see what it names
Check = Callable[[Any, dict[str, Any]], bool]

_CHECKS: dict[str, Check] = {}


def register(url_name: str, check: Check) -> None:
    _CHECKS[url_name] = check


def still_visible(reader: Any, notice: Notification) -> bool:
    if not notice.link:
        return True
    try:
        match = resolve(notice.link.split("?", 1)[0])
    except Resolver404:
        return True
    check = _CHECKS.get(match.view_name)
    return check is None or check(reader, match.kwargs)
