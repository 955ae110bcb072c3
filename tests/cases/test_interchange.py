"""Cases in and out as HTCDS-shaped files: exports honour the policy, personal data leaves only in
a password-protected file and is audited; imports are checked whole and save all or nothing."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile

import pytest
import pyzipper
import time_machine
from django.core.exceptions import PermissionDenied
from django.db import connection
from msoffcrypto.exceptions import InvalidKeyError
from openpyxl import Workbook, load_workbook

from lintas.audit.models import AuditEntry
from lintas.cases import selectors, services
from lintas.cases.interchange import Format, export_cases
from lintas.cases.interchange.columns import HEADER
from lintas.cases.models import TLP, Case, CaseEvent, CasePerson
from lintas.cases.services import import_cases
from lintas.core.errors import LintasError
from lintas.members.models import Unit
from tests.cases.conftest import NARRATIVE, VICTIM_NAME, add_victim, new_case, shared_case
from tests.cases.conftest import decrypt_xlsx as open_locked_xlsx
from tests.conftest import Cast

PASSWORD = "a long export password"
VIETNAMESE_NAME = "Nguyễn Thị Hương"
BASIC = [
    "case_reference",
    "case_opened_on",
    "person_role",
    "person_full_name",
    "person_nationality",
]


def csv_bytes(rows: list[list[str]], header: list[str] | None = None) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header or BASIC)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def read_csv(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def unzip(content: bytes, password: str = PASSWORD) -> bytes:
    with pyzipper.AESZipFile(io.BytesIO(content)) as archive:
        archive.setpassword(password.encode())
        return archive.read(archive.namelist()[0])


def decrypt_xlsx(content: bytes, password: str = PASSWORD) -> list[dict[str, str]]:
    return open_locked_xlsx(content, password)


def snapshot() -> tuple[int, int, int, int]:
    return (
        Case.objects.count(),
        CasePerson.objects.count(),
        CaseEvent.objects.count(),
        AuditEntry.objects.count(),
    )


def other_unit(cast: Cast) -> Unit:
    return Unit.objects.get(body=cast.other_body)


# --- export ---------------------------------------------------------------------------------


def test_an_export_with_personal_data_round_trips_through_import_into_another_body(
    cast: Cast,
) -> None:
    case = shared_case(cast, TLP.AMBER)
    services.add_event(
        case,
        by=cast.focal_a,
        kind="recruitment",
        occurred_on=dt.date(2024, 1, 10),
        country="VN",
        place="Ha Noi",
        description="Met the recruiter in a café",
    )
    add_victim(cast, case, name=VIETNAMESE_NAME)
    new_case(cast, reference="A-2024-002", tlp=TLP.GREEN)  # a case without persons

    export = export_cases(
        body=cast.body,
        by=cast.focal_a,
        personal_data=True,
        file_format=Format.ZIP,
        password=PASSWORD,
    )
    result = import_cases(
        body=cast.other_body,
        owner_unit=other_unit(cast),
        by=cast.focal_c,
        file=unzip(export.content),
    )

    assert result.problems == []
    assert (result.cases, result.persons, result.events) == (2, 3, 1)
    copy = Case.objects.get(body=cast.other_body, reference="A-2024-001")
    assert copy.tlp == TLP.AMBER
    assert copy.narrative == NARRATIVE
    assert copy.origin_countries == ["VN"]
    assert copy.exploitation_types == ["forced_criminality"]
    names = sorted(p.full_name for p in copy.persons.all())
    assert names == sorted([VICTIM_NAME, VIETNAMESE_NAME, "Tran Van Suspect"])
    victim = next(p for p in copy.persons.all() if p.full_name == VICTIM_NAME)
    assert victim.date_of_birth == dt.date(2001, 5, 17)
    assert victim.contacts["phones"] == ["+84 912 345 678"]
    assert victim.documents == ["passport C1234567 VN"]
    event = copy.events.get()
    assert (event.kind, event.occurred_on, event.place) == (
        "recruitment",
        dt.date(2024, 1, 10),
        "Ha Noi",
    )
    assert event.description == "Met the recruiter in a café"
    empty = Case.objects.get(body=cast.other_body, reference="A-2024-002")
    assert (empty.tlp, empty.persons.count()) == (TLP.GREEN, 0)


def test_personal_columns_are_empty_for_a_reader_without_personal_data(cast: Cast) -> None:
    case = shared_case(cast, TLP.GREEN)  # unit C reads the GREEN case, not its personal data

    rows = decrypt_xlsx(
        export_cases(
            body=cast.body,
            by=cast.focal_c,
            personal_data=True,
            file_format=Format.XLSX,
            password=PASSWORD,
        ).content
    )

    assert [r["case_reference"] for r in rows] == [case.reference, case.reference]
    assert sorted(r["person_role"] for r in rows) == ["suspect", "victim"]
    assert all(r["person_full_name"] == "" and r["person_date_of_birth"] == "" for r in rows)
    assert all(r["case_narrative"] == "" for r in rows)
    assert not AuditEntry.objects.filter(action="cases.person.exported").exists()


def test_a_shared_unit_gets_a_victims_data_only_with_consent(cast: Cast) -> None:
    case = shared_case(cast, TLP.AMBER)  # the victim consented to unit B
    services.add_person(
        case, by=cast.focal_a, role=CasePerson.PersonRole.VICTIM, full_name="No Consent Given"
    )

    rows = read_csv(
        unzip(
            export_cases(
                body=cast.body,
                by=cast.focal_b,
                personal_data=True,
                file_format=Format.ZIP,
                password=PASSWORD,
            ).content
        )
    )

    names = sorted(r["person_full_name"] for r in rows)
    assert names == ["", "Nguyen Thi Victim", "Tran Van Suspect"]


def test_a_red_case_is_absent_from_the_export_of_anyone_not_named(cast: Cast) -> None:
    red = shared_case(cast, TLP.RED)  # named: focal_a and focal_b
    new_case(cast, reference="A-2024-009", tlp=TLP.GREEN)

    def references(user) -> set[str]:
        content = export_cases(body=cast.body, by=user).content
        return {r["case_reference"] for r in read_csv(content)}

    assert references(cast.focal_c) == {"A-2024-009"}
    assert references(cast.secretariat) == {"A-2024-009"}
    assert references(cast.focal_b) == {red.reference, "A-2024-009"}


def test_an_export_without_personal_data_is_a_plain_csv_with_empty_personal_columns(
    cast: Cast,
) -> None:
    shared_case(cast, TLP.AMBER)

    export = export_cases(body=cast.body, by=cast.focal_a)

    assert export.filename.endswith(".csv")
    assert export.content.startswith(b"\xef\xbb\xbf")
    rows = read_csv(export.content)
    assert list(rows[0]) == HEADER
    assert {r["person_full_name"] for r in rows} == {""}
    assert {r["case_narrative"] for r in rows} == {""}
    assert {r["case_tlp"] for r in rows} == {"TLP:AMBER"}
    assert not AuditEntry.objects.filter(action="cases.person.exported").exists()


def test_the_encrypted_workbook_opens_only_with_its_password(cast: Cast) -> None:
    case = new_case(cast)
    add_victim(cast, case, name=VIETNAMESE_NAME)

    content = export_cases(
        body=cast.body,
        by=cast.focal_a,
        personal_data=True,
        file_format=Format.XLSX,
        password=PASSWORD,
    ).content

    assert VIETNAMESE_NAME.encode() not in content
    with pytest.raises(zipfile.BadZipFile):  # not a zip package: openpyxl cannot open it
        load_workbook(io.BytesIO(content))
    with pytest.raises(InvalidKeyError):
        decrypt_xlsx(content, password="not the password")
    rows = decrypt_xlsx(content)
    assert rows[0]["person_full_name"] == VIETNAMESE_NAME


def test_the_aes_zip_opens_only_with_its_password(cast: Cast) -> None:
    case = new_case(cast)
    add_victim(cast, case, name=VIETNAMESE_NAME)

    content = export_cases(
        body=cast.body,
        by=cast.focal_a,
        personal_data=True,
        file_format=Format.ZIP,
        password=PASSWORD,
    ).content

    with pyzipper.AESZipFile(io.BytesIO(content)) as archive:
        info = archive.infolist()[0]
        assert info.flag_bits & 0x1  # encrypted
        with pytest.raises(RuntimeError):
            archive.read(info.filename, pwd=b"not the password")
    rows = read_csv(unzip(content))
    assert rows[0]["person_full_name"] == VIETNAMESE_NAME


def test_an_export_is_audited_with_counts_and_each_exported_person_for_the_owner(
    cast: Cast,
) -> None:
    case = shared_case(cast, TLP.AMBER)
    new_case(cast, reference="A-2024-002")

    export_cases(
        body=cast.body, by=cast.focal_b, personal_data=True, file_format="zip", password=PASSWORD
    )

    entry = AuditEntry.objects.get(action="cases.export.created")
    assert entry.actor == cast.focal_b
    assert entry.data["cases"] == 1  # A-2024-002 is AMBER and not shared with B
    assert entry.data["persons"] == 2
    assert entry.data["persons_with_personal_data"] == 2
    assert entry.data["personal_data"] is True
    exported = AuditEntry.objects.filter(action="cases.person.exported")
    assert {int(e.object_id) for e in exported} == set(case.persons.values_list("pk", flat=True))
    access = selectors.case_access_entries(case)
    assert access.filter(action="cases.person.exported").count() == 2
    assert access.filter(action="cases.case.exported").count() == 1
    every_entry = json.dumps(list(AuditEntry.objects.values("data", "object_label", "reason")))
    assert VICTIM_NAME not in every_entry
    assert PASSWORD not in every_entry


def test_personal_data_is_exported_only_in_a_file_with_a_long_password(cast: Cast) -> None:
    shared_case(cast, TLP.AMBER)
    before = AuditEntry.objects.count()

    with pytest.raises(LintasError):
        export_cases(
            body=cast.body,
            by=cast.focal_a,
            personal_data=True,
            file_format="xlsx",
            password="short",
        )
    with pytest.raises(LintasError):
        export_cases(
            body=cast.body,
            by=cast.focal_a,
            personal_data=True,
            file_format="csv",
            password=PASSWORD,
        )
    assert AuditEntry.objects.count() == before


# --- import: the file and its header --------------------------------------------------------


def _import(cast: Cast, content: bytes, **kwargs):
    return import_cases(
        body=cast.body, owner_unit=cast.unit_a, by=cast.focal_a, file=content, **kwargs
    )


def test_wrong_missing_and_duplicated_columns_are_named(cast: Cast) -> None:
    header = ["case_reference", "person_role", "person_role", "person_fullname"]
    before = snapshot()

    result = _import(cast, csv_bytes([["A-1", "victim", "victim", "X"]], header=header))

    messages = {(p.row, p.column): p.message for p in result.problems}
    assert "appears 2 times" in messages[(1, "person_role")]
    assert "Did you mean “person_full_name”?" in messages[(1, "person_fullname")]
    assert "missing" in messages[(1, "case_opened_on")]
    assert snapshot() == before


def test_a_windows_encoded_file_is_refused_naming_the_line_and_how_to_save_it(cast: Cast) -> None:
    content = "case_reference,case_opened_on\nA-1,2024-03-02\nCafé-2,2024-03-02\n".encode("cp1252")

    result = _import(cast, content)

    [refusal] = result.problems
    assert "Line 3" in refusal.message
    assert "CSV UTF-8" in refusal.message
    assert not Case.objects.exists()


def test_a_utf16_file_is_refused_with_how_to_save_it(cast: Cast) -> None:
    content = "case_reference,case_opened_on\nA-1,2024-03-02\n".encode("utf-16")

    [refusal] = _import(cast, content).problems

    assert "UTF-16" in refusal.message
    assert "CSV UTF-8" in refusal.message


def test_a_utf8_file_with_a_byte_order_mark_is_read(cast: Cast) -> None:
    content = b"\xef\xbb\xbf" + csv_bytes([["A-1", "2024-03-02", "victim", VIETNAMESE_NAME, "VN"]])

    result = _import(cast, content)

    assert result.saved
    person = Case.objects.get(reference="A-1").persons.get()
    assert person.full_name == VIETNAMESE_NAME


def test_something_that_is_not_a_workbook_is_refused(cast: Cast) -> None:
    archive = io.BytesIO()
    with pyzipper.ZipFile(archive, "w") as z:
        z.writestr("hello.txt", "hello")

    [refusal] = _import(cast, archive.getvalue()).problems

    assert "not an XLSX workbook" in refusal.message


# --- import: rows ---------------------------------------------------------------------------


def test_dates_in_iso_day_first_dotted_and_month_name_forms_are_read_day_first(cast: Cast) -> None:
    forms = ["2024-03-02", "02/03/2024", "02.03.2024", "2-Mar-2024", "2 March 2024"]
    rows = [[f"A-{i}", form, "", "", ""] for i, form in enumerate(forms)]

    result = _import(cast, csv_bytes(rows))

    assert result.problems == []
    assert set(Case.objects.values_list("opened_on", flat=True)) == {dt.date(2024, 3, 2)}
    assert Case.objects.count() == 5


def test_a_month_first_date_is_refused_with_its_row_and_column(cast: Cast) -> None:
    rows = [["A-1", "2024-03-02", "", "", ""], ["A-2", "03/25/2024", "", "", ""]]

    result = _import(cast, csv_bytes(rows))

    [bad] = result.problems
    assert (bad.row, bad.column, bad.value) == (3, "case_opened_on", "03/25/2024")
    assert "day before month" in bad.message
    assert not Case.objects.exists()


def test_a_file_with_problems_lists_each_with_its_row_and_saves_nothing(cast: Cast) -> None:
    new_case(cast, reference="OLD-1")
    before = snapshot()
    header = [*BASIC, "case_status", "case_origin_countries"]
    rows = [
        ["B-1", "2024-03-02", "victim", "Lan", "VN", "open", "VN"],  # row 2: fine
        ["B-1", "2024-03-02", "suspect", "Minh", "VN", "closed", "VN"],  # 3: conflicts with 2
        ["OLD-1", "2024-03-02", "", "", "", "open", ""],  # 4: already in the body
        ["B-2", "03/25/2024", "", "", "", "open", ""],  # 5: month first
        ["B-1", "2024-03-02", "witness", " lan ", "TH", "", ""],  # 6: Lan again in B-1
        ["B-3", "2024-03-02", "victim", "Hoa", "VNM", "open", "VN, XX"],  # 7: bad countries
        ["B-4", "2024-03-02", "boss", "Tuan", "VN", "open", ""],  # 8: unknown role
    ]

    result = _import(cast, csv_bytes(rows, header=header))

    found = [(p.row, p.column) for p in result.problems]
    assert found == [
        (3, "case_status"),
        (4, "case_reference"),
        (5, "case_opened_on"),
        (6, "person_full_name"),
        (7, "case_origin_countries"),
        (7, "person_nationality"),
        (8, "person_role"),
    ]
    assert not result.saved
    assert snapshot() == before


def test_values_of_personal_columns_are_not_repeated_in_the_report(cast: Cast) -> None:
    header = [*BASIC, "person_date_of_birth"]
    rows = [["A-1", "2024-03-02", "victim", "Lan", "VN", "31/02/2001"]]

    [bad] = _import(cast, csv_bytes(rows, header=header)).problems

    assert (bad.row, bad.column, bad.value) == (2, "person_date_of_birth", "")


def test_a_clean_file_is_saved_through_the_services_and_audited(cast: Cast) -> None:
    header = [*BASIC, "case_tlp", "case_events", "person_phones"]
    rows = [
        ["C-1", "2024-03-02", "victim", "Lan", "VN", "TLP:GREEN", "2024-01-05|recruitment|VN", ""],
        ["C-1", "2024-03-02", "suspect", "Minh", "CN", "", "", "+84 900 000 001; +84 901 000 002"],
        ["C-2", "2024-03-03", "", "", "", "red", "", ""],
    ]
    before = AuditEntry.objects.count()

    result = _import(cast, csv_bytes(rows, header=header))

    assert result.saved
    c1, c2 = Case.objects.get(reference="C-1"), Case.objects.get(reference="C-2")
    assert (c1.tlp, c2.tlp) == (TLP.GREEN, TLP.RED)
    assert c1.owner_unit == cast.unit_a
    assert c2.red_access.filter(user=cast.focal_a).exists()
    minh = next(p for p in c1.persons.all() if p.full_name == "Minh")
    assert minh.contacts["phones"] == ["+84 900 000 001", "+84 901 000 002"]
    assert c1.events.get().kind == "recruitment"
    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True)[before:])
    assert actions.count("cases.case.created") == 2
    assert actions.count("cases.person.added") == 2
    assert actions.count("cases.event.added") == 1
    assert actions[-1] == "cases.import.completed"
    with connection.cursor() as cursor:
        cursor.execute("SELECT full_name FROM cases_caseperson")
        assert all(value.startswith("enc1:") for (value,) in cursor.fetchall())


def test_a_checked_file_is_not_saved_on_a_dry_run(cast: Cast) -> None:
    before = snapshot()

    result = _import(cast, csv_bytes([["A-1", "2024-03-02", "victim", "Lan", "VN"]]), dry_run=True)

    assert (result.ok, result.saved, result.cases, result.persons) == (True, False, 1, 1)
    assert snapshot() == before


def test_an_xlsx_file_is_imported_with_real_date_cells(cast: Cast) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(BASIC)
    cell_date = dt.datetime(2024, 3, 2)  # noqa: DTZ001 (spreadsheet cells hold naive values)
    ws.append(["X-1", cell_date, "victim", VIETNAMESE_NAME, "vn"])
    buffer = io.BytesIO()
    wb.save(buffer)

    result = _import(cast, buffer.getvalue())

    assert result.saved
    case = Case.objects.get(reference="X-1")
    assert case.opened_on == dt.date(2024, 3, 2)
    assert case.persons.get().nationality == "VN"


def test_a_person_imports_only_for_a_unit_they_record_cases_for(cast: Cast) -> None:
    with pytest.raises(PermissionDenied):
        import_cases(
            body=cast.body,
            owner_unit=cast.unit_b,
            by=cast.focal_a,
            file=csv_bytes([["A-1", "2024-03-02", "", "", ""]]),
        )
    assert not Case.objects.exists()


# --- pages ----------------------------------------------------------------------------------


def _upload(content: bytes, name: str = "cases.csv") -> io.BytesIO:
    file = io.BytesIO(content)
    file.name = name
    return file


def test_the_import_page_shows_every_problem_and_offers_the_report_as_csv(
    cast: Cast, client_for
) -> None:
    client = client_for(cast.focal_a)
    url = f"/b/{cast.body.slug}/cases/import/"
    rows = [
        ["A-1", "03/25/2024", "victim", "Lan", "VN"],
        ["A-2", "2024-03-02", "victim", "Ha", "VNM"],
    ]

    response = client.post(
        url, {"owner_unit": cast.unit_a.pk, "file": _upload(csv_bytes(rows)), "step": "check"}
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing was imported: 2 problems need fixing." in page
    assert "03/25/2024" in page and "VNM" in page
    report = read_csv_rows(client.get(url + "?format=csv").content)
    assert [row[:2] for row in report[1:]] == [["2", "case_opened_on"], ["3", "person_nationality"]]
    assert not Case.objects.exists()


def read_csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_the_import_page_previews_then_saves_on_confirmation(cast: Cast, client_for) -> None:
    client = client_for(cast.focal_a)
    url = f"/b/{cast.body.slug}/cases/import/"
    rows = [["A-1", "2024-03-02", "victim", "Lan", "VN"], ["A-2", "2024-03-02", "", "", ""]]

    preview = client.post(
        url, {"owner_unit": cast.unit_a.pk, "file": _upload(csv_bytes(rows)), "step": "check"}
    )

    assert "2 cases with 1 persons and 0 events will be created for Agency A." in (
        preview.content.decode()
    )
    assert not Case.objects.exists()
    confirmed = client.post(url, {"step": "confirm"})
    assert confirmed.status_code == 302
    assert set(Case.objects.values_list("reference", flat=True)) == {"A-1", "A-2"}
    again = client.post(url, {"step": "confirm"})  # the checked file is used once
    assert again.status_code == 302
    assert Case.objects.count() == 2


def test_the_template_has_the_header_and_an_example_row_that_imports_cleanly(
    cast: Cast, client_for
) -> None:
    client = client_for(cast.focal_a)
    url = f"/b/{cast.body.slug}/cases/import/template/"

    content = client.get(url).content
    workbook = client.get(url + "?format=xlsx")

    rows = read_csv_rows(content)
    assert rows[0] == HEADER and len(rows) == 2
    assert workbook["Content-Type"].startswith("application/vnd.openxmlformats")
    assert _import(cast, content, dry_run=True).ok
    assert _import(cast, workbook.content, dry_run=True).ok


def test_the_export_page_gives_a_plain_csv_or_a_locked_file(cast: Cast, client_for) -> None:
    shared_case(cast, TLP.AMBER)
    client = client_for(cast.focal_a)
    url = f"/b/{cast.body.slug}/cases/export/"

    plain = client.post(url, {})
    short = client.post(
        url, {"personal_data": "on", "password": "short", "password_confirm": "short"}
    )
    differ = client.post(
        url, {"personal_data": "on", "password": PASSWORD, "password_confirm": PASSWORD + "x"}
    )
    locked = client.post(
        url,
        {
            "personal_data": "on",
            "file_format": "xlsx",
            "password": PASSWORD,
            "password_confirm": PASSWORD,
        },
    )

    assert plain["Content-Type"].startswith("text/csv")
    assert short.status_code == 200 and "at least 12 characters" in short.content.decode()
    assert differ.status_code == 200 and "The two passwords differ." in differ.content.decode()
    assert PASSWORD not in differ.content.decode()
    assert locked["Content-Type"].startswith("application/vnd.openxmlformats")
    assert decrypt_xlsx(locked.content)[0]["person_full_name"] in {VICTIM_NAME, "Tran Van Suspect"}
    assert AuditEntry.objects.filter(action="cases.export.created").count() == 2


def test_the_case_list_links_to_import_and_export(cast: Cast, client_for) -> None:
    focal = client_for(cast.focal_a).get(f"/b/{cast.body.slug}/cases/").content.decode()
    leader = client_for(cast.leader).get(f"/b/{cast.body.slug}/cases/").content.decode()

    assert "/cases/import/" in focal and "/cases/export/" in focal
    assert "/cases/import/" not in leader and "/cases/export/" in leader


def test_an_event_or_a_birth_in_the_future_is_refused_like_the_services_do(cast: Cast) -> None:
    header = [*BASIC, "person_date_of_birth", "case_events"]
    rows = [["A-1", "2024-05-02", "victim", "Lan", "VN", "2024-07-01", "2024-07-01|arrest|VN"]]

    with time_machine.travel(dt.datetime(2024, 6, 1, 12, tzinfo=dt.UTC), tick=False):
        result = _import(cast, csv_bytes(rows, header=header))

    found = {(p.row, p.column): p.message for p in result.problems}
    assert "cannot be in the future" in found[(2, "person_date_of_birth")]
    assert found[(2, "case_events")].startswith("Event 1: An event cannot be in the future.")
    assert not Case.objects.exists()


def test_cells_that_spreadsheets_would_run_as_formulas_are_quoted_and_read_back(
    cast: Cast,
) -> None:
    case = new_case(cast)
    services.add_person(
        case, by=cast.focal_a, role="victim", full_name="=HYPERLINK(1)", nationality="VN"
    )

    content = unzip(
        export_cases(
            body=cast.body,
            by=cast.focal_a,
            personal_data=True,
            file_format="zip",
            password=PASSWORD,
        ).content
    )
    result = import_cases(
        body=cast.other_body, owner_unit=other_unit(cast), by=cast.focal_c, file=content
    )

    assert read_csv(content)[0]["person_full_name"] == "'=HYPERLINK(1)"
    assert result.saved
    copy = Case.objects.get(body=cast.other_body).persons.get()
    assert copy.full_name == "=HYPERLINK(1)"


def test_the_export_command_writes_the_locked_file_for_a_person(cast: Cast, tmp_path) -> None:
    from django.core.management import call_command

    case = new_case(cast)
    add_victim(cast, case, name=VIETNAMESE_NAME)
    secret = tmp_path / "password"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    out = tmp_path / "cases.xlsx"

    call_command(
        "cases_export",
        body=cast.body.slug,
        email=cast.focal_a.email,
        out=str(out),
        personal=True,
        password_file=str(secret),
        stdout=io.StringIO(),
    )

    assert decrypt_xlsx(out.read_bytes())[0]["person_full_name"] == VIETNAMESE_NAME
    assert AuditEntry.objects.filter(action="cases.export.created", actor=cast.focal_a).exists()


def test_the_export_command_dates_the_file_by_the_bodys_day(cast: Cast, tmp_path) -> None:
    from django.core.management import call_command

    new_case(cast)
    out = io.StringIO()
    # 20:00 UTC on 19 April is already 03:00 on 20 April in Ho Chi Minh City
    with time_machine.travel(dt.datetime(2024, 4, 19, 20, 0, tzinfo=dt.UTC), tick=False):
        call_command(
            "cases_export",
            body=cast.body.slug,
            email=cast.focal_a.email,
            out=str(tmp_path / "cases.csv"),
            stdout=out,
        )

    assert "(twg-cases-2024-04-20.csv)" in out.getvalue()


def test_a_bad_date_of_birth_is_reported_without_repeating_it(cast: Cast) -> None:
    header = "case_reference,case_opened_on,person_role,person_full_name,person_date_of_birth\n"
    result = _import(cast, (header + "A-9,2024-03-02,victim,Lan,03/25/2001\n").encode())
    [bad] = result.problems
    assert bad.column == "person_date_of_birth"
    assert "03/25/2001" not in bad.message and "03/25/2001" not in str(bad.value)


def test_another_units_references_never_collide_nor_show_in_an_import_report(cast: Cast) -> None:
    """Unit B may not read unit A's TLP:RED case: importing B's own case under the same
    reference neither fails nor says that A's exists."""
    from lintas.cases.models import TLP

    new_case(cast, reference="RED-2024-0001", tlp=TLP.RED)
    header = [*BASIC]
    result = import_cases(
        body=cast.body,
        owner_unit=cast.unit_b,
        by=cast.focal_b,
        file=csv_bytes([["RED-2024-0001", "2024-03-02", "victim", "Lan", "VN"]], header=header),
        dry_run=True,
    )
    assert result.problems == []
    assert Case.objects.filter(reference="RED-2024-0001").count() == 1  # a dry run saves nothing


def test_an_imported_phone_that_is_not_one_is_reported_on_its_row(cast: Cast) -> None:
    header = [*BASIC, "person_phones"]
    rows = [["C-9", "2024-03-02", "suspect", "Minh", "CN", "+84 912 345 678; call-me-later"]]

    result = _import(cast, csv_bytes(rows, header=header))

    assert not result.saved
    assert [(p.row, p.column) for p in result.problems] == [(2, "person_phones")]
    message = result.problems[0].message
    assert "number 2 of the cell is not a phone number" in message
    assert "call-me-later" not in message  # a personal value is never repeated in the list
    assert not Case.objects.filter(reference="C-9").exists()
