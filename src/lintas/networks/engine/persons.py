"""Person resolution: which records mention the same person.

Method (deterministic, explainable, no training):

1. **Features** per record: sorted name tokens (diacritics, case, order and titles
   removed), date of birth (ISO or a bare year), nationality, identity documents, address
   tokens.
2. **Blocking**: a record gets keys - each identity document; date of birth plus the first
   two letters of each name token; the whole token set; each pair of name tokens; the digits
   of the address plus the initial of each name token; each own phone or e-mail. Records
   sharing a key are candidate
   pairs. A key held by more than ``max_block`` records is not used (a common name alone,
   ``nguyen|van``, says nothing).
3. **Scoring** of each candidate pair in DuckDB, as a sum of points per field level:

   ======================  =========================================================
   name                    Monge-Elkan over tokens with Jaro-Winkler, from the side
                           with fewer tokens (a dropped middle name costs little):
                           same tokens +6, all of the shorter name found +4.5 (a name
                           of one word found in a longer one only +1: "Suparman" is
                           also the father's name in "Sri Wahyuni binti Suparman"),
                           >=0.94 with every token >=0.88 +4, >=0.88 +1, >=0.80 0,
                           below -3
   date of birth           equal +5, day and month swapped +3, one digit differs 0
                           (about thirty dates are one digit away), only a year given
                           on either side (even on both) and equal +1, same year but
                           another day -2, different -4; 1 January counts as a bare
                           year (agencies write it when only the year is known)
   identity document       shared +10, one character apart +5, both given and
                           different -1 (people hold several documents)
   address                 similarity >=0.98 +4, >=0.95 +2, >=0.85 +0.5, >=0.70 0,
                           below -2
   nationality             equal +0.5, different -2
   own phone or e-mail     shared +3 (a recruiter's phone may be on many victims' files,
                           so this alone never makes a match; with the same name or one
                           with a dropped middle name it does)
   ======================  =========================================================

   A missing field scores 0. Pairs reaching the threshold (7) are the same person when the
   pair also holds a corroborating level (an equal or swapped date of birth, a shared or
   nearly equal document, a shared own phone or e-mail; not an address, which neighbours and
   relatives share): a name alone is
   never enough, whatever the points say; a name with an equal date of birth is. These are the fixed
   points; with enough data, points learned from the data replace them
   (:mod:`.weights`), and the explanation of a match gives the levels either way.
4. **Clusters**: connected components of matched pairs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, combinations

import duckdb
import numpy as np
import pyarrow as pa

from lintas.networks.engine.weights import (
    FIELDS,
    FIXED,
    Weights,
    agreement_rates,
    corroborated,
    corroborated_sql,
    learn,
)

DEFAULT_MAX_BLOCK = 60


@dataclass(frozen=True, slots=True)
class PersonFeatures:
    """Comparable features of the person mentioned in one record."""

    tokens: tuple[str, ...]
    dob: str
    nationality: str
    documents: tuple[str, ...]
    address: tuple[str, ...]
    contacts: tuple[str, ...] = ()


def blocking_keys(f: PersonFeatures) -> list[str]:
    """Blocking keys of one record (see the module docstring)."""
    keys = ["i:" + d for d in f.documents]
    if f.contacts:
        keys += ["c:" + c for c in f.contacts]
    toks = [t for t in f.tokens if len(t) > 1] or list(f.tokens)
    if toks:
        if f.dob:
            head = "d:" + f.dob + ":"
            keys += [head + t[:2] for t in toks]
        keys.append("n:" + "|".join(toks))
        if len(toks) > 2:
            keys += [f"p:{a}|{b}" for a, b in combinations(toks, 2)]
        if f.address:
            digits = "".join([t for t in f.address if t.isdigit()])
            if len(digits) >= 4:
                head = "a:" + digits + ":"
                keys += [head + t[0] for t in toks]
    return sorted(set(keys))


FEATURE_SCHEMA = pa.schema(
    [
        ("i", pa.int64()),
        ("tok", pa.list_(pa.string())),
        ("dob", pa.string()),
        ("nat", pa.string()),
        ("docs", pa.list_(pa.string())),
        ("addr", pa.list_(pa.string())),
        ("tel", pa.list_(pa.string())),
    ]
)


def _string_lists(values: Sequence[tuple[str, ...]]) -> pa.Array:
    """Arrow ``list<string>`` array of tuples of strings, built from flat buffers (far
    faster than converting a Python list of lists)."""
    offsets = np.zeros(len(values) + 1, dtype=np.int32)
    np.cumsum(np.fromiter(map(len, values), dtype=np.int32, count=len(values)), out=offsets[1:])
    flat = pa.array(list(chain.from_iterable(values)), type=pa.string())
    return pa.ListArray.from_arrays(pa.array(offsets), flat)


def feature_table(ids: Sequence[int], feats: Sequence[PersonFeatures]) -> pa.Table:
    """Arrow table of features for DuckDB."""
    return pa.Table.from_arrays(
        [
            pa.array(list(ids), type=pa.int64()),
            _string_lists([f.tokens for f in feats]),
            pa.array([f.dob for f in feats], type=pa.string()),
            pa.array([f.nationality for f in feats], type=pa.string()),
            _string_lists([f.documents for f in feats]),
            _string_lists([f.address for f in feats]),
            _string_lists([f.contacts for f in feats]),
        ],
        schema=FEATURE_SCHEMA,
    )


def key_table(ids: Sequence[int], feats: Sequence[PersonFeatures]) -> pa.Table:
    """Arrow table ``(key, i)`` of blocking keys."""
    per_record = [blocking_keys(f) for f in feats]
    if len(per_record) != len(ids):
        raise ValueError("ids and feats differ in length")
    counts = np.fromiter(map(len, per_record), dtype=np.int64, count=len(per_record))
    nodes = np.repeat(np.asarray(ids, dtype=np.int64), counts)
    keys = pa.array(list(chain.from_iterable(per_record)), type=pa.string())
    return pa.Table.from_arrays([keys, pa.array(nodes)], names=["key", "i"])


def _best(a: str, b: str) -> str:
    """SQL for the best Jaro-Winkler similarity of each token of ``a`` in ``b``."""
    return (
        f"list_transform({a}, lambda x: list_max(list_transform({b}, "
        f"lambda y: jaro_winkler_similarity(x, y))))"
    )


def _me(a: str, b: str, agg: str = "list_avg") -> str:
    """SQL for Monge-Elkan similarity of token lists ``a`` and ``b`` (from ``a``)."""
    return f"{agg}({_best(a, b)})"


# SQL text below is assembled from constants, table names chosen by this module and
# numbers; no user input reaches it.
LEVELS_SQL = f"""
WITH j AS (
  SELECT p.a, p.b, l.tok AS lt, r.tok AS rt, l.dob AS ld, r.dob AS rd, l.nat AS ln,
         r.nat AS rn, l.docs AS lx, r.docs AS rx, l.addr AS la, r.addr AS ra,
         CASE WHEN len(l.tel) = 0 OR len(r.tel) = 0 THEN NULL
              ELSE len(list_intersect(l.tel, r.tel)) > 0 END AS tel_shared
  FROM {{pairs}} p JOIN {{feats}} l ON l.i = p.a JOIN {{feats}} r ON r.i = p.b
), t AS (
  SELECT a, b, lt, rt, ld, rd, ln, rn, lx, rx, la, ra, tel_shared,
    CASE WHEN len(lt) = 0 OR len(rt) = 0 THEN NULL
         WHEN len(lt) <= len(rt) THEN {_best("lt", "rt")} ELSE {_best("rt", "lt")} END AS name_best
  FROM j
), s AS (
  SELECT a, b, lt, rt, ld, rd, ln, rn, lx, rx, tel_shared,
    list_avg(name_best) AS name_sim, list_min(name_best) AS name_worst,
    CASE WHEN len(la) = 0 OR len(ra) = 0 THEN NULL
         WHEN len(la) <= len(ra) THEN {_me("la", "ra")} ELSE {_me("ra", "la")} END AS addr_sim
  FROM t
), c AS (
  SELECT a, b, name_sim, name_worst, addr_sim, tel_shared,
    CASE WHEN name_sim IS NULL THEN 'missing'
         WHEN name_sim >= 0.9999 AND len(lt) = len(rt) THEN 'same'
         WHEN name_sim >= 0.9999 AND least(len(lt), len(rt)) >= 2 THEN 'subset'
         WHEN name_sim >= 0.9999 THEN 'similar'
         WHEN name_sim >= 0.94 AND name_worst >= 0.88 THEN 'close'
         WHEN name_sim >= 0.88 THEN 'similar'
         WHEN name_sim >= 0.80 THEN 'weak' ELSE 'different' END AS name_level,
    CASE WHEN ld = '' OR rd = '' THEN 'missing'
         WHEN length(ld) = 4 OR length(rd) = 4 THEN
              CASE WHEN ld[1:4] = rd[1:4] THEN 'year' ELSE 'different' END
         WHEN ld = rd THEN 'equal'
         WHEN ld[1:4] = rd[1:4] AND ld[6:7] = rd[9:10] AND ld[9:10] = rd[6:7] THEN 'swapped'
         WHEN damerau_levenshtein(replace(ld, '-', ''), replace(rd, '-', '')) <= 1
              THEN 'one digit'
         WHEN ld[1:4] = rd[1:4] THEN 'same year' ELSE 'different' END AS dob_level,
    CASE WHEN len(lx) = 0 OR len(rx) = 0 THEN 'missing'
         WHEN len(list_intersect(lx, rx)) > 0 THEN 'shared'
         WHEN list_min(list_transform(lx, lambda x: list_min(list_transform(rx,
              lambda y: damerau_levenshtein(x, y))))) <= 1 THEN 'one character'
         ELSE 'different' END AS doc_level,
    CASE WHEN ln = '' OR rn = '' THEN 'missing' WHEN ln = rn THEN 'equal'
         ELSE 'different' END AS nat_level,
    CASE WHEN addr_sim IS NULL THEN 'missing' WHEN addr_sim >= 0.98 THEN 'exact'
         WHEN addr_sim >= 0.95 THEN 'very close' WHEN addr_sim >= 0.85 THEN 'close'
         WHEN addr_sim >= 0.70 THEN 'similar' ELSE 'different' END AS addr_level,
    CASE WHEN tel_shared IS NULL THEN 'missing' WHEN tel_shared THEN 'shared'
         ELSE 'different' END AS tel_level
  FROM s
)
"""  # noqa: S608
_SELECT = "a, b, score, name_sim, name_level, dob_level, doc_level, addr_sim, nat_level, tel_shared"


def score_sql(pairs: str, feats: str, weights: Weights) -> str:
    """SQL scoring candidate pairs with ``weights``."""
    levels = LEVELS_SQL.format(pairs=pairs, feats=feats)
    return f"{levels} SELECT ({weights.sql()})::DOUBLE AS score, * FROM c"  # noqa: S608


RANDOM_PAIRS = 50_000


def random_pairs_sql(feats: str, size: int = RANDOM_PAIRS) -> str:
    """SQL for a fixed pseudo-random sample of about ``size`` record pairs."""
    return f"""
    WITH f AS (SELECT i, row_number() OVER (ORDER BY i) - 1 AS pos FROM {feats}),
    n AS (SELECT count(*) AS n FROM f),
    draws AS (
      SELECT (hash(k, 1) % n)::BIGINT AS x, (hash(k, 2) % n)::BIGINT AS y
      FROM range({int(size)}) t(k), n WHERE n > 1
    )
    SELECT DISTINCT least(l.i, r.i) AS a, greatest(l.i, r.i) AS b
    FROM draws JOIN f l ON l.pos = draws.x JOIN f r ON r.pos = draws.y
    WHERE l.i <> r.i
    """  # noqa: S608


def patterns_sql(pairs: str, feats: str) -> str:
    """SQL counting level patterns among candidate pairs (the input of EM)."""
    levels = LEVELS_SQL.format(pairs=pairs, feats=feats)
    cols = ", ".join(f"{f}_level" for f in FIELDS)
    return f"{levels} SELECT {cols}, count(*) FROM c GROUP BY ALL ORDER BY ALL"  # noqa: S608


@dataclass(frozen=True, slots=True)
class PersonMatch:
    """A scored pair of records (node numbers ``a < b``)."""

    a: int
    b: int
    score: float
    name_sim: float | None
    name_level: str
    dob_level: str
    doc_level: str
    addr_sim: float | None
    nat_level: str
    contact_shared: bool | None = False
    context: str = ""  # evidence beyond the pair's own fields (one network's recruiters)

    def corroborated(self) -> bool:
        """Whether the pair holds a corroborating level (:data:`.weights.CORROBORATING`)."""
        tel = "shared" if self.contact_shared else "missing"
        return corroborated(("", self.dob_level, self.doc_level, "", "", tel))

    def describe(self) -> str:
        """Human-readable evidence: ``name 0.97, date of birth equal``."""
        parts = []
        if self.name_sim is not None:
            parts.append(f"name {self.name_sim:.2f}")
        if self.dob_level != "missing":
            parts.append(f"date of birth {self.dob_level}")
        if self.doc_level != "missing":
            parts.append(f"id document {self.doc_level}")
        if self.addr_sim is not None:
            parts.append(f"address {self.addr_sim:.2f}")
        if self.nat_level != "missing":
            parts.append(f"nationality {self.nat_level}")
        if self.contact_shared:
            parts.append("own phone or e-mail shared")
        if self.context:
            parts.append(self.context)
        return ", ".join(parts) + f" (score {self.score:g})"


# Largest usable block per key kind, as a fraction of ``max_block``: a pair of name tokens
# or an address number is weaker evidence than a document or a date of birth.
KEY_CAPS = {"i": 1.0, "d": 1.0, "n": 0.25, "p": 0.25, "a": 0.25, "c": 0.25}


def block_caps_sql(max_block: int) -> str:
    """SQL ``CASE`` giving the largest usable block for a key's kind."""
    whens = " ".join(f"WHEN '{k}' THEN {max(2, int(max_block * f))}" for k, f in KEY_CAPS.items())
    return f"CASE left(key, 1) {whens} ELSE {int(max_block)} END"


