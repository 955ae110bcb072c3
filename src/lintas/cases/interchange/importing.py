"""Checking a spreadsheet of cases: every row is read and checked, and turned into a plan of the
cases, persons and events it holds, or into the problems that refuse it. Nothing is written here:
``cases.services.imports.import_cases`` saves a plan without a single problem, in one
transaction, through the case services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from lintas.cases.interchange import columns as col
from lintas.cases.interchange.reading import (
    Problem,
    problem,
)
from lintas.cases.models import (
    TLP,
    Case,
    CaseEvent,
    CasePerson,
    ExploitationType,
    MeansOfControl,
    RecruitmentMethod,
)
from lintas.cases.models.records import phone_problem
from lintas.formats.cells import read_cell
from lintas.members.models import LANGUAGE_CHOICES, Body, Unit

NUL = "\x00"


@dataclass
class ImportResult:
    problems: list[Problem] = field(default_factory=list)
    cases: int = 0
    persons: int = 0
    events: int = 0
    saved: bool = False
    created: list[Case] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class Planned:
    row: int
    reference: str
    tlp: str
    fields: dict[str, Any]
    values: dict[str, Any]  # column → parsed value, to compare the case's later rows with
    persons: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    person_keys: dict[tuple[str, str], int] = field(default_factory=dict)


class _Row:
    """Parses the cells of one row, collecting a problem for each bad cell."""

    def __init__(self, number: int, cells: dict[str, str], problems: list[Problem]) -> None:
        self.number = number
        self.cells = cells
        self.problems = problems
        self.bad = False

    def text(self, name: str) -> str:
        return read_cell(self.cells.get(name, ""))

    def fail(self, name: str, message: str, value: Any = None) -> None:
        self.bad = True
        self.problems.append(
            problem(self.number, name, self.text(name) if value is None else value, message)
        )

    def date(self, name: str, *, required: bool = False) -> dt.date | None:
        text = self.text(name)
        if not text:
            if required:
                self.fail(name, _("A date is required."))
            return None
        value = col.parse_date(text)
        if value is None:
            self.fail(name, _bad_date("" if name in _PERSONAL else text))
        return value

    def choice(self, name: str, choices: type[models.TextChoices], default: str = "") -> str:
        text = self.text(name).lower()
        if not text:
            return default
        if text not in choices.values:
            self.fail(name, _not_one_of(choices.values))
            return default
        return text

    def choices(self, name: str, choices: type[models.TextChoices]) -> list[str]:
        values = [v.lower() for v in col.split_list(self.text(name), commas=True)]
        wrong = [v for v in values if v not in choices.values]
        if wrong:
            self.fail(name, _not_one_of(choices.values))
        return [v for v in values if v in choices.values]

    def label(self, name: str, default: str) -> str:
        text = self.text(name).lower().removeprefix("tlp:").strip()
        if not text:
            return default
        if text not in TLP.values:
            self.fail(name, _not_one_of([str(label) for label in TLP.labels]))
            return default
        return text

    def country(self, name: str) -> str:
        code = self.text(name).upper()
        if code and code not in col.COUNTRY_CODES:
            self.fail(name, _bad_country(code))
            return ""
        return code

    def countries(self, name: str) -> list[str]:
        codes = [c.upper() for c in col.split_list(self.text(name), commas=True)]
        wrong = [c for c in codes if c not in col.COUNTRY_CODES]
        if wrong:
            self.fail(name, _bad_country(", ".join(wrong)))
        return [c for c in codes if c in col.COUNTRY_CODES]

    def language(self, name: str) -> str:
        text = self.text(name).lower()
        codes = [code for code, _label in LANGUAGE_CHOICES]
        if text and text not in codes:
            self.fail(name, _not_one_of(codes))
            return ""
        return text


# The report never repeats what a personal cell holds, not even inside a message.
_PERSONAL = frozenset(c.name for c in col.COLUMNS if c.personal)


def _bad_date(text: str) -> str:
    if not text:
        return _(
            "This is not a date in a form this import reads: %(forms)s (day before month)."
        ) % {"forms": col.DATE_FORMS}
    return _(
        "“%(value)s” is not a date in a form this import reads: %(forms)s (day before month)."
    ) % {"value": text, "forms": col.DATE_FORMS}


def _bad_country(codes: str) -> str:
    return _("“%(codes)s” is not a two-letter ISO 3166 country code (e.g. VN, KH, ID).") % {
        "codes": codes
    }


def _not_one_of(values: Any) -> str:
    return _("Use one of: %(values)s.") % {"values": ", ".join(str(v) for v in values)}


# --- a row's case and person ----------------------------------------------------------------


def _case_values(row: _Row, *, only_filled: bool) -> dict[str, Any]:
    """Column → parsed value for the case columns (only the filled ones on a case's later rows)."""
    parsers: dict[str, Any] = {
        "case_tlp": lambda n: row.label(n, TLP.AMBER),
        "case_status": lambda n: row.choice(n, Case.Status, Case.Status.OPEN),
        "case_opened_on": lambda n: row.date(n, required=True),
        "case_closed_on": row.date,
        "case_location_country": row.country,
        "case_exploitation_types": lambda n: row.choices(n, ExploitationType),
        "case_means_of_control": lambda n: row.choices(n, MeansOfControl),
        "case_recruitment_methods": lambda n: row.choices(n, RecruitmentMethod),
        "case_origin_countries": row.countries,
        "case_transit_countries": row.countries,
        "case_destination_countries": row.countries,
        "case_narrative": row.text,
        "case_narrative_language": row.language,
        "case_events": lambda n: _events(row, n),
    }
    return {
        name: parse(name)
        for name, parse in parsers.items()
        if not (only_filled and not row.text(name))
    }


def _events(row: _Row, name: str) -> list[dict[str, Any]]:
    events = []
    for position, parts in enumerate(col.split_events(row.text(name)), start=1):
        parts = (parts + [""] * 5)[:5]
        when, kind, country, place, description = parts
        occurred_on = col.parse_date(when)
        where = _("Event %(n)s") % {"n": position}
        if occurred_on is None:
            row.fail(name, f"{where}: {_bad_date('') if when else _('A date is required.')}")
            continue
        if kind.lower() not in CaseEvent.Kind.values:
            row.fail(name, f"{where}: {_not_one_of(CaseEvent.Kind.values)}")
            continue
        if country and country.upper() not in col.COUNTRY_CODES:
            row.fail(name, f"{where}: {_bad_country(country)}")
            continue
        event = {
            "kind": kind.lower(),
            "occurred_on": occurred_on,
            "country": country.upper(),
            "place": place,
            "description": description,
        }
        try:
            CaseEvent(**event).full_clean(
                exclude=["case", "recorded_by"], validate_unique=False, validate_constraints=False
            )
        except ValidationError as exc:
            messages = [m for ms in exc.message_dict.values() for m in ms]
            row.fail(name, f"{where}: {' '.join(messages)}")
            continue
        events.append(event)
    return events


def _case_fields(values: dict[str, Any]) -> dict[str, Any]:
    return {
        "reference": values["case_reference"],
        "status": values["case_status"],
        "opened_on": values["case_opened_on"],
        "closed_on": values["case_closed_on"],
        "location_country": values["case_location_country"],
        "exploitation_types": values["case_exploitation_types"],
        "means_of_control": values["case_means_of_control"],
        "recruitment_methods": values["case_recruitment_methods"],
        "origin_countries": values["case_origin_countries"],
        "transit_countries": values["case_transit_countries"],
        "destination_countries": values["case_destination_countries"],
        "narrative": values["case_narrative"],
        "narrative_language": values["case_narrative_language"],
    }


def _person(row: _Row) -> tuple[str, dict[str, Any]] | None:
    if not any(row.text(name) for name in col.PERSON_NAMES):
        return None
    role = row.choice("person_role", CasePerson.PersonRole)
    if not row.text("person_role"):
        row.fail("person_role", _not_one_of(CasePerson.PersonRole.values))
    fields: dict[str, Any] = {
        "full_name": row.text("person_full_name"),
        "aliases": col.split_list(row.text("person_aliases")),
        "date_of_birth": row.date("person_date_of_birth"),
        "sex": row.choice("person_sex", CasePerson.Sex, CasePerson.Sex.UNKNOWN),
        "nationality": row.country("person_nationality"),
        "documents": col.split_list(row.text("person_documents")),
        "accounts": col.split_list(row.text("person_accounts")),
        "tlp": row.label("person_tlp", ""),
    }
    contacts = {
        key: col.split_list(row.text(f"person_{key}")) for key in ("phones", "emails", "social")
    }
    if any(contacts.values()):
        fields["contacts"] = contacts
    # Only what the row gives: the audit entry of each person lists the fields given.
    given = {k: v for k, v in fields.items() if v not in ("", [], None)}
    if fields["sex"] == CasePerson.Sex.UNKNOWN:
        given.pop("sex", None)
    return role, given


def _refuse_nul(row: _Row) -> bool:
    """A cell with a NUL character (U+0000), which the database cannot store, fails its row; the
    value is shown with the NUL as ␀, so the person sees where it is."""
    held = [name for name, text in row.cells.items() if NUL in text]
    for name in held:
        shown = row.cells[name].replace(NUL, "\u2400")
        row.fail(
            name,
            _(
                "This cell contains a NUL character (U+0000), which cannot be stored. Remove it "
                "and import the file again."
            ),
            value=shown,
        )
    return bool(held)


# --- the checks the models make -------------------------------------------------------------

_CASE_COLUMN = {name.removeprefix("case_"): name for name in col.CASE_NAMES}
_PERSON_COLUMN = {name.removeprefix("person_"): name for name in col.PERSON_NAMES}


def _model_problems(obj: Any, row: _Row, columns: dict[str, str], exclude: list[str]) -> None:
    try:
        obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            column = columns.get(name, "")
            text = " ".join(messages)
            if name == "contacts":
                column = "person_phones"
                # The problems list never repeats a personal value, not even inside a message.
                text = phone_problem((obj.contacts or {}).get("phones") or [], reveal=False) or text
            row.fail(column, text, value=row.text(column) if column else "")


# --- the import -----------------------------------------------------------------------------


def plan_rows(
    table_rows: list[tuple[int, dict[str, str]]], *, body: Body, owner_unit: Unit
) -> tuple[list[Planned], list[Problem]]:
    problems: list[Problem] = []
    plans: dict[str, Planned] = {}
    for number, cells in table_rows:
        row = _Row(number, cells, problems)
        if _refuse_nul(row):
            continue
        reference = row.text("case_reference")
        if not reference:
            row.fail("case_reference", _("Each row needs the case's reference."))
            continue
        plan = plans.get(reference)
        if plan is None:
            values = {"case_reference": reference, **_case_values(row, only_filled=False)}
            if len(reference) > 60:
                row.fail("case_reference", _("A reference has at most 60 characters."))
            fields = _case_fields(values)
            if not row.bad:
                case = Case(body=body, owner_unit=owner_unit, tlp=values["case_tlp"], **fields)
                _model_problems(case, row, _CASE_COLUMN, ["created_by"])
            plan = Planned(number, reference, values["case_tlp"], fields, values)
            plan.events = values["case_events"]
            plans[reference] = plan
        else:
            count = len(problems)
            later = _case_values(row, only_filled=True)
            for name, value in later.items() if len(problems) == count else ():
                if value != plan.values[name]:
                    row.fail(
                        name,
                        _(
                            "The case “%(reference)s” has another value in this column on "
                            "row %(row)s; a case's columns must be the same on each of its rows."
                        )
                        % {"reference": reference, "row": plan.row},
                    )
        _plan_person(row, plan)
    existing = set(
        Case.objects.filter(owner_unit=owner_unit, reference__in=list(plans)).values_list(
            "reference", flat=True
        )
    )
    for reference in sorted(existing):
        plan = plans[reference]
        problems.append(
            problem(
                plan.row,
                "case_reference",
                reference,
                _("Your unit already has a case with this reference."),
            )
        )
    problems.sort(
        key=lambda p: (p.row, col.HEADER.index(p.column) if p.column in col.BY_NAME else -1)
    )
    return list(plans.values()), problems


def _plan_person(row: _Row, plan: Planned) -> None:
    before = row.bad
    person = _person(row)
    if person is None or (row.bad and not before):
        return
    role, fields = person
    candidate = CasePerson(role=role, **fields)
    _model_problems(candidate, row, _PERSON_COLUMN, ["case"])
    name = " ".join(str(fields.get("full_name", "")).split()).casefold()
    if name:
        key = (name, str(fields.get("date_of_birth") or ""))
        if key in plan.person_keys:
            row.fail(
                "person_full_name",
                _("The same person is already in this case on row %(row)s.")
                % {"row": plan.person_keys[key]},
            )
        else:
            plan.person_keys[key] = row.number
    plan.persons.append((role, fields))


def file_content(file: Any) -> bytes:
    if isinstance(file, bytes):
        return file
    file.seek(0)
    return bytes(file.read())
