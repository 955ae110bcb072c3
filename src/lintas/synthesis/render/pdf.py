"""The consolidated report as PDF (reportlab), in DejaVu Sans so Vietnamese diacritics print.

The font is the one matplotlib ships, so no extra file is needed.
"""

from __future__ import annotations

import io
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
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


def render_pdf(report: Consolidated, *, with_charts: bool = True) -> bytes:
    h = words.headings()
    s = _styles()
    story: list[Any] = [
        Paragraph(escape(words.title(report)), s["title"]),
        _p(f"{h['body']}: {report.body}"),
        _p(f"{h['periods']}: {words.range_name(report)}"),
        _p(f"{h['generated']}: {words.moment(report.generated_at, report.time_zone)}"),
        _p(h["provisional_note"] if report.include_submitted else h["accepted_only"]),
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
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        title=words.title(report),
        leftMargin=1.8 * cm,
        rightMargin=1.8 * cm,
        topMargin=1.6 * cm,
        bottomMargin=1.6 * cm,
        lang=report.language,
    )
    doc.build(story)
    return out.getvalue()


def _section(section: SectionBlock, report: Consolidated) -> list[Any]:
    h = words.headings()
    s = _styles()
    story: list[Any] = [Paragraph(escape(section.title), s["h1"])]
    if section.numbers:
        story.append(
            _table(
                ["", h["total"], h["previous"], words.change_heading(report)],
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
        if text.counts:
            story.append(_p(", ".join(f"{label}: {count}" for label, count in text.counts)))
        if not text.entries:
            story.append(_p(h["no_answers"]))
        for entry in text.entries:
            name = entry.unit + (
                f" ({words.period_key_name(entry.period)})" if entry.period else ""
            )
            name += MARK if entry.provisional else ""
            story.append(Paragraph(f"<b>{escape(name)}</b>: {escape(entry.text)}", s["body"]))
    return story
