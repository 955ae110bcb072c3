"""The consolidated report as an editable Word document (python-docx).

Real Word styles (Title, Heading 1 and 2, so the navigation pane and a table of contents work)
so the secretary can restyle and reorder it; tables with the "Table Grid" style whose header row
repeats on every page, whose rows never break across pages and whose columns are as wide as their
words need; narratives as paragraphs that start with the unit's name in bold. The page is the
body's paper size (A4 unless it chose US Letter), with the body and the report's title in the
header and "Page X of Y" and the generation time in the footer; the document's language, which
Word's proofing follows, is the report's.

The helpers (``new_document``, ``_table``, ``_picture``, ``page_frame``, ``save``) are shared by
every Word document Lintas writes.
"""

from __future__ import annotations

import io
import re
from typing import Any

from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Inches, Mm, Pt

from lintas.synthesis.consolidate import Consolidated, SectionBlock
from lintas.synthesis.render import charts, words

MARK = " *"
PAPER = {"a4": (Mm(210), Mm(297)), "letter": (Mm(215.9), Mm(279.4))}
MARGIN = Cm(2)
# languages as Word names them (w:lang): proofing and hyphenation follow them
LANGUAGE_TAGS = {"en": "en-GB", "vi": "vi-VN", "id": "id-ID"}
CHAR_CM = 0.21  # the mean width of a character of Calibri 10 pt, bold, in cm
CELL_PAD_CM = 0.45  # a cell's left and right margins together, and some air
WORD = re.compile(r"\S+")


def language_tag(language: str) -> str:
    return LANGUAGE_TAGS.get(language, language)


def new_document(*, title: str, language: str, paper: str = "a4") -> Any:
    """An empty document on the paper (``a4`` or ``letter``), in the language, with its title
    in the file's properties."""
    doc: Any = Document()
    styles = doc.styles
    styles["Normal"].font.name = "Calibri"
    styles["Normal"].font.size = Pt(10)
    # the language of every run that says none: docDefaults, read by Word and LibreOffice
    rpr = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    tag = language_tag(language)
    for attribute in ("w:val", "w:eastAsia"):
        lang.set(qn(attribute), tag)
    doc.core_properties.title = title
    doc.core_properties.language = tag
    width, height = PAPER.get(paper, PAPER["a4"])
    for section in doc.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = width, height
        section.left_margin = section.right_margin = MARGIN
        section.top_margin = section.bottom_margin = MARGIN
        section.header_distance = section.footer_distance = Cm(1)
    return doc


def text_width(doc: DocumentObject) -> int:
    """The width between the margins, in EMU."""
    section = doc.sections[0]
    return (
        int(section.page_width or 0)
        - int(section.left_margin or 0)
        - int(section.right_margin or 0)
    )


def _field(paragraph: Any, code: str, shown: str) -> None:
    """A field (PAGE, NUMPAGES) that Word and LibreOffice compute when they lay out the pages."""
    for kind, text in (("begin", None), ("instr", f" {code} "), ("separate", None), ("", shown)):
        run = paragraph.add_run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        elif kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        else:
            run.text = text
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)


def page_frame(doc: DocumentObject, *, header: str, generated: str) -> None:
    """The header (``header``: the body and the document's title) and the footer ("Page X of Y"
    on the left, ``generated`` on the right) of every page."""
    section = doc.sections[0]
    top = section.header.paragraphs[0]
    top.text = header
    for run in top.runs:
        run.font.size = Pt(8)
    bottom = section.footer.paragraphs[0]
    stops = bottom.paragraph_format.tab_stops
    for inches in (3.25, 6.5):  # the Footer style's centre and right stops, made for Letter
        stops.add_tab_stop(Inches(inches), WD_TAB_ALIGNMENT.CLEAR)
    stops.add_tab_stop(text_width(doc), WD_TAB_ALIGNMENT.RIGHT)
    # "Page %(page)s of %(pages)s": the words around the two numbers, in the language
    sentence = _("Page %(page)s of %(pages)s")
    parts = re.split(r"(%\((?:page|pages)\)s)", sentence)
    for part in parts:
        if part == "%(page)s":
            _field(bottom, "PAGE", "1")
        elif part == "%(pages)s":
            _field(bottom, "NUMPAGES", "1")
        elif part:
            bottom.add_run(part)
    bottom.add_run("\t" + generated)
    for run in bottom.runs:
        run.font.size = Pt(8)


