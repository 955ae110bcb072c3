"""The import and export pages of cases. Each view: load the body (404 for strangers), check the
action (403), call the service, answer.

An import is checked first and shown as a preview; the file waits for the confirmation in the
session, encrypted with the key of the personal fields, for at most an hour. A report of problems
(no personal values in it) stays in the session so that it can be downloaded as CSV."""

from __future__ import annotations

from cryptography.fernet import InvalidToken
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from lintas.cases import crypto, policy
from lintas.cases.interchange import columns
from lintas.cases.interchange.export import ExportFile, Format, export_cases, template_file
from lintas.cases.interchange.forms import ExportForm, ImportForm
from lintas.cases.interchange.importing import ImportResult
from lintas.cases.services import import_cases
from lintas.core.downloads import attachment
from lintas.core.errors import LintasError
from lintas.formats.cells import csv_bytes
from lintas.members.bodyctx import load_body
from lintas.members.http import AuthedRequest
from lintas.members.models import Body, Unit

PENDING = "cases_import_pending"
REPORT = "cases_import_report"
PENDING_SECONDS = 3600


def _download(export: ExportFile) -> HttpResponse:
    return attachment(export.content, export.filename, export.content_type)


def _report_rows(result: ImportResult) -> list[list[str | int]]:
    return [[p.row, p.column, p.value, p.message] for p in result.problems]


def _report_csv(request: AuthedRequest, body: Body) -> HttpResponse:
    report = request.session.get(REPORT)
    policy.hide(report is not None and report.get("body") == body.pk)
    assert report is not None  # noqa: S101 (hide() raised otherwise)
    header = [_("Row"), _("Column"), _("Value"), _("Problem")]
    return _download(
        ExportFile(
            csv_bytes([header, *([str(cell) for cell in row] for row in report["rows"])]),
            "cases-import-problems.csv",
            "text/csv; charset=utf-8",
        )
    )


@login_required
def case_import(request: AuthedRequest, slug: str) -> HttpResponse:
    body = load_body(request, slug)
    policy.require(policy.can_create_case(request.user, body))
    if request.GET.get("format") == "csv":
        return _report_csv(request, body)
    units = policy.case_owner_units(request.user, body).order_by("name")
    if request.method == "POST" and request.POST.get("step") == "confirm":
        return _confirm(request, body, units)
    posted = request.method == "POST"
    form = ImportForm(
        request.POST if posted else None, request.FILES if posted else None, units=units
    )
    context = {"body": body, "form": form, "date_forms": columns.DATE_FORMS}
    if posted:
        request.session.pop(PENDING, None)  # a new file replaces the one waiting, if any
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        owner_unit = form.cleaned_data["owner_unit"]
        result = import_cases(
            body=body, owner_unit=owner_unit, by=request.user, file=content, dry_run=True
        )
        if result.ok:
            request.session[PENDING] = {
                "body": body.pk,
                "unit": owner_unit.pk,
                "name": upload.name[:200],
                "file": crypto.cipher().encrypt(content).decode("ascii"),
            }
            return render(
                request,
                "cases/import_preview.html",
                {**context, "result": result, "owner_unit": owner_unit, "name": upload.name},
            )
        request.session[REPORT] = {"body": body.pk, "rows": _report_rows(result)}
        context["result"] = result
    return render(request, "cases/import.html", context)


def _confirm(request: AuthedRequest, body: Body, units: QuerySet[Unit]) -> HttpResponse:
    pending = request.session.pop(PENDING, None)
    if not pending or pending.get("body") != body.pk:
        messages.error(request, _("Nothing is waiting to be imported: upload the file again."))
        return redirect("cases:import", slug=body.slug)
    owner_unit = units.filter(pk=pending["unit"]).first()
    policy.require(owner_unit is not None)
    assert owner_unit is not None  # noqa: S101 (require() raised otherwise)
    try:
        content = crypto.cipher().decrypt(pending["file"].encode("ascii"), ttl=PENDING_SECONDS)
    except InvalidToken:
        messages.error(request, _("The checked file has expired: upload it again."))
        return redirect("cases:import", slug=body.slug)
    result = import_cases(
        body=body, owner_unit=owner_unit, by=request.user, file=content, request=request
    )
    if result.saved:
        messages.success(
            request,
            _("Imported %(cases)s cases with %(persons)s persons and %(events)s events.")
            % {"cases": result.cases, "persons": result.persons, "events": result.events},
        )
        return redirect("cases:list", slug=body.slug)
    request.session[REPORT] = {"body": body.pk, "rows": _report_rows(result)}
    form = ImportForm(initial={"owner_unit": owner_unit}, units=units)
    return render(
        request,
        "cases/import.html",
        {"body": body, "form": form, "date_forms": columns.DATE_FORMS, "result": result},
    )


@login_required
def import_template(request: AuthedRequest, slug: str) -> HttpResponse:
    body = load_body(request, slug)
    policy.require(policy.can_create_case(request.user, body))
    wanted = Format.XLSX if request.GET.get("format") == Format.XLSX else Format.CSV
    return _download(template_file(wanted))


@login_required
@sensitive_post_parameters("password", "password_confirm")
def case_export(request: AuthedRequest, slug: str) -> HttpResponse:
    body = load_body(request, slug)
    form = ExportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            export = export_cases(
                body=body,
                by=request.user,
                personal_data=form.cleaned_data["personal_data"],
                file_format=form.cleaned_data["file_format"] or Format.XLSX,
                password=form.cleaned_data["password"],
                request=request,
            )
        except LintasError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            return _download(export)
    return render(
        request,
        "cases/export.html",
        {
            "body": body,
            "form": form,
            "cases": policy.visible_cases(request.user, body).count(),
        },
    )
