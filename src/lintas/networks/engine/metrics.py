"""Pairwise precision, recall and F1 of a clustering against the truth.

Counts come from the contingency table (pairs within predicted clusters, within true
clusters and within both), so millions of records cost no more than a dictionary pass.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping


def _pairs(sizes: Counter[object]) -> int:
    return sum(c * (c - 1) // 2 for c in sizes.values())


def pairwise_scores(
    predicted: Mapping[str, str], truth: Mapping[str, str]
) -> tuple[float, float, float]:
    """``(precision, recall, f1)`` over item pairs, for items present in both mappings."""
    items = [k for k in predicted if k in truth]
    pred = _pairs(Counter(predicted[k] for k in items))
    true = _pairs(Counter(truth[k] for k in items))
    both = _pairs(Counter((predicted[k], truth[k]) for k in items))
    precision = both / pred if pred else 1.0
    recall = both / true if true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
