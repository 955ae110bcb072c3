"""Recruitment ads: clusters of ads posted from one template, with template and contacts.

Method (deterministic, about linear in the number of ads):

1. **Normalise**: contacts (phones, e-mails, handles, URLs) become ``<contact>``, numbers
   ``<n>``; text is folded (lower case, no diacritics) and everything but letters is
   dropped, so changed pay, rotated contacts, inserted emoji and casing do not matter.
2. **Exact groups**: ads with identical normalised text are one cluster already; only one
   of each goes on.
3. **Shingles**: word 3-grams of each text, as 64-bit hashes (numpy, no per-shingle
   Python work). Shingles found in more than ``MAX_DF`` (3%) of the texts are stock
   phrases: one-off ads are written from the same phrases as templated ones and different
   templates share them, so they are left out before comparing (a text left with none
   stays alone). Without this, ads sharing phrases chain templates into one cluster.
4. **MinHash and LSH**: ``hashes`` MinHash values per text (the least of ``hashes``
   independent hashes over its shingles); two texts with Jaccard similarity J agree on
   each value with probability J. The values are cut into bands of ``r`` values, ``r``
   chosen from ``threshold`` (4 for the default 0.6); texts equal on a whole band share a bucket, so
   pairs at the threshold meet with probability over 0.8 and pairs of J 0.3 rarely do.
   Each text of a bucket is paired with the first ``reps`` texts of the bucket.
5. **Verification**: a candidate pair is similar when its shingle Jaccard similarity is
   at least ``threshold``, or when at least 80% of the smaller text's shingles (eight or
   more) are in the other (an ad cut short, "… See more"); the share of agreeing MinHash
   values decides pairs far above the threshold, the exact sets the others. Inputs of at most
   200 distinct texts compare every pair exactly. Similar pairs are joined (union-find).
6. **Template**: for each cluster, the tokens of its first ad that occur in at least 80%
   of the members are fixed parts, the rest are ``{slot}``; contacts are counted.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

import numpy as np

from lintas.networks.engine.adrisk import Risk, folded_risks
from lintas.networks.engine.dsu import DisjointSets, gc_paused
from lintas.networks.engine.indicators import normalise_url
from lintas.networks.engine.normalise import fold
from lintas.networks.engine.phones import to_e164

_URLISH = re.compile(
    r"(?:https?://|www\.)\S+|\b(?:t\.me|wa\.me|zalo\.me|fb\.com|facebook\.com|line\.me)/\S+",
    re.IGNORECASE,
)
_EMAILISH = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_HANDLEISH = re.compile(r"(?<![\w@])@\w{3,}")
# A phone: an optional "+", a digit, 6 to 16 digits, spaces, dots or dashes, a digit, not
# preceded by a word character or "+" nor followed by a word character. Written so that
# the first character is a "+" or a digit (the look-behind comes after it), which lets
# the regex engine skip to candidate positions.
_PHONEISH = re.compile(r"(?:\+(?<![\w+].)\d|\d(?<![\w+].))[\d .\-]{6,16}\d(?!\w)")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"<contact>|<n>|[a-z]+")
_VI = re.compile(r"\b(?:luong|lien he|tuyen|viec lam|nhan vien|thang)\b")
_ID = re.compile(r"\b(?:gaji|hubungi|lowongan|dibutuhkan|bulan|kerja)\b")


def _words_of(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """The words of a ``\b(?:word|word)\b`` pattern: a text holding none of them cannot
    match, and looking for them is faster than running the pattern."""
    inner = pattern.pattern.removeprefix(r"\b(?:").removesuffix(r")\b")
    return tuple(inner.split("|"))


_VI_WORDS, _ID_WORDS = _words_of(_VI), _words_of(_ID)


def guess_region(folded: str) -> str | None:
    """Default phone region from the language of an ad: VN, ID or none."""
    if any(w in folded for w in _VI_WORDS) and _VI.search(folded):
        return "VN"
    return "ID" if any(w in folded for w in _ID_WORDS) and _ID.search(folded) else None


@lru_cache(maxsize=1 << 16)
def _contact_value(raw: str, kind: str, region: str | None) -> str:
    if kind == "url":
        return normalise_url(raw)
    if kind == "email":
        return "mail:" + raw.lower()
    if kind == "handle":
        return "handle:" + raw[1:].lower()
    return to_e164(raw, region) or ""


class _WordFolds(dict[str, str]):
    """Folded words, filled on first sight (ads repeat a small vocabulary)."""

    def __missing__(self, word: str) -> str:
        if len(self) > 200_000:
            self.clear()
        value = self[word] = fold(word)
        return value


_WORD_FOLDS = _WordFolds()
# bytes other than a-z, "<" and ">" become spaces (non-ASCII text is encoded as "?")
_TOKEN_BYTES = bytes(c if (97 <= c <= 122 or c in b"<>") else 32 for c in range(256))


def _fold_words(text: str) -> str:
    """Same as :func:`.normalise.fold` (which maps each character on its own), by word."""
    if text.isascii():
        return text.lower()
    folds = _WORD_FOLDS
    return " ".join([folds[w] for w in text.split(" ")])


def _might_have_url(text: str) -> bool:
    """False only when :data:`_URLISH` cannot match: it needs ``://``, ``www.``, or a
    known host ending in ``.me/`` or ``.com/`` (any case)."""
    if "/" not in text and "www" not in text:
        return False
    low = text.lower()
    return "://" in low or "www." in low or ".me/" in low or ".com/" in low


def ad_tokens_and_contacts(text: str) -> tuple[list[str], list[str], str]:
    """Normalised tokens of an ad (step 1 of the module docstring), its contacts and its
    folded text with contacts replaced (for the risk score)."""
    found: list[tuple[str, str]] = []

    def grab(kind: str) -> Callable[[re.Match[str]], str]:
        def sub(m: re.Match[str]) -> str:
            found.append((kind, m[0]))
            return " <contact> "

        return sub

    if _might_have_url(text):
        text = _URLISH.sub(grab("url"), text)
    if "@" in text:
        text = _EMAILISH.sub(grab("email"), text)
        text = _HANDLEISH.sub(grab("handle"), text)
    text = _PHONEISH.sub(grab("phone"), text)
    folded = _fold_words(text)
    numbered = _NUMBER.sub(" <n> ", folded)
    if folded.count("<") == folded.count(">") == len(found):
        # every "<" and ">" is one of ours, each between spaces: split instead of a regex
        tokens = numbered.encode("ascii", "replace").translate(_TOKEN_BYTES).decode().split()
    else:
        tokens = _WORD.findall(numbered)
    # the region only matters for phone numbers
    region = guess_region(folded) if any(kind == "phone" for kind, _ in found) else None
    contacts = sorted({v for kind, raw in found if (v := _contact_value(raw, kind, region))})
    return tokens, contacts, folded


def ad_tokens(text: str) -> list[str]:
    """Normalised tokens of an ad (see step 1 of the module docstring)."""
    return ad_tokens_and_contacts(text)[0]


def shingles(tokens: list[str], size: int = 3) -> set[int]:
    """CRC-32 hashes of word ``size``-grams (the whole text when shorter)."""
    if len(tokens) < size:
        return {zlib.crc32(" ".join(tokens).encode())} if tokens else set()
    return {zlib.crc32(" ".join(tokens[i : i + size]).encode())
            for i in range(len(tokens) - size + 1)}  # fmt: skip


@dataclass(frozen=True, slots=True)
class AdCluster:
    """Ads from one template."""

    cluster_id: str
    ad_ids: tuple[str, ...]
    template: str
    contacts: tuple[tuple[str, int], ...]


@dataclass
class AdsResult:
    """Cluster and risk of every ad, and the clusters of two or more ads."""

    cluster_of: dict[str, str]
    risk: dict[str, Risk]
    clusters: list[AdCluster]

    def rows(self) -> list[tuple[str, str, float]]:
        """``(ad_id, cluster_id, risk)`` sorted by ad id."""
        return [(a, self.cluster_of[a], self.risk[a].score) for a in sorted(self.cluster_of)]


# A text whose shingles are nearly all in another's is a copy cut short ("… See more" on a
# feed, a repost of the first lines): CONTAINMENT of the smaller one's shingles joins them,
# when it has at least CONTAINED_MIN shingles (a few words are in too many ads to tell).
# Candidates whose MinHash estimate is above CONTAINED_FROM are checked for it. 0.8 was
# checked on both generators of ads: 0.7 lets short ads chain templates together.
CONTAINMENT = 0.8
CONTAINED_MIN = 8
CONTAINED_FROM = 0.25


def _contained(a: set[int], b: set[int]) -> bool:
    small = min(len(a), len(b))
    return small >= CONTAINED_MIN and len(a & b) >= CONTAINMENT * small


def _jaccard(a: set[int], b: set[int]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def template_of(token_lists: list[list[str]], share: float = 0.8) -> str:
    """Fixed parts and ``{slot}`` of a cluster, from its first ad's tokens."""
    first = token_lists[0]
    counts: Counter[str] = Counter()
    for tokens in token_lists:
        counts.update(set(tokens))
    need = share * len(token_lists)
    out: list[str] = []
    for tok in first:
        fixed = counts[tok] >= need and tok not in ("<n>", "<contact>")
        word = tok if fixed else "{slot}"
        if not (word == "{slot}" and out and out[-1] == "{slot}"):
            out.append(word)
    return " ".join(out)


