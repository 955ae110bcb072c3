"""The generated documents as a leader's office software shows them: every DOCX and XLSX Lintas
writes is opened by LibreOffice headless (one ``soffice --convert-to pdf`` call for all of
them), and the PDFs, LibreOffice's and ours, are read back and rendered to PNG pages under
test-artifacts/office/ to look at.

Checked: A4 pages, "Page X of Y" and the header on every page, a table's header row repeated on
the pages it runs over, percentage and date cells, sheet names within Excel's 31 characters.
"""

from __future__ import annotations

import dataclasses
import io
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import time_machine
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook
from pypdf import PdfReader

from lintas.cases.interchange.export import template_file
from lintas.reporting.offline.build import build_workbook
from lintas.synthesis import render
from lintas.synthesis.consolidate import Consolidated, consolidate
from tests.synthesis.conftest import TODAY, Filled

pytestmark = pytest.mark.office

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "office"
A4_POINTS = (595.3, 841.9)
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

_converted: dict[str, Any] = {}


def _report(filled: Filled, language: str = "en") -> Consolidated:
    with time_machine.travel(TODAY, tick=False):
        report = consolidate(filled.obligation, first="2024-02", last="2024-03", language=language)
    # enough arrivals for the table to run over pages: its header must repeat
    return dataclasses.replace(report, arrivals=report.arrivals * 30)


