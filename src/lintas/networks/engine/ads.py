"""Recruitment ads: clusters of ads posted from one template, with template and contacts.

Method (deterministic, linear in the number of ads):

1. **Normalise**: contacts (phones, e-mails, handles, URLs) become ``<contact>``, numbers
   ``<n>``; text is folded (lower case, no diacritics) and everything but letters is
   dropped, so changed pay, rotated contacts, inserted emoji and casing do not matter.
2. **Shingles**: word 3-grams, hashed with CRC-32.
3. **Exact groups**: ads with identical normalised text are one cluster already; only one
   of each goes on.
4. **Sketch**: the ``sketch`` smallest shingle hashes of each ad (bottom-k MinHash); two
   ads with Jaccard similarity J share each of them with probability about J. Each pair of
   consecutive sketch values is a bucket key (a pair is far less often shared by chance
   than a single boilerplate phrase).
5. **Buckets**: ads sharing a key are compared with up to ``reps`` representatives of the
   bucket; an ad whose shingle Jaccard with a representative is at
   least ``threshold`` joins its cluster (union-find), otherwise it may become a
   representative itself.
6. **Template**: for each cluster, the tokens of its first ad that occur in at least 80%
   of the members are fixed parts, the rest are ``{slot}``; contacts are counted.
"""

from __future__ import annotations

import heapq
import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise

from lintas.networks.engine.adrisk import Risk, folded_risk
from lintas.networks.engine.dsu import DisjointSets
from lintas.networks.engine.indicators import normalise_url
from lintas.networks.engine.normalise import fold
from lintas.networks.engine.phones import to_e164

_URLISH = re.compile(
    r"(?:https?://|www\.)\S+|\b(?:t\.me|wa\.me|zalo\.me|fb\.com|facebook\.com|line\.me)/\S+",
    re.IGNORECASE,
)
_EMAILISH = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_HANDLEISH = re.compile(r"(?<![\w@])@\w{3,}")
_PHONEISH = re.compile(r"(?<![\w+])\+?\d[\d .\-]{6,16}\d(?!\w)")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"<contact>|<n>|[a-z]+")
_VI = re.compile(r"\b(?:luong|lien he|tuyen|viec lam|nhan vien|thang)\b")
_ID = re.compile(r"\b(?:gaji|hubungi|lowongan|dibutuhkan|bulan|kerja)\b")


def guess_region(folded: str) -> str | None:
    """Default phone region from the language of an ad: VN, ID or none."""
    if _VI.search(folded):
        return "VN"
    return "ID" if _ID.search(folded) else None


def _contact_value(raw: str, kind: str, region: str | None) -> str:
    if kind == "url":
        return normalise_url(raw)
    if kind == "email":
        return "mail:" + raw.lower()
    if kind == "handle":
        return "handle:" + raw[1:].lower()
    return to_e164(raw, region) or ""


def ad_tokens_and_contacts(text: str) -> tuple[list[str], list[str], str]:
    """Normalised tokens of an ad (step 1 of the module docstring), its contacts and its
    folded text with contacts replaced (for the risk score)."""
    found: list[tuple[str, str]] = []

    def grab(kind: str) -> Callable[[re.Match[str]], str]:
        def sub(m: re.Match[str]) -> str:
            found.append((kind, m[0]))
            return " <contact> "

        return sub

    if "/" in text or "www" in text:
        text = _URLISH.sub(grab("url"), text)
    if "@" in text:
        text = _EMAILISH.sub(grab("email"), text)
        text = _HANDLEISH.sub(grab("handle"), text)
    text = _PHONEISH.sub(grab("phone"), text)
    folded = fold(text)
    tokens = _WORD.findall(_NUMBER.sub(" <n> ", folded))
    region = guess_region(folded) if found else None
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


def cluster_ads(
    ads: Iterable[Mapping[str, str]],
    threshold: float = 0.7,
    sketch: int = 8,
    reps: int = 8,
    with_templates: bool = True,
) -> AdsResult:
    """Template clusters and risk of ads given as dicts with ``ad_id`` and ``text``."""
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
    shingle_sets = {i: shingles(parsed[i][0]) for i in distinct}
    buckets: dict[tuple[int, int], list[int]] = {}
    for i in distinct:
        low = heapq.nsmallest(sketch, shingle_sets[i])
        for pair in pairwise(low):
            buckets.setdefault(pair, []).append(i)
        if len(low) == 1:
            buckets.setdefault((low[0], low[0]), []).append(i)
    for bucket in sorted(buckets):
        members = buckets[bucket]
        if len(members) < 2:
            continue
        chosen: list[int] = []
        for i in members:
            si = shingle_sets[i]
            for r in chosen:
                if sets.find(i) == sets.find(r) or _jaccard(si, shingle_sets[r]) >= threshold:
                    sets.union(i, r)
                    break
            else:
                if len(chosen) < reps:
                    chosen.append(i)
    labels = sets.labels()
    cluster_of = {items[i][0]: "A-" + items[labels[i]][0] for i in range(len(items))}
    risk = {ad_id: folded_risk(parsed[i][2]) for i, (ad_id, _) in enumerate(items)}
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
