"""One rounding for every format of a report: the page, Word, PDF and the workbook."""

from __future__ import annotations

from decimal import Decimal

from django.utils import translation

from lintas.synthesis.render import words


def test_a_figure_rounds_half_up_the_same_on_the_page_and_in_the_workbook() -> None:
    with translation.override("en"):
        assert words.number(15.35, 1) == "15.4"  # cut off, it read 15.3 on the page
        assert words.number(31.95, 1) == "32.0"
        assert words.number(Decimal("2.5"), 0) == "3"
    with translation.override("vi"):
        assert words.number(1234.56, 1) == "1.234,6"
    assert float(words.rounded(15.35, 1)) == 15.4  # what the workbook's cell holds
