"""Reading an uploaded workbook back into answers, or saying everything that is wrong with it.

Guards, in order: the size of the upload; a zip that is an XLSX package, small enough once
unpacked (checked from the zip's directory, whose sizes the zip reader enforces) and without a
document type declaration in its XML (no entities: no XXE, no "billion laughs") before any XML
is parsed; openpyxl in read-only mode (with defusedxml, which refuses entities too), which
streams each sheet and is never asked for more rows than the layout has. The file's
identification must verify before any answer is read.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
import zlib
import zoneinfo
from dataclasses import dataclass
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string

from lintas.audit.models import AuditEntry
from lintas.core import dates
from lintas.reporting import selectors, services, validation
from lintas.reporting.models import Obligation, Submission, TemplateVersion
from lintas.reporting.offline import layout as lay
from lintas.reporting.offline.layout import (
    ANSWER,
    CODE,
    COMMENT,
    Choices,
    Item,
    Layout,
    Problem,
    WorkbookProblems,
    as_text,
    meta_cell,
    refuse,
)

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 20 * 1024 * 1024  # every part of the zip together, once unpacked
MAX_ZIP_ENTRIES = 500


@dataclass(frozen=True)
class Meta:
    submission: int
    version: int
    revision: int
    language: str


def read_workbook(submission: Submission, content: bytes) -> dict[str, Any]:
    """The answers of an uploaded workbook, or WorkbookProblems with everything that is wrong."""
    answers, _comments, _meta = read_with_meta(submission, content)
    return answers


def read_with_meta(
    submission: Submission, content: bytes
) -> tuple[dict[str, Any], dict[str, str], Meta]:
    """The answers, the comments on numeric answers, and the file's identification."""
    check_package(content)
    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True, keep_links=False)
    except Exception:  # openpyxl raises many kinds for a damaged package
        raise refuse("", "", _damaged()) from None
    try:
        meta = _check_meta(submission, wb)
        version = selectors.version_with_fields(submission.version_id)
        layout = lay.build_layout(version, meta.language)
        try:
            answers = _read_answers(wb, version, layout)
        except OverflowError:  # "Infinity" typed into a number cell
            raise refuse(layout.main, "", _infinite()) from None
        comments = _read_comments(wb, layout)
    finally:
        wb.close()
    return answers, comments, meta


def stale(submission: Submission) -> Problem:
    """Someone saved the report after the file was downloaded (the web form's conflict)."""
    who = submission.updated_by.full_name if submission.updated_by else _("someone")
    when = formats.date_format(timezone.localtime(submission.updated_at), "SHORT_DATETIME_FORMAT")
    return Problem(
        lay.META,
        meta_cell("revision"),
        _(
            "%(who)s saved this report at %(when)s, after this file was downloaded. Nothing "
            "was changed. Download a fresh file, copy your answers into it and upload it again."
        )
        % {"who": who, "when": when},
    )


# --- the package and its identification -----------------------------------------------------


def _damaged() -> str:
    return _(
        "The file could not be read as a workbook: it may be damaged. Open it in Excel or "
        "LibreOffice, save it as .xlsx and upload it again, or download a fresh file."
    )


def check_package(content: bytes) -> None:
    """Refuse what is not a safe XLSX to open: too large, not a zip, a zip bomb, XML that
    declares entities. Case imports use it too."""
    if len(content) > MAX_UPLOAD_BYTES:
        mb = MAX_UPLOAD_BYTES // (1024 * 1024)
        raise refuse("", "", _("The file is larger than %(n)s MB.") % {"n": mb})
    not_xlsx = _(
        "This is not an XLSX workbook. Save the file in Excel or LibreOffice as “Excel "
        "workbook (.xlsx)”, without a password, and upload it again."
    )
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise refuse("", "", not_xlsx) from None
    names = {e.filename for e in entries}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise refuse("", "", not_xlsx)
    if len(entries) > MAX_ZIP_ENTRIES or sum(e.file_size for e in entries) > MAX_UNPACKED_BYTES:
        raise refuse("", "", _("The workbook is too large once unpacked."))
    try:
        declared = any(_declares_dtd(archive, e) for e in entries if not _is_media(e.filename))
    except (zipfile.BadZipFile, zlib.error, RuntimeError, NotImplementedError, EOFError, OSError):
        raise refuse("", "", not_xlsx) from None
    if declared:
        raise refuse(
            "",
            "",
            _(
                "The file could not be read as a workbook: its XML declares a document type or "
                "entities, which spreadsheets never write. Save it again in Excel or LibreOffice "
                "and upload it again."
            ),
        )


