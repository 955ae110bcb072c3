"""Numbers as the reader's language writes them: the grouping and decimal marks of Django's
formats (``formats/en`` here, Django's own for vi and id) and the percent sign as the language
places it ("55.6%" in English, "55,6 %" in Vietnamese and Indonesian). Call inside the reader's
``translation.override``; every page and document of Lintas writes rates through ``percent``."""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import pgettext


def percent(value: float | None, places: int = 1) -> str:
    """A share (0.556) as a percentage in the active language; "—" when there is none."""
    if value is None:
        return "—"
    shown = formats.number_format(
        round(value * 100, places), places, use_l10n=True, force_grouping=True
    )
    # Translators: a percentage; write the sign where your language puts it ("55,6 %")
    return pgettext("percent", "%(number)s%%") % {"number": shown}
