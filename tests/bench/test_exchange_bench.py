"""The exchange benchmark (bench/exchange.py) runs at a tiny size and prints every figure with its
target. Timings are printed by the benchmark, never asserted here."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_benchmark_prints_the_machine_and_each_step_with_its_queries_and_target(
    tmp_path: Path,
) -> None:
    # A process of its own, with Django set up as the benchmark does it, on a throw-away SQLite
    # database (never the test run's own, which DATABASE_URL may name).
    env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(LINTAS_DEBUG="true", LINTAS_DATA_DIR=str(tmp_path))
    done = subprocess.run(
        [
            sys.executable,
            "bench/exchange.py",
            "--units",
            "12",
            "--messages",
            "200",
            "--repeat",
            "1",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("machine: ") and "database sqlite" in lines[0]
    assert re.match(r"data: 12 units, 200 messages over 12 months, \d+ receipts", lines[1])
    steps = {}
    for line in lines[3:-1]:
        found = re.fullmatch(r"(.+?)\s+([\d.]+)\s+([\d.]+)\s+(\d+)\s+(< \d+ ms)", line)
        assert found, line
        steps[found[1]] = (int(found[4]), found[5])
    assert len(steps) == 11
    # A busy unit's inbox and a quiet one's cost the same queries.
    busy = steps["inbox page (HTML), busy unit"][0]
    assert busy == steps["inbox page (HTML), quiet unit"][0] > 0
    assert steps["matrix selector, 12 units x 12 months"] == (2, "< 500 ms")
    assert lines[-1].startswith("measures over 12 months: expected=")
