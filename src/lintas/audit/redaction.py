"""Entries of the audit log about objects the reader may not know of, shown as "a restricted
record": the log must not tell what the object's own pages would hide (that a TLP:RED case
exists, who reads it, its owner unit, its label).

The audit app knows no case nor message: each app whose objects have rules of their own
registers, in its ``ready()``, a function that says which of a page of entries are about
objects the reader may not see (``register``). Pages and API answers of the log pass each page
of entries through ``redact``: a hidden entry keeps its time, its action and who did it, and
loses the object's label, the details and the reason."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.utils.translation import gettext as _

from lintas.audit.models import AuditEntry

# (reader, body, entries) -> ids of the entries the reader may not see the object of
Hider = Callable[[Any, Any, Sequence[AuditEntry]], set[int]]

_HIDERS: list[tuple[frozenset[str], Hider]] = []


def register(object_types: Iterable[str], hider: Hider) -> None:
    """Ask ``hider`` about the entries whose object is of one of ``object_types``."""
    _HIDERS.append((frozenset(object_types), hider))


def redact(entries: Iterable[AuditEntry], *, reader: Any, body: Any) -> list[AuditEntry]:
    """The entries as the reader may see them (the same objects, unsaved changes only)."""
    shown = list(entries)
    hidden: set[int] = set()
    for types, hider in _HIDERS:
        about = [e for e in shown if e.object_type in types]
        if about:
            hidden |= hider(reader, body, about)
    for entry in shown:
        if entry.pk in hidden:
            entry.object_label = _("a restricted record")
            entry.object_id = ""
            entry.data = {}
            entry.reason = ""
    return shown
