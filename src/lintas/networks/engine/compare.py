"""Pair scoring in Python, the same rules as the batch SQL in :mod:`.persons`.

Incremental linking scores a handful of candidate pairs; doing it here avoids a round of
SQL planning per record. A test checks, pair by pair, that this module and the SQL give
the same levels and scores.
"""

from __future__ import annotations

from lintas.networks.engine.persons import PersonFeatures, PersonMatch
from lintas.networks.engine.weights import FIXED, Weights


def jaro(a: str, b: str) -> float:
    """Jaro similarity."""
    if a == b:
        return 1.0 if a else 0.0
    la, lb = len(a), len(b)
    if not la or not lb:
        return 0.0
    window = max(0, max(la, lb) // 2 - 1)
    used = [False] * lb
    matched_a: list[str] = []
    for i, ch in enumerate(a):
        for j in range(max(0, i - window), min(lb, i + window + 1)):
            if not used[j] and b[j] == ch:
                used[j] = True
                matched_a.append(ch)
                break
    m = len(matched_a)
    if not m:
        return 0.0
    matched_b = [b[j] for j in range(lb) if used[j]]
    t = sum(x != y for x, y in zip(matched_a, matched_b, strict=True)) // 2
    return (m / la + m / lb + (m - t) / m) / 3.0


def jaro_winkler(a: str, b: str) -> float:
    """Jaro-Winkler similarity (prefix weight 0.1, up to 4 characters, above 0.7)."""
    sim = jaro(a, b)
    if sim > 0.7:
        prefix = 0
        for x, y in zip(a[:4], b[:4], strict=False):
            if x != y:
                break
            prefix += 1
        sim += prefix * 0.1 * (1.0 - sim)
    return sim


def _best(xs: tuple[str, ...], ys: tuple[str, ...]) -> list[float]:
    return [max(jaro_winkler(x, y) for y in ys) for x in xs]


def _monge_elkan(xs: tuple[str, ...], ys: tuple[str, ...]) -> tuple[float, float] | None:
    if not xs or not ys:
        return None
    short, long = (xs, ys) if len(xs) <= len(ys) else (ys, xs)
    best = _best(short, long)
    return sum(best) / len(best), min(best)


def _osa_le1(a: str, b: str) -> bool:
    """Whether two strings are at most one edit (or adjacent swap) apart."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                and a[diff[1]] == b[diff[0]])  # fmt: skip
    short, long = (a, b) if la < lb else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def dob_level(ld: str, rd: str) -> str:
    """How two dates of birth agree: equal, swapped, one digit, same year, year, different."""
    if not ld or not rd:
        return "missing"
    if len(ld) == 4 or len(rd) == 4:  # a bare year is no date of birth, even when equal
        return "year" if ld[:4] == rd[:4] else "different"
    if ld == rd:
        return "equal"
    if ld[:4] == rd[:4] and ld[5:7] == rd[8:10] and ld[8:10] == rd[5:7]:
        return "swapped"
    if _osa_le1(ld.replace("-", ""), rd.replace("-", "")):
        return "one digit"
    return "same year" if ld[:4] == rd[:4] else "different"


def score(
    a: int, b: int, lf: PersonFeatures, rf: PersonFeatures, weights: Weights = FIXED
) -> PersonMatch:
    """Score one pair exactly as :func:`.persons.score_sql` does."""
    name = _monge_elkan(lf.tokens, rf.tokens)
    if name is None:
        name_level, name_sim = "missing", None
    else:
        name_sim, worst = name
        if name_sim >= 0.9999 and len(lf.tokens) == len(rf.tokens):
            name_level = "same"
        elif name_sim >= 0.9999 and min(len(lf.tokens), len(rf.tokens)) >= 2:
            name_level = "subset"
        elif name_sim >= 0.9999:  # one word found in a longer name
            name_level = "similar"
        elif name_sim >= 0.94 and worst >= 0.88:
            name_level = "close"
        elif name_sim >= 0.88:
            name_level = "similar"
        else:
            name_level = "weak" if name_sim >= 0.80 else "different"
    addr = _monge_elkan(lf.address, rf.address)
    addr_sim = addr[0] if addr else None
    dob_lv = dob_level(lf.dob, rf.dob)
    if not lf.documents or not rf.documents:
        doc_level = "missing"
    elif set(lf.documents) & set(rf.documents):
        doc_level = "shared"
    elif any(_osa_le1(x, y) for x in lf.documents for y in rf.documents):
        doc_level = "one character"
    else:
        doc_level = "different"
    if not lf.nationality or not rf.nationality:
        nat_level = "missing"
    else:
        nat_level = "equal" if lf.nationality == rf.nationality else "different"
    if addr_sim is None:
        addr_level = "missing"
    else:
        addr_level = ("exact" if addr_sim >= 0.98 else "very close" if addr_sim >= 0.95 else
                      "close" if addr_sim >= 0.85 else "similar" if addr_sim >= 0.70
                      else "different")  # fmt: skip
    tel: bool | None = None
    if lf.contacts and rf.contacts:
        tel = bool(set(lf.contacts) & set(rf.contacts))
    tel_level = "missing" if tel is None else "shared" if tel else "different"
    points = weights.total((name_level, dob_lv, doc_level, addr_level, nat_level, tel_level))
    return PersonMatch(a, b, points, name_sim, name_level, dob_lv, doc_level, addr_sim,
                       nat_level, tel)  # fmt: skip
