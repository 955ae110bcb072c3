"""Opens the generated DOCX, XLSX, PDF and CSV files and checks them against the submissions."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
import time_machine
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook
from pypdf import PdfReader

from lintas.formats import sheets
from lintas.synthesis import render
from lintas.synthesis.consolidate import Consolidated, consolidate
from lintas.synthesis.render.data import report_data
from tests.synthesis.conftest import NARRATIVE_A, NARRATIVE_B, NARRATIVE_C, TODAY, Filled


def _report(
    filled: Filled, *, first: str = "2024-03", last: str | None = None, **kw: Any
) -> Consolidated:
    with time_machine.travel(TODAY, tick=False):
        return consolidate(filled.obligation, first=first, last=last, **kw)


def _docx(report: Consolidated):
    return Document(io.BytesIO(render.render(report, "docx").content))


def _table_rows(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def _under_headings(doc) -> dict[str, dict[str, str]]:
    """Each heading's paragraphs that start with a unit's name in bold: {heading: {unit: text}}."""
    found: dict[str, dict[str, str]] = {}
    heading = ""
    for p in doc.paragraphs:
        if p.style.name.startswith("Heading"):
            heading = p.text
        elif p.runs and p.runs[0].bold:
            found.setdefault(heading, {})[p.runs[0].text] = p.text.removeprefix(
                p.runs[0].text + ": "
            )
    return found


def _pdf_text(report: Consolidated) -> str:
    reader = PdfReader(io.BytesIO(render.render(report, "pdf").content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_docx_has_totals_per_unit_rows_and_narratives_under_their_unit(
    filled: Filled,
) -> None:
    doc = _docx(_report(filled))

    rows = [r for t in doc.tables for r in _table_rows(t)]
    assert ["Cases identified (Sum)", "20", "14", "+6"] in rows
    # a row per unit: each figure with its change from February
    assert ["Unit", "Cases identified", "Victims assisted", "Share of cases referred"] in rows
    assert ["Agency A", "12 (+2)", "9 (+4)", "0.50 (+0)"] in rows
    assert ["Agency B", "8 (+4)", "3 (+1)", "0.50 (+0)"] in rows
    assert ["Total", "20 (+6)", "12 (+5)", "0.50 (+0)"] in rows
    assert not any(r[0].startswith("Agency C") and r[1].startswith("100") for r in rows)
    situation = _under_headings(doc)["Situation in the period"]
    assert situation == {"Agency A": NARRATIVE_A, "Agency B": NARRATIVE_B}
    assert NARRATIVE_C not in "\n".join(p.text for p in doc.paragraphs)
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "Situation" in headings and "Figures" in headings
    assert len(doc.inline_shapes) >= 3  # rate, timeliness and the fields' trends


def test_the_docx_lists_late_and_missing_units(filled: Filled) -> None:
    doc = _docx(_report(filled, first="2024-02", last="2024-03"))

    rows = [r for t in doc.tables for r in _table_rows(t)]
    assert ["Agency C", "February 2024", "Missing (past the deadline)", "41"] in rows
    assert ["Agency B", "March 2024", "Submitted late, accepted", "5"] in rows
    assert ["Agency C", "March 2024", "Submitted late", "2"] in rows


def test_submitted_reports_are_marked_in_the_docx(filled: Filled) -> None:
    doc = _docx(_report(filled, include_submitted=True))

    rows = [r for t in doc.tables for r in _table_rows(t)]
    assert ["Agency C *", "100", "1", "0.50"] in rows
    assert ["Cases identified (Sum)", "120 *", "14", "+106"] in rows
    assert _under_headings(doc)["Situation in the period"]["Agency C *"] == NARRATIVE_C


def test_the_docx_headings_dates_and_numbers_are_in_vietnamese(filled: Filled) -> None:
    doc = _docx(_report(filled, language="vi"))

    header_cells = {c for t in doc.tables for c in _table_rows(t)[0]}
    assert "Đơn vị" in header_cells  # Unit
    assert "Tỷ lệ báo cáo" in header_cells  # Reporting rate
    assert "Báo cáo tình hình tháng" in doc.paragraphs[0].text  # the template's own name
    assert "tháng" in doc.paragraphs[0].text.lower()  # March 2024, in Vietnamese


def test_the_xlsx_has_a_totals_sheet_and_a_sheet_per_section(filled: Filled) -> None:
    content = render.render(_report(filled), "xlsx").content
    book = load_workbook(io.BytesIO(content), read_only=True)

    assert book.sheetnames[:5] == [
        "Summary",
        "Totals per field",
        "Figures",
        "Situation",
        "Trainings held",  # a table field: a sheet of its own
    ]
    totals = [list(r) for r in book["Totals per field"].iter_rows(values_only=True)]
    assert totals[0][:4] == ["Section", "Field", "Aggregation", "Total"]
    assert ["Figures", "Cases identified", "Sum", 20, 14, 6] in [t[:6] for t in totals]
    figures = [list(r) for r in book["Figures"].iter_rows(values_only=True)]
    assert figures[0][:4] == [
        "Unit",
        "Cases identified (Sum)",
        "Victims assisted (Sum)",
        "Share of cases referred (Mean)",
    ]
    assert figures[1][:3] == ["Agency A", 12, 9]
    assert figures[2][:3] == ["Agency B", 8, 3]
    assert figures[3][:3] == ["Total", 20, 12]  # labelled, below the filtered rows
    situation = [list(r) for r in book["Situation"].iter_rows(values_only=True)]
    assert situation[1][:3] == ["Agency A", NARRATIVE_A, "Online job advertisement"]
    late = [list(r) for r in book["Late, missing and returned"].iter_rows(values_only=True)]
    march = dt.datetime(2024, 3, 1)  # noqa: DTZ001 (a date cell: spreadsheets know no zones)
    assert ["Agency B", march, "Submitted late, accepted", 5] in late
    assert ["Agency C", march, "Submitted late", 2] in late


def test_xlsx_sheet_names_are_cut_between_words_and_stay_unique() -> None:
    taken: set[str] = set()
    long = "Information exchange: alerts and requests acknowledged"

    assert sheets.sheet_name(long, taken) == "Information exchange"
    assert sheets.sheet_name(long, taken) == "Information exchange (2)"
    assert sheets.sheet_name("Late, missing and returned reports", taken) == (
        "Late, missing and returned"
    )
    assert sheets.sheet_name("Báo cáo trễ hạn, thiếu và bị trả lại để sửa", taken) == (
        "Báo cáo trễ hạn, thiếu và bị"
    )
    assert sheets.sheet_name("A" * 40, taken) == "A" * 31  # one word: cut where it must


def test_the_pdf_has_totals_narratives_and_late_units(filled: Filled) -> None:
    text = _pdf_text(_report(filled, first="2024-02", last="2024-03"))

    assert "Consolidated report" in text
    assert "Cases identified (Sum)" in text
    assert "Agency C" in text and "Missing (past the deadline)" in text
    assert "Border checks found forged labour contracts" in text
    assert "Agency B (March 2024)" in text  # a range names each narrative's period


def test_the_pdf_prints_vietnamese(filled: Filled) -> None:
    text = _pdf_text(_report(filled, language="vi"))

    assert "Báo cáo tình hình tháng" in text
    assert "Đơn vị" in text
    assert "Tỷ lệ báo cáo" in text


@pytest.mark.parametrize("language", ["en", "vi", "id"])
def test_the_csv_has_a_row_per_unit_and_the_total(filled: Filled, language: str) -> None:
    content = render.render(_report(filled, language=language), "csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))

    cases = {r["unit"]: r["value"] for r in rows if r["field"] == "cases"}
    assert cases["Agency A"] == "12" and cases["Agency B"] == "8"
    assert sorted(cases.values()) == ["12", "20", "8"]


def test_every_format_says_a_range_is_not_complete_and_lists_reports_not_yet_due(
    filled: Filled,
) -> None:
    report = _report(filled, first="2024-03", last="2024-04")
    note = "Not complete yet: the deadline of April 2024 (deadline 10 May 2024) has not passed."

    doc = _docx(report)
    texts = [p.text for p in doc.paragraphs]
    assert any(t.startswith(note) for t in texts)
    assert "Not yet due (deadline ahead)" in texts
    rows = [r for t in doc.tables for r in _table_rows(t)]
    assert ["Agency C", "April 2024", "Not yet due (period running)", "10 May 2024"] in rows
    assert ["", "Total", "Previous range", "Change from the previous range †"] in rows
    # April's units are not in the late list, nor drawn as missing
    assert not [r for r in rows if r[:2] == ["Agency C", "April 2024"] and "Missing" in r[2]]

    pdf = " ".join(_pdf_text(report).split())
    assert note in pdf and "Not yet due (deadline ahead)" in pdf

    book = load_workbook(io.BytesIO(render.render(report, "xlsx").content))
    first = [c for row in book.worksheets[0].iter_rows(values_only=True) for c in row if c]
    assert any(str(c).startswith(note) for c in first)
    pending = book["Not yet due (deadline ahead)"]
    assert [c.value for c in pending[2]][:3] == [
        "Agency A",
        dt.datetime(2024, 4, 1),  # noqa: DTZ001 (a date cell, shown "April 2024")
        "Not yet due (period running)",
    ]

    rows_csv = list(csv.DictReader(io.StringIO(render.render(report, "csv").content.decode())))
    assert rows_csv and {r["range_complete"] for r in rows_csv} == {"0"}
    complete = list(
        csv.DictReader(io.StringIO(render.render(_report(filled), "csv").content.decode()))
    )
    assert {r["range_complete"] for r in complete} == {"1"}

    data = report_data(report)
    assert data["complete"] is False
    assert data["open_periods"] == [{"period": "2024-04", "due": "2024-05-10"}]
    assert len(data["not_yet_due"]) == 3 and data["measures"]["reports_not_yet_due"] == 3


def _alerts_in_march(filled: Filled) -> None:
    """An urgent AMBER alert from A to B and C on 3 March 2024: B acknowledges within the hour,
    C never does; and a TLP:RED one to B's focal point, which no figure counts."""
    import datetime as dt

    from lintas.exchange import services as exchange

    c = filled.cast
    sent = dt.datetime(2024, 3, 3, 2, 0, tzinfo=dt.UTC)
    alert = exchange.post_message(
        body=c.body,
        by=c.focal_a,
        author_unit=c.unit_a,
        kind="alert",
        subject="Recruiter at the border",
        text="Watch for him.",
        tlp="amber",
        priority="urgent",
        units=[c.unit_b, c.unit_c],
        now=sent,
    )
    exchange.acknowledge(alert, unit=c.unit_b, by=c.focal_b, now=sent + dt.timedelta(minutes=30))
    exchange.post_message(
        body=c.body,
        by=c.focal_a,
        author_unit=c.unit_a,
        kind="alert",
        subject="Informant",
        text="Secret.",
        tlp="red",
        priority="urgent",
        named=[c.focal_b],
        now=sent,
    )


