"""A thread as PDF for the file: every message the reader may read, oldest first, with the
thread's label in the header of every page (the strictest label among what is printed)."""

from __future__ import annotations

import html
import io
import re
from typing import Any
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from lintas.core import times
from lintas.core.pdf import BOLD, FONT, register_fonts
from lintas.core.tlp import TLP, stricter_label
from lintas.exchange.models import Message

_LABEL_COLOURS = {
    TLP.RED: "#ff2b2b",
    TLP.AMBER_STRICT: "#ffc000",
    TLP.AMBER: "#ffc000",
    TLP.GREEN: "#33ff00",
    TLP.CLEAR: "#ffffff",
}


def _plain(rich: str) -> str:
    """Sanitised rich text as reportlab paragraph markup: paragraphs and line breaks kept,
    other tags dropped, text escaped."""
    text = re.sub(r"(?i)<\s*(br|/p|/li|/h3|/h4|/tr|/blockquote)\s*/?>", "\n", rich)
    text = re.sub(r"(?i)<\s*li\s*>", "• ", text)
    text = re.sub(r"<[^>]+>", "", text)
    return escape(html.unescape(text)).strip().replace("\n", "<br/>")


def thread_pdf(messages: list[Message], *, zone: str) -> bytes:
    register_fonts()
    label = TLP(stricter_label(*(m.tlp for m in messages))).label
    base = getSampleStyleSheet()
    body = ParagraphStyle("b", parent=base["BodyText"], fontName=FONT, fontSize=9.5, leading=13)
    head = ParagraphStyle("h", parent=base["Heading2"], fontName=BOLD, fontSize=12)
    meta = ParagraphStyle("m", parent=body, textColor=colors.HexColor("#4a5566"), fontSize=8.5)
    root = messages[0]

    def header(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        colour = _LABEL_COLOURS[TLP(stricter_label(*(m.tlp for m in messages)))]
        canvas.setFillColor(colors.black)
        canvas.rect(1.5 * cm, A4[1] - 1.6 * cm, 5.2 * cm, 0.7 * cm, fill=1, stroke=0)
        canvas.setFillColor(colors.HexColor(colour))
        canvas.setFont(BOLD, 10)
        canvas.drawString(1.7 * cm, A4[1] - 1.35 * cm, label)
        canvas.setFillColor(colors.HexColor("#4a5566"))
        canvas.setFont(FONT, 8)
        canvas.drawRightString(A4[0] - 1.5 * cm, A4[1] - 1.35 * cm, root.body.name)
        canvas.drawString(1.5 * cm, 1.0 * cm, label)
        canvas.drawRightString(A4[0] - 1.5 * cm, 1.0 * cm, _("Page %(n)s") % {"n": doc.page})
        canvas.restoreState()

    story: list[Any] = []
    for m in messages:
        story.append(Paragraph(escape(f"{m.label} · {m.subject}"), head))
        line = _("%(kind)s from %(unit)s, by %(person)s, %(when)s") % {
            "kind": m.get_kind_display(),
            "unit": m.author_unit.name,
            "person": m.author.full_name,
            "when": times.moment(m.sent_at, zone),
        }
        story.append(Paragraph(escape(line), meta))
        story.append(Spacer(1, 0.2 * cm))
        story.append(Paragraph(_plain(m.text), body))
        for key, value in (m.details or {}).items():
            story.append(Paragraph(f"<b>{escape(key)}</b>: {escape(value)}", body))
        story.append(Spacer(1, 0.5 * cm))
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        topMargin=2.3 * cm,
        bottomMargin=1.8 * cm,
        title=f"{label} {root.subject}",
    )
    doc.build(story, onFirstPage=header, onLaterPages=header)
    return out.getvalue()
