"""The states of a cell of the reporting matrix as people see them: a sign, a short name (a
cell's title) and a full name (the legend, the synthesis). Defined here once for the matrix,
its legend, the filters and the consolidated report; the states themselves and the rules that
give them are in ``measures.py``."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lintas.reporting import measures


@dataclass(frozen=True)
class CellState:
    value: str
    sign: str
    short_name: Promise
    name: Promise
    counts_days: bool = False  # the sign is followed by the days late ("✗ +4")


# In the order of the legend.
CELL_STATES: tuple[CellState, ...] = (
    CellState(measures.ACCEPTED, "✓", _("Accepted"), _("Accepted")),
    CellState(measures.ON_TIME, "●", _("On time"), _("Submitted on time")),
    CellState(measures.LATE, "●", _("Late"), _("Submitted late"), counts_days=True),
    CellState(measures.RETURNED, "↩", _("Returned"), _("Returned")),
    CellState(
        measures.AWAITING_VALIDATION, "…", _("Awaiting validation"), _("Awaiting validation")
    ),
    CellState(
        measures.MISSING, "✗", _("Missing"), _("Missing (past the deadline)"), counts_days=True
    ),
    CellState(measures.DUE, "○", _("Due"), _("Due (deadline ahead)")),
    CellState(measures.NOT_YET_DUE, "·", _("Not yet due"), _("Not yet due (period running)")),
    CellState(measures.NOT_EXPECTED, "—", _("Not expected"), _("Not expected (not a member then)")),
)
_BY_VALUE = {state.value: state for state in CELL_STATES}


def sign(state: str) -> str:
    known = _BY_VALUE.get(state)
    return known.sign if known else "?"


def short_name(state: str) -> str:
    known = _BY_VALUE.get(state)
    return str(known.short_name) if known else state


def name(state: str) -> str:
    known = _BY_VALUE.get(state)
    return str(known.name) if known else state


def legend() -> list[tuple[str, str, str]]:
    """(state, full name, sign as drawn in a cell) for every state, in order."""
    return [
        (state.value, str(state.name), state.sign + (" +n" if state.counts_days else ""))
        for state in CELL_STATES
    ]