def _column_widths(header: list[str], rows: list[list[str]], total: int) -> list[int]:
    """Widths (EMU) that fit the columns' content in ``total``: each column at least as wide as
    its longest word (so no word breaks inside: "Communication / s"), the rest shared by how
    much text each column holds."""
    cols = len(header)
    longest_word = [1] * cols
    longest_line = [1] * cols
    for row in [header, *rows[:200]]:  # enough rows to know the columns
        for c, text in enumerate(row[:cols]):
            text = text or ""
            longest_line[c] = max(longest_line[c], min(len(text), 60))
            for word in WORD.findall(text):
                longest_word[c] = max(longest_word[c], min(len(word), 30))
    cm = 360000  # EMU in a cm
    least = [int((n * CHAR_CM + CELL_PAD_CM) * cm) for n in longest_word]
    lines = [int((n * CHAR_CM + CELL_PAD_CM) * cm) for n in longest_line]
    want = [max(a, b) for a, b in zip(least, lines, strict=True)]
    if sum(want) <= total:  # everything fits on one line: spread what is left evenly
        spare = (total - sum(want)) // cols
        return [w + spare for w in want]
    if sum(least) >= total:  # not even the longest words fit: shrink in proportion
        return [w * total // sum(least) for w in least]
    # every column its longest word; then what is left, the columns that need least first,
    # each at most an even share of what remains, so a short column is never squeezed
    widths = list(least)
    spare = total - sum(least)
    order = sorted(range(cols), key=lambda c: want[c] - least[c])
    for done, c in enumerate(order):
        give = min(want[c] - least[c], spare // (cols - done))
        widths[c] += give
        spare -= give
    return widths


def _row_properties(tr: Any, *, header: bool) -> None:
    """A row that never breaks across pages; the header row repeats on every page."""
    props = tr.get_or_add_trPr()
    props.append(OxmlElement("w:cantSplit"))
    if header:
        props.append(OxmlElement("w:tblHeader"))


def _table(doc: DocumentObject, header: list[str], rows: list[list[str]]) -> Any:
    """A table filled through its cell list, read once: ``table.cell()`` walks the whole
    table each time, which makes big tables quadratic. Its header row repeats on every page,
    no row breaks across pages and the columns fit their words."""
    cols = len(header)
    table = doc.add_table(rows=len(rows) + 1, cols=cols)
    table.style = "Table Grid"
    table.autofit = False
    widths = _column_widths(header, rows, text_width(doc))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid, read by LibreOffice
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
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
    for r, tr in enumerate(table._tbl.tr_lst):
        _row_properties(tr, header=r == 0)
        for c, tc in enumerate(tr.tc_lst):
            tc.width = widths[c]  # the cells' own widths, read by Word
    return table


def _picture(doc: DocumentObject, png: bytes, width_cm: float = 16) -> None:
    doc.add_picture(io.BytesIO(png), width=min(Cm(width_cm), text_width(doc)))


def save(doc: DocumentObject) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def render_docx(report: Consolidated, *, with_charts: bool = True) -> bytes:
    h = words.headings()
    title = words.title(report)
    generated = words.moment(report.generated_at, report.time_zone)
    doc = new_document(title=title, language=report.language, paper=report.paper)
    page_frame(doc, header=f"{report.body} · {title}", generated=f"{h['generated']}: {generated}")
    doc.add_heading(title, level=0)
    doc.add_paragraph(f"{h['body']}: {report.body}")
    doc.add_paragraph(f"{h['periods']}: {words.range_name(report)}")
    doc.add_paragraph(f"{h['generated']}: {generated}")
    doc.add_paragraph(words.scope_note(report))
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
    if annex := words.annex_blocks(report):
        doc.add_heading(words.annex_heading(), level=1)
        for label, header, rows in annex:
            doc.add_heading(label, level=2)
            _table(doc, header, rows)
    return save(doc)


def _section(doc: Any, section: SectionBlock, report: Consolidated) -> None:
    h = words.headings()
    doc.add_heading(section.title, level=1)
    if section.numbers:
        _table(
            doc,
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
        if not text.entries:
            doc.add_paragraph(h["no_answers"])
            continue
        if words.is_categorical(text):  # counted here, each unit's answer in the annex
            doc.add_paragraph(words.counts_line(text))
            continue
        for entry in text.entries:
            paragraph = doc.add_paragraph()
            name = entry.unit + (
                f" ({words.period_key_name(entry.period)})" if entry.period else ""
            )
            paragraph.add_run(name + (MARK if entry.provisional else "")).bold = True
            paragraph.add_run(": " + entry.text)
