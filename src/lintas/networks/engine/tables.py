"""Reading and writing the interchange tables (UTF-8 CSV with a header).

Input is checked before anything is computed. Problems are reported with the line they are
on (``line 7: duplicate record_id 'R12' (first on line 3)``) so a person can fix the file;
nothing is written when the input is refused.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from lintas.formats.cells import safe_cell

LINK_COLUMNS = (
    "record_id", "agency", "case_ref", "role", "name", "date_of_birth", "nationality",
    "id_numbers", "address", "phones", "emails", "handles", "accounts", "notes",
)  # fmt: skip
# Optional columns understood when present; any other extra column is ignored.
LINK_OPTIONAL = ("agency_country", "seen_at")
ADS_COLUMNS = ("ad_id", "posted_at", "source", "text")

Row = dict[str, str]


class InputError(ValueError):
    """Input refused; ``line`` is 1-based (the header is line 1), 0 when not about a line."""

    def __init__(self, line: int, problem: str) -> None:
        self.line = line
        self.problem = problem
        super().__init__(f"line {line}: {problem}" if line else problem)


def decode(data: bytes) -> str:
    """UTF-8 text (a leading byte-order mark is allowed) or :class:`InputError`."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(line, f"not valid UTF-8 (byte 0x{data[exc.start]:02x})") from None


def read_table(data: bytes, id_column: str, columns: Sequence[str]) -> list[Row]:
    """Rows of a CSV table keyed by the known ``columns``; extra columns are dropped.

    Refuses: undecodable UTF-8, an empty file, a missing ``id_column``, a row with more
    fields than the header, an empty or duplicate id.
    """
    text = decode(data)
    if not text.strip():
        raise InputError(0, "empty input: a header line is needed")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip().lstrip("\ufeff") for h in next(reader)]
    except csv.Error as exc:
        raise InputError(1, f"unreadable CSV header ({exc})") from None
    if id_column not in header:
        raise InputError(1, f"missing {id_column} column (header is {','.join(header)!r})")
    seen_header: set[str] = set()
    for name in header:
        if name and name in seen_header:
            raise InputError(1, f"column {name!r} appears twice in the header")
        seen_header.add(name)
    index = {name: i for i, name in enumerate(header) if name in columns}
    rows: list[Row] = []
    first_line: dict[str, int] = {}
    line = 1
    while True:
        start = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise InputError(start, f"unreadable CSV ({exc})") from None
        line = start
        if not fields or (len(fields) == 1 and not fields[0].strip() and len(header) > 1):
            continue
        if len(fields) > len(header):
            raise InputError(line, f"{len(fields)} fields but the header has {len(header)}")
        row = {name: (fields[i].strip() if i < len(fields) else "") for name, i in index.items()}
        for name in columns:
            row.setdefault(name, "")
        rid = row[id_column]
        if not rid:
            raise InputError(line, f"empty {id_column}")
        if rid in first_line:
            raise InputError(
                line, f"duplicate {id_column} {rid!r} (first on line {first_line[rid]})"
            )
        first_line[rid] = line
        rows.append(row)
    return rows


def write_table(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV text with a header; floats are written with up to four decimals, and a text a
    spreadsheet would run as a formula (an id starting with "=", "+", "-" or "@") with a
    leading apostrophe (``lintas.formats.cells``)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_shown(v) for v in row])
    return out.getvalue()


def _shown(value: object) -> object:
    return f"{value:.4g}" if isinstance(value, float) else safe_cell(value)
