"""Plausibility: soft limits and the unit's own history, which warn and never refuse."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from lintas.reporting.validation.answers import (
    FieldSpec,
    _plain,
    as_number,
)
from lintas.reporting.validation.common import Text, _identity, gettext_noop

# --- plausibility: soft limits and the unit's own history -------------------------------------

HISTORY_VALUES = 12  # the unit's last values a new one is compared with
MIN_HISTORY = 4  # fewer past values than this: no comparison
CUTOFF = Decimal(3)  # how many robust deviations from the median make a value unusual
MAD_SCALE = Decimal("1.4826")  # makes the MAD comparable to a standard deviation
MEAN_AD_SCALE = Decimal("1.2533")  # the same for the mean absolute deviation (MAD = 0)


@dataclass(frozen=True)
class Usual:
    """What a unit usually reports for a field: the median of its last values, and how far its
    values usually stray from it (a robust standard deviation)."""

    median: Decimal
    spread: Decimal
    count: int

    def is_outlier(self, value: Decimal) -> bool:
        return abs(value - self.median) > CUTOFF * self.spread


def usual_range(past: Sequence[Any], *, whole: bool = False) -> Usual | None:
    """The usual range of the last ``HISTORY_VALUES`` values (newest first), or None when there
    is too little history to judge: fewer than ``MIN_HISTORY`` values.

    The spread is the median absolute deviation (MAD) scaled by 1.4826, which makes it comparable
    to a standard deviation. Two cases need more:

    - ``whole`` numbers are counts (cases, victims, people trained), whose natural variation is
      at least the square root of their level (a Poisson count with mean m has that standard
      deviation): the spread is never below √median, nor below 1. Without this floor a unit that
      reported 2, 3, 2, 3 would be told that 6 is unusual, and warnings that cry wolf teach
      people to write empty comments.
    - When more than half of the values are equal the MAD is 0; for decimals the mean absolute
      deviation scaled by 1.2533 stands in for it (as in Iglewicz and Hoaglin's modified
      z-score). When every value is the same there is no spread to judge by, and no decimal
      value is called unusual: soft limits are the tool for that case.
    """
    values = [n for n in (as_number(v) for v in past) if n is not None][:HISTORY_VALUES]
    if len(values) < MIN_HISTORY:
        return None
    middle = statistics.median(values)
    deviations = [abs(v - middle) for v in values]
    spread = MAD_SCALE * statistics.median(deviations)
    if whole:
        spread = max(spread, max(abs(middle), Decimal(1)).sqrt())
    if spread == 0:
        spread = MEAN_AD_SCALE * sum(deviations) / len(deviations)
    if spread == 0:
        return None
    return Usual(median=middle, spread=spread, count=len(values))


@dataclass(frozen=True)
class ValueWarning:
    """An answer that is allowed but looks wrong: below or above the template's soft limit
    (``soft_min``, ``soft_max``), or far from what the unit usually reports (``outlier``)."""

    code: str
    kind: str
    message: str
    median: Decimal | None = None
    count: int = 0


def value_warnings(
    fields: Iterable[FieldSpec],
    data: Mapping[str, Any],
    history: Mapping[str, Sequence[Any]],
    *,
    t: Text = _identity,
) -> dict[str, list[ValueWarning]]:
    """Warnings on the numeric answers of ``data`` (as ``check`` stores them), by field code.
    ``history`` holds each field's past values of the same unit, newest first."""
    found: dict[str, list[ValueWarning]] = {}
    for spec in fields:
        if not spec.is_numeric:
            continue
        number = as_number(data.get(spec.code))
        if number is None:
            continue
        notes: list[ValueWarning] = []
        if spec.soft_min is not None and number < spec.soft_min:
            message = t(
                gettext_noop("Lower than expected: the template expects at least %(n)s.")
            ) % {"n": _plain(spec.soft_min)}
            notes.append(ValueWarning(spec.code, "soft_min", message))
        if spec.soft_max is not None and number > spec.soft_max:
            message = t(
                gettext_noop("Higher than expected: the template expects at most %(n)s.")
            ) % {"n": _plain(spec.soft_max)}
            notes.append(ValueWarning(spec.code, "soft_max", message))
        usual = usual_range(history.get(spec.code, ()), whole=spec.type == "integer")
        if usual is not None and usual.is_outlier(number):
            message = t(
                gettext_noop(
                    "Far from this unit's usual figure: the median of its last %(count)s reports "
                    "is %(median)s."
                )
            ) % {"count": usual.count, "median": _rounded(usual.median)}
            notes.append(
                ValueWarning(spec.code, "outlier", message, median=usual.median, count=usual.count)
            )
        if notes:
            found[spec.code] = notes
    return found


_EXPLAIN = gettext_noop("Check this value; if it is right, say why in its comment to submit.")


def unexplained(
    warnings: Mapping[str, Sequence[ValueWarning]],
    comments: Mapping[str, str],
    *,
    t: Text = _identity,
) -> dict[str, list[str]]:
    """The warnings that still need a comment before the report is submitted, as errors."""
    errors: dict[str, list[str]] = {}
    for code, notes in warnings.items():
        if notes and not (comments.get(code) or "").strip():
            errors[code] = [
                *(w.message for w in notes),
                t(_EXPLAIN),
            ]
    return errors


def _rounded(number: Decimal) -> str:
    """A median as people read it: whole when it is, otherwise with at most two decimals."""
    if number == number.to_integral_value():
        return _plain(number.to_integral_value())
    return _plain(number.quantize(Decimal("0.01")))
