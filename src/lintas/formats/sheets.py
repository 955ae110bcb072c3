"""Cells of the XLSX workbooks Lintas writes: text goes through ``cells.safe_cell`` and is
stored as text (openpyxl's type "s"), never as a formula or an error value, and without the
control characters XML cannot hold (which openpyxl refuses with an exception)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

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
