"""The consolidated report as an editable Word document (python-docx).

Real headings (levels 1 to 3) so the secretary can restyle and reorder it, tables with the
"Table Grid" style, narratives as paragraphs that start with the unit's name in bold.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.shared import Cm, Pt

from lintas.synthesis.consolidate import Consolidated, SectionBlock
from lintas.synthesis.render import charts, words

MARK = " *"


def _table(doc: DocumentObject, header: list[str], rows: list[list[str]]) -> None:
    """A table filled through its cell list, read once: ``table.cell()`` walks the whole
    table each time, which makes big tables quadratic."""
    cols = len(header)
    table = doc.add_table(rows=len(rows) + 1, cols=cols)
    table.style = "Table Grid"
    cells = table._cells
    for c, text in enumerate(header):
        cell = cells[c]
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for r, row in enumerate(rows, start=1):
        base = r * cols
        for c, text in enumerate(row):
            cells[base + c].text = text


def _picture(doc: DocumentObject, png: bytes, width_cm: float = 16) -> None:
    doc.add_picture(io.BytesIO(png), width=Cm(width_cm))


def render_docx(report: Consolidated, *, with_charts: bool = True) -> bytes:
    h = words.headings()
    doc: Any = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10)
    doc.core_properties.title = words.title(report)
    doc.core_properties.language = report.language
    doc.add_heading(words.title(report), level=0)
    doc.add_paragraph(f"{h['body']}: {report.body}")
    doc.add_paragraph(f"{h['periods']}: {words.range_name(report)}")
    doc.add_paragraph(f"{h['generated']}: {words.moment(report.generated_at, report.time_zone)}")
    doc.add_paragraph(h["provisional_note"] if report.include_submitted else h["accepted_only"])
    if note := words.range_note(report):
        doc.add_paragraph(note)

    doc.add_heading(h["summary"], level=1)
    m = report.measures
    _table(
        doc,
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
    if with_charts:
        doc.add_heading(h["charts"], level=1)
        _picture(doc, charts.rate_chart(report))
        _picture(doc, charts.timeliness_chart(report))
        for png in charts.trend_charts(report):
            _picture(doc, png)

    for section in report.sections:
        _section(doc, section, report)

    doc.add_heading(h["late"], level=1)
    if report.late:
        _table(
            doc,
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
    else:
        doc.add_paragraph(h["nothing_late"])
    if report.not_yet_due:
        doc.add_heading(h["not_yet_due"], level=1)
        _table(
            doc,
            [h["unit"], h["period"], h["state"], h["due"]],
            words.not_yet_due_rows(report),
        )

    doc.add_heading(h["exchange"], level=1)
    if report.exchange:
        doc.add_paragraph(h["exchange_note"])
        _table(doc, words.exchange_header(), words.exchange_rows(report))
    else:
        doc.add_paragraph(h["exchange_none"])

    doc.add_heading(h["arrivals"], level=1)
    _table(
        doc,
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
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _section(doc: Any, section: SectionBlock, report: Consolidated) -> None:
    h = words.headings()
    doc.add_heading(section.title, level=1)
    if section.numbers:
        _table(
            doc,
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
        )
        for header, rows in words.unit_grids(section):
            doc.add_paragraph()
            _table(doc, header, rows)
    for table in section.tables:
        doc.add_heading(table.label, level=2)
        _table(
            doc,
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
    for text in section.texts:
        doc.add_heading(text.label, level=2)
        if text.counts:
            doc.add_paragraph(", ".join(f"{label}: {count}" for label, count in text.counts))
        if not text.entries:
            doc.add_paragraph(h["no_answers"])
        for entry in text.entries:
            paragraph = doc.add_paragraph()
            name = entry.unit + (
                f" ({words.period_key_name(entry.period)})" if entry.period else ""
            )
            paragraph.add_run(name + (MARK if entry.provisional else "")).bold = True
            paragraph.add_run(": " + entry.text)
