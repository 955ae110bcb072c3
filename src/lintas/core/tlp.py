"""Traffic Light Protocol 2.0 (FIRST), the labels every shareable item carries: case records and
the messages agencies exchange. The labels are the protocol's own and are never translated."""

from __future__ import annotations

from django.db import models


class TLP(models.TextChoices):
    CLEAR = "clear", "TLP:CLEAR"
    GREEN = "green", "TLP:GREEN"
    AMBER = "amber", "TLP:AMBER"
    AMBER_STRICT = "amber+strict", "TLP:AMBER+STRICT"
    RED = "red", "TLP:RED"


# Narrower labels rank higher: moving to a lower rank widens the audience.
TLP_RANK = {TLP.CLEAR: 0, TLP.GREEN: 1, TLP.AMBER: 2, TLP.AMBER_STRICT: 3, TLP.RED: 4}


def stricter_label(*labels: str) -> str:
    """The narrowest of the labels given (empty ones ignored)."""
    return max((label for label in labels if label), key=lambda label: TLP_RANK[TLP(label)])


def is_looser(label: str, than: str) -> bool:
    """Whether ``label`` lets more people read than ``than`` does."""
    return TLP_RANK[TLP(label)] < TLP_RANK[TLP(than)]
