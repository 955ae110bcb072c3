"""Case files in chromium: unit A's focal point fills the import template, uploads a file with
mistakes and reads the per-row report (nothing saved), fixes it, confirms the preview, and
exports the cases with personal data in a password-protected workbook. Screenshots go to
test-artifacts/screenshots/."""

from __future__ import annotations

import io
from pathlib import Path

import msoffcrypto
import pytest
from playwright.sync_api import expect

from lintas.cases.models import Case, CasePerson
from tests.cases.conftest import decrypt_xlsx
from tests.conftest import Cast

pytestmark = pytest.mark.browser

HEADER = (
    "case_reference,case_opened_on,case_tlp,case_exploitation_types,case_origin_countries,"
    "case_destination_countries,person_role,person_full_name,person_date_of_birth,"
    "person_nationality,person_phones\n"
)
BAD = HEADER + (
    "IMP-001,02/03/2024,TLP:AMBER,forced_criminality,VN,KH,victim,Lê Thị Lan,17.05.2001,VN,"
    "0912 000 111\n"
    "IMP-001,02/03/2024,TLP:AMBER,forced_criminality,VN,KH,suspect,Phạm Văn Tú,03/25/1990,VN,\n"
    "IMP-002,2024-04-01,TLP:GREEN,forced_labour,Viet Nam,MY,victim,Siti Aminah,,ID,\n"
)
GOOD = BAD.replace("03/25/1990", "25/03/1990").replace("Viet Nam", "VN")
PASSWORD = "correct horse battery staple"


def test_a_focal_point_imports_a_file_after_fixing_it_and_exports_with_a_password(
    new_context, signed_in, live_cast: Cast, shot, tmp_path: Path
) -> None:
    context = new_context()
    signed_in(context, live_cast.focal_a)
    page = context.new_page()
    page.goto("/b/twg/cases/")
    page.get_by_role("link", name="Import").first.click()
    expect(page.locator("h1")).to_contain_text("Import cases")

    bad = tmp_path / "cases.csv"
    bad.write_text(BAD, encoding="utf-8")
    page.get_by_label("File (.csv or .xlsx)").set_input_files(str(bad))
    page.get_by_role("button", name="Check the file").click()
    problems = page.locator("#problems")
    expect(problems).to_contain_text("person_date_of_birth")
    expect(problems).to_contain_text("case_origin_countries")
    shot(page, "case-files-1-import-report")
    assert not Case.objects.exists()

    good = tmp_path / "cases-fixed.csv"
    good.write_text(GOOD, encoding="utf-8")
    page.get_by_label("File (.csv or .xlsx)").set_input_files(str(good))
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator("#import-summary")).to_contain_text("2 cases with 3 persons")
    shot(page, "case-files-2-import-preview")
    page.get_by_role("button", name="Import").click()
    expect(page.locator("main")).to_contain_text("IMP-002")
    assert Case.objects.count() == 2
    assert {p.full_name for p in CasePerson.objects.all()} == {
        "Lê Thị Lan",
        "Phạm Văn Tú",
        "Siti Aminah",
    }

    page.get_by_role("link", name="Export").first.click()
    page.get_by_label("Include personal data (where you may read it)").check()
    page.get_by_label("Password for the file").fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    shot(page, "case-files-3-export")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export").click()
    locked = tmp_path / download.value.suggested_filename
    download.value.save_as(locked)
    assert locked.suffix == ".xlsx"
    assert msoffcrypto.OfficeFile(io.BytesIO(locked.read_bytes())).is_encrypted()
    rows = decrypt_xlsx(locked.read_bytes(), PASSWORD)
    cells = {str(v) for row in rows for v in row.values() if v}
    assert {"IMP-001", "IMP-002", "Lê Thị Lan"} <= cells
