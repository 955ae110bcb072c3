"""Times in the consolidated report's files read the same wherever the file was made: in a
request, where the body's time zone is active, or on the worker, where nothing is."""

from __future__ import annotations

import io
import re

import time_machine
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from lintas.formats import sheets
from lintas.synthesis import render, services, tasks
from lintas.synthesis.models import GeneratedReport
from tests.api.conftest import ApiClient, new_key
from tests.synthesis.conftest import TODAY, Filled

# "5 Apr 2024, 10:00", with the zone after it where the file names it
MOMENT = re.compile(r"\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}(?: \(UTC[^)]*\))?")


def _docx_text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def _xlsx_text(content: bytes) -> str:
    """The workbook's cells as text; a time cell (in the body's zone, which its column's header
    names: Asia/Ho_Chi_Minh, UTC+7) written as the documents write it."""
    book = load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(
        f"{c.value.day} {c.value:%b %Y, %H:%M} (UTC+7)"
        if c.number_format == sheets.DATETIME
        else str(c.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for c in row
        if getattr(c, "value", None) is not None
    )


def _pdf_text(content: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)


TEXT = {"docx": _docx_text, "xlsx": _xlsx_text, "pdf": _pdf_text}


@time_machine.travel(TODAY, tick=False)
def test_a_report_made_on_the_worker_prints_the_times_a_request_prints_in_the_bodys_zone(
    filled: Filled,
) -> None:
    # In a request: the API renders every format while the body's time zone is active.
    client = ApiClient(new_key(filled.cast.leader))
    url = f"bodies/twg/obligations/{filled.obligation.pk}/synthesis"
    in_request = {fmt: client.get(f"{url}/{fmt}", {"first": "2024-03"}) for fmt in render.FORMATS}
    assert {r.status_code for r in in_request.values()} == {200}

    # On the worker: the task runs outside any request, in the server's zone (UTC).
    made = services.request_report(
        obligation=filled.obligation,
        first="2024-03",
        last="2024-03",
        language="en",
        include_submitted=False,
        by=filled.cast.leader,
    )
    timezone.deactivate()
    tasks.generate_report.call(made.pk)
    on_worker = {f.format: bytes(f.content) for f in GeneratedReport.objects.get().files.all()}

    # 20 April 03:00 UTC is 10:00 in Ho Chi Minh City; A sent March on 5 April 03:00 UTC,
    # B on 15 April, both accepted on 16 April (see tests/synthesis/conftest.py).
    generated = "20 Apr 2024, 10:00 (UTC+7)"
    arrivals = [
        "5 Apr 2024, 10:00 (UTC+7)",
        "16 Apr 2024, 10:00 (UTC+7)",
        "15 Apr 2024, 10:00 (UTC+7)",
        "16 Apr 2024, 10:00 (UTC+7)",
    ]
    for fmt, text in TEXT.items():
        requested = MOMENT.findall(text(in_request[fmt].content))
        worked = MOMENT.findall(text(on_worker[fmt]))
        assert worked == requested, fmt
        assert [m for m in worked if m != generated] == arrivals, fmt
    assert generated in MOMENT.findall(_docx_text(on_worker["docx"]))
    assert generated in MOMENT.findall(_pdf_text(on_worker["pdf"]))
    # the CSV has no times: both are the same file
    assert on_worker["csv"] == in_request["csv"].content


@time_machine.travel(TODAY, tick=False)
def test_a_report_rendered_outside_any_request_prints_the_bodys_zone(filled: Filled) -> None:
    from lintas.synthesis.consolidate import consolidate

    timezone.deactivate()
    report = consolidate(filled.obligation, first="2024-03", language="vi")

    text = _docx_text(render.render(report, "docx").content)

    # Vietnamese puts the time first; the zone is the body's all the same
    assert "10:00 20-04-2024 (UTC+7)" in text  # generated
    assert "10:00 05-04-2024 (UTC+7)" in text  # A's March report arrived
    assert "03:00" not in text
