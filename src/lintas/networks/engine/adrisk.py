"""Explainable risk score for overseas-job-scam signs in English, Vietnamese, Indonesian.

Each sign has a weight; the score is ``1 - prod(1 - w)`` over the signs found, so it grows
with each independent sign and stays between 0 and 1. Every sign found is returned with
the text that matched it. Text is folded (lower case, no diacritics) before matching, so
``"Không cần kinh nghiệm"`` and ``"KHONG CAN KINH NGHIEM"`` read the same.

Signs: unrealistic pay for unskilled work; free ticket, visa, food or lodging; no
experience needed; fast departure; destinations known for scam compounds; job types used
as covers (customer service, online marketing, typing, casino, crypto).
"""

from __future__ import annotations

import re
import re._constants as _c
import re._parser as _parser
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from lintas.networks.engine.normalise import fold

WEIGHTS = {
    "unrealistic pay": 0.35,
    "free ticket or lodging": 0.2,
    "no experience needed": 0.15,
    "fast departure": 0.15,
    "scam-compound destination": 0.35,
    "cover job type": 0.1,
}

# Monthly pay above this (in USD) for work needing no experience is unrealistic.
PAY_LIMIT_USD = 1000.0
# Rough USD value of one unit; good enough to tell 8 million dong from 80 million.
_RATE = {"usd": 1.0, "vnd": 0.00004, "idr": 0.000063, "thb": 0.028, "myr": 0.21,
         "rm": 0.21, "baht": 0.028, "rp": 0.000063}  # fmt: skip

_AMOUNT = re.compile(
    r"(?:(?P<cur1>\$|usd|rp\.?|rm|thb)\s*(?P<num1>\d[\d.,]*)\s*(?P<mult1>k|tr|trieu|juta|jt)?)"
    r"|(?:(?P<num2>\d[\d.,]*)\s*(?P<mult2>k|tr|trieu|juta|jt|million|m)?\s*"
    r"(?P<cur2>\$|usd|dollars?|vnd|d|dong|idr|rupiah|baht|thb|rm|ringgit)?\b)"
)
_MULT = {"k": 1e3, "tr": 1e6, "trieu": 1e6, "juta": 1e6, "jt": 1e6, "million": 1e6, "m": 1e6}
_CUR = {"$": "usd", "usd": "usd", "dollar": "usd", "dollars": "usd", "vnd": "vnd", "d": "vnd",
        "dong": "vnd", "idr": "idr", "rupiah": "idr", "rp": "idr", "rp.": "idr",
        "baht": "thb", "thb": "thb", "rm": "myr", "ringgit": "myr"}  # fmt: skip
_PAY_CONTEXT = re.compile(r"luong|thu nhap|salary|pay|income|gaji|upah|penghasilan|wage")

PATTERNS = {
    "free ticket or lodging": re.compile(
        r"free (?:air ?)?tickets?|free flights?|free (?:accommodation|housing|lodging|food|visa)"
        r"|(?:ticket|flight|visa|accommodation)s? (?:is |are )?(?:free|paid by (?:the )?company)"
        r"|bao (?:ve may bay|an o|an uong|an ngu|cho o|visa|ve)|mien phi (?:ve|visa|an o|cho o)"
        r"|ho tro ve may bay|(?:tiket|visa|mess|makan|tempat tinggal|asrama) (?:pesawat )?gratis"
        r"|gratis (?:tiket|visa|makan|mess|tempat tinggal)|ditanggung perusahaan"
    ),
    "no experience needed": re.compile(
        r"no experience|without experience|experience not (?:required|needed)"
        r"|khong (?:can|yeu cau|doi hoi) kinh nghiem|chua co kinh nghiem"
        r"|tanpa pengalaman|tidak (?:perlu|butuh|harus) (?:ber)?pengalaman"
    ),
    "fast departure": re.compile(
        r"(?:depart|fly|leave|start)s? (?:with)?in \d+ days?|fly (?:immediately|now)|urgent"
        r"|leave next week|xuat canh (?:nhanh|ngay|trong)|bay ngay|di ngay|tuyen gap|can gap"
        r"|berangkat (?:cepat|segera|minggu depan)|langsung berangkat|segera berangkat"
        r"|proses cepat|bisa langsung"
    ),
    "scam-compound destination": re.compile(
        r"sihanouk(?:ville)?|kampong som|bavet|poipet|myawaddy|shwe kokko|kk park"
        r"|golden triangle|tam giac vang|segitiga emas|bokeo|kings? romans|tachileik"
        r"|o'?smach|koh kong|moc bai sang"
    ),
    "cover job type": re.compile(
        r"customer service|online marketing|telesales?|typing job|data entry|casino"
        r"|crypto|cham soc khach hang|cskh|nhap lieu|marketing online|sale online"
        r"|admin online|operator (?:game|online)|trading|layanan pelanggan"
    ),
}


@dataclass(frozen=True, slots=True)
class Risk:
    """Risk score with the signs that produced it: ``(sign, matched text)``."""

    score: float
    signs: tuple[tuple[str, str], ...]

    def explain(self) -> str:
        return "; ".join(f"{s}: {t!r}" for s, t in self.signs) or "no sign found"


def _number(text: str) -> float | None:
    digits = text.replace(",", "").replace(".", "") if re.search(r"[.,]\d{3}\b", text) else (
        text.replace(",", "."))  # fmt: skip
    try:
        return float(digits)
    except ValueError:
        return None


