"""Which audit entries are about messages the reader may not read (see ``audit.redaction``):
the log must not show that a TLP:RED message exists, to whom it went, nor who read it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lintas.audit.models import AuditEntry
from lintas.exchange import policy

OBJECT_TYPES = ("exchange.message",)


def hidden_message_entries(reader: Any, body: Any, entries: Sequence[AuditEntry]) -> set[int]:
    ids = {int(e.object_id) for e in entries if e.object_id.isdigit()}
    readable = {
        str(pk)
        for pk in policy.visible_messages(reader, body)
        .filter(pk__in=ids)
        .values_list("pk", flat=True)
    }
    return {e.pk for e in entries if e.object_id not in readable}