def test_every_format_has_the_exchange_section_with_each_units_acknowledgements(
    filled: Filled,
) -> None:
    _alerts_in_march(filled)
    report = _report(filled)
    rows = {r.unit: r for r in report.exchange}
    assert set(rows) == {"Agency B", "Agency C"}  # the RED alert is not counted
    assert (rows["Agency B"].expected, rows["Agency B"].on_time) == (1, 1)
    assert rows["Agency B"].median_hours == 0.5
    assert (rows["Agency C"].expected, rows["Agency C"].acknowledged) == (1, 0)
    assert report.exchange_total is not None and report.exchange_total.expected == 2

    text = _pdf_text(report)
    assert "Information exchange: alerts and requests acknowledged" in text
    docx = _docx(report)
    table = next(
        t for t in docx.tables if t.rows[0].cells[0].text == "Unit" and len(t.columns) == 6
    )
    assert _table_rows(table)[1:] == [
        ["Agency B", "1", "1", "1 (100.0%)", "0.5", "0 / 0"],
        ["Agency C", "1", "0", "0 (0.0%)", "—", "0 / 0"],
        ["All units", "2", "1", "1 (50.0%)", "0.5", "0 / 0"],
    ]
    book = load_workbook(io.BytesIO(render.render(report, "xlsx").content))
    sheet = next(s for s in book.worksheets if s.title.startswith("Information exchange"))
    assert [list(r) for r in sheet.iter_rows(values_only=True)][1][:4] == ["Agency B", 1, 1, 1]
    assert report_data(report)["exchange"][1]["unit"] == "Agency C"


