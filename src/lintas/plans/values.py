"""An indicator's value read against its measure: what a count, a percentage, a yes/no, a scale
or a text may hold. Refused with a message naming the field."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import formats
from django.utils.translation import gettext as _

from lintas.core.errors import LintasError
from lintas.formats import numbers
from lintas.plans.models import Measure

LARGEST = Decimal("999999999999")
YES = {"yes", "y", "true", "1", "có", "ya"}
NO = {"no", "n", "false", "0", "không", "tidak"}


def read_value(measure: str, raw: object, *, field: str = "value") -> tuple[Decimal | None, str]:
    """The number and the text to keep for ``raw`` under ``measure``."""
    text = "" if raw is None else str(raw).strip()
    if measure == Measure.QUALITATIVE:
        if not text:
            raise LintasError(
                _("Write the value: this indicator is described in words."), field=field
            )
        if isinstance(raw, int | float | Decimal) and not isinstance(raw, bool):
            raise LintasError(
                _("This indicator is described in words, not as a number."), field=field
            )
        return None, text
    if not text:
        raise LintasError(_("Give a value."), field=field)
    if measure == Measure.YES_NO:
        if isinstance(raw, bool):
            return Decimal(int(raw)), ""
        if text.lower() in YES:
            return Decimal(1), ""
        if text.lower() in NO:
            return Decimal(0), ""
        raise LintasError(_("This indicator takes yes or no."), field=field)
    try:
        number = Decimal(text.replace(",", "")) if isinstance(raw, str) else Decimal(str(raw))
    except (InvalidOperation, ValueError):
        raise LintasError(_("This indicator takes a number."), field=field) from None
    if not number.is_finite() or abs(number) > LARGEST:
        raise LintasError(_("This number is too large."), field=field)
    if number < 0:
        raise LintasError(_("The value cannot be negative."), field=field)
    if measure == Measure.PERCENTAGE and number > 100:
        raise LintasError(_("A percentage cannot be over 100."), field=field)
    if measure == Measure.COUNT and number != number.to_integral_value():
        raise LintasError(_("A count is a whole number."), field=field)
    if measure == Measure.ORDINAL and (number not in {1, 2, 3, 4, 5}):
        raise LintasError(_("This indicator takes a whole number from 1 to 5."), field=field)
    return number.quantize(Decimal("0.01")), ""


def show_value(measure: str, value: Decimal | None) -> str:
    """``value`` as ``measure`` writes it in the active language ("—" for none)."""
    if value is None:
        return "—"
    number = Decimal(value)
    places = (
        0 if number == number.to_integral_value() else (1 if measure == Measure.PERCENTAGE else 2)
    )
    if measure == Measure.PERCENTAGE:
        return numbers.percent(float(number) / 100, places=places)
    shown = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return formats.number_format(shown, places, use_l10n=True, force_grouping=True)