def monthly_usd(folded: str) -> tuple[float, str]:
    """Largest pay amount (USD) found near a pay word, with its text; ``(0, "")`` if none."""
    best, best_text = 0.0, ""
    for ctx in _PAY_CONTEXT.finditer(folded):
        window = folded[ctx.start() : ctx.end() + 60]
        for m in _AMOUNT.finditer(window):
            num = _number(m["num1"] or m["num2"] or "")
            if num is None:
                continue
            cur = _CUR.get((m["cur1"] or m["cur2"] or "").strip(), "")
            mult = _MULT.get(m["mult1"] or m["mult2"] or "", 1.0)
            if not cur:
                if mult == 1e6 and (m["mult1"] or m["mult2"]) in ("tr", "trieu"):
                    cur = "vnd"
                elif (m["mult1"] or m["mult2"]) in ("juta", "jt"):
                    cur = "idr"
                else:
                    continue
            usd = num * mult * _RATE[cur]
            if usd > best:
                best, best_text = usd, m[0].strip()
    return best, best_text


_GROUPS = {f"s{k}": sign for k, sign in enumerate(PATTERNS)}
_ALL_SIGNS = re.compile("|".join(f"(?P<s{k}>{p.pattern})" for k, p in enumerate(PATTERNS.values())))

# Many ads at once: DuckDB's regular expressions (RE2) find the matches of all signs far
# faster than Python's. RE2 and Python agree on patterns made only of literals, groups,
# alternatives, repeats and classes of ASCII characters or ``\d``, except that Python's
# ``\d`` also takes digits of other scripts: texts with word characters beyond ASCII are
# left to Python.
_BATCH_MIN = 1000
_NON_ASCII_WORD = re.compile(r"[^\x00-\x7f\W]")


def _re2_safe(seq: Any) -> bool:
    for op, av in seq:
        if op in (_c.LITERAL, _c.NOT_LITERAL):
            if av > 127:
                return False
        elif op is _c.SUBPATTERN:
            if av[1] or av[2] or not _re2_safe(av[-1]):
                return False
        elif op is _c.BRANCH:
            if not all(_re2_safe(alt) for alt in av[1]):
                return False
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            if not _re2_safe(av[2]):
                return False
        elif op is _c.IN:
            for item_op, item in av:
                if item_op is _c.CATEGORY and item is not _c.CATEGORY_DIGIT:
                    return False
                if (
                    item_op in (_c.LITERAL, _c.RANGE)
                    and max(item if isinstance(item, int) else item[1], 0) > 127
                ):
                    return False
                if item_op not in (_c.LITERAL, _c.RANGE, _c.CATEGORY, _c.NEGATE):
                    return False
        else:
            return False
    return True


_RE2_OK = all(
    p.flags == re.UNICODE and _parser.parse(p.pattern).getwidth()[0] > 0
    and _re2_safe(_parser.parse(p.pattern).data)
    for p in PATTERNS.values()
)  # fmt: skip
_FLAT_SIGNS = "|".join(f"(?:{p.pattern})" for p in PATTERNS.values())


def ad_risk(text: str) -> Risk:
    """Risk of one ad, see the module docstring."""
    return folded_risk(fold(text))


def _first_signs(folded: str) -> dict[str, str]:
    """The first text matching each sign."""
    first: dict[str, str] = {}
    for m in _ALL_SIGNS.finditer(folded):
        first.setdefault(_GROUPS[m.lastgroup or ""], m[0])
    return first


def _first_signs_of_matches(matches: Sequence[str]) -> dict[str, str]:
    """The first text matching each sign, from the texts the combined pattern matched in
    order. At a position the combined pattern takes the first sign matching there, and a
    sign matching the start of a matched text matches the text at its position (the
    patterns have no anchors or look-arounds): so the sign is the first to match the text."""
    first: dict[str, str] = {}
    for text in matches:
        for sign, pattern in PATTERNS.items():
            if pattern.match(text):
                first.setdefault(sign, text)
                break
    return first


def _batch_first_signs(texts: Sequence[str]) -> list[dict[str, str] | None]:
    """First texts of each sign for many texts through DuckDB; ``None`` for a text left to
    Python (see :data:`_NON_ASCII_WORD`), all ``None`` when DuckDB cannot be used."""
    if not _RE2_OK or len(texts) < _BATCH_MIN:
        return [None] * len(texts)
    pattern = "'" + _FLAT_SIGNS.replace("'", "''") + "'"
    try:
        con = duckdb.connect()
        try:
            con.register("_ads", pa.table({"i": range(len(texts)), "f": list(texts)}))
            found = con.execute(
                f"SELECT regexp_extract_all(f, {pattern}) FROM _ads ORDER BY i"  # noqa: S608
            ).fetchall()
        finally:
            con.close()
    except duckdb.Error:
        return [None] * len(texts)
    out: list[dict[str, str] | None] = []
    for text, (matches,) in zip(texts, found, strict=True):
        if not text.isascii() and _NON_ASCII_WORD.search(text):
            out.append(None)
        else:
            out.append(_first_signs_of_matches(matches) if matches else {})
    return out


def folded_risks(texts: Sequence[str]) -> list[Risk]:
    """:func:`folded_risk` of many texts (faster than one at a time)."""
    return [folded_risk(text, first) for text, first in
            zip(texts, _batch_first_signs(texts), strict=True)]  # fmt: skip


def folded_risk(folded: str, first: dict[str, str] | None = None) -> Risk:
    """Risk of an ad whose text is already folded (see :func:`.normalise.fold`)."""
    signs: list[tuple[str, str]] = []
    usd, pay_text = monthly_usd(folded)
    if usd > PAY_LIMIT_USD:
        signs.append(("unrealistic pay", pay_text))
    if first is None:
        first = _first_signs(folded)
    signs.extend((sign, first[sign]) for sign in PATTERNS if sign in first)
    keep = 1.0
    for sign, _ in signs:
        keep *= 1.0 - WEIGHTS[sign]
    return Risk(round(1.0 - keep, 4), tuple(signs))
