"""Indicators in a message checked against the body's networks, without disclosure.

The phones, e-mails, handles, accounts and documents written in a message (its text and a typed
alert's fields) are looked up in the linked cases of the body (``networks.lookup``). For each
unit holding matching cases, other than the author's: the author's side learns "cases held by
unit X match; contact its focal points" (an ``IndicatorHit`` on the message page), and the
unit's focal points are told once that the author's unit holds matching information, with whom
to contact. Neither side sees the other's record. A TLP:RED or AMBER+STRICT message is checked
for its author only: telling a holder would reveal that the message exists."""

from __future__ import annotations

import html
import re

from django.utils.translation import gettext_noop

from lintas.core.tlp import TLP
from lintas.exchange.models import IndicatorHit, Message
from lintas.members import selectors as members
from lintas.members.models import Unit
from lintas.networks import lookup
from lintas.notices.services import notify

# A typed alert's fields, read as the engine's fields.
_DETAIL_FIELDS = {
    "phones": "phones",
    "accounts": "handles",
    "contacts": "notes",
    "channel": "notes",
    "names": "notes",
    "modus_operandi": "notes",
    "description": "notes",
}


def _fields(message: Message) -> dict[str, str]:
    text = html.unescape(re.sub(r"<[^>]+>", " ", message.text))
    out: dict[str, list[str]] = {"notes": [message.subject, text]}
    for code, value in (message.details or {}).items():
        if code in _DETAIL_FIELDS:
            out.setdefault(_DETAIL_FIELDS[code], []).append(str(value))
    return {k: ("\n" if k == "notes" else ", ").join(v) for k, v in out.items()}


def _regions(unit: Unit) -> tuple[str, ...]:
    node: Unit | None = unit
    while node is not None:
        if node.country:
            return (node.country,)
        node = node.parent
    return ()


def check_indicators(message: Message) -> list[IndicatorHit]:
    """Look the message's indicators up and record and tell the hits (see the module)."""
    hits = [
        h
        for h in lookup.cases_holding(message.body, _fields(message), _regions(message.author_unit))
        if h.unit_id != message.author_unit_id
    ]
    if not hits:
        return []
    quiet = message.tlp in {TLP.RED, TLP.AMBER_STRICT}
    rows = IndicatorHit.objects.bulk_create(
        [
            IndicatorHit(
                message=message,
                unit_id=h.unit_id,
                cases=len(h.case_ids),
                kinds=sorted(h.kinds),
                holder_told=not quiet,
            )
            for h in hits
        ],
        ignore_conflicts=True,
    )
    if not quiet:
        author = message.author_unit
        contacts = ", ".join(p.full_name for p in members.acting_people_of(author)) or "—"
        for unit in Unit.objects.filter(pk__in=[h.unit_id for h in hits]):
            notify(
                members.acting_people_of(unit),
                body=message.body,
                kind="message_match",
                subject=gettext_noop("%(unit)s holds information matching a case of your unit"),
                text=gettext_noop(
                    "A message of %(unit)s names a phone, account or other indicator found in a "
                    "case of your unit. Nothing of your case was shown to them, nor of their "
                    "message to you (hit / no-hit). To follow up, contact %(unit)s: %(contacts)s."
                ),
                values={"unit": author.short_name or author.name, "contacts": contacts},
            )
    return rows
