"""Reading an uploaded CSV or XLSX file into a header and rows of text, or saying what is wrong.

Guards: the size of the upload; for CSV, UTF-8 only (a UTF-16 or Windows-encoded file is refused
with the line where it stops being UTF-8 and how to save it as "CSV UTF-8"); for XLSX, the checks
of the offline report workbooks (a real XLSX package, small enough once unpacked, read-only
openpyxl). Then the header: unknown, missing and repeated columns, each by name.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import difflib
import io
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import load_workbook

from lintas.cases.interchange.columns import BY_NAME, HEADER, PERSONAL, REQUIRED
from lintas.core.errors import LintasError
from lintas.reporting.offline.layout import WorkbookProblems
from lintas.reporting.offline.read import MAX_UPLOAD_BYTES
from lintas.reporting.offline.read import check_package as check_xlsx_package

MAX_ROWS = 10_000
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, or an XLSX locked with a password


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an import. ``row`` is the row as a spreadsheet numbers it (the header
    is row 1); 0 for the file as a whole. ``value`` is empty for personal columns."""

    row: int
    column: str
    value: str
    message: str


def problem(row: int, column: str, value: Any, message: str) -> Problem:
    shown = "" if column in PERSONAL else str(value or "")[:80]
    return Problem(row, column, shown, message)


class ImportProblems(LintasError):
    """A file that cannot be taken in, with every problem found; nothing of it was saved."""

    def __init__(self, problems: list[Problem]) -> None:
        n = len(problems)
        super().__init__(
            ngettext(
                "Nothing was imported: %(n)s problem needs fixing.",
                "Nothing was imported: %(n)s problems need fixing.",
                n,
            )
            % {"n": n}
        )
        self.problems = problems


def _refuse(message: str) -> ImportProblems:
    return ImportProblems([Problem(0, "", "", message)])


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]  # (row number, known column → text)


def read_table(content: bytes) -> Table:
    """The file's header and rows, or ImportProblems."""
    if len(content) > MAX_UPLOAD_BYTES:
        mb = MAX_UPLOAD_BYTES // (1024 * 1024)
        raise _refuse(_("The file is larger than %(n)s MB.") % {"n": mb})
    if content.startswith(_OLE_MAGIC):
        raise _refuse(
            _(
                "This is an old Excel file (.xls) or a workbook locked with a password. Open it, "
                "remove the password if it has one, and save it as “Excel workbook (.xlsx)” or "
                "“CSV UTF-8 (comma delimited)”."
            )
        )
    records = _xlsx_records(content) if content.startswith(_ZIP_MAGIC) else _csv_records(content)
    return _table(records)


# --- CSV ------------------------------------------------------------------------------------


def _save_as_utf8() -> str:
    return _(
        "In Excel choose File > Save as > “CSV UTF-8 (Comma delimited) (*.csv)”; in LibreOffice "
        "choose “Text CSV” and the character set “Unicode (UTF-8)”. Then upload it again."
    )


def _csv_records(content: bytes) -> list[list[str]]:
    start = content[:4096]
    # UTF-16 without a byte order mark: a NUL byte beside most Latin letters. A stray NUL in a
    # UTF-8 file is refused at its cell instead (importing._refuse_nul).
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (
        start.count(b"\x00") * 4 >= len(start) > 0
    ):
        raise _refuse(
            _("This file is saved as UTF-16 (“Unicode text”), which cannot be read.")
            + " "
            + _save_as_utf8()
        )
    if content.startswith(codecs.BOM_UTF8):
        content = content[len(codecs.BOM_UTF8) :]
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = content[: exc.start].count(b"\n") + 1
        raise _refuse(
            _(
                "Line %(line)s is not UTF-8 text: the file was saved in another encoding "
                "(such as Windows-1252)."
            )
            % {"line": line}
            + " "
            + _save_as_utf8()
        ) from None
    first = text.split("\n", 1)[0]
    delimiter = ","
    if "," not in first:
        delimiter = ";" if ";" in first else "\t" if "\t" in first else ","
    try:
        records = []
        for record in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            records.append(record)
            if len(records) > MAX_ROWS + 1:
                break
    except csv.Error as exc:
        raise _refuse(_("The file could not be read as CSV: %(error)s") % {"error": exc}) from None
    return records


# --- XLSX -----------------------------------------------------------------------------------


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_records(content: bytes) -> list[list[str]]:
    try:
        check_xlsx_package(content)
    except WorkbookProblems as exc:
        raise ImportProblems([Problem(0, "", "", p.message) for p in exc.problems]) from None
    damaged = _refuse(
        _("The file could not be read as a workbook: it may be damaged.") + " " + _save_as_utf8()
    )
    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True, keep_links=False)
    except Exception:  # openpyxl raises many kinds for a damaged package
        raise damaged from None
    try:
        if not wb.worksheets:
            raise damaged
        records = [
            [_cell_text(v) for v in row]
            for row in wb.worksheets[0].iter_rows(max_row=MAX_ROWS + 2, values_only=True)
        ]
    except ImportProblems:
        raise
    except Exception:  # the sheet is parsed as it is streamed: XML that breaks off, bad cells
        raise damaged from None
    finally:
        wb.close()
    return records


# --- the header and rows --------------------------------------------------------------------


def _table(records: list[list[str]]) -> Table:
    if not records or not any(cell.strip() for cell in records[0]):
        raise _refuse(_("The file is empty: the first row must name the columns."))
    if len(records) > MAX_ROWS + 1:
        raise _refuse(
            _("The file has more than %(n)s rows: split it into smaller files.") % {"n": MAX_ROWS}
        )
    header = [cell.strip().lower() for cell in records[0]]
    while header and not header[-1]:
        header.pop()
    check_header(header)
    rows = []
    for index, record in enumerate(records[1:], start=2):
        cells = [c.strip() for c in record]
        if not any(cells):
            continue
        extra = [c for c in cells[len(header) :] if c]
        if extra:
            raise _refuse(
                _("Row %(row)s has more cells than the first row names columns.") % {"row": index}
            )
        values = {
            name: cells[i] if i < len(cells) else ""
            for i, name in enumerate(header)
            if name in BY_NAME
        }
        rows.append((index, values))
    return Table(header, rows)


def check_header(header: list[str]) -> None:
    problems = []
    for position, name in enumerate(header, start=1):
        if not name:
            problems.append(Problem(1, "", "", _("Column %(n)s has no name.") % {"n": position}))
    counts = Counter(name for name in header if name)
    for name, count in counts.items():
        if count > 1:
            problems.append(
                Problem(
                    1,
                    name,
                    "",
                    _("The column “%(name)s” appears %(n)s times; keep one.")
                    % {"name": name, "n": count},
                )
            )
        elif name not in BY_NAME:
            close = difflib.get_close_matches(name, HEADER, n=1, cutoff=0.6)
            message = _("Unknown column “%(name)s”.") % {"name": name}
            if close:
                message += " " + _("Did you mean “%(close)s”?") % {"close": close[0]}
            problems.append(Problem(1, name, "", message))
    for name in REQUIRED:
        if name not in counts:
            problems.append(
                Problem(1, name, "", _("The column “%(name)s” is missing.") % {"name": name})
            )
    if problems:
        raise ImportProblems(problems)
