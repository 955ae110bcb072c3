"""Anonymised statistics of victims in case records: counts by year and country of nationality,
exploitation type, sex or age band, with small cells suppressed.

The suppression rule (see docs/cases.md, "Statistics"):

1. Primary suppression: every cell *and every total* below ``K`` (11) is withheld, zeros included.
2. Complementary suppression: a table with its totals is a set of lines (each row with its row
   total, each column with its column total, the totals row with the grand total). Read as a
   bipartite graph (row lines and column lines are nodes, each cell an edge between its row and
   its column), a withheld cell can be worked out from the published figures exactly when its edge
   lies on no cycle of withheld edges. So cells are withheld until every withheld cell lies on such
   a cycle: first, in each line with a single withheld cell, the smallest other cell of the line;
   then, for a withheld cell that is still a bridge, the smallest cell that closes a cycle through
   it. This repeats to a fixed point.
3. Tables that share totals (every table has the same year totals and grand total) are suppressed
   together, so a total withheld in one table is withheld in all of them.

The functions at the top are pure and have no Django import; ``victim_statistics`` reads the
database and applies the audience's TLP rule.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lintas.members.models import Body

K = 11
TOTAL = "__total__"
UNKNOWN = "unknown"
MORE_THAN_ONE = "more_than_one"

# Age at identification (the year the case was opened), after CTDC's adult/minor split with a few
# adult bands. The date of birth never leaves this module: only the band does.
AGE_BANDS: tuple[tuple[str, int, int], ...] = (
    ("0-17", 0, 17),
    ("18-24", 18, 24),
    ("25-34", 25, 34),
    ("35-44", 35, 44),
    ("45+", 45, 200),
)


def age_band(date_of_birth: dt.date | None, on: dt.date) -> str:
    """The band of a person's age on a date; ``unknown`` without a date of birth."""
    if not date_of_birth:
        return UNKNOWN
    age = (
        on.year
        - date_of_birth.year
        - ((on.month, on.day) < (date_of_birth.month, date_of_birth.day))
    )
    for name, low, high in AGE_BANDS:
        if low <= age <= high:
            return name
    return UNKNOWN


@dataclass(frozen=True)
class VictimRecord:
    """One victim as statistics see them: no name, no date, no identifier."""

    year: int
    nationality: str
    exploitation: str
    sex: str
    age_band: str


DIMENSIONS = ("nationality", "exploitation", "sex", "age_band")


@dataclass
class Table:
    """A two-way table (year by one dimension). ``cells[r][c]`` holds the true counts; the last
    row and column are the totals. ``suppressed`` holds the (row, column) positions withheld."""

    dimension: str
    rows: list[str]
    columns: list[str]
    cells: list[list[int]]
    suppressed: set[tuple[int, int]] = field(default_factory=set)

    def published(self) -> list[list[int | None]]:
        """The counts as shown: ``None`` where withheld."""
        return [
            [None if (r, c) in self.suppressed else value for c, value in enumerate(row)]
            for r, row in enumerate(self.cells)
        ]


def build_table(
    dimension: str,
    counts: Counter[tuple[str, str]],
    rows: Sequence[str],
    *,
    order: Sequence[str] = (),
) -> Table:
    """A table with totals from counts keyed by (row, column); columns in ``order`` when given
    (any others after it), else by descending total."""
    column_totals: Counter[str] = Counter()
    for (_row, column), n in counts.items():
        column_totals[column] += n
    if order:
        rank = {code: i for i, code in enumerate(order)}
        columns = sorted(column_totals, key=lambda c: (rank.get(c, len(rank)), c))
    else:
        columns = sorted(column_totals, key=lambda c: (-column_totals[c], c))
    cells = [[counts.get((row, column), 0) for column in columns] for row in rows]
    for line in cells:
        line.append(sum(line))
    cells.append([sum(line[c] for line in cells) for c in range(len(columns) + 1)])
    return Table(dimension, [*rows, TOTAL], [*columns, TOTAL], cells)


def tables_from(records: Iterable[VictimRecord]) -> list[Table]:
    """One table per dimension, all with the same rows (years)."""
    records = list(records)
    years = sorted({str(r.year) for r in records})
    tables = []
    for dimension in DIMENSIONS:
        counts: Counter[tuple[str, str]] = Counter(
            (str(r.year), getattr(r, dimension)) for r in records
        )
        order = (
            [*(name for name, _low, _high in AGE_BANDS), UNKNOWN] if dimension == "age_band" else []
        )
        tables.append(build_table(dimension, counts, years, order=order))
    return tables


