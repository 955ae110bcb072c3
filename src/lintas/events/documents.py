"""The documents of an event, as PDF in the DejaVu font every Lintas PDF shares: the agenda
to print, name badges with their QR code, visa invitation letters, and certificates of
attendance in the participant's language with the QR code of their public verification page.
Times are written in the event's zone, named."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any
from xml.sax.saxutils import escape

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, A6, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from lintas.core import times
from lintas.core.pdf import BOLD, FONT, register_fonts
from lintas.core.tlp import TLP
from lintas.events.models import Certificate, Delegate, Event, Session
from lintas.events.selectors import AgendaDay

INK = colors.HexColor("#1b2430")
MUTED = colors.HexColor("#4a5566")


def badge_payload(delegate: Delegate) -> str:
    """What a badge's QR code holds: the badge code, marked as Lintas's."""
    return f"LINTAS-BADGE:{delegate.badge_code}"


def verify_url(certificate: Certificate) -> str:
    path = reverse("events:verify", kwargs={"code": certificate.code})
    return settings.SITE_URL.rstrip("/") + path


def draw_qr(canvas: Canvas, payload: str, *, x: float, y: float, size: float) -> None:
    """A QR code drawn as squares (vector, sharp at any print size), quiet zone included."""
    qr = segno.make(payload, error="m", micro=False)
    matrix = [list(row) for row in qr.matrix]
    modules = len(matrix) + 8
    step = size / modules
    canvas.saveState()
    canvas.setFillColor(colors.white)
    canvas.rect(x, y, size, size, fill=1, stroke=0)
    canvas.setFillColor(colors.black)
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                canvas.rect(
                    x + (c + 4) * step, y + size - (r + 5) * step, step, step, fill=1, stroke=0
                )
    canvas.restoreState()


def _dates(event: Event) -> str:
    first = formats.date_format(event.starts_on, "DATE_FORMAT")
    if event.ends_on == event.starts_on:
        return first
    return f"{first} \u2013 {formats.date_format(event.ends_on, 'DATE_FORMAT')}"


def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle("b", fontName=FONT, fontSize=9.5, leading=12.5, textColor=INK)
    return {
        "body": body,
        "title": ParagraphStyle("t", parent=body, fontName=BOLD, fontSize=16, leading=20),
        "day": ParagraphStyle(
            "d", parent=body, fontName=BOLD, fontSize=12, leading=16, spaceBefore=8
        ),
        "meta": ParagraphStyle("m", parent=body, textColor=MUTED, fontSize=8.5),
        "cell": ParagraphStyle("c", parent=body, fontSize=8.5, leading=11),
        "cellb": ParagraphStyle("cb", parent=body, fontName=BOLD, fontSize=8.5, leading=11),
    }


def _session_cell(session: Session, st: dict[str, ParagraphStyle]) -> list[Any]:
    parts: list[Any] = [Paragraph(escape(session.title), st["cellb"])]
    marks = []
    if session.tlp not in (TLP.CLEAR, TLP.GREEN):
        marks.append(TLP(session.tlp).label)
    if session.chatham_house:
        marks.append(_("Chatham House Rule"))
    chairs = ", ".join(c.full_name for c in session.chairs.all())
    if chairs:
        marks.append(_("Chair: %(names)s") % {"names": chairs})
    if marks:
        parts.append(Paragraph(escape(" · ".join(marks)), st["cell"]))
    for c in session.contributions.all():
        who = ", ".join(p.full_name for p in c.presenters.all())
        line = f"• {escape(c.title)}" + (f" — <i>{escape(who)}</i>" if who else "")
        parts.append(Paragraph(line, st["cell"]))
    return parts


def agenda_pdf(event: Event, days: Sequence[AgendaDay]) -> bytes:
    st = _styles()
    zone = event.tzinfo
    story: list[Any] = [
        Paragraph(escape(event.title), st["title"]),
        Paragraph(
            escape(
                " · ".join(
                    x
                    for x in (
                        _dates(event),
                        event.venue,
                        times.offset_name(timezone.localtime(timezone.now(), zone)),
                        TLP(event.tlp).label,
                    )
                    if x
                )
            ),
            st["meta"],
        ),
    ]
    for day in days:
        story.append(Paragraph(escape(formats.date_format(day.day, "DATE_FORMAT")), st["day"]))
        if not day.sessions:
            story.append(Paragraph(escape(_("Nothing planned.")), st["meta"]))
            continue
        rows = []
        for s in day.sessions:
            start = timezone.localtime(s.starts_at, zone).strftime("%H:%M")
            end = timezone.localtime(s.ends_at, zone).strftime("%H:%M")
            room = s.room.name if s.room else ""
            rows.append(
                [
                    Paragraph(f"{start}\u2013{end}", st["cell"]),
                    Paragraph(escape(room), st["cell"]),
                    _session_cell(s, st),
                ]
            )
        table = Table(rows, colWidths=[2.2 * cm, 3.2 * cm, 12.1 * cm], repeatRows=0)
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#d5dbe3")),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        story.append(table)
    out = io.BytesIO()
    SimpleDocTemplate(
        out, pagesize=A4, topMargin=1.6 * cm, bottomMargin=1.6 * cm, title=event.title
    ).build(story)
    return out.getvalue()


def badges_pdf(event: Event, delegates: Iterable[Delegate]) -> bytes:
    """One A6 badge a page: name, unit, role, the event, and the QR code to scan at check-in."""
    register_fonts()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A6)
    canvas.setTitle(_("Badges: %(event)s") % {"event": event.title})
    width, height = A6
    any_page = False
    for d in delegates:
        any_page = True
        canvas.setFillColor(colors.HexColor("#0f2740"))
        canvas.rect(0, height - 18 * mm, width, 18 * mm, fill=1, stroke=0)
        canvas.setFillColor(colors.white)
        canvas.setFont(BOLD, 10)
        canvas.drawCentredString(width / 2, height - 10 * mm, event.title[:48])
        canvas.setFont(FONT, 7.5)
        canvas.drawCentredString(width / 2, height - 15 * mm, _dates(event))
        canvas.setFillColor(INK)
        canvas.setFont(BOLD, 15)
        canvas.drawCentredString(width / 2, height - 32 * mm, d.full_name[:32])
        canvas.setFont(FONT, 9)
        canvas.drawCentredString(
            width / 2, height - 39 * mm, (d.unit.name if d.unit else d.organisation)[:50]
        )
        canvas.setFillColor(MUTED)
        canvas.drawCentredString(width / 2, height - 45 * mm, str(d.get_role_display()))
        draw_qr(canvas, badge_payload(d), x=(width - 40 * mm) / 2, y=14 * mm, size=40 * mm)
        canvas.setFont(FONT, 8)
        canvas.drawCentredString(width / 2, 9 * mm, d.badge_code)
        canvas.showPage()
    if not any_page:
        canvas.setFont(FONT, 10)
        canvas.drawString(15 * mm, height - 20 * mm, _("No approved delegates yet."))
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def visa_letter_pdf(delegate: Delegate, *, signed_by: str) -> bytes:
    """A letter inviting the delegate, for the consulate: who, for what, where and when."""
    event = delegate.event
    st = _styles()
    with translation.override(delegate.language):
        paragraphs = [
            _("To the consular section concerned"),
            _("Visa invitation letter"),
            _(
                "%(body)s invites %(name)s, %(nationality)s national, holder of passport "
                "%(passport)s, %(position)s of %(unit)s, to take part in %(event)s, held in "
                "%(venue)s from %(first)s to %(last)s."
            )
            % {
                "body": event.body.name,
                "name": delegate.full_name,
                "nationality": delegate.nationality or "—",
                "passport": delegate.passport_number or "—",
                "position": delegate.position or _("delegate"),
                "unit": delegate.unit.name if delegate.unit else delegate.organisation or "—",
                "event": event.title,
                "venue": event.venue or "—",
                "first": formats.date_format(event.starts_on, "DATE_FORMAT"),
                "last": formats.date_format(event.ends_on, "DATE_FORMAT"),
            },
            _("We kindly ask you to grant the visa this participation requires."),
            _("For the organisers: %(name)s") % {"name": signed_by},
        ]
        story: list[Any] = [Paragraph(escape(event.body.name), st["meta"]), Spacer(1, 1 * cm)]
        for n, text in enumerate(paragraphs):
            style = st["title"] if n == 1 else st["body"]
            story += [Paragraph(escape(text), style), Spacer(1, 0.5 * cm)]
        out = io.BytesIO()
        SimpleDocTemplate(
            out,
            pagesize=A4,
            topMargin=2.5 * cm,
            title=_("Visa invitation letter: %(name)s") % {"name": delegate.full_name},
        ).build(story)
    return out.getvalue()


def certificate_pdf(certificate: Certificate) -> bytes:
    """A landscape certificate in its language, with the QR code of its verification page."""
    delegate = certificate.delegate
    event = delegate.event
    register_fonts()
    out = io.BytesIO()
    width, height = landscape(A4)
    canvas = Canvas(out, pagesize=(width, height))
    with translation.override(certificate.language):
        canvas.setTitle(_("Certificate of attendance"))
        canvas.setStrokeColor(colors.HexColor("#0f2740"))
        canvas.setLineWidth(3)
        canvas.rect(1.2 * cm, 1.2 * cm, width - 2.4 * cm, height - 2.4 * cm)
        canvas.setFillColor(MUTED)
        canvas.setFont(FONT, 12)
        canvas.drawCentredString(width / 2, height - 3.2 * cm, event.body.name)
        canvas.setFillColor(INK)
        canvas.setFont(BOLD, 28)
        canvas.drawCentredString(width / 2, height - 5.2 * cm, _("Certificate of attendance"))
        canvas.setFont(FONT, 13)
        canvas.drawCentredString(width / 2, height - 7 * cm, _("This certifies that"))
        canvas.setFont(BOLD, 24)
        canvas.drawCentredString(width / 2, height - 8.6 * cm, delegate.full_name)
        canvas.setFont(FONT, 13)
        canvas.drawCentredString(width / 2, height - 10.2 * cm, _("took part in"))
        canvas.setFont(BOLD, 16)
        canvas.drawCentredString(width / 2, height - 11.6 * cm, event.title)
        canvas.setFont(FONT, 12)
        place = f"{event.venue}, " if event.venue else ""
        canvas.drawCentredString(width / 2, height - 12.8 * cm, place + _dates(event))
        url = verify_url(certificate)
        draw_qr(canvas, url, x=width - 6.2 * cm, y=1.8 * cm, size=4 * cm)
        canvas.setFont(FONT, 8)
        canvas.setFillColor(MUTED)
        canvas.drawString(2 * cm, 2.4 * cm, _("Verify this certificate: %(url)s") % {"url": url})
        canvas.drawString(2 * cm, 2.0 * cm, _("Code: %(code)s") % {"code": certificate.code})
    canvas.showPage()
    canvas.save()
    return out.getvalue()
