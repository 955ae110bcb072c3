"""Messages as MISP events, so agencies that run MISP exchange with Lintas.

One message is one MISP event (the MISP core format, ``{"Event": {...}}``):

- ``info`` is the subject, ``date`` the day it was sent, ``uuid`` the message's own;
- the label is a ``tlp:`` tag of the TLP taxonomy (``tlp:clear``, ``tlp:green``, ``tlp:amber``,
  ``tlp:amber+strict``, ``tlp:red``; ``tlp:white`` is read as CLEAR);
- the kind, the type of alert and the priority are tags of a ``lintas:`` namespace
  (``lintas:kind="alert"``), the priority also as ``threat_level_id`` (urgent 1, priority 2,
  routine 3);
- the text is a ``text`` attribute commented ``body``; a typed alert's fields are attributes
  commented with the field's code, phones as ``phone-number``, names as ``full-name`` and the
  rest as ``text``.

Reading refuses, naming where, an event without ``info``, a label it does not know, or two
labels; attributes of other types are kept in the text, so nothing an analyst wrote is lost.
"""

from __future__ import annotations

import html
import json
import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from lintas.core.tlp import TLP
from lintas.exchange.models import FIELDS, AlertType, Kind, Message, Priority

_TLP_TAGS = {
    "tlp:clear": TLP.CLEAR,
    "tlp:white": TLP.CLEAR,
    "tlp:green": TLP.GREEN,
    "tlp:amber": TLP.AMBER,
    "tlp:amber+strict": TLP.AMBER_STRICT,
    "tlp:red": TLP.RED,
}
_THREAT = {Priority.URGENT: "1", Priority.PRIORITY: "2", Priority.ROUTINE: "3"}
_PRIORITY_OF_THREAT = {"1": Priority.URGENT, "2": Priority.PRIORITY, "3": Priority.ROUTINE}
_TYPES = {"phones": "phone-number", "name": "full-name", "names": "full-name"}
_LINTAS_TAG = re.compile(r'^lintas:(kind|alert-type|priority)="([a-z_+]+)"$')
MAX_BYTES = 2 * 1024 * 1024


class MispError(ValueError):
    """The file is not a MISP event Lintas can read; ``where`` names the place."""

    def __init__(self, message: str, where: str) -> None:
        super().__init__(f"{where}: {message}")
        self.message = message
        self.where = where


@dataclass
class Event:
    """What a MISP event says, as the fields of a message."""

    subject: str
    text: str
    tlp: str
    kind: str = Kind.BULLETIN
    alert_type: str = ""
    priority: str = Priority.ROUTINE
    details: dict[str, str] = field(default_factory=dict)
    uuid: str = ""


def _plain(rich: str) -> str:
    """Sanitised rich text as plain text: paragraphs apart by an empty line."""
    text = re.sub(r"(?i)<\s*(/p|/li|/h3|/h4|/blockquote)\s*>", "\n\n", rich)
    text = re.sub(r"(?i)<\s*br\s*/?>", "\n", text)
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def to_misp(message: Message) -> dict[str, Any]:
    """The message as a MISP event."""
    tags = [
        {"name": f"tlp:{message.tlp}"},
        {"name": f'lintas:kind="{message.kind}"'},
        {"name": f'lintas:priority="{message.priority}"'},
    ]
    if message.alert_type:
        tags.append({"name": f'lintas:alert-type="{message.alert_type}"'})
    attributes: list[dict[str, Any]] = [
        {"type": "text", "category": "Other", "value": _plain(message.text), "comment": "body"}
    ]
    for code, value in (message.details or {}).items():
        attributes.append(
            {
                "type": _TYPES.get(code, "text"),
                "category": "Other",
                "value": value,
                "comment": code,
                "to_ids": False,
            }
        )
    stable = uuid.uuid5(uuid.NAMESPACE_URL, f"lintas:message:{message.pk}:{message.created_at}")
    return {
        "Event": {
            "uuid": str(stable),
            "info": message.subject,
            "date": message.sent_at.date().isoformat(),
            "threat_level_id": _THREAT[Priority(message.priority)],
            "analysis": "2",
            "distribution": "0",
            "Orgc": {"name": message.author_unit.name},
            "Tag": tags,
            "Attribute": attributes,
        }
    }