def _lines(table: Table) -> list[list[tuple[int, int]]]:
    n_rows, n_cols = len(table.cells), len(table.cells[0])
    rows = [[(r, c) for c in range(n_cols)] for r in range(n_rows)]
    cols = [[(r, c) for r in range(n_rows)] for c in range(n_cols)]
    return rows + cols


def _smallest(table: Table, candidates: Iterable[tuple[int, int]]) -> tuple[int, int] | None:
    """The open cell to withhold next: the smallest non-zero count first (withholding a zero
    protects little), then position, so the choice is reproducible."""
    open_cells = [p for p in candidates if p not in table.suppressed]
    if not open_cells:
        return None
    return min(open_cells, key=lambda p: (table.cells[p[0]][p[1]] == 0, table.cells[p[0]][p[1]], p))


def _connected(edges: set[tuple[int, int]], start: tuple[str, int]) -> set[tuple[str, int]]:
    """Nodes reachable from ``start`` in the bipartite graph of withheld cells."""
    seen = {start}
    todo = [start]
    while todo:
        kind, index = todo.pop()
        for r, c in edges:
            if kind == "r" and r == index and ("c", c) not in seen:
                seen.add(("c", c))
                todo.append(("c", c))
            elif kind == "c" and c == index and ("r", r) not in seen:
                seen.add(("r", r))
                todo.append(("r", r))
    return seen


Sides = tuple[set[tuple[str, int]], set[tuple[str, int]]]


def _bridge(table: Table) -> Sides | None:
    """The two sides of a withheld cell that lies on no cycle of withheld cells, if any."""
    for cell in sorted(table.suppressed):
        rest = table.suppressed - {cell}
        row_side = _connected(rest, ("r", cell[0]))
        if ("c", cell[1]) not in row_side:
            return row_side, _connected(rest, ("c", cell[1]))
    return None


def _complete(table: Table) -> bool:
    """Withhold one more cell if the table needs it; False at the fixed point."""
    for line in _lines(table):
        hidden = [p for p in line if p in table.suppressed]
        if len(hidden) == 1:
            extra = _smallest(table, line)
            if extra is not None:
                table.suppressed.add(extra)
                return True
    found = _bridge(table)
    if found is None:
        return False
    row_side, column_side = found
    n_rows, n_cols = len(table.cells), len(table.cells[0])
    # An edge between the bridge's two sides closes a cycle through it.
    closing = [
        (r, c)
        for r in range(n_rows)
        for c in range(n_cols)
        if (("r", r) in row_side and ("c", c) in column_side)
        or (("r", r) in column_side and ("c", c) in row_side)
    ]
    extra = _smallest(table, closing)
    if extra is None:  # cannot happen for a table with at least two rows and columns
        table.suppressed |= {(r, c) for r in range(n_rows) for c in range(n_cols)}
        return False
    table.suppressed.add(extra)
    return True


def suppress(tables: Sequence[Table], *, k: int = K) -> None:
    """Primary and complementary suppression of tables that share their rows' totals."""
    for table in tables:
        table.suppressed = {
            (r, c) for r, row in enumerate(table.cells) for c, value in enumerate(row) if value < k
        }
    changed = True
    while changed:
        changed = False
        for table in tables:
            while _complete(table):
                changed = True
        # The row totals (and the grand total) are the same figures in every table.
        shared = {
            r for table in tables for (r, c) in table.suppressed if c == len(table.cells[0]) - 1
        }
        for table in tables:
            last = len(table.cells[0]) - 1
            missing = {(r, last) for r in shared} - table.suppressed
            if missing:
                table.suppressed |= missing
                changed = True


def anonymised_tables(records: Iterable[VictimRecord], *, k: int = K) -> list[Table]:
    tables = tables_from(records)
    if tables and tables[0].rows != [TOTAL]:
        suppress(tables, k=k)
    else:
        for table in tables:
            table.suppressed = {
                (r, c) for r, row in enumerate(table.cells) for c, value in enumerate(row)
            }
    return tables


