"""Writing a submission as an XLSX workbook in one language."""

from __future__ import annotations

import datetime as dt
import io
import math
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.hyperlink import Hyperlink

from lintas.formats import sheets
from lintas.reporting import selectors, validation
from lintas.reporting.models import Submission, TemplateVersion, localized
from lintas.reporting.offline import layout as lay
from lintas.reporting.offline.layout import (
    ANSWER,
    CODE,
    COMMENT,
    HELP,
    LABEL,
    Choices,
    Item,
    Layout,
    YesNo,
)

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_ANSWER_FILL = PatternFill("solid", fgColor="FFF6D5")
_HEAD_FILL = PatternFill("solid", fgColor="E3EAF2")
_WRAP = Alignment(wrap_text=True, vertical="top")
_UNLOCKED = Protection(locked=False)
_FAR = validation.LARGEST  # the bound of a number range the template leaves open
_COMMENT_FILL = PatternFill("solid", fgColor="FFFBEA")


def build_workbook(submission: Submission, language: str) -> bytes:
    """The submission's questions, help and answers so far as an XLSX file, in ``language``."""
    version = selectors.version_with_fields(submission.version_id)
    with translation.override(language):
        layout = lay.build_layout(version, language)
        wb = Workbook()
        lists = _Lists(wb)
        template = submission.obligation.template
        subtitle = _("%(unit)s · %(period)s (%(start)s to %(end)s)") % {
            "unit": submission.unit.name,
            "period": submission.period_key,
            "start": submission.period_start.isoformat(),
            "end": submission.period_end.isoformat(),
        }
        heading = (localized(template.name, language) or template.code, subtitle)
        _report_sheet(wb, heading, submission.data or {}, submission.comments or {}, layout, lists)
        _meta_sheet(wb, submission, language)
    return _finish(wb)


def build_blank_workbook(version: TemplateVersion, language: str) -> bytes:
    """A template version's questions and help as an XLSX file, with no answers and nothing
    that names a report: to read the template on paper or pass it round. Uploading it is
    refused, as it names no report."""
    version = selectors.version_with_fields(version.pk)
    template = version.template
    with translation.override(language):
        layout = lay.build_layout(version, language)
        wb = Workbook()
        lists = _Lists(wb)
        subtitle = _("Version %(n)s of the template, without answers") % {"n": version.number}
        heading = (localized(template.name, language) or template.code, subtitle)
        _report_sheet(wb, heading, {}, {}, layout, lists)
    return _finish(wb)


def _finish(wb: Any) -> bytes:
    wb.move_sheet(lay.LISTS, offset=len(wb.sheetnames))
    wb.active = 0
    wb.security = WorkbookProtection(lockStructure=True)  # no sheet renamed, added or unhidden
    wb.properties.creator = "Lintas"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def file_name(submission: Submission) -> str:
    parts = [submission.obligation.template.code, slugify(submission.unit.name)]
    return "-".join([*(p for p in parts if p), submission.period_key]) + ".xlsx"


# --- sheets ----------------------------------------------------------------------------------