# A block larger than its cap is not dropped: its records are sorted so that records of one
# person lie side by side (by name tokens, then date of birth, then the rest of the record) and
# each is paired with the next WINDOW (a sorted neighbourhood). A prolific recruiter recorded in
# hundreds of cases keeps his records linked; a common name costs a few pairs per record, not
# the square of its count. Blocks above HARD_LIMIT times ``max_block`` (a shelter's desk phone)
# are still skipped.
WINDOW = 4
HARD_LIMIT = 100
# The key kinds whose oversized blocks give neighbourhoods: documents, dates of birth with
# names, and names; not contacts or addresses, which an oversized block shows to be shared by
# many people (a shelter, a family, a dormitory).
WINDOWED = "'i', 'd', 'n', 'p'"


def candidate_pairs_sql(keys: str, max_block: int, feats: str | None = None) -> str:
    """SQL for distinct candidate pairs ``(a, b)``, ``a < b``, from a ``(key, i)`` table; with
    the feature table ``feats``, oversized blocks give their sorted neighbourhoods."""
    caps = block_caps_sql(max_block)
    small = """
      SELECT l.i AS a, r.i AS b FROM k l JOIN k r ON l.key = r.key AND l.i < r.i"""
    if feats is None:
        return f"""
    WITH k AS (
      SELECT key, i FROM {keys}
      WHERE key IN (SELECT key FROM {keys} GROUP BY key
                    HAVING count(*) >= 2 AND count(*) <= {caps})
    )
    SELECT DISTINCT l.i AS a, r.i AS b FROM k l JOIN k r ON l.key = r.key AND l.i < r.i
    """  # noqa: S608
    return f"""
    WITH sizes AS (
      SELECT key, count(*) AS n, {caps} AS cap FROM {keys} GROUP BY key HAVING count(*) >= 2
    ),
    k AS (SELECT key, i FROM {keys} JOIN sizes USING (key) WHERE n <= cap),
    big AS (
      SELECT key, x.i, row_number() OVER (
        PARTITION BY key
        ORDER BY array_to_string(f.tok, ' '), f.dob,
                 hash(f.tok, f.dob, f.nat, f.docs, f.addr, f.tel), x.i
      ) AS rn
      FROM {keys} x JOIN sizes USING (key) JOIN {feats} f ON f.i = x.i
      WHERE n > cap AND n <= {int(max_block) * HARD_LIMIT} AND left(key, 1) IN ({WINDOWED})
    )
    SELECT DISTINCT a, b FROM ({small}
      UNION ALL
      SELECT least(l.i, r.i) AS a, greatest(l.i, r.i) AS b FROM big l JOIN big r
        ON l.key = r.key AND r.rn > l.rn AND r.rn <= l.rn + {WINDOW}
    )
    """  # noqa: S608