# --- reading the database ------------------------------------------------------------------

PUBLIC = "public"
BODY = "body"
# Which labels feed which page. A person with a stricter label than the case is left out when
# the stricter label is outside the audience.
AUDIENCE_LABELS = {PUBLIC: frozenset({"clear"}), BODY: frozenset({"clear", "green"})}


def victim_records(body: Body, *, audience: str) -> list[VictimRecord]:
    """The victims of a body's cases whose (effective) label belongs to the audience.

    The date of birth is decrypted in memory only to find the age band; neither it nor anything
    else personal is returned, so no read of personal data is logged."""
    from lintas.cases.models import Case, CasePerson, stricter_label

    labels = AUDIENCE_LABELS[audience]
    persons = (
        CasePerson.objects.filter(
            case__body=body, case__tlp__in=labels, role=CasePerson.PersonRole.VICTIM
        )
        .select_related("case")
        .only(
            "sex",
            "nationality",
            "date_of_birth",
            "tlp",
            "case__tlp",
            "case__opened_on",
            "case__exploitation_types",
        )
    )
    records = []
    for person in persons:
        case: Case = person.case
        if stricter_label(case.tlp, person.tlp) not in labels:
            continue
        types = case.exploitation_types or []
        records.append(
            VictimRecord(
                year=case.opened_on.year,
                nationality=person.nationality or UNKNOWN,
                exploitation=(
                    types[0] if len(types) == 1 else (MORE_THAN_ONE if types else UNKNOWN)
                ),
                sex=person.sex or UNKNOWN,
                age_band=age_band(person.date_of_birth or None, case.opened_on),
            )
        )
    return records


def victim_statistics(body: Body, *, audience: str) -> list[Table]:
    return anonymised_tables(victim_records(body, audience=audience))


# --- presenting ------------------------------------------------------------------------------

SUPPRESSED = "x"


def _shown(value: int | None) -> str:
    return SUPPRESSED if value is None else str(value)


def export_rows(tables: Sequence[Table]) -> list[list[str]]:
    """The published figures, one row per cell: dimension, year, category, count (``x`` when
    withheld). Totals use ``total`` for the year or the category."""
    rows = []
    for table in tables:
        for r, line in enumerate(table.published()):
            for c, value in enumerate(line):
                rows.append(
                    [
                        table.dimension,
                        "total" if table.rows[r] == TOTAL else table.rows[r],
                        "total" if table.columns[c] == TOTAL else table.columns[c],
                        _shown(value),
                    ]
                )
    return rows


def category_label(dimension: str, code: str) -> str:
    from django.utils.translation import gettext as _

    from lintas.cases.models import CasePerson, ExploitationType

    if code == TOTAL:
        return _("Total")
    if code == UNKNOWN:
        return _("Unknown")
    if code == MORE_THAN_ONE:
        return _("More than one type")
    if dimension == "exploitation":
        return str(dict(ExploitationType.choices).get(code, code))
    if dimension == "sex":
        return str(dict(CasePerson.Sex.choices).get(code, code))
    return code


def dimension_label(dimension: str) -> str:
    from django.utils.translation import gettext as _

    return {
        "nationality": _("Victims by year and nationality"),
        "exploitation": _("Victims by year and type of exploitation"),
        "sex": _("Victims by year and sex"),
        "age_band": _("Victims by year and age at identification"),
    }[dimension]


def display_tables(tables: Sequence[Table]) -> list[dict[str, Any]]:
    """What the page shows: each table with labels, and each cell with its export key."""
    shown: list[dict[str, Any]] = []
    for table in tables:
        published = table.published()
        shown.append(
            {
                "title": dimension_label(table.dimension),
                "columns": [category_label(table.dimension, c) for c in table.columns],
                "rows": [
                    {
                        "label": category_label(table.dimension, row),
                        "cells": [
                            {
                                "key": "|".join(key),
                                "value": _shown(value),
                            }
                            for key, value in zip(
                                (
                                    (
                                        table.dimension,
                                        "total" if row == TOTAL else row,
                                        "total" if col == TOTAL else col,
                                    )
                                    for col in table.columns
                                ),
                                published[r],
                                strict=True,
                            )
                        ],
                    }
                    for r, row in enumerate(table.rows)
                ],
            }
        )
    return shown