def _report_sheet(
    wb: Any,
    heading: tuple[str, str],
    data: dict[str, Any],
    comments: dict[str, Any],
    layout: Layout,
    lists: _Lists,
) -> None:
    ws = wb.active
    ws.title = layout.main
    _put(ws["B1"], heading[0])
    ws["B1"].font = Font(bold=True, size=14)
    _put(ws["B2"], heading[1])
    _put(
        ws["B3"],
        _(
            "Fill in the yellow cells, and the rows of the other sheets. Keep the sheets and "
            "rows as they are, save as .xlsx, and upload the file on the report's page. "
            "Questions marked * are required before the report is submitted."
        ),
    )
    ws.merge_cells("B3:D3")
    ws["B3"].alignment = _WRAP
    ws.row_dimensions[3].height = 48
    heads = (
        pgettext("question code", "Code"),
        _("Question"),
        _("Answer"),
        _("Help"),
        _("Comment on the value"),
    )
    for letter, text in zip((CODE, LABEL, ANSWER, HELP, COMMENT), heads, strict=True):
        _put(ws[f"{letter}5"], text)
        ws[f"{letter}5"].font = Font(bold=True)
        ws[f"{letter}5"].fill = _HEAD_FILL
    for title, row in layout.sections:
        _put(ws[f"{LABEL}{row}"], title)
        ws[f"{LABEL}{row}"].font = Font(bold=True, size=12)
    by_code = {item.field.code: item for item in layout.items}
    for item in layout.items:
        field, spec, row = item.field, item.spec, item.row
        _put(ws[f"{CODE}{row}"], field.code)
        _put(ws[f"{LABEL}{row}"], item.label + (" *" if field.required else ""))
        ws[f"{LABEL}{row}"].alignment = _WRAP
        hint = _hint(spec, item.choices, layout.yes_no, item.sheet)
        lines = [localized(field.help, layout.language), hint, _condition(item, by_code, layout)]
        _put(ws[f"{HELP}{row}"], "\n".join(line for line in lines if line))
        ws[f"{HELP}{row}"].alignment = _WRAP
        cell = ws[f"{ANSWER}{row}"]
        if item.sheet:
            _put(cell, _("See the sheet “%(sheet)s”") % {"sheet": item.sheet})
            cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{item.sheet}'!A1")
            cell.font = Font(color="1F5FAD", underline="single")
            _table_sheet(wb, item, data.get(field.code) or [], layout, lists)
            continue
        _answer_style(cell, spec)
        _put(cell, _cell_value(spec, data.get(field.code), item.choices, layout.yes_no))
        if spec.is_numeric:
            note = ws[f"{COMMENT}{row}"]
            note.protection, note.fill, note.alignment = _UNLOCKED, _COMMENT_FILL, _WRAP
            note.number_format = "@"
            _put(note, comments.get(field.code) or None)
        rule = _validation(spec, hint, lists.ref_for(spec, item.choices, layout.yes_no))
        if rule is not None:
            ws.add_data_validation(rule)
            rule.add(cell.coordinate)
    ws.column_dimensions[CODE].hidden = True
    for letter, width in ((LABEL, 42), (ANSWER, 32), (HELP, 60), (COMMENT, 40)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = f"A{lay.FIRST_ROW}"
    _protect(ws)


def _table_sheet(wb: Any, item: Item, rows: list[Any], layout: Layout, lists: _Lists) -> None:
    ws = wb.create_sheet(item.sheet)
    last = lay.MAX_TABLE_ROWS + 1
    for column in item.columns:
        head = ws[f"{column.letter}1"]
        _put(head, column.label + (" *" if column.spec.required else ""))
        head.font = Font(bold=True)
        head.fill = _HEAD_FILL
        head.alignment = _WRAP
        ws.column_dimensions[column.letter].width = 36 if column.spec.type == "short_text" else 18
        hint = _hint(column.spec, column.choices, layout.yes_no)
        ref = lists.ref_for(column.spec, column.choices, layout.yes_no)
        rule = _validation(column.spec, hint, ref)
        if rule is not None:
            ws.add_data_validation(rule)
            rule.add(f"{column.letter}2:{column.letter}{last}")
        for r in range(2, last + 1):
            _answer_style(ws[f"{column.letter}{r}"], column.spec)
    for r, row in enumerate(rows[: lay.MAX_TABLE_ROWS], start=2):
        for column in item.columns:
            value = row.get(column.spec.code) if isinstance(row, dict) else None
            shown = _cell_value(column.spec, value, column.choices, layout.yes_no)
            _put(ws[f"{column.letter}{r}"], shown)
    ws.freeze_panes = "A2"
    _protect(ws)


def _meta_sheet(wb: Any, submission: Submission, language: str) -> None:
    ws = wb.create_sheet(lay.META)
    values = (
        lay.FORMAT,
        submission.pk,
        submission.version_id,
        submission.revision,
        language,
        lay.sign(submission.pk, submission.version_id, submission.revision, language),
    )
    for row, (key, value) in enumerate(zip(lay.META_KEYS, values, strict=True), start=1):
        _put(ws[f"A{row}"], key)
        _put(ws[f"B{row}"], value)
    ws.sheet_state = "veryHidden"
    _protect(ws)


class _Lists:
    """The hidden sheet of drop-down options: one column per distinct list, referenced by range
    (Excel limits lists typed into the rule itself to 255 characters)."""

    def __init__(self, wb: Any) -> None:
        self.sheet = wb.create_sheet(lay.LISTS)
        self.sheet.sheet_state = "hidden"
        self.refs: dict[tuple[str, ...], str] = {}

    def ref_for(self, spec: validation.FieldSpec, choices: Choices, yes_no: YesNo) -> str | None:
        options = {"choice": choices.shown, "yes_no": yes_no.shown}.get(spec.type)
        if not options:
            return None
        key = tuple(options)
        if key not in self.refs:
            column = get_column_letter(len(self.refs) + 1)
            for i, text in enumerate(options, start=1):
                _put(self.sheet[f"{column}{i}"], text)
            self.refs[key] = f"'{lay.LISTS}'!${column}$1:${column}${len(options)}"
        return self.refs[key]


# --- cells -----------------------------------------------------------------------------------


def _put(cell: Any, value: Any) -> None:
    """Write a value; text is always text, even when it starts with "=" (never a formula).

    The workbook is protected input, so its text gets no apostrophe (``formats.cells``) and
    reads back exactly as it was written: every text is stored as text, every cell a person
    may change that takes text is formatted as text ("@", ``_answer_style``), where Excel and
    LibreOffice keep even a typed "=…" as text, and every other cell is locked."""
    sheets.put(cell, value, quote=False)


def _answer_style(cell: Any, spec: validation.FieldSpec) -> None:
    cell.protection = _UNLOCKED
    cell.fill = _ANSWER_FILL
    cell.alignment = _WRAP
    if spec.type == "date":
        cell.number_format = "yyyy-mm-dd"
    elif spec.type not in {"integer", "decimal"}:
        cell.number_format = "@"  # text stays text: "1-2" is not turned into a date


def _cell_value(spec: validation.FieldSpec, value: Any, choices: Choices, yes_no: YesNo) -> Any:
    """A stored answer as the cell shows it."""
    if value is None or value == "" or value == []:
        return None
    try:
        if spec.type == "decimal":
            return Decimal(str(value))
        if spec.type == "date":
            return dt.date.fromisoformat(str(value))
    except (ValueError, InvalidOperation):
        return str(value)
    if spec.type == "choice":
        return choices.display(value)
    if spec.type == "multi_choice" and isinstance(value, list):
        return "; ".join(choices.display(v) for v in value)
    if spec.type == "yes_no":
        return yes_no.display(value)
    return value


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _limit(spec: validation.FieldSpec) -> int:
    return spec.max_length or (500 if spec.type == "short_text" else 20_000)


def _bounds(spec: validation.FieldSpec) -> str:
    low, high = spec.min_value, spec.max_value
    if low is not None and high is not None:
        return _("between %(low)s and %(high)s") % {"low": _number(low), "high": _number(high)}
    if low is not None:
        return _("at least %(n)s") % {"n": _number(low)}
    if high is not None:
        return _("at most %(n)s") % {"n": _number(high)}
    return ""


def _hint(spec: validation.FieldSpec, choices: Choices, yes_no: YesNo, sheet: str = "") -> str:
    """What a cell takes, in the file's language: its help line, input message and error."""
    kind = spec.type
    bounds = _bounds(spec)
    if kind in {"integer", "decimal"}:
        text = _("A whole number") if kind == "integer" else _("A number")
        text += f", {bounds}" if bounds else ""
    elif kind in {"short_text", "long_text"}:
        text = _("Text, at most %(n)s characters") % {"n": _limit(spec)}
    elif kind == "choice":
        text = _("One of: %(choices)s") % {"choices": "; ".join(choices.shown)}
    elif kind == "multi_choice":
        text = _("One or more of: %(choices)s (separate them with ;)") % {
            "choices": "; ".join(choices.shown)
        }
    elif kind == "date":
        text = _("A date, YYYY-MM-DD")
    elif kind == "yes_no":
        text = _("%(yes)s or %(no)s") % {"yes": yes_no.shown[0], "no": yes_no.shown[1]}
    else:
        text = _("One row each on the sheet “%(sheet)s”") % {"sheet": sheet}
    return text + "."


def _condition(item: Item, by_code: dict[str, Item], layout: Layout) -> str:
    rule = item.field.required_if
    if item.field.required or not rule or rule.get("field") not in by_code:
        return ""
    other = by_code[rule["field"]]
    value = _cell_value(other.spec, rule.get("equals"), other.choices, layout.yes_no)
    return _("Required when “%(other)s” is %(value)s.") % {"other": other.label, "value": value}


def _validation(
    spec: validation.FieldSpec, hint: str, list_ref: str | None
) -> DataValidation | None:
    """Excel's own check of a cell, where Excel has one for the type."""
    kind = spec.type
    options: dict[str, Any]
    if kind in {"integer", "decimal"}:
        low, high = spec.min_value, spec.max_value
        if kind == "integer":
            low = Decimal(math.ceil(low)) if low is not None else None
            high = Decimal(math.floor(high)) if high is not None else None
        options = {
            "type": "whole" if kind == "integer" else "decimal",
            "operator": "between",
            "formula1": _number(low if low is not None else -_FAR),
            "formula2": _number(high if high is not None else _FAR),
        }
    elif kind in {"short_text", "long_text"}:
        options = {"type": "textLength", "operator": "lessThanOrEqual"}
        options["formula1"] = str(_limit(spec))
    elif kind == "date":  # 1900-01-01 to 9999-12-31 as Excel serial days
        options = {"type": "date", "operator": "between", "formula1": "1", "formula2": "2958465"}
    elif kind in {"choice", "yes_no"} and list_ref:
        options = {"type": "list", "formula1": list_ref}
    else:
        return None
    return DataValidation(
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorTitle=_("Check this answer")[:32],
        error=hint[:225],
        promptTitle=spec.label[:32],
        prompt=hint[:255],
        **options,
    )


def _protect(ws: Any) -> None:
    """Keep labels and layout in place. Not a secret: the signature guards the identity, and
    the reader checks the layout."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
