"""Points per comparison level: fixed defaults, or learned from the data by EM.

Each candidate pair gets one level per field (name, date of birth, document, address,
nationality, own contact). The pair's score is the sum of the points of its levels and the
pair is the same person when the score reaches the threshold.

**Fixed points** (the default for small data) are hand-set so that a name alone is never
enough and a name with an equal date of birth is.

**Learned points** follow Fellegi and Sunter: with ``m`` the share of a level among true
matches and ``u`` among non-matches, a level is worth ``log2(m / u)`` points, and the
threshold is ``log2((1 - p) / p)`` for the share ``p`` of matches among all pairs of
records (a pair is kept when it is more likely a match than not). ``u`` is counted on a
fixed sample of random pairs (nearly all non-matches); ``m`` and the share of matches
among candidates are estimated by expectation-maximisation over the level patterns of the
candidate pairs, started from the fixed points, for a fixed number of rounds. This is
deterministic, and each point reads "this level is 2^x times more common among matches
than among other pairs". When the data are too few (under ``MIN_PAIRS`` candidates) or
the estimate is not sane (nearly every candidate called a match, or a same name or an
equal date of birth not counting for a match), the fixed points are used.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, pairwise

FIELDS = ("name", "dob", "doc", "addr", "nat", "tel")
LEVELS: dict[str, tuple[str, ...]] = {
    "name": ("same", "subset", "close", "similar", "weak", "different"),
    "dob": ("equal", "swapped", "one digit", "year", "same year", "different"),
    "doc": ("shared", "one character", "different"),
    "addr": ("exact", "very close", "close", "similar", "different"),
    "nat": ("equal", "different"),
    "tel": ("shared", "different"),
}
FIXED_POINTS: dict[str, dict[str, float]] = {
    "name": {"same": 6, "subset": 4.5, "close": 4, "similar": 1, "weak": 0, "different": -3},
    "dob": {
        "equal": 5,
        "swapped": 3,
        "one digit": 0,
        "year": 1,
        "same year": -2,
        "different": -4,
    },
    "doc": {"shared": 10, "one character": 5, "different": -1},
    "addr": {"exact": 4, "very close": 2, "close": 0.5, "similar": 0, "different": -2},
    "nat": {"equal": 0.5, "different": -2},
    "tel": {"shared": 3, "different": 0},
}
FIXED_THRESHOLD = 7.0
MIN_PAIRS = 2000
ROUNDS = 60


@dataclass(frozen=True)
class Weights:
    """Points per field and level, and the threshold for "same person"."""

    points: Mapping[str, Mapping[str, float]]
    threshold: float
    learned: bool = False
    match_share: float = 0.0

    def of(self, field: str, level: str) -> float:
        return 0.0 if level == "missing" else float(self.points[field].get(level, 0.0))

    def total(self, levels: Sequence[str]) -> float:
        """Score of a pattern of levels given in the order of :data:`FIELDS`."""
        return sum(self.of(f, lv) for f, lv in zip(FIELDS, levels, strict=True))

    def sql(self) -> str:
        """SQL sum of points over the columns ``<field>_level``."""
        parts = []
        for field in FIELDS:
            whens = " ".join(
                f"WHEN '{lv}' THEN {float(p)!r}" for lv, p in sorted(self.points[field].items())
            )
            parts.append(f"CASE {field}_level {whens} ELSE 0.0 END")
        return " + ".join(parts)


FIXED = Weights(FIXED_POINTS, FIXED_THRESHOLD)

# Levels that corroborate a name: whatever the points, two records are the same person only when
# one of these holds. A name alone, however rare it looks to the points, never merges two
# persons (many distinct people are called Nguyễn Văn Nam), and neither does a name with a
# nationality, a birth year or an address (a village or a district is written alike for
# neighbours and relatives).
CORROBORATING: dict[str, tuple[str, ...]] = {
    "dob": ("equal", "swapped"),
    "doc": ("shared", "one character"),
    "tel": ("shared",),
}


def corroborated(levels: Sequence[str]) -> bool:
    """Whether a pattern of levels (in the order of :data:`FIELDS`) holds a corroborating one."""
    return any(lv in CORROBORATING.get(f, ()) for f, lv in zip(FIELDS, levels, strict=True))


def corroborated_sql() -> str:
    """SQL condition over the columns ``<field>_level`` equal to :func:`corroborated`."""
    return (
        "("
        + " OR ".join(
            f"{f}_level IN ({', '.join(repr(lv) for lv in lvs)})"
            for f, lvs in CORROBORATING.items()
        )
        + ")"
    )


def _smoothed(counts: Mapping[str, float], prior: Mapping[str, float]) -> dict[str, float]:
    total = sum(counts.values())
    return {lv: (counts.get(lv, 0.0) + prior[lv]) / (total + 1) for lv in prior}


def _start(start: Weights, sign: int) -> dict[str, dict[str, float]]:
    out = {}
    for field in FIELDS:
        raw = {lv: 2.0 ** (sign * start.of(field, lv) / 2) for lv in LEVELS[field]}
        out[field] = {lv: v / sum(raw.values()) for lv, v in raw.items()}
    return out


Patterns = Sequence[tuple[tuple[str, ...], int]]


def agreement_rates(values: Mapping[str, Sequence[Sequence[object]]]) -> dict[str, float]:
    """Chance that two random records (both with a value) agree exactly, per field.

    ``values`` maps a field to each record's values (a record may hold several, e.g.
    documents). Used as the least ``u`` of the exact levels: a random sample of pairs
    may hold no agreeing pair at all and would make those levels look infinitely rare.
    """
    out = {}
    for field, per_record in values.items():
        present = [vals for vals in per_record if vals]
        holders = len(present)
        counts = Counter(chain.from_iterable(v if len(v) == 1 else set(v) for v in present))
        if holders > 1:
            out[field] = sum(c * (c - 1) for c in counts.values()) / (holders * (holders - 1))
    return out


EXACT_LEVEL = {"name": "same", "dob": "equal", "doc": "shared", "addr": "exact"}


# Orders that learned points keep: a level of closer agreement is never worth less than a
# level of weaker agreement of the same field. EM over few or lopsided candidates can find a
# "solution" where a weakly similar name is worth more than a same name, or a different date of
# birth costs nothing; each level is capped at the level above it, and points where agreement
# on a name, a date of birth or a document does not count for a match are refused.
ORDERS: dict[str, tuple[tuple[str, ...], ...]] = {
    "name": (LEVELS["name"],),
    "dob": (("equal", "swapped", "one digit", "same year", "different"),
            ("equal", "year", "different")),
    "doc": (LEVELS["doc"],),
    "addr": (LEVELS["addr"],),
    "nat": (LEVELS["nat"],),
    "tel": (LEVELS["tel"],),
}  # fmt: skip


def monotone(points: Mapping[str, Mapping[str, float]]) -> dict[str, dict[str, float]]:
    """``points`` with each level capped at the level above it in :data:`ORDERS`."""
    out = {f: dict(levels) for f, levels in points.items()}
    for field, chains in ORDERS.items():
        for chain_ in chains:
            for above, below in pairwise(chain_):
                out[field][below] = min(out[field][below], out[field][above])
    return out


def sane(points: Mapping[str, Mapping[str, float]]) -> bool:
    """Agreement on a same name, an equal date of birth or a shared document counts for a match,
    a different name or date of birth against."""
    return (
        points["name"]["same"] > 0
        and points["dob"]["equal"] > 0
        and points["doc"]["shared"] > 0
        and points["name"]["different"] < 0
        and points["dob"]["different"] < 0
    )


def learn(
    candidates: Patterns,
    random_pairs: Patterns,
    records: int,
    start: Weights = FIXED,
    exact_rates: Mapping[str, float] | None = None,
) -> Weights:
    """Points from level patterns of candidate pairs and of random pairs.

    ``u`` comes from random pairs (almost all non-matches); ``m`` and the match share among
    candidates come from EM over the candidate pairs with ``u`` held fixed.
    """
    total = sum(c for _, c in candidates)
    if total < MIN_PAIRS or not random_pairs:
        return start
    prior_m, prior_u = _start(start, 1), _start(start, -1)
    u = {}
    for i, field in enumerate(FIELDS):
        counts: dict[str, float] = {}
        for levels, count in random_pairs:
            if levels[i] != "missing":
                counts[levels[i]] = counts.get(levels[i], 0.0) + count
        u[field] = _smoothed(counts, prior_u[field])
        if exact_rates and field in exact_rates:
            level = EXACT_LEVEL[field]
            u[field][level] = max(u[field][level], exact_rates[field])
    m = {f: dict(v) for f, v in prior_m.items()}
    share = 0.1
    for _ in range(ROUNDS):
        cm: dict[str, dict[str, float]] = {f: {} for f in FIELDS}
        matched = 0.0
        for levels, count in candidates:
            pm, pu = share, 1.0 - share
            for field, lv in zip(FIELDS, levels, strict=True):
                if lv != "missing":
                    pm *= m[field][lv]
                    pu *= u[field][lv]
            p = pm / (pm + pu) if pm + pu > 0 else 0.0
            matched += p * count
            for field, lv in zip(FIELDS, levels, strict=True):
                if lv != "missing":
                    cm[field][lv] = cm[field].get(lv, 0.0) + p * count
        share = min(max(matched / total, 1e-6), 1 - 1e-6)
        m = {f: _smoothed(cm[f], prior_m[f]) for f in FIELDS}
    points = {f: {lv: round(math.log2(m[f][lv] / u[f][lv]), 2) for lv in LEVELS[f]} for f in FIELDS}
    points = monotone(points)
    if not (1e-5 < share < 0.99) or not sane(points):
        return start
    # prior odds over all pairs of records, as the points are against random pairs
    prior = min(0.5, share * total / max(1.0, records * (records - 1) / 2))
    threshold = round(math.log2((1 - prior) / prior), 2)
    return Weights(points, threshold, learned=True, match_share=prior)