# A document type declaration (DTD) is where XML defines entities: one that reads a file of the
# server (XXE), or expands to gigabytes ("billion laughs"). Spreadsheets never write one, so a
# part of the package that holds one is refused before any XML is parsed, in UTF-8 or UTF-16.
_DTD_MARKS = tuple(
    text.encode(encoding)
    for text in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)
_CHUNK = 1 << 20


def _is_media(name: str) -> bool:
    """Images (an SVG may carry a DTD): openpyxl never parses them as XML."""
    return name.startswith("xl/media/")


def _declares_dtd(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bool:
    keep = max(len(mark) for mark in _DTD_MARKS) - 1
    tail = b""
    with archive.open(entry) as stream:  # reads at most the entry's size, checked above
        while chunk := stream.read(_CHUNK):
            window = tail + chunk
            if any(mark in window for mark in _DTD_MARKS):
                return True
            tail = window[-keep:]
    return False


def _check_meta(submission: Submission, wb: Any) -> Meta:
    fresh = " " + _("Download a fresh file from the report's page.")
    if lay.META not in wb.sheetnames:
        message = _("The sheet that identifies the report is missing.") + fresh
        raise refuse(lay.META, "", message, identity=True)
    # a spreadsheet may write any text escaped (``_x0041_`` for "A"): read it as it was
    cells = {
        lay.unescape(key): lay.unescape(value) if isinstance(value, str) else value
        for _n, (key, value) in _rows(wb[lay.META], 1, len(lay.META_KEYS), 2)
        if isinstance(key, str)
    }
    try:
        if int(cells["format"]) != lay.FORMAT:
            raise ValueError
        meta = Meta(
            submission=int(cells["submission"]),
            version=int(cells["template_version"]),
            revision=int(cells["revision"]),
            language=str(cells["language"]),
        )
        identification = (meta.submission, meta.version, meta.revision, meta.language)
        if not lay.verify(*identification, str(cells["signature"])):
            raise ValueError
    except (KeyError, ValueError, TypeError):
        message = _(
            "The file's identification was changed or is damaged, or the file was not made "
            "by this site."
        )
        raise refuse(lay.META, meta_cell("signature"), message + fresh, identity=True) from None
    if meta.submission != submission.pk:
        other = (
            Submission.objects.select_related("obligation__template", "unit")
            .filter(pk=meta.submission)
            .first()
        )
        if other is None:
            message = _("This file was made for a report that no longer exists.")
        else:
            message = _(
                "This file is for another report: %(other)s. This page is for %(this)s. Upload "
                "the file on that report's page."
            ) % {"other": _report_words(other), "this": _report_words(submission)}
        raise refuse(lay.META, meta_cell("submission"), message, identity=True)
    if meta.version != submission.version_id:
        old = TemplateVersion.objects.filter(pk=meta.version).values_list("number", flat=True)
        message = _(
            "This file was made for version %(old)s of the report's template; the report now "
            "uses version %(new)s. Download a fresh file and copy your answers into it."
        ) % {"old": old.first() or "?", "new": submission.version.number}
        raise refuse(lay.META, meta_cell("template_version"), message, identity=True)
    if meta.revision != submission.revision:
        raise WorkbookProblems([_uploaded_before(submission, meta) or stale(submission)])
    return meta


def _report_words(submission: Submission) -> str:
    """A report as people name it: its template, unit and period, never its number."""
    if submission.obligation.period_type == Obligation.PeriodType.MONTHLY:
        period = formats.date_format(submission.period_start, "YEAR_MONTH_FORMAT")
    else:
        period = _("%(start)s to %(end)s") % {
            "start": formats.date_format(submission.period_start, "DATE_FORMAT"),
            "end": formats.date_format(submission.period_end, "DATE_FORMAT"),
        }
    return _("“%(report)s” of %(unit)s for %(period)s") % {
        "report": submission.obligation.template.display_name,
        "unit": submission.unit.name,
        "period": period,
    }


def _uploaded_before(submission: Submission, meta: Meta) -> Problem | None:
    """The file was uploaded already: the save that followed its revision was this upload."""
    if meta.revision > submission.revision:
        return None
    upload = (
        AuditEntry.objects.filter(
            action="reporting.submission.uploaded",
            object_type=Submission._meta.label_lower,
            object_id=str(submission.pk),
            data__revision=meta.revision + 1,
        )
        .select_related("actor")
        .order_by("at", "id")
        .first()
    )
    if upload is None:
        return None
    tz = submission.obligation.body.tzinfo
    message = _(
        "This file was already uploaded, by %(who)s on %(when)s (%(zone)s time); this upload "
        "changed nothing. To change the report again, download a new copy of it."
    ) % {
        "who": upload.actor.full_name if upload.actor else upload.actor_label,
        "when": _moment(upload.at, tz),
        "zone": tz.key,
    }
    if submission.revision > meta.revision + 1:
        who = submission.updated_by.full_name if submission.updated_by else _("someone")
        message += " " + _("Since then, %(who)s saved the report, on %(when)s.") % {
            "who": who,
            "when": _moment(submission.updated_at, tz),
        }
    return Problem(lay.META, meta_cell("revision"), message)


def _moment(at: dt.datetime, tz: zoneinfo.ZoneInfo) -> str:
    return formats.date_format(timezone.localtime(at, tz), "SHORT_DATETIME_FORMAT")


# --- the answers -----------------------------------------------------------------------------


def _rows(ws: Any, min_row: int, max_row: int, max_col: int) -> list[tuple[int, list[Any]]]:
    """The values of a block of cells; the sheet's XML is parsed no further than ``max_row``."""
    out = []
    try:
        for number, values in enumerate(
            ws.iter_rows(min_row=min_row, max_row=max_row, max_col=max_col, values_only=True),
            start=min_row,
        ):
            cells = list(values)[:max_col]
            out.append((number, cells + [None] * (max_col - len(cells))))
    except Exception:  # a damaged sheet fails while it is streamed
        raise refuse(ws.title, "", _damaged()) from None
    return out


def _read_answers(wb: Any, version: TemplateVersion, layout: Layout) -> dict[str, Any]:
    keep = " " + _("Keep the sheets and rows as they are, or download a fresh file.")
    expected = [layout.main, *(item.sheet for item in layout.items if item.sheet)]
    missing = [title for title in expected if title not in wb.sheetnames]
    if missing:
        raise WorkbookProblems(
            [Problem(title, "", _("This sheet is missing.") + keep) for title in missing]
        )
    main = dict(_rows(wb[layout.main], 1, layout.last_row, 3))
    for item in layout.items:
        if main[item.row][0] != item.field.code:
            message = _("Rows of this sheet were moved, added or deleted.") + keep
            raise refuse(layout.main, f"{CODE}{item.row}", message)
    problems: list[Problem] = []
    answers: dict[str, Any] = {}
    for item in layout.items:
        if item.sheet:
            before = len(problems)
            answers[item.field.code] = _read_table(wb[item.sheet], item, layout, problems)
            if len(problems) > before:
                answers[item.field.code] = None  # reported cell by cell already
            continue
        value, problem = _coerce(item.spec, main[item.row][2], item.choices, layout)
        if problem:
            problems.append(Problem(layout.main, f"{ANSWER}{item.row}", problem))
        answers[item.field.code] = value
    # the same check as the web form and the API, with each message put at its cell
    check = services.check_answers(version, answers, require=False)
    for item in layout.items:
        for message in check.errors.get(item.field.code, []):
            cell = "" if item.sheet else f"{ANSWER}{item.row}"
            problems.append(Problem(item.sheet or layout.main, cell, message))
    if problems:
        order = {title: i for i, title in enumerate(expected)}
        raise WorkbookProblems(sorted(problems, key=lambda p: _position(p, order)))
    return answers


def _infinite() -> str:
    return _(
        "A number cell holds “Infinity” or a number too large to read. Write numbers in digits, "
        "at most 15 of them."
    )


def _read_comments(wb: Any, layout: Layout) -> dict[str, str]:
    """The comments on numeric answers (column E of the report sheet), checked as the form
    checks them."""
    column = column_index_from_string(COMMENT)
    main = dict(_rows(wb[layout.main], 1, layout.last_row, column))
    numeric = [item for item in layout.items if item.spec.is_numeric]
    raw = {
        item.field.code: as_text(main[item.row][column - 1]).strip()
        for item in numeric
        if not _blank(main[item.row][column - 1])
    }
    comments, errors = validation.check_comments([item.spec for item in numeric], raw, t=_)
    problems = [
        Problem(layout.main, f"{COMMENT}{item.row}", message)
        for item in numeric
        for message in errors.get(item.field.code, [])
    ]
    if problems:
        raise WorkbookProblems(problems)
    return comments


def _position(problem: Problem, order: dict[str, int]) -> tuple[int, int, int]:
    """Problems in reading order: sheet by sheet, then row by row, then left to right."""
    match = re.fullmatch(r"([A-Z]+)(\d+)", problem.cell)
    row, column = (int(match[2]), column_index_from_string(match[1])) if match else (0, 0)
    return order.get(problem.sheet, len(order)), row, column


def _read_table(ws: Any, item: Item, layout: Layout, problems: list[Problem]) -> list[Any]:
    rows: list[dict[str, Any]] = []
    if not item.columns:
        return rows
    last = lay.MAX_TABLE_ROWS + 1
    for number, cells in _rows(ws, 2, last + 1, len(item.columns)):
        if all(_blank(v) for v in cells):
            continue
        if number > last:
            message = _("At most %(n)s rows are read; this row and those below it are not.")
            problems.append(Problem(item.sheet, f"A{number}", message % {"n": last - 1}))
            break
        row: dict[str, Any] = {}
        for column, raw in zip(item.columns, cells, strict=True):
            value, problem = _coerce(column.spec, raw, column.choices, layout)
            if problem is None and value is not None:
                _parsed, problem = validation.parse_value(column.spec, value, _)
            if problem is None and value is None and column.spec.required:
                problem = _("Required in every row that is filled in.")
            if problem:
                problems.append(Problem(item.sheet, f"{column.letter}{number}", problem))
            row[column.spec.code] = value
        rows.append(row)
    return rows


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


_TYPE_MESSAGES = {
    "integer": gettext_noop("“%(value)s” is not a whole number."),
    "decimal": gettext_noop("“%(value)s” is not a number."),
    "date": gettext_noop("“%(value)s” is not a date: write it as %(forms)s (day before month)."),
}


def _coerce(
    spec: validation.FieldSpec, value: Any, choices: Choices, layout: Layout
) -> tuple[Any, str | None]:
    """A cell's value as a raw answer, or why it is not of the field's type or choices. Ranges
    and lengths are left to ``check_answers``. Text is read in the file's language: "1,5" is
    1.5 in a Vietnamese file, refused as ambiguous in an English one, and never 15."""
    if _blank(value):
        return None, None
    kind = spec.type
    yes_no = layout.yes_no
    shown = as_text(value).strip()
    loose = validation.FieldSpec(code=spec.code, type=kind, label=spec.label)
    if kind in _TYPE_MESSAGES:
        if kind == "date":  # a bare number in a date cell is not taken for a day
            wrong = isinstance(value, bool | int | float)
        else:  # nor a date or a yes/no in a number cell
            wrong = isinstance(value, bool) or not isinstance(value, int | float | str)
        if wrong:
            words = {"value": shown, "forms": dates.date_forms(layout.language)}
            return None, _(_TYPE_MESSAGES[kind]) % words
        return validation.parse_value(loose, value, _, language=layout.language)
    if kind == "yes_no":
        if isinstance(value, bool):
            return value, None
        if shown.casefold() in yes_no.lookup:
            return yes_no.lookup[shown.casefold()], None
        parsed, problem = validation.parse_value(loose, shown)
        if problem is None:
            return parsed, None
        return None, _("“%(value)s” is not %(yes)s or %(no)s.") % {
            "value": shown,
            "yes": yes_no.shown[0],
            "no": yes_no.shown[1],
        }
    if kind in {"choice", "multi_choice"}:
        texts = [shown] if kind == "choice" else re.split(r"[;\n]", shown)
        picked: list[str] = []
        unknown: list[str] = []
        for text in filter(None, (t.strip() for t in texts)):
            found = choices.find(text)
            if found is None:
                unknown.append(text)
            else:
                picked.append(found)
        if unknown:
            return None, _("“%(value)s” is not one of the choices: %(choices)s.") % {
                "value": "; ".join(unknown),
                "choices": ", ".join(choices.shown),
            }
        return (picked[0] if kind == "choice" else picked), None
    return (value.strip() if isinstance(value, str) else shown), None
