"""Cells of the XLSX workbooks Lintas writes: text goes through ``cells.safe_cell`` and is
stored as text (openpyxl's type "s"), never as a formula or an error value, and without the
control characters XML cannot hold (which openpyxl refuses with an exception)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from lintas.formats.cells import safe_cell


def text(value: str, *, quote: bool = True) -> str:
    """A text as a cell of a workbook can hold it: without control characters and, with
    ``quote``, with the apostrophe of ``safe_cell`` when a spreadsheet would run it."""
    clean = ILLEGAL_CHARACTERS_RE.sub("", value)
    return safe_cell(clean) if quote else clean


def put(cell: Any, value: Any, *, quote: bool = True) -> None:
    """Write a value into a cell of a worksheet: text always as text (type "s"), safe from
    formulas. Without ``quote`` the text is kept as it is, for a cell that is read back as typed
    and that no spreadsheet turns into a formula: a text cell (number format "@") or a locked
    one, as in the offline report workbooks."""
    if isinstance(value, str):
        cell.value = text(value, quote=quote)
        cell.data_type = "s"
    else:
        cell.value = value


def row(sheet: Any, values: Iterable[Any]) -> list[Any]:
    """A row for ``sheet.append`` (a write-only sheet too): text always as text, safe from
    formulas; numbers, dates and empty cells as they are."""
    out: list[Any] = []
    for value in values:
        if isinstance(value, str):
            cell = WriteOnlyCell(sheet, value=text(value))
            cell.data_type = "s"
            out.append(cell)
        else:
            out.append(value)
    return out


def append(sheet: Any, values: Iterable[Any]) -> None:
    """``sheet.append`` through ``row``."""
    sheet.append(row(sheet, values))


# --- sheets laid out for people: typed cells, widths, wrapping, frozen header, filter -------

PERCENT = "0.0%"
DATE = "yyyy-mm-dd"
MONTH = "mmmm yyyy"
DATETIME = "yyyy-mm-dd hh:mm"
SHEET_NAME_MAX = 31  # Excel refuses longer names
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
MAX_WIDTH = 60  # characters: a wider text wraps
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
PAPER_SIZES = {"a4": 9, "letter": 1}  # the numbers of SpreadsheetML's paperSize
LINE_POINTS = 15  # the height of a line of 11 pt text
MAX_LINES = 20  # a taller row is cut: the whole text stays in the cell
PORTRAIT_WIDTH = 90  # characters across a portrait page; a wider sheet prints landscape


@dataclass(frozen=True)
class Cell:
    """A value with its look: a number format (``PERCENT``, ``DATE``, ``MONTH``, ``DATETIME``)
    and bold for headers and labelled totals."""

    value: Any
    number_format: str | None = None
    bold: bool = False


def sheet_name(title: str, taken: set[str]) -> str:
    """A sheet name Excel accepts (at most 31 characters, none of ``[]:*?/\\``), unique in the
    workbook (``taken``, lower case, is updated): a long title is cut at its colon or between
    words, never inside one."""

    def fit(text: str, room: int) -> str:
        if len(text) <= room:
            return text
        cut = text[: room + 1].rsplit(" ", 1)[0] if " " in text[: room + 1] else text[:room]
        return cut[:room].rstrip(" ,.;-–(")  # noqa: RUF001

    head = title.split(":", 1)[0].strip()
    if len(title) > SHEET_NAME_MAX and ":" in title and 4 <= len(head) <= SHEET_NAME_MAX - 4:
        title = head  # "Information exchange: alerts and …": what comes before the colon
    name = " ".join(_SHEET_BAD.sub(" ", title).split()).strip("'") or "Sheet"
    candidate = fit(name, SHEET_NAME_MAX)
    n = 2
    while candidate.lower() in taken:
        suffix = f" ({n})"
        candidate = fit(name, SHEET_NAME_MAX - len(suffix)) + suffix
        n += 1
    taken.add(candidate.lower())
    return candidate


def _shown_length(value: Any) -> int:
    """How many characters a cell shows, about, for its column's width."""
    if isinstance(value, Cell):
        if value.number_format in (DATETIME,):
            return 16
        if value.number_format in (DATE, MONTH):
            return 14
        if value.number_format == PERCENT:
            return 7
        value = value.value
    if value is None:
        return 0
    if isinstance(value, str):
        return max((len(line) for line in value.splitlines()), default=0)
    if isinstance(value, float):
        return len(f"{value:,.2f}")
    return len(f"{value:,}") if isinstance(value, int) else len(str(value))


def write_sheet(
    book: Any,
    title: str,
    rows: list[list[Any]],
    *,
    header: int | None = 1,
    table_end: int | None = None,
    taken: set[str] | None = None,
    paper: str = "a4",
) -> Any:
    """A sheet of a write-only workbook, written at once from ``rows`` (values, or ``Cell``
    for a formatted one): columns as wide as their content (up to ``MAX_WIDTH`` characters,
    longer text wraps), the ``header`` row (1-based) bold and frozen, and a filter over the
    table from the header to row ``table_end`` (its last row by default). Text is kept safe from
    formulas as ``row`` keeps it."""
    sheet = book.create_sheet(sheet_name(title, taken if taken is not None else set()))
    cols = max((len(r) for r in rows), default=0)
    widths = [0] * cols
    for r in rows:
        if len(r) == 1:  # a title or a note alone on its row runs over the empty cells beside
            continue
        for c, value in enumerate(r):
            widths[c] = max(widths[c], _shown_length(value))
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = min(max(width, 6), MAX_WIDTH) + 2
    # printed on the body's paper as wide as a page, the header row on every page
    sheet.page_setup.paperSize = PAPER_SIZES.get(paper, PAPER_SIZES["a4"])
    sheet.page_setup.orientation = "landscape" if sum(widths) > PORTRAIT_WIDTH else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if header is not None and rows:
        sheet.print_title_rows = f"{header}:{header}"
        sheet.freeze_panes = f"A{header + 1}"
        end = table_end or len(rows)
        if end > header:
            width = max(1, len(rows[header - 1]))
            sheet.auto_filter.ref = f"A{header}:{get_column_letter(width)}{end}"
    shown = [min(max(width, 6), MAX_WIDTH) for width in widths]
    for i, r in enumerate(rows, start=1):
        alone = len(r) == 1
        # a row of wrapped text as tall as its longest cell: not every program measures it
        lines = 1 if alone else max((_lines(v, shown[c]) for c, v in enumerate(r)), default=1)
        if lines > 1:
            sheet.row_dimensions[i].height = LINE_POINTS * min(lines, MAX_LINES)
        sheet.append([_cell(sheet, value, bold=i == header, wrap=not alone) for value in r])
    return sheet


def _lines(value: Any, width: int) -> int:
    """How many lines a text cell takes in a column ``width`` characters wide, about."""
    text = value.value if isinstance(value, Cell) else value
    if not isinstance(text, str):
        return 1
    return sum(max(1, -(-len(line) // width)) for line in text.splitlines() or [""])


def _cell(sheet: Any, value: Any, *, bold: bool = False, wrap: bool = True) -> Any:
    style: Cell | None = value if isinstance(value, Cell) else None
    if style is not None:
        value = style.value
        bold = bold or style.bold
    cell = WriteOnlyCell(sheet, value=text(value) if isinstance(value, str) else value)
    if isinstance(value, str):
        cell.data_type = "s"
        long = len(value) > MAX_WIDTH or "\n" in value
        cell.alignment = WRAP if wrap and long else TOP
    if style is not None and style.number_format:
        cell.number_format = style.number_format
    if bold:
        cell.font = BOLD
    return cell
