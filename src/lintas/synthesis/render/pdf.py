"""The consolidated report as PDF (reportlab), in DejaVu Sans so Vietnamese diacritics print.

The font is the one matplotlib ships, so no extra file is needed. Every page has the body and
the report's title in its header and "Page X of Y" and the generation time in its footer
(``build``, shared by every PDF document Lintas writes); the page is the body's paper size.
"""

from __future__ import annotations

import io
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Image,
    LongTable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)

from lintas.core.pdf import BOLD, FONT, register_fonts
from lintas.synthesis.consolidate import Consolidated, SectionBlock
from lintas.synthesis.render import charts, words

MARK = " *"
PAPER = {"a4": A4, "letter": LETTER}
MARGIN = 1.8 * cm
FRAME_GREY = colors.HexColor("#555555")


@cache
def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=base["BodyText"], fontName=FONT, fontSize=9, leading=12)
    return {
        "title": ParagraphStyle("title", parent=base["Title"], fontName=BOLD, fontSize=16),
        "h1": ParagraphStyle("h1", parent=base["Heading1"], fontName=BOLD, fontSize=13),
        "h2": ParagraphStyle("h2", parent=base["Heading2"], fontName=BOLD, fontSize=11),
        "h3": ParagraphStyle("h3", parent=base["Heading3"], fontName=BOLD, fontSize=9.5),
        "body": body,
        "cell": ParagraphStyle("cell", parent=body, fontSize=8, leading=10),
    }


TABLE_STYLE = TableStyle(
    [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTNAME", (0, 0), (-1, 0), BOLD),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("REPEATROWS", (0, 0), (-1, 0)),
    ]
)


def _p(text: str, style: str = "body") -> Paragraph:
    return Paragraph(escape(text), _styles()[style])


def _table(
    header: list[str],
    rows: list[list[str]],
    widths: list[float] | None = None,
    *,
    header_wrap: bool = False,
) -> Any:
    cell = _styles()["cell"]
    # long texts wrap as paragraphs; short ones stay plain strings, which is much faster
    top: list[Any] = (
        [Paragraph(f"<b>{escape(v)}</b>", cell) for v in header] if header_wrap else list(header)
    )
    data = [top] + [[Paragraph(escape(v), cell) if len(v) > 30 else v for v in row] for row in rows]
    table = LongTable(data, colWidths=widths, repeatRows=1)
    table.setStyle(TABLE_STYLE)
    return table


def _image(png: bytes, width: float = 16 * cm, max_height: float = 22 * cm) -> Image:
    image = Image(io.BytesIO(png))
    ratio = image.imageHeight / image.imageWidth
    if width * ratio > max_height:
        width = max_height / ratio
    image.drawWidth, image.drawHeight = width, width * ratio
    return image


