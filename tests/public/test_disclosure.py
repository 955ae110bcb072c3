"""The cross-release differencing check: a pair of releases that each pass the per-release
check on their own, but whose published figures together give away a withheld cell."""

from __future__ import annotations

from collections import Counter

import pytest

from lintas.cases.statistics import K, Table, build_table, suppress
from lintas.core.errors import LintasError
from lintas.public.disclosure import Leak, check_release, leaked_cells, widen
from tests.cases.test_statistics import recoverable_cells

BY_SEX_2023_2024 = {("2023", "F"): 20, ("2023", "M"): 30, ("2024", "F"): 25, ("2024", "M"): 35}


def _release(counts: dict[tuple[str, str], int]) -> list[Table]:
    years = sorted({year for year, _ in counts})
    table = build_table("sex", Counter(counts), years)
    suppress([table], k=K)
    return [table]


@pytest.fixture
def first() -> list[Table]:
    """Two years, no small cell: everything published."""
    return _release(BY_SEX_2023_2024)


@pytest.fixture
def second() -> list[Table]:
    """A third year with 5 women: that cell withheld, with its complements."""
    return _release({**BY_SEX_2023_2024, ("2025", "F"): 5, ("2025", "M"): 30})


def test_each_release_passes_on_its_own(first: list[Table], second: list[Table]) -> None:
    assert first[0].suppressed == set()
    assert second[0].suppressed  # the 5 is withheld
    assert recoverable_cells(second[0]) == []
    assert leaked_cells([first]) == []
    assert leaked_cells([second]) == []


def test_the_pair_gives_away_the_small_cell(first: list[Table], second: list[Table]) -> None:
    leaks = leaked_cells([first, second])
    assert Leak(1, "sex", "2025", "F") in leaks
    # The check does not cry wolf: what it names really follows from the published figures.
    table = second[0]
    r, c = table.rows.index("2025"), table.columns.index("F")
    assert table.cells[r][c] == 5


def test_a_leaking_release_is_refused_with_the_cells_named(
    first: list[Table], second: list[Table]
) -> None:
    with pytest.raises(LintasError) as refused:
        check_release(second, [first], names=["Release 1", "Release 2"])
    assert "Release 2: sex, 2025, F" in refused.value.message


def test_widening_makes_the_pair_safe(first: list[Table], second: list[Table]) -> None:
    wider = widen(second, [first])
    assert wider[0].suppressed > second[0].suppressed
    assert leaked_cells([first, wider]) == []
    check_release(wider, [first], names=["Release 1", "Release 2"])
    assert second[0].suppressed != wider[0].suppressed  # the original is left alone


def test_a_release_with_nothing_in_it_is_refused(first: list[Table]) -> None:
    with pytest.raises(LintasError, match="at least one table"):
        check_release([], [first], names=["Release 1", "Release 2"])


def test_a_figure_published_again_is_no_leak(first: list[Table]) -> None:
    again = _release(BY_SEX_2023_2024)
    assert leaked_cells([first, again]) == []
