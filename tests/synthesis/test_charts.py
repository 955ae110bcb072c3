"""Charts are drawn on figures of their own, never through pyplot's global state (its figure
list and current figure are shared by every thread): pages and the worker draw at the same time.
No database: the charts read a report's figures only."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from lintas.reporting.measures import Measures
from lintas.synthesis.render import charts

ROOT = Path(__file__).resolve().parents[2]
PNG = b"\x89PNG\r\n\x1a\n"


def small_report() -> Any:
    """What the charts read of a consolidated report: three months, two units, two fields."""
    periods = [SimpleNamespace(key=k) for k in ("2024-01", "2024-02", "2024-03")]
    rates = [Measures(2, 2, 2, 4, 4, 0), Measures(2, 1, 1, 2, 2, 0), Measures(2, 2, 1, 4, 4, 3)]
    timeliness = [
        SimpleNamespace(unit="Unit A", measures=Measures(3, 3, 3, 6, 6, 0)),
        SimpleNamespace(unit="Unit B", measures=Measures(3, 2, 1, 4, 4, 5, not_yet_due=1)),
    ]
    numbers = [
        SimpleNamespace(label="Cases", trend=[Decimal(4), None, Decimal(9)]),
        SimpleNamespace(label="Victims", trend=[Decimal(1), Decimal(2), Decimal(2)]),
    ]
    return SimpleNamespace(
        trend_periods=periods, rates=rates, timeliness=timeliness, numbers=numbers
    )


def test_drawing_every_chart_leaves_pyplot_unloaded() -> None:
    code = (
        "import sys, django; django.setup(); "
        "from tests.synthesis.test_charts import small_report; "
        "from lintas.synthesis.render import charts; "
        "r = small_report(); "
        "out = [charts.rate_chart(r), charts.timeliness_chart(r, 'svg'), *charts.trend_charts(r)]; "
        "print(len(out), all(out), 'matplotlib.pyplot' in sys.modules)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    result = subprocess.run(  # noqa: S603 (our own interpreter and fixed arguments)
        [sys.executable, "-c", code],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["3", "True", "False"]


def test_charts_drawn_by_many_threads_at_once_are_each_whole() -> None:
    report = small_report()
    alone = charts.rate_chart(report)
    trend_alone = charts.trend_charts(report)
    start = threading.Barrier(6)
    drawn: list[tuple[bytes, list[bytes]]] = []
    failures: list[BaseException] = []

    def draw() -> None:
        try:
            start.wait()
            drawn.append((charts.rate_chart(report), charts.trend_charts(report)))
        except BaseException as exc:  # reported below, with the thread's own error
            failures.append(exc)

    threads = [threading.Thread(target=draw) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not failures
    assert len(drawn) == 6
    assert alone.startswith(PNG)
    for rate, trend in drawn:
        assert rate == alone
        assert trend == trend_alone


def test_a_long_field_name_is_a_whole_chart_title_broken_between_words() -> None:
    label = "Victims referred to shelters and social protection centres in the period"
    lines = charts._title_lines(label).split("\n")

    assert " ".join(lines) == label  # whole, not cut at 40 characters
    assert len(lines) > 1 and all(len(line) <= 38 for line in lines)
    longer = charts._title_lines(" ".join([label] * 3)).split("\n")
    assert len(longer) == 3 and longer[-1].endswith(" …")
    assert all(word in label.split() for line in longer for word in line.split()[:-1])
