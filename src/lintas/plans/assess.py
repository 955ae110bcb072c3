"""An indicator's status at an evaluation, by the rules of the body: progress towards the target
(from the baseline when there is one) at or above ``on_track_from`` is on track, at or above
``at_risk_from`` at risk, below that off track. No Django import."""

from __future__ import annotations

from decimal import Decimal

ON_TRACK = "on_track"
AT_RISK = "at_risk"
OFF_TRACK = "off_track"
NOT_ASSESSED = "not_assessed"


def progress(
    *,
    actual: Decimal | None,
    target: Decimal | None,
    baseline: Decimal | None,
    lower_is_better: bool,
) -> Decimal | None:
    """How far from the baseline to the target the actual has come, 0 to 1 (capped), or None
    when it cannot be said."""
    if actual is None or target is None:
        return None
    start = baseline if baseline is not None else Decimal(0)
    if lower_is_better:
        if baseline is None or start == target:
            return Decimal(1) if actual <= target else Decimal(0)
        share = (start - actual) / (start - target)
    else:
        if start == target:
            return Decimal(1) if actual >= target else Decimal(0)
        share = (actual - start) / (target - start)
    return max(Decimal(0), min(Decimal(1), share))


def status(share: Decimal | None, *, on_track_from: Decimal, at_risk_from: Decimal) -> str:
    if share is None:
        return NOT_ASSESSED
    if share >= on_track_from:
        return ON_TRACK
    if share >= at_risk_from:
        return AT_RISK
    return OFF_TRACK