def dumps(message: Message) -> bytes:
    return json.dumps(to_misp(message), ensure_ascii=False, indent=2).encode("utf-8")


def _text(value: Any, where: str, *, limit: int) -> str:
    if not isinstance(value, str):
        raise MispError("expected text", where)
    if "\x00" in value:
        raise MispError("contains a character that is not allowed", where)
    if len(value) > limit:
        raise MispError(f"longer than {limit:,} characters", where)
    return value.strip()


def from_misp(raw: bytes) -> Event:
    """Read a MISP event (its JSON), refusing what it cannot read with the place named."""
    if len(raw) > MAX_BYTES:
        raise MispError("the file is larger than 2 MB", "file")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MispError(f"not JSON ({exc.__class__.__name__})", "file") from None
    event = data.get("Event") if isinstance(data, dict) else None
    if not isinstance(event, dict):
        raise MispError('no "Event" object', "file")
    subject = _text(event.get("info", ""), "Event.info", limit=200)
    if not subject:
        raise MispError("the event has no info (its subject)", "Event.info")
    tags = event.get("Tag") or []
    if not isinstance(tags, list):
        raise MispError("expected a list", "Event.Tag")
    labels: list[str] = []
    out = Event(subject=subject, text="", tlp="")
    for n, tag in enumerate(tags):
        name = tag.get("name") if isinstance(tag, dict) else None
        name = _text(name, f"Event.Tag[{n}].name", limit=200).lower()
        if name.startswith("tlp:"):
            if name not in _TLP_TAGS:
                raise MispError(f"unknown TLP label {name!r}", f"Event.Tag[{n}]")
            labels.append(_TLP_TAGS[name])
        elif m := _LINTAS_TAG.match(name):
            key, value = m[1], m[2]
            if key == "kind" and value in Kind.values:
                out.kind = value
            elif key == "alert-type" and value in AlertType.values:
                out.alert_type = value
            elif key == "priority" and value in Priority.values:
                out.priority = value
            else:
                raise MispError(f"unknown value {value!r}", f"Event.Tag[{n}]")
    if len(set(labels)) > 1:
        raise MispError("more than one TLP label", "Event.Tag")
    out.tlp = labels[0] if labels else ""
    threat = str(event.get("threat_level_id", ""))
    if threat in _PRIORITY_OF_THREAT and not any("lintas:priority" in str(t) for t in tags):
        out.priority = _PRIORITY_OF_THREAT[threat]
    known = dict(FIELDS.get(out.alert_type, [])) if out.kind == Kind.ALERT else {}
    body: list[str] = []
    extra: list[str] = []
    attributes = event.get("Attribute") or []
    if not isinstance(attributes, list):
        raise MispError("expected a list", "Event.Attribute")
    for n, attribute in enumerate(attributes):
        if not isinstance(attribute, dict):
            raise MispError("expected an object", f"Event.Attribute[{n}]")
        where = f"Event.Attribute[{n}]"
        value = _text(attribute.get("value", ""), f"{where}.value", limit=50_000)
        comment = str(attribute.get("comment") or "")
        kind = str(attribute.get("type") or "text")
        if comment == "body":
            body.append(value)
        elif comment in known:
            out.details[comment] = value
        elif value:
            extra.append(f"{kind}: {value}" + (f" ({comment})" if comment else ""))
    text = "\n\n".join(body)
    if extra:
        text = (text + "\n\n" if text else "") + "\n".join(extra)
    out.text = text or subject
    uid = event.get("uuid")
    out.uuid = uid if isinstance(uid, str) else ""
    return out
