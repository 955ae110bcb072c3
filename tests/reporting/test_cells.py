"""A cell's state has one sign and one name wherever it shows: in the matrix, its legend, its
filter and the consolidated report (reporting/cells.py defines them once)."""

from __future__ import annotations

from django.utils import translation

from lintas.reporting import cells, measures
from lintas.reporting.templatetags.reporting import glyph, state_label
from lintas.synthesis.render import words

STATES = [
    measures.ACCEPTED,
    measures.ON_TIME,
    measures.LATE,
    measures.RETURNED,
    measures.AWAITING_VALIDATION,
    measures.MISSING,
    measures.DUE,
    measures.NOT_YET_DUE,
    measures.NOT_EXPECTED,
]


def _cell(state: str, days_late: int | None = None) -> measures.Cell:
    return measures.Cell(state, True, False, False, days_late, 0, 0)


def test_the_legend_lists_every_state_once_in_order_with_the_sign_a_cell_shows() -> None:
    legend = cells.legend()

    assert [state for state, _name, _sign in legend] == STATES
    for state, _name, sign in legend:
        assert sign.removesuffix(" +n") == glyph(_cell(state))


def test_late_and_missing_cells_show_their_days_late_as_the_legend_says() -> None:
    signs = {state: sign for state, _name, sign in cells.legend()}

    assert glyph(_cell(measures.LATE, 3)) == signs[measures.LATE].replace("n", "3")
    assert glyph(_cell(measures.MISSING, 41)) == signs[measures.MISSING].replace("n", "41")
    assert glyph(_cell(measures.ACCEPTED, 2)) == "✓ +2"  # accepted after arriving late


def test_the_consolidated_report_names_a_state_as_the_legend_does() -> None:
    names = {state: name for state, name, _sign in cells.legend()}

    for state in STATES:
        assert words.state_name(state) == names[state]
    assert words.state_name("submitted") == "Submitted"


def test_the_names_follow_the_language_of_the_page() -> None:
    with translation.override("vi"):
        vietnamese = dict((state, name) for state, name, _sign in cells.legend())
        short = state_label(measures.MISSING)

    assert vietnamese[measures.ACCEPTED] != "Accepted"
    assert short != "Missing"
    assert vietnamese[measures.MISSING] == words_in("vi", measures.MISSING)


def words_in(language: str, state: str) -> str:
    with translation.override(language):
        return words.state_name(state)
