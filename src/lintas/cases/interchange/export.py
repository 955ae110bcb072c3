"""Exporting the cases a person may see as an HTCDS-shaped file, audited.

Without personal data the file is a plain CSV. With personal data it is only ever a file locked
with a password the person types: an XLSX encrypted as Excel does it (msoffcrypto-tool), or the
CSV inside a ZIP encrypted with AES-256 (pyzipper). The password is never stored or logged.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

import pyzipper
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from msoffcrypto.format.ooxml import OOXMLFile
from openpyxl import Workbook

from lintas.audit.services import log_action
from lintas.cases import policy
from lintas.cases.interchange.columns import (
    COLUMNS,
    HEADER,
    PERSON_NAMES,
    PERSONAL,
    join_event,
    join_list,
)
from lintas.cases.models import TLP, Case, CasePerson
from lintas.core.errors import LintasError
from lintas.formats import sheets
from lintas.formats.cells import csv_bytes
from lintas.members.models import Body, User

MIN_PASSWORD_LENGTH = 12
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP_TYPE = "application/zip"


class Format:
    CSV = "csv"
    XLSX = "xlsx"
    ZIP = "zip"


@dataclass
class ExportFile:
    content: bytes
    filename: str
    content_type: str


@dataclass
class _Rows:
    rows: list[dict[str, str]] = field(default_factory=list)
    cases: int = 0
    persons: int = 0
    persons_with_data: list[CasePerson] = field(default_factory=list)
    cases_with_data: list[tuple[Case, bool, int]] = field(default_factory=list)


def cases_for_export(user: Any, body: Body) -> QuerySet[Case]:
    """Every case this person may read (a TLP:RED case only for its named readers)."""
    return (
        policy.visible_cases(user, body)
        .select_related("owner_unit", "body")
        .prefetch_related("persons", "events")
        .order_by("reference")
    )


def _label(value: str) -> str:
    return TLP(value).label if value else ""


def _case_cells(case: Case, *, personal: bool) -> tuple[dict[str, str], int]:
    events = list(case.events.all())
    described = sum(1 for e in events if e.description) if personal else 0
    cells = {
        "case_reference": case.reference,
        "case_owner_unit": case.owner_unit.name,
        "case_tlp": _label(case.tlp),
        "case_status": case.status,
        "case_opened_on": case.opened_on.isoformat(),
        "case_closed_on": case.closed_on.isoformat() if case.closed_on else "",
        "case_location_country": case.location_country,
        "case_exploitation_types": join_list(case.exploitation_types),
        "case_means_of_control": join_list(case.means_of_control),
        "case_recruitment_methods": join_list(case.recruitment_methods),
        "case_origin_countries": join_list(case.origin_countries),
        "case_transit_countries": join_list(case.transit_countries),
        "case_destination_countries": join_list(case.destination_countries),
        "case_narrative": case.narrative if personal else "",
        "case_narrative_language": case.narrative_language,
        "case_events": "; ".join(
            join_event(
                [
                    e.occurred_on.isoformat(),
                    e.kind,
                    e.country,
                    e.place,
                    e.description if personal else "",
                ]
            )
            for e in events
        ),
    }
    return cells, described


def _person_cells(person: CasePerson, *, visible: bool) -> dict[str, str]:
    cells = {
        "person_role": person.role,
        "person_sex": person.sex,
        "person_nationality": person.nationality,
        "person_tlp": _label(person.tlp),
    }
    if visible:
        contacts = person.contacts if isinstance(person.contacts, dict) else {}
        dob = person.date_of_birth
        cells.update(
            {
                "person_full_name": person.full_name,
                "person_aliases": join_list(person.aliases or []),
                "person_date_of_birth": dob.isoformat() if dob else "",
                "person_documents": join_list(person.documents or []),
                "person_phones": join_list(contacts.get("phones", [])),
                "person_emails": join_list(contacts.get("emails", [])),
                "person_social": join_list(contacts.get("social", [])),
                "person_accounts": join_list(person.accounts or []),
            }
        )
    return cells


def _collect(user: User, body: Body, *, personal_data: bool) -> _Rows:
    out = _Rows()
    for case in cases_for_export(user, body):
        out.cases += 1
        access = policy.case_access(user, case)
        personal = personal_data and access.personal_data
        case_cells, described = _case_cells(case, personal=personal)
        narrative = personal and bool(case.narrative)
        if narrative or described:
            out.cases_with_data.append((case, narrative, described))
        persons = list(case.persons.all())
        if not persons:
            out.rows.append(case_cells)
        for person in persons:
            person.case = case
            visible = personal and access.sees(person)
            if visible:
                out.persons_with_data.append(person)
            out.persons += 1
            out.rows.append({**case_cells, **_person_cells(person, visible=visible)})
    return out


def _csv_bytes(rows: list[dict[str, str]]) -> bytes:
    return csv_bytes([HEADER, *([row.get(name, "") for name in HEADER] for row in rows)])


def _xlsx_bytes(rows: list[dict[str, str]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # noqa: S101 (a new workbook has one sheet)
    ws.title = "cases"
    sheets.append(ws, HEADER)
    for row in rows:  # text, never a formula, whatever the value starts with
        sheets.append(ws, [row.get(name, "") for name in HEADER])
    ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _encrypted_xlsx(rows: list[dict[str, str]], password: str) -> bytes:
    plain = OOXMLFile(io.BytesIO(_xlsx_bytes(rows)))
    out = io.BytesIO()
    plain.encrypt(password, out)
    return out.getvalue()


def _aes_zip(name: str, content: bytes, password: str) -> bytes:
    out = io.BytesIO()
    with pyzipper.AESZipFile(
        out, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES
    ) as archive:
        archive.setpassword(password.encode("utf-8"))
        archive.setencryption(pyzipper.WZ_AES, nbits=256)
        archive.writestr(name, content)
    return out.getvalue()


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise LintasError(
            _("Choose a password of at least %(n)d characters.") % {"n": MIN_PASSWORD_LENGTH},
            field="password",
        )


@transaction.atomic
def export_cases(
    *,
    body: Body,
    by: User,
    personal_data: bool = False,
    file_format: str = Format.CSV,
    password: str = "",
    request: HttpRequest | None = None,
) -> ExportFile:
    """The cases this person may read as a file. Personal columns are filled only where the
    policy lets this person read them, and only in a password-protected file. The export and
    every person and narrative whose data leaves in it are audited (counts, never values)."""
    policy.hide(policy.can_view_body(by, body))
    if personal_data:
        if file_format not in {Format.XLSX, Format.ZIP}:
            raise LintasError(
                _("Personal data is exported only in a password-protected file."), field="format"
            )
        check_password(password)
    collected = _collect(by, body, personal_data=personal_data)
    stem = f"{body.slug}-cases-{timezone.localdate(timezone=body.tzinfo).isoformat()}"
    if not personal_data:
        export = ExportFile(_csv_bytes(collected.rows), f"{stem}.csv", CSV_TYPE)
        file_format = Format.CSV
    elif file_format == Format.XLSX:
        export = ExportFile(_encrypted_xlsx(collected.rows, password), f"{stem}.xlsx", XLSX_TYPE)
    else:
        inner = _csv_bytes(collected.rows)
        export = ExportFile(_aes_zip(f"{stem}.csv", inner, password), f"{stem}.zip", ZIP_TYPE)
    entry = log_action(
        "cases.export.created",
        actor=by,
        body=body,
        data={
            "format": file_format,
            "personal_data": personal_data,
            "cases": collected.cases,
            "rows": len(collected.rows),
            "persons": collected.persons,
            "persons_with_personal_data": len(collected.persons_with_data),
            "narratives": sum(1 for _c, narrative, _n in collected.cases_with_data if narrative),
        },
        request=request,
    )
    for case, narrative, described in collected.cases_with_data:
        log_action(
            "cases.case.exported",
            actor=by,
            body=body,
            target=case,
            data={"export": entry.pk, "narrative": narrative, "event_descriptions": described},
            request=request,
        )
    for person in collected.persons_with_data:
        log_action(
            "cases.person.exported",
            actor=by,
            body=body,
            target=person,
            data={"export": entry.pk, "fields": _filled(person)},
            request=request,
        )
    return export


def _filled(person: CasePerson) -> list[str]:
    """Which personal columns of this person held something (names of columns, not values)."""
    cells = _person_cells(person, visible=True)
    return [name for name in PERSON_NAMES if name in PERSONAL and cells.get(name)]


def template_file(file_format: str = Format.CSV) -> ExportFile:
    """A blank file to fill in: the header and one example row (made-up values)."""
    example = {column.name: column.example for column in COLUMNS}
    if file_format == Format.XLSX:
        return ExportFile(_xlsx_bytes([example]), "cases-import-template.xlsx", XLSX_TYPE)
    return ExportFile(_csv_bytes([example]), "cases-import-template.csv", CSV_TYPE)