_M1 = np.uint64(0x9E3779B97F4A7C15)
_M2 = np.uint64(0xBF58476D1CE4E5B9)
_M3 = np.uint64(0x94D049BB133111EB)
_MISSING = 0x5BD1E995  # token hash standing for "no token" in the shingle of a short text


def _mix(x: np.ndarray) -> np.ndarray:
    """SplitMix64 finaliser over a ``uint64`` array (wrapping arithmetic)."""
    x = x ^ (x >> np.uint64(30))
    x = x * _M2
    x = x ^ (x >> np.uint64(27))
    x = x * _M3
    return x ^ (x >> np.uint64(31))


class _TokenHashes(dict[str, int]):
    """CRC-32 of each token, filled on first sight."""

    def __missing__(self, token: str) -> int:
        value = self[token] = zlib.crc32(token.encode())
        return value


def _sorted_unique(a: np.ndarray) -> np.ndarray:
    """Sorted distinct values (``np.unique`` may take a slower hashing path)."""
    a = np.sort(a)
    if len(a) < 2:
        return a
    keep = np.empty(len(a), dtype=bool)
    keep[0] = True
    np.not_equal(a[1:], a[:-1], out=keep[1:])
    return a[keep]


def _shingle_ids(token_lists: list[list[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Word 3-gram shingles of each text as sorted ids of distinct shingles.

    Returns ``(ids, offsets, values)``: the shingle ids of text ``d`` are
    ``ids[offsets[d]:offsets[d + 1]]`` (sorted, no repeats) and ``values[s]`` is the 64-bit
    hash of shingle ``s``. A text shorter than three words is one shingle.
    """
    hashes = _TokenHashes()
    flat = list(chain.from_iterable(map(hashes.__getitem__, tokens) for tokens in token_lists))
    lens = list(map(len, token_lists))
    toks = np.array([*flat, _MISSING, _MISSING], dtype=np.uint64)
    n_tok = np.array(lens, dtype=np.int64)
    starts = np.zeros(len(lens) + 1, dtype=np.int64)
    np.cumsum(n_tok, out=starts[1:])
    grams = np.maximum(n_tok - 2, np.minimum(n_tok, 1))  # shingles per text
    doc = np.repeat(np.arange(len(lens), dtype=np.int64), grams)
    g_start = np.zeros(len(lens) + 1, dtype=np.int64)
    np.cumsum(grams, out=g_start[1:])
    pos = starts[doc] + (np.arange(len(doc), dtype=np.int64) - g_start[doc])
    t1, t2, t3 = toks[pos], toks[pos + 1], toks[pos + 2]
    short = n_tok[doc] < 3
    if short.any():
        t2 = np.where(short & (n_tok[doc] < 2), np.uint64(_MISSING), t2)
        t3 = np.where(short, np.uint64(_MISSING), t3)
    values = _mix(_mix(_mix(t1) ^ t2) ^ t3)
    order = np.argsort(values)
    ordered = values[order]
    new = np.ones(len(ordered), dtype=bool)
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    uniq = ordered[new]
    sid = np.empty(len(values), dtype=np.int64)
    sid[order] = np.cumsum(new) - 1
    n_s = np.int64(len(uniq))
    pairs = _sorted_unique(doc * n_s + sid)
    ids = pairs % n_s
    offsets = np.searchsorted(pairs, np.arange(len(lens) + 1, dtype=np.int64) * n_s)
    return ids, offsets, uniq


def _minhashes(ids: np.ndarray, offsets: np.ndarray, values: np.ndarray, k: int) -> np.ndarray:
    """``k`` MinHash values (``uint32``) of each text with at least one shingle."""
    seeds = _mix(np.arange(1, k + 1, dtype=np.uint64) * _M1)
    out = np.empty((len(offsets) - 1, k), dtype=np.uint32)
    step = 8
    for c in range(0, k, step):
        cols = seeds[c : c + step]
        table = (_mix(values[:, None] ^ cols[None, :]) >> np.uint64(32)).astype(np.uint32)
        out[:, c : c + len(cols)] = np.minimum.reduceat(table[ids], offsets[:-1], axis=0)
    return out


def _band_rows(threshold: float, k: int) -> int:
    """Rows per LSH band: a pair at the threshold shares a given band with probability
    about 0.11, so with ``k // rows`` bands it is a candidate with probability >= 0.8."""
    if threshold <= 0.0:
        return 1
    if threshold >= 1.0:
        return min(k, 8)
    return max(1, min(8, k, int(math.log(0.11) / math.log(threshold))))


def _candidates(sig: np.ndarray, rows: int, reps: int) -> np.ndarray:
    """Pairs ``(i, j)``, ``i < j``, of texts sharing an LSH band; each text of a bucket is
    paired with the first ``reps`` texts of the bucket."""
    n, k = sig.shape
    found: list[np.ndarray] = []
    for b in range(k // rows):
        key = np.zeros(n, dtype=np.uint64)
        for c in range(b * rows, (b + 1) * rows):
            key = _mix(key ^ sig[:, c].astype(np.uint64))
        order = np.argsort(key, kind="stable")
        skey = key[order]
        new = np.ones(n, dtype=bool)
        new[1:] = skey[1:] != skey[:-1]
        first = np.flatnonzero(new)
        bucket = np.cumsum(new) - 1
        rank = np.arange(n) - first[bucket]
        for r in range(reps):
            take = rank > r
            if not take.any():
                break
            a = order[first[bucket[take]] + r]
            found.append(np.stack([a, order[take]], axis=1))
    if not found:
        return np.empty((0, 2), dtype=np.int64)
    pairs = np.concatenate(found).astype(np.int64)
    pairs.sort(axis=1)
    return _sorted_unique(pairs[:, 0] * n + pairs[:, 1])


# Shingle Jaccard similarity (of the shingles left after dropping stock phrases) at which two
# ads are of one template.
DEFAULT_THRESHOLD = 0.6
# Shingles found in more than this share of the texts are stock phrases, left out before
# comparing (checked on two independent generators of ads, see bench/README-networks.md).
MAX_DF = 0.03


def _drop_common(
    ids: np.ndarray, offsets: np.ndarray, n_shingles: int, max_df: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Shingles of each text without those found in more than ``max_df`` of the texts
    (stock phrases that templates and one-off ads alike are made of), and which texts keep
    any shingle: ``(ids, offsets, kept)`` for the kept texts."""
    n = len(offsets) - 1
    df = np.bincount(ids, minlength=n_shingles)
    rare = df[ids] <= max(2.0, max_df * n)
    per_doc = np.add.reduceat(rare.astype(np.int64), offsets[:-1]) if len(ids) else np.zeros(n)
    per_doc[np.diff(offsets) == 0] = 0
    kept = np.flatnonzero(per_doc > 0)
    new_ids = ids[rare]
    new_offsets = np.zeros(len(kept) + 1, dtype=np.int64)
    np.cumsum(per_doc[kept], out=new_offsets[1:])
    return new_ids, new_offsets, kept


def _similar_pairs(
    token_lists: list[list[str]],
    threshold: float,
    hashes: int,
    reps: int,
    max_df: float | None = None,
) -> list[tuple[int, int]]:
    """Pairs of texts whose shingle Jaccard similarity is at least ``threshold``.

    Small inputs compare every pair exactly. Larger ones take candidates from LSH bands of
    MinHash signatures and decide by the MinHash estimate, with an exact check of pairs
    whose estimate is within 0.15 of the threshold.
    """
    keep = [d for d, tokens in enumerate(token_lists) if tokens]
    if len(keep) < 2:
        return []
    ids, offsets, values = _shingle_ids([token_lists[d] for d in keep])
    if max_df is not None and len(keep) > 200:
        ids, offsets, kept = _drop_common(ids, offsets, len(values), max_df)
        keep = [keep[d] for d in kept.tolist()]
        if len(keep) < 2:
            return []
    n = len(keep)
    exact_only = n * (n - 1) // 2 <= 20_000
    if exact_only:
        ii, jj = np.triu_indices(n, 1)
        pair_keys = ii.astype(np.int64) * n + jj
    else:
        sig = _minhashes(ids, offsets, values, hashes)
        pair_keys = _candidates(sig, _band_rows(threshold, hashes), reps)
    first, second = pair_keys // n, pair_keys % n
    if exact_only:
        unsure = np.ones(len(first), dtype=bool)
        sure = ~unsure
    else:
        agree = np.empty(len(first), dtype=np.float64)
        for c in range(0, len(first), 100_000):
            a, b = first[c : c + 100_000], second[c : c + 100_000]
            agree[c : c + 100_000] = (sig[a] == sig[b]).sum(axis=1) / hashes
        sure = agree >= threshold + 0.15
        # a truncated copy can estimate well below the threshold and still be contained
        unsure = (agree > min(threshold - 0.15, CONTAINED_FROM)) & ~sure
    out = [(keep[a], keep[b]) for a, b in zip(first[sure].tolist(), second[sure].tolist(),
                                                strict=True)]  # fmt: skip
    sets: dict[int, set[int]] = {}
    bounds = offsets.tolist()

    def shingle_set(d: int) -> set[int]:
        s = sets.get(d)
        if s is None:
            s = sets[d] = set(ids[bounds[d] : bounds[d + 1]].tolist())
        return s

    for a, b in zip(first[unsure].tolist(), second[unsure].tolist(), strict=True):
        sa, sb = shingle_set(a), shingle_set(b)
        if _jaccard(sa, sb) >= threshold or _contained(sa, sb):
            out.append((keep[a], keep[b]))
    return out


def cluster_ads(
    ads: Iterable[Mapping[str, str]],
    threshold: float = DEFAULT_THRESHOLD,
    hashes: int = 84,
    reps: int = 8,
    with_templates: bool = True,
    max_df: float | None = MAX_DF,
) -> AdsResult:
    """Template clusters and risk of ads given as dicts with ``ad_id`` and ``text``."""
    with gc_paused():
        return _cluster_ads(ads, threshold, hashes, reps, with_templates, max_df)


def _cluster_ads(
    ads: Iterable[Mapping[str, str]],
    threshold: float,
    hashes: int,
    reps: int,
    with_templates: bool,
    max_df: float | None = MAX_DF,
) -> AdsResult:
    items = sorted((a["ad_id"], a.get("text") or "") for a in ads)
    parsed = [ad_tokens_and_contacts(text) for _, text in items]
    sets = DisjointSets(len(items))
    # identical normalised texts first: one representative each for the sketch step
    first_of: dict[tuple[str, ...], int] = {}
    distinct: list[int] = []
    for i, (tokens, _, _) in enumerate(parsed):
        key = tuple(tokens)
        if key in first_of:
            sets.union(first_of[key], i)
        else:
            first_of[key] = i
            distinct.append(i)
    for a, b in _similar_pairs([parsed[i][0] for i in distinct], threshold, hashes, reps, max_df):
        sets.union(distinct[a], distinct[b])
    labels = sets.labels()
    cluster_of = {items[i][0]: "A-" + items[labels[i]][0] for i in range(len(items))}
    risk = dict(zip((a for a, _ in items), folded_risks([p[2] for p in parsed]), strict=True))
    groups: dict[int, list[int]] = {}
    for i, root in enumerate(labels):
        groups.setdefault(root, []).append(i)
    clusters: list[AdCluster] = []
    if with_templates:
        for root, members in groups.items():
            if len(members) < 2:
                continue
            contacts: Counter[str] = Counter()
            for i in members:
                contacts.update(parsed[i][1])
            clusters.append(AdCluster(
                "A-" + items[root][0], tuple(items[i][0] for i in members),
                template_of([parsed[i][0] for i in members]),
                tuple(sorted(contacts.items(), key=lambda kv: (-kv[1], kv[0]))),
            ))  # fmt: skip
        clusters.sort(key=lambda c: (-len(c.ad_ids), c.cluster_id))
    return AdsResult(cluster_of, risk, clusters)