def test_a_report_without_alerts_says_none_was_due(filled: Filled) -> None:
    text = _pdf_text(_report(filled))
    assert "No alert or request was due in these periods." in text


def test_the_documents_are_a4_unless_the_body_chose_us_letter(filled: Filled) -> None:
    a4 = _docx(_report(filled)).sections[0]
    assert (round(a4.page_width.mm), round(a4.page_height.mm)) == (210, 297)

    filled.obligation.body.paper_size = "letter"
    filled.obligation.body.save(update_fields=["paper_size"])
    report = _report(filled)
    letter = _docx(report).sections[0]
    assert (round(letter.page_width.mm), round(letter.page_height.mm)) == (216, 279)
    page = PdfReader(io.BytesIO(render.render(report, "pdf").content)).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (612, 792)


def test_the_docx_speaks_the_reports_language_to_word(filled: Filled) -> None:
    doc = _docx(_report(filled, language="vi"))

    defaults = doc.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert lang.get(qn("w:val")) == "vi-VN"
    assert doc.core_properties.language == "vi-VN"
    assert [s.name for s in doc.styles if s.name.startswith("Heading")][:2] == [
        "Heading 1",
        "Heading 2",
    ]
    headings = {p.style.name for p in doc.paragraphs if p.style.name.startswith("Heading")}
    assert {"Heading 1", "Heading 2"} <= headings  # the navigation pane lists them


def test_yes_no_and_choice_answers_are_counted_with_each_units_answer_in_the_annex(
    filled: Filled,
) -> None:
    doc = _docx(_report(filled))
    text = [p.text for p in doc.paragraphs]

    at = text.index("Hotline open all month")
    assert text[at + 1] == "Yes: 2 (of 2 units)"  # not a ✓ per unit
    assert "Agency A: ✓" not in "\n".join(text)
    annex = text.index("Annex: each unit's answers")
    assert text[annex + 1] == "Figures: Hotline open all month"
    rows = [r for t in doc.tables for r in _table_rows(t)]
    assert ["Unit", "Answer"] in rows and ["Agency A", "Yes"] in rows
    assert ["Agency B", "Social media"] in rows

    pdf = " ".join(_pdf_text(_report(filled, first="2024-02", last="2024-03")).split())
    assert "Yes: 4 (of 4 reports)" in pdf
    assert "Annex: each unit's answers" in pdf


def test_the_counts_of_answers_are_in_vietnamese(filled: Filled) -> None:
    doc = _docx(_report(filled, language="vi"))

    assert "Có: 2 (trên 2 đơn vị)" in [p.text for p in doc.paragraphs]
