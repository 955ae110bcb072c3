"""Importing a spreadsheet of cases: every row is checked first (``cases.interchange.importing``),
and only a file without a single problem is saved, in one transaction, through the case services
(so encryption and audit entries happen as for cases recorded by hand). A file with problems
saves nothing."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest

from lintas.audit.services import log_action
from lintas.cases import policy
from lintas.cases.interchange.importing import ImportResult, Planned, file_content, plan_rows
from lintas.cases.interchange.reading import ImportProblems, Problem, problem, read_table
from lintas.cases.models import Case
from lintas.cases.services.records import add_event, add_person, create_case
from lintas.core.errors import LintasError
from lintas.members.models import Body, Unit, User


def import_cases(
    *,
    body: Body,
    owner_unit: Unit,
    by: User,
    file: Any,
    dry_run: bool = False,
    request: HttpRequest | None = None,
) -> ImportResult:
    """Check a CSV or XLSX file of cases and, when nothing in it is wrong and ``dry_run`` is
    false, create its cases, persons and events for ``owner_unit``. All or nothing."""
    policy.require(
        owner_unit.body_id == body.pk
        and policy.case_owner_units(by, body).filter(pk=owner_unit.pk).exists()
    )
    content = file_content(file)
    try:
        table = read_table(content)
    except ImportProblems as exc:
        return ImportResult(problems=exc.problems)
    plans, problems = plan_rows(table.rows, body=body, owner_unit=owner_unit)
    result = ImportResult(
        problems=problems,
        cases=len(plans),
        persons=sum(len(p.persons) for p in plans),
        events=sum(len(p.events) for p in plans),
    )
    if problems or dry_run:
        return result
    try:
        result.created = _save(plans, body=body, owner_unit=owner_unit, by=by, request=request)
    except _SaveRefused as exc:
        result.problems = [exc.problem]
        return result
    result.saved = True
    return result


class _SaveRefused(Exception):
    def __init__(self, refusal: Problem) -> None:
        super().__init__(refusal.message)
        self.problem = refusal


@transaction.atomic
def _save(
    plans: list[Planned], *, body: Body, owner_unit: Unit, by: User, request: HttpRequest | None
) -> list[Case]:
    created = []
    for plan in plans:
        try:
            case = create_case(body=body, owner_unit=owner_unit, by=by, tlp=plan.tlp, **plan.fields)
            for role, fields in plan.persons:
                add_person(case, by=by, role=role, **fields)
            for event in plan.events:
                add_event(case, by=by, **event)
        except LintasError as exc:  # someone else saved the same reference meanwhile
            column = f"case_{exc.field}" if exc.field else ""
            raise _SaveRefused(problem(plan.row, column, "", exc.message)) from None
        created.append(case)
    log_action(
        "cases.import.completed",
        actor=by,
        body=body,
        data={
            "owner_unit": owner_unit.pk,
            "cases": len(plans),
            "persons": sum(len(p.persons) for p in plans),
            "events": sum(len(p.events) for p in plans),
        },
        request=request,
    )
    return created