def _office(filled: Filled) -> dict[str, Any]:
    """Every file written once, converted by one soffice call, its pages rendered to PNG."""
    if _converted:
        return _converted
    if SOFFICE is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice is not installed: scripts/test installs libreoffice-writer")
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer/-calc)")
    if ARTIFACTS.exists():
        shutil.rmtree(ARTIFACTS)
    (ARTIFACTS / "pdf").mkdir(parents=True)
    files: dict[str, bytes] = {}
    for language in ("en", "vi", "id"):
        report = _report(filled, language)
        for fmt in ("docx", "xlsx", "pdf"):
            files[f"report-{language}.{fmt}"] = render.render(report, fmt).content
    files["offline-en.xlsx"] = build_workbook(filled.subs[("a", "2024-03")], "en")
    files["cases-template.xlsx"] = template_file("xlsx").content
    for name, content in files.items():
        _disk(name).write_bytes(content)
    office = [str(_disk(n)) for n in files if not n.endswith(".pdf")]
    profile = ARTIFACTS / "profile"  # its own profile: never shares a running LibreOffice's
    subprocess.run(  # noqa: S603
        [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(ARTIFACTS / "pdf"),
            *office,
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    shutil.rmtree(profile, ignore_errors=True)
    pdfs = {n: content for n, content in files.items() if n.endswith(".pdf")}
    for name in files:
        if not name.endswith(".pdf"):
            converted = ARTIFACTS / "pdf" / (_disk(name).stem + ".pdf")
            assert converted.exists(), f"LibreOffice could not open {name}"
            pdfs[name] = converted.read_bytes()
    png = ARTIFACTS / "png"
    png.mkdir()
    for name, content in pdfs.items():
        source = ARTIFACTS / "pdf" / (_disk(name).stem + ".pdf")
        source.write_bytes(content)
        subprocess.run(  # noqa: S603
            ["pdftoppm", "-png", "-r", "50", "-l", "3", str(source), str(png / source.stem)],  # noqa: S607
            check=True,
            timeout=60,
        )
    _converted.update(files=files, pdfs=pdfs, png=png)
    return _converted


def _disk(name: str) -> Path:
    """Where a file is written: "report-en.docx" as report-en-docx.docx, so that each converted
    PDF has its own name."""
    stem, ext = name.rsplit(".", 1)
    return ARTIFACTS / f"{stem}-{ext}.{ext}"


def _pages(content: bytes) -> list[tuple[Any, str]]:
    reader = PdfReader(io.BytesIO(content))
    return [(page, page.extract_text() or "") for page in reader.pages]


@pytest.mark.parametrize("name", ["report-en.docx", "report-en.pdf", "report-vi.docx"])
def test_every_page_is_a4_with_its_number_of_all_and_the_header(filled: Filled, name: str) -> None:
    pages = _pages(_office(filled)["pdfs"][name])
    page_word = {"en": "Page", "vi": "Trang", "id": "Halaman"}[name[7:9]]

    assert len(pages) >= 3
    for number, (page, text) in enumerate(pages, start=1):
        box = page.mediabox
        assert (round(float(box.width), 0), round(float(box.height), 0)) == (595, 842)
        flat = " ".join(text.split())
        assert re.search(rf"{page_word} {number}\D+{len(pages)}\b", flat), (number, flat[-200:])
        assert "Test Working Group" in flat  # the header: the body and the report's title


def test_the_docx_table_header_repeats_and_rows_stay_whole(filled: Filled) -> None:
    office = _office(filled)
    pages = _pages(office["pdfs"]["report-en.docx"])
    with_arrivals = [text for _page, text in pages if "Anh Focal" in text]  # a submitter

    assert len(with_arrivals) >= 2  # the arrivals run over pages
    assert all("Submitted by" in text for text in with_arrivals)  # the header row on each
    doc = Document(io.BytesIO(office["files"]["report-en.docx"]))
    for table in doc.tables:
        rows = table._tbl.tr_lst
        assert rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        assert all(row.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for row in rows)


def test_the_xlsx_opens_with_percentages_and_months_as_its_language_writes_them(
    filled: Filled,
) -> None:
    office = _office(filled)
    text = " ".join(t for _p, t in _pages(office["pdfs"]["report-en.xlsx"]))
    book = load_workbook(io.BytesIO(office["files"]["report-en.xlsx"]))

    summary = {row[0].value: row[1] for row in book.worksheets[0].iter_rows() if row[0].value}
    rate = summary["Reporting rate"]
    assert rate.data_type == "n" and rate.number_format == "0.0%"
    assert f"{rate.value * 100:.1f}%" in text  # LibreOffice shows it as a percentage
    assert "February 2024" in text  # and the months as months
    late = book["Late, missing and returned"]
    period = late["B2"]
    assert period.is_date and period.number_format == "mmmm yyyy"
    situation = book["Situation"]
    two_months = situation["B2"]  # Agency A's narratives of February and March, a line each
    assert two_months.value.count("\n") == 1 and two_months.alignment.wrap_text
    assert situation.row_dimensions[2].height >= 30  # as tall as its lines, not cut to one
    assert "Two fake job advertisements" in text  # LibreOffice shows the second line
    arrivals = book[book.sheetnames[-1]]
    assert arrivals["D2"].is_date and arrivals["D1"].value == "Submitted (Asia/Ho_Chi_Minh)"


@pytest.mark.parametrize("language", ["en", "vi", "id"])
def test_the_sheets_have_short_whole_names_a_frozen_header_and_a_filter(
    filled: Filled, language: str
) -> None:
    book = load_workbook(io.BytesIO(_office(filled)["files"][f"report-{language}.xlsx"]))
    headings = _headings(language)

    for sheet in book.worksheets:
        assert len(sheet.title) <= 31
        assert any(h.startswith(sheet.title) for h in headings), sheet.title
    for sheet in book.worksheets[1:]:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")
        first = sheet.column_dimensions["A"].width
        assert first >= max(len(str(c.value or "")) for c in sheet["A"][:5] if c.row == 1)


def _headings(language: str) -> list[str]:
    """Every sheet's full title: the report's headings and the template's sections."""
    from django.utils import translation

    from lintas.synthesis.render import words

    with translation.override(language):
        names = list(words.headings().values())
        names += [translation.gettext("Totals per field"), "Trainings held"]
    sections = {
        "en": ["Figures", "Situation"],
        "vi": ["Số liệu", "Situation"],
        "id": ["Angka", "Situation"],
    }
    return [" ".join(re.sub(r"[\[\]:*?/\\]", " ", n).split()) for n in names] + sections[language]


def test_the_office_workbooks_and_the_cases_template_open(filled: Filled) -> None:
    pdfs = _office(filled)["pdfs"]

    for name in ("offline-en.xlsx", "cases-template.xlsx"):
        pages = _pages(pdfs[name])
        assert pages and any(text.strip() for _p, text in pages), name
