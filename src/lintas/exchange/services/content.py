"""What a message may contain: rich text with nothing active, structured fields of typed
alerts, and attachments checked for size, type and label."""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass

import nh3
from django.utils.translation import gettext as _

from lintas.core.errors import LintasError
from lintas.core.tlp import TLP, is_looser
from lintas.exchange.models import (
    FIELDS,
    AlertType,
    Attachment,
    Kind,
)

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


MAX_TEXT_CHARS = 50_000


# Rich text keeps what a message needs: paragraphs, emphasis, lists, links and simple tables.
ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "ul", "ol", "li", "blockquote",
    "h3", "h4", "a", "table", "thead", "tbody", "tr", "th", "td", "code", "pre",
}  # fmt: skip


ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}


def paragraphs(text: str) -> str:
    """Plain text as HTML: an empty line starts a paragraph, a line break stays one."""
    blocks = [b.strip() for b in text.replace("\r\n", "\n").split("\n\n")]
    return "".join(
        "<p>" + "<br>".join(html.escape(line) for line in b.split("\n")) + "</p>"
        for b in blocks
        if b
    )


def searchable(subject: str, rich: str, details: Mapping[str, object]) -> str:
    """What search reads of a message: words, without markup."""
    plain = html.unescape(re.sub(r"<[^>]+>", " ", rich))
    return " ".join([subject, plain, *(str(v) for v in details.values())])


def clean_html(text: str) -> str:
    """Rich text with everything active removed (scripts, handlers, styles, javascript: links)."""
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    ).strip()


# files, executables) are not in the list and are refused.
_SIGNATURES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
    "txt": ("text/plain", ()),
    "csv": ("text/csv", ()),
}


_OOXML_MAIN = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}


@dataclass(frozen=True)
class Upload:
    name: str
    content: bytes
    tlp: str = ""


def _checked_attachment(upload: Upload, *, message_tlp: str) -> Attachment:
    name = upload.name.strip().replace("/", "_").replace("\\", "_")[:200] or "file"
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    where = {"name": name}
    if len(upload.content) > MAX_ATTACHMENT_BYTES:
        raise LintasError(
            _("%(name)s is larger than the limit of 10 MB.") % where, field="attachments"
        )
    if ext not in _SIGNATURES:
        raise LintasError(
            _(
                "%(name)s: this type of file is not accepted. Send PDF, Word (.docx), Excel "
                "(.xlsx), images (PNG, JPEG) or plain text."
            )
            % where,
            field="attachments",
        )
    content_type, magic = _SIGNATURES[ext]
    ok = any(upload.content.startswith(m) for m in magic) if magic else _is_text(upload.content)
    if ok and ext in _OOXML_MAIN:
        ok = _has_member(upload.content, _OOXML_MAIN[ext]) and not _has_macros(upload.content)
    if not ok:
        raise LintasError(
            _("%(name)s is not what its extension says, or contains macros.") % where,
            field="attachments",
        )
    label = upload.tlp or message_tlp
    if label not in TLP.values:
        raise LintasError(_("Unknown TLP label."), field="attachments")
    if is_looser(label, message_tlp):
        raise LintasError(
            _(
                "%(name)s: an attachment may carry a stricter label than its message, never a "
                "looser one."
            )
            % where,
            field="attachments",
        )
    return Attachment(
        name=name,
        content_type=content_type,
        size=len(upload.content),
        sha256=hashlib.sha256(upload.content).hexdigest(),
        tlp=label,
        content=upload.content,
    )


def _is_text(content: bytes) -> bool:
    if b"\x00" in content[:8192]:
        return False
    try:
        content[:8192].decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _zip_names(content: bytes) -> list[str]:
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return []


def _has_member(content: bytes, member: str) -> bool:
    return member in _zip_names(content)


def _has_macros(content: bytes) -> bool:
    return any(n.lower().endswith("vbaproject.bin") for n in _zip_names(content))


def _details(kind: str, alert_type: str, details: Mapping[str, object] | None) -> dict[str, str]:
    if kind != Kind.ALERT:
        if details:
            raise LintasError(_("Only alerts have structured fields."), field="details")
        return {}
    known = dict(FIELDS[AlertType(alert_type)])
    out: dict[str, str] = {}
    for key, value in (details or {}).items():
        if key not in known:
            raise LintasError(_("Unknown field: %(name)s") % {"name": key}, field="details")
        text = str(value).strip()
        if "\x00" in text or len(text) > 2000:
            raise LintasError(
                _("%(name)s: at most 2,000 characters of text.") % {"name": known[key]},
                field="details",
            )
        if text:
            out[key] = text
    return out


def _check_text(subject: str, text: str) -> tuple[str, str]:
    subject = (subject or "").strip()
    if not subject:
        raise LintasError(_("Give the message a subject."), field="subject")
    if len(subject) > 200:
        raise LintasError(_("The subject is limited to 200 characters."), field="subject")
    if "\x00" in subject or "\x00" in (text or ""):
        raise LintasError(_("The text contains a character that is not allowed."), field="text")
    if len(text or "") > MAX_TEXT_CHARS:
        raise LintasError(_("The text is limited to 50,000 characters."), field="text")
    cleaned = clean_html(text if "<" in (text or "") else paragraphs(text or ""))
    if not cleaned:
        raise LintasError(_("Write the message."), field="text")
    return subject, cleaned
