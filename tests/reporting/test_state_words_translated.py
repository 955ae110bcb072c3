"""The reporting states and the days beside them read in the reader's language."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import ngettext

from lintas.reporting import measures
from lintas.reporting.templatetags.reporting import state_label


@pytest.mark.parametrize(
    ("language", "not_yet_due", "missing", "days"),
    [
        ("vi", "Chưa đến hạn", "Chưa nộp", "3 ngày"),
        ("id", "Belum jatuh tempo", "Belum dikirim", "3 hari"),
    ],
)
def test_not_yet_due_and_missing_n_days_are_translated(
    language: str, not_yet_due: str, missing: str, days: str
) -> None:
    with translation.override(language):
        assert str(state_label(measures.NOT_YET_DUE)) == not_yet_due
        assert str(state_label(measures.MISSING)) == missing
        assert ngettext("%(n)s day", "%(n)s days", 3) % {"n": 3} == days