def _framed_canvas(header: str, generated: str) -> type[Canvas]:
    """A canvas that holds its pages back until the last, so each can say "Page X of Y"."""

    class Framed(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for state in self._held:
                self.__dict__.update(state)
                self._frame(total)
                super().showPage()
            super().save()

        def _frame(self, total: int) -> None:
            width, height = self._pagesize
            self.saveState()
            self.setFont(FONT, 7.5)
            self.setFillColor(FRAME_GREY)
            self.drawString(MARGIN, height - 1.0 * cm, _clip(header, width - 2 * MARGIN))
            self.setStrokeColor(colors.lightgrey)
            self.line(MARGIN, height - 1.15 * cm, width - MARGIN, height - 1.15 * cm)
            self.line(MARGIN, 1.25 * cm, width - MARGIN, 1.25 * cm)
            pages = _("Page %(page)s of %(pages)s") % {
                "page": self._pageNumber,
                "pages": total,
            }
            self.drawString(MARGIN, 0.85 * cm, pages)
            self.drawRightString(width - MARGIN, 0.85 * cm, generated)
            self.restoreState()

    return Framed


def _clip(text: str, width: float) -> str:
    """The text, cut with an ellipsis where it would run past ``width`` in 7.5 pt."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, FONT, 7.5) <= width:
        return text
    while text and stringWidth(text + "…", FONT, 7.5) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def build(
    story: list[Any],
    *,
    title: str,
    header: str,
    generated: str,
    language: str,
    paper: str = "a4",
) -> bytes:
    """The story as a PDF on the paper (``a4`` or ``letter``), each page with ``header`` at
    the top and "Page X of Y" and ``generated`` at the bottom."""
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=PAPER.get(paper, A4),
        title=title,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=1.7 * cm,
        bottomMargin=1.8 * cm,
        lang=language,
    )
    doc.build(story, canvasmaker=_framed_canvas(header, generated))
    return out.getvalue()


def render_pdf(report: Consolidated, *, with_charts: bool = True) -> bytes:
    h = words.headings()
    s = _styles()
    story: list[Any] = [
        Paragraph(escape(words.title(report)), s["title"]),
        _p(f"{h['body']}: {report.body}"),
        _p(f"{h['periods']}: {words.range_name(report)}"),
        _p(f"{h['generated']}: {words.moment(report.generated_at, report.time_zone)}"),
        _p(words.scope_note(report)),
    ]
    if note := words.range_note(report):
        story.append(_p(note))
    story += [
        Paragraph(escape(h["summary"]), s["h1"]),
    ]
    m = report.measures
    story.append(
        _table(
            [h["expected"], h["actual"], h["reporting_rate"], h["on_time"], h["completeness"]],
            [
                [
                    words.number(m.expected),
                    words.number(m.actual),
                    words.percent(m.reporting_rate),
                    words.percent(m.reporting_rate_on_time),
                    words.percent(m.completeness),
                ]
            ],
        )
    )
    if with_charts:
        story += [Spacer(1, 6), _image(charts.rate_chart(report))]
        story += [Spacer(1, 6), _image(charts.timeliness_chart(report))]
        story += [_image(png, 17 * cm) for png in charts.trend_charts(report)]
    for section in report.sections:
        story += _section(section, report)

    story.append(Paragraph(escape(h["late"]), s["h1"]))
    if report.late:
        story.append(
            _table(
                [h["unit"], h["period"], h["state"], h["days_late"]],
                [
                    [
                        item.unit,
                        words.period_key_name(item.period),
                        words.late_state_name(item),
                        words.number(item.days_late),
                    ]
                    for item in report.late
                ],
            )
        )
    else:
        story.append(_p(h["nothing_late"]))
    if report.not_yet_due:
        story.append(Paragraph(escape(h["not_yet_due"]), s["h1"]))
        story.append(
            _table([h["unit"], h["period"], h["state"], h["due"]], words.not_yet_due_rows(report))
        )
    story.append(Paragraph(escape(h["exchange"]), s["h1"]))
    if report.exchange:
        story.append(_p(h["exchange_note"]))
        story.append(_table(words.exchange_header(), words.exchange_rows(report)))
    else:
        story.append(_p(h["exchange_none"]))
    story.append(Paragraph(escape(h["arrivals"]), s["h1"]))
    story.append(
        _table(
            [h["unit"], h["period"], h["submitted_by"], h["submitted_at"], h["accepted_at"]],
            [
                [
                    a.unit + (MARK if a.provisional else ""),
                    words.period_key_name(a.period),
                    a.submitted_by,
                    words.moment(a.submitted_at, report.time_zone),
                    words.moment(a.accepted_at, report.time_zone)
                    if not a.provisional
                    else h["provisional"],
                ]
                for a in report.arrivals
            ],
        )
    )
    if annex := words.annex_blocks(report):
        story.append(Paragraph(escape(words.annex_heading()), s["h1"]))
        for label, header, rows in annex:
            story.append(Paragraph(escape(label), s["h2"]))
            story.append(_table(header, rows))
    title = words.title(report)
    return build(
        story,
        title=title,
        header=f"{report.body} · {title}",
        generated=f"{h['generated']}: {words.moment(report.generated_at, report.time_zone)}",
        language=report.language,
        paper=report.paper,
    )


def _section(section: SectionBlock, report: Consolidated) -> list[Any]:
    h = words.headings()
    s = _styles()
    story: list[Any] = [Paragraph(escape(section.title), s["h1"])]
    if section.numbers:
        story.append(
            _table(
                ["", h["total"], words.previous_heading(report), words.change_heading(report)],
                [
                    [
                        f"{n.label} ({words.aggregation_name(n.aggregation)})",
                        words.number(n.total) + (MARK if n.provisional else ""),
                        words.number(n.previous),
                        words.signed(n.change),
                    ]
                    for n in section.numbers
                ],
                [8.5 * cm, 2.8 * cm, 2.8 * cm, 2.8 * cm],
            )
        )
        for header, rows in words.unit_grids(section):
            story.append(Spacer(1, 6))
            story.append(_table(header, rows, header_wrap=True))
    for table in section.tables:
        story.append(Paragraph(escape(table.label), s["h2"]))
        story.append(
            _table(
                [h["unit"], h["period"], *[label for _c, label, _t in table.columns]],
                [
                    [
                        row.unit + (MARK if row.provisional else ""),
                        words.period_key_name(row.period),
                        *[words.number(v) if not isinstance(v, str) else v for v in row.cells],
                    ]
                    for row in table.rows
                ]
                + [[h["total"], "", *["" if t is None else words.number(t) for t in table.totals]]],
            )
        )
    for text in section.texts:
        story.append(Paragraph(escape(text.label), s["h2"]))
        if not text.entries:
            story.append(_p(h["no_answers"]))
            continue
        if words.is_categorical(text):  # counted here, each unit's answer in the annex
            story.append(_p(words.counts_line(text)))
            continue
        for entry in text.entries:
            name = entry.unit + (
                f" ({words.period_key_name(entry.period)})" if entry.period else ""
            )
            name += MARK if entry.provisional else ""
            story.append(Paragraph(f"<b>{escape(name)}</b>: {escape(entry.text)}", s["body"]))
    return story