def score_pairs(
    con: duckdb.DuckDBPyConnection,
    pairs: str,
    feats: str,
    weights: Weights = FIXED,
    keep_all: bool = False,
) -> list[PersonMatch]:
    """Score candidate pairs; keep those reaching the threshold (all with ``keep_all``)."""
    return _fetch_matches(con, score_sql(pairs, feats, weights), weights, keep_all)


def _fetch_matches(
    con: duckdb.DuckDBPyConnection, scores: str, weights: Weights, keep_all: bool
) -> list[PersonMatch]:
    """Matches from the SQL ``scores`` (a score and the level columns per pair)."""
    sql = f"SELECT {_SELECT} FROM ({scores})"  # noqa: S608
    if not keep_all:
        sql += f" WHERE score >= {float(weights.threshold)!r} AND {corroborated_sql()}"
    sql += " ORDER BY a, b"
    return [PersonMatch(*row) for row in con.sql(sql).fetchall()]


def match_all(
    ids: Sequence[int],
    feats: Sequence[PersonFeatures],
    weights: Weights | None = None,
    max_block: int = DEFAULT_MAX_BLOCK,
    con: duckdb.DuckDBPyConnection | None = None,
    keep: bool = False,
    keep_all: bool = False,
) -> tuple[list[PersonMatch], int, Weights]:
    """Matched pairs, how many candidate pairs were scored, and the weights used.

    Without ``weights`` they are learned from the candidate pairs (:mod:`.weights`).
    With ``keep`` the connection keeps the table ``person_keys`` (sorted by key, so a
    lookup reads few row groups) for incremental linking.
    """
    con = con or duckdb.connect()
    con.register("_pf", feature_table(ids, feats))
    con.register("_pk", key_table(ids, feats))
    if keep:
        con.execute("CREATE OR REPLACE TABLE person_keys AS SELECT * FROM _pk ORDER BY key, i")
    pairs = candidate_pairs_sql("_pk", max_block, feats="_pf")
    con.execute(f"CREATE OR REPLACE TEMP TABLE _pairs AS {pairs}")
    (n_pairs,) = con.sql("SELECT count(*) FROM _pairs").fetchall()[0]
    scored = "_pairs"
    if weights is None:
        # the levels of the candidates are needed twice (EM, then scores): compute once
        levels = LEVELS_SQL.format(pairs="_pairs", feats="_pf")
        con.execute(f"CREATE OR REPLACE TEMP TABLE _levels AS {levels} SELECT * FROM c")  # noqa: S608
        con.execute("DROP TABLE _pairs")
        scored = "_levels"
        con.execute(f"CREATE OR REPLACE TEMP TABLE _rnd AS {random_pairs_sql('_pf')}")
        cols = ", ".join(f"{f}_level" for f in FIELDS)
        cand = con.sql(
            f"SELECT {cols}, count(*) FROM _levels GROUP BY ALL ORDER BY ALL"  # noqa: S608
        ).fetchall()
        rnd = con.sql(patterns_sql("_rnd", "_pf")).fetchall()
        rates = agreement_rates({
            "name": [(f.tokens,) if f.tokens else () for f in feats],
            "dob": [(f.dob,) if f.dob else () for f in feats],
            "doc": [f.documents for f in feats],
            "addr": [(f.address,) if f.address else () for f in feats],
        })  # fmt: skip
        weights = learn(
            [(tuple(r[:-1]), int(r[-1])) for r in cand],
            [(tuple(r[:-1]), int(r[-1])) for r in rnd],
            len(ids),
            exact_rates=rates,
        )
        con.execute("DROP TABLE _rnd")
    if scored == "_levels":
        scores = f"SELECT ({weights.sql()})::DOUBLE AS score, * FROM _levels"  # noqa: S608
        matches = _fetch_matches(con, scores, weights, keep_all)
    else:
        matches = score_pairs(con, "_pairs", "_pf", weights, keep_all)
    con.execute(f"DROP TABLE {scored}")
    con.unregister("_pf")
    con.unregister("_pk")
    return matches, int(n_pairs), weights
