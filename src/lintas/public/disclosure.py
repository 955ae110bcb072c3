"""The cross-release differencing check (see docs/public.md, "Releases").

Each release of a body is checked on its own by the suppression rule of
``lintas.cases.statistics``: no withheld cell follows from that release's published figures and
sums. That is not enough once a body has published more than once: a reader who puts two releases
side by side learns that a figure which appears in both with the same value is one number, and can
subtract the totals of one release from those of the other. A cell withheld in one release may then
follow from the published figures of both.

The check here solves the equations of all releases at once. Its unknowns are the withheld cells of
every release; its equations are each table's sums (every row and column adds up to its total) and,
for every cell that two releases both carry with the same true value, the equation that the two are
equal (a reader cannot see that they are equal, but a careful one assumes it, so the check does).
A withheld cell is *leaked* when it is a combination of these equations, that is when a unit
vector on it lies in the row space, and when no release publishes that cell with that value anyway.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext as _

from lintas.cases.statistics import Table
from lintas.core.errors import LintasError

# A cell across releases: (release position, table dimension, row label, column label).
CellKey = tuple[str, str, str]
Unknown = tuple[int, str, str, str]


@dataclass(frozen=True)
class Leak:
    """A withheld cell that follows from the published figures of several releases."""

    release: int
    dimension: str
    row: str
    column: str

    def describe(self, names: Sequence[str]) -> str:
        return f"{names[self.release]}: {self.dimension}, {self.row}, {self.column}"


def _key(table: Table, r: int, c: int) -> CellKey:
    return (table.dimension, table.rows[r], table.columns[c])


def _reduce(rows: list[list[Fraction]], width: int) -> list[list[Fraction]]:
    """Row echelon form (reduced) of the equations, zero rows dropped."""
    rows = [list(r) for r in rows]
    rank = 0
    for col in range(width):
        pivot = next((i for i in range(rank, len(rows)) if rows[i][col] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        lead = rows[rank][col]
        rows[rank] = [v / lead for v in rows[rank]]
        for i in range(len(rows)):
            if i != rank and rows[i][col] != 0:
                factor = rows[i][col]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[rank], strict=True)]
        rank += 1
    return rows[:rank]


def leaked_cells(releases: Sequence[Sequence[Table]]) -> list[Leak]:
    """Withheld cells of any release that follow from the published figures of all of them.

    ``releases`` is a list of releases, each a list of tables with their true counts and their
    ``suppressed`` positions; the order is the order of publication."""
    unknowns: list[Unknown] = []
    truth: dict[Unknown, int] = {}
    published: dict[CellKey, set[int]] = {}
    carried: dict[CellKey, list[tuple[int, int, bool]]] = {}
    for n, tables in enumerate(releases):
        for table in tables:
            for r, line in enumerate(table.cells):
                for c, value in enumerate(line):
                    key = _key(table, r, c)
                    hidden = (r, c) in table.suppressed
                    carried.setdefault(key, []).append((n, value, hidden))
                    if hidden:
                        unknown = (n, *key)
                        unknowns.append(unknown)
                        truth[unknown] = value
                    else:
                        published.setdefault(key, set()).add(value)
    if not unknowns:
        return []
    index = {u: i for i, u in enumerate(unknowns)}
    width = len(unknowns)
    equations: list[list[Fraction]] = []

    def equation(terms: list[tuple[Unknown, int]]) -> None:
        line = [Fraction(0)] * width
        for unknown, sign in terms:
            line[index[unknown]] += sign
        if any(line):
            equations.append(line)

    for n, tables in enumerate(releases):
        for table in tables:
            last_row, last_col = len(table.cells) - 1, len(table.cells[0]) - 1
            for r in range(last_row + 1):
                equation(
                    [
                        ((n, *_key(table, r, c)), -1 if c == last_col else 1)
                        for c in range(last_col + 1)
                        if (r, c) in table.suppressed
                    ]
                )
            for c in range(last_col + 1):
                equation(
                    [
                        ((n, *_key(table, r, c)), -1 if r == last_row else 1)
                        for r in range(last_row + 1)
                        if (r, c) in table.suppressed
                    ]
                )
    for key, seen in carried.items():
        for i, (n, value, hidden) in enumerate(seen):
            if not hidden:
                continue
            for m, other, other_hidden in seen[:i] + seen[i + 1 :]:
                if other != value:
                    continue
                if other_hidden:
                    equation([((n, *key), 1), ((m, *key), -1)])
                else:
                    equation([((n, *key), 1)])
    basis = _reduce(equations, width)
    leaks = []
    for unknown, i in index.items():
        # A unit vector lies in the row space of a reduced echelon basis exactly when one basis
        # row is that unit vector.
        if any(row[i] == 1 and sum(1 for v in row if v != 0) == 1 for row in basis):
            n, dimension, row_label, column_label = unknown
            if truth[unknown] in published.get((dimension, row_label, column_label), set()):
                continue  # published anyway, in this or another release
            leaks.append(Leak(n, dimension, row_label, column_label))
    return sorted(leaks, key=lambda leak: (leak.release, leak.dimension, leak.row, leak.column))


def check_release(
    tables: Sequence[Table], earlier: Sequence[Sequence[Table]], *, names: Sequence[str]
) -> None:
    """Refuse a release whose withheld cells, or those of an earlier release, follow from the
    published figures of this release and the earlier ones together. ``names`` names the earlier
    releases and then this one, for the message."""
    if not tables:
        raise LintasError(_("A release must hold at least one table."))
    leaks = leaked_cells([*earlier, tables])
    if leaks:
        cells = "; ".join(leak.describe(names) for leak in leaks)
        raise LintasError(
            _(
                "This release would let a reader work out withheld figures by comparing it "
                "with earlier releases: %(cells)s. Widen the suppression and try again."
            )
            % {"cells": cells}
        )


def widen(tables: Sequence[Table], earlier: Sequence[Sequence[Table]]) -> list[Table]:
    """Withhold more cells of the new release until no withheld cell of any release leaks.

    Greedy: for every leak, withhold the published cells that the new release shares with the
    leaked cell's row and column, smallest first, one at a time; the earlier releases are out and
    cannot change. Ends because each round withholds at least one more cell, and a release with
    every cell withheld adds no equation that involves a published figure."""
    tables = [
        Table(
            t.dimension,
            list(t.rows),
            list(t.columns),
            [list(r) for r in t.cells],
            set(t.suppressed),
        )
        for t in tables
    ]
    new = len(earlier)
    while True:
        leaks = leaked_cells([*earlier, tables])
        if not leaks:
            return tables
        grew = False
        for leak in leaks:
            for table in tables:
                if table.dimension != leak.dimension:
                    continue
                candidates = [
                    (table.cells[r][c], r, c)
                    for r in range(len(table.rows))
                    for c in range(len(table.columns))
                    if (r, c) not in table.suppressed
                    and (table.rows[r] == leak.row or table.columns[c] == leak.column)
                ]
                if not candidates and leak.release == new:
                    candidates = [
                        (table.cells[r][c], r, c)
                        for r in range(len(table.rows))
                        for c in range(len(table.columns))
                        if (r, c) not in table.suppressed
                    ]
                if candidates:
                    _value, r, c = min(candidates)
                    table.suppressed.add((r, c))
                    grew = True
                    break
        if not grew:
            for table in tables:
                table.suppressed = {
                    (r, c) for r in range(len(table.rows)) for c in range(len(table.columns))
                }
            return tables
