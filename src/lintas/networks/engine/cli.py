"""Command-line entries ``main_link(argv)`` and ``main_ads(argv)``.

They take the arguments after the sub-command (``lintas networks link ...``)::

    link INPUT [--out OUTPUT] [--explain FILE] [--default-region CC]
         [--points learned|fixed]
    ads  INPUT [--out OUTPUT] [--explain FILE] [--threshold X]

``INPUT`` is a CSV path or ``-`` for standard input; the output goes to standard output
unless ``--out`` (or ``-o``) is given. Progress and errors go to standard error. Input is
checked in full before anything is computed; when it is refused the message names the line and the
problem, nothing is written and the exit status is 2.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

from lintas.networks.engine.ads import DEFAULT_THRESHOLD, cluster_ads
from lintas.networks.engine.linker import link
from lintas.networks.engine.tables import (
    ADS_COLUMNS,
    LINK_COLUMNS,
    LINK_OPTIONAL,
    InputError,
    read_table,
    write_table,
)
from lintas.networks.engine.weights import FIXED

USAGE_LINK = (
    "usage: link INPUT [--out OUTPUT] [--explain FILE] [--default-region CC] "
    "[--points learned|fixed]"
)
USAGE_ADS = "usage: ads INPUT [--out OUTPUT] [--explain FILE] [--threshold X]"


MAX_WARNINGS = 50


class UsageError(ValueError):
    """Bad command-line arguments."""


def parse_args(argv: Sequence[str], options: dict[str, str]) -> tuple[str, dict[str, str]]:
    """One positional INPUT and ``--name VALUE`` options; ``options`` maps flags to names."""
    given: dict[str, str] = {}
    positional: list[str] = []
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg.startswith("-") and arg != "-":
            flag, eq, value = arg.partition("=")
            if flag not in options:
                raise UsageError(f"unknown option {flag}")
            if not eq:
                if not args:
                    raise UsageError(f"option {flag} needs a value")
                value = args.pop(0)
            given[options[flag]] = value
        else:
            positional.append(arg)
    if len(positional) != 1:
        raise UsageError("exactly one INPUT is needed")
    return positional[0], given


def _read_input(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise InputError(0, f"cannot read {path}: {exc.strerror}") from None


def _emit(path: str | None, text: str) -> None:
    if path is None or path == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        Path(path).write_text(text, encoding="utf-8")


def _float(value: str, name: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise UsageError(f"{name} must be a number, not {value!r}") from None


def main_link(argv: Sequence[str]) -> int:
    """``link``: records in, ``record_id,person_id,network_id`` out."""
    flags = {"-o": "output", "--out": "output", "--output": "output", "--explain": "explain",
             "--default-region": "region", "--points": "points"}  # fmt: skip
    try:
        source, opts = parse_args(argv, flags)
        points = opts.get("points", "learned")
        if points not in ("learned", "fixed"):
            raise UsageError(f"--points must be learned or fixed, not {points!r}")
        rows = read_table(_read_input(source), "record_id", LINK_COLUMNS + LINK_OPTIONAL)
    except UsageError as exc:
        print(f"link: {exc}\n{USAGE_LINK}", file=sys.stderr)
        return 2
    except InputError as exc:
        print(f"link: {source}: {exc}", file=sys.stderr)
        return 2
    print(f"link: {len(rows)} records read", file=sys.stderr)
    weights = FIXED if points == "fixed" else None
    result = link(rows, default_region=opts.get("region"), weights=weights, progress=True)
    warnings = result.warnings
    for w in warnings[:MAX_WARNINGS]:
        print(f"link: warning: record {w.record_id}, {w.field} {w.value!r}: {w.problem}",
              file=sys.stderr)  # fmt: skip
    if len(warnings) > MAX_WARNINGS:
        print(f"link: warning: {len(warnings) - MAX_WARNINGS} more values ignored",
              file=sys.stderr)  # fmt: skip
    output = write_table(("record_id", "person_id", "network_id"), result.rows())
    explain = None
    networks = result.networks()
    if "explain" in opts:
        lines = []
        for net in networks:
            chains = result.chains_from(net.records[0])
            lines.append({"network_id": net.network_id, "size": len(net.records),
                          "persons": net.persons, "agencies": list(net.agencies),
                          "countries": list(net.countries), "first_seen": net.first_seen,
                          "last_seen": net.last_seen, "indicators": list(net.indicators),
                          "records": list(net.records), "evidence": chains})  # fmt: skip
        for hub in sorted(result.hubs.values(), key=lambda h: (-h.degree, h.value)):
            lines.append({"hub": hub.value, "degree": hub.degree, "records": hub.records,
                          "agencies": hub.agencies, "reason": hub.reason})  # fmt: skip
        explain = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    _emit(opts.get("output"), output)
    if explain is not None:
        _emit(opts["explain"], explain)
    print(f"link: {len(networks)} networks, {len(result.hubs)} hubs", file=sys.stderr)
    return 0


def main_ads(argv: Sequence[str]) -> int:
    """``ads``: ads in, ``ad_id,cluster_id,risk`` out."""
    flags = {"-o": "output", "--out": "output", "--output": "output", "--explain": "explain",
             "--threshold": "threshold"}  # fmt: skip
    try:
        source, opts = parse_args(argv, flags)
        threshold = _float(opts.get("threshold", str(DEFAULT_THRESHOLD)), "--threshold")
        rows = read_table(_read_input(source), "ad_id", ADS_COLUMNS)
    except UsageError as exc:
        print(f"ads: {exc}\n{USAGE_ADS}", file=sys.stderr)
        return 2
    except InputError as exc:
        print(f"ads: {source}: {exc}", file=sys.stderr)
        return 2
    print(f"ads: {len(rows)} ads read", file=sys.stderr)
    result = cluster_ads(rows, threshold=threshold, with_templates="explain" in opts)
    output = write_table(("ad_id", "cluster_id", "risk"), result.rows())
    explain = None
    if "explain" in opts:
        lines = [{"cluster_id": c.cluster_id, "size": len(c.ad_ids), "template": c.template,
                  "contacts": dict(c.contacts), "ads": list(c.ad_ids)}
                 for c in result.clusters]  # fmt: skip
        lines += [{"ad_id": a, "risk": r.score, "signs": [list(s) for s in r.signs]}
                  for a, r in sorted(result.risk.items()) if r.signs]  # fmt: skip
        explain = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    _emit(opts.get("output"), output)
    if explain is not None:
        _emit(opts["explain"], explain)
    print(f"ads: {len(result.clusters)} clusters of two or more", file=sys.stderr)
    return 0
