"""Charts of a consolidated report, drawn with matplotlib: PNG for DOCX and PDF, SVG for the
screen. Labels come in already translated (call inside ``translation.override``).

Each chart is its own ``Figure``, never registered with pyplot, whose global figure list and
current figure are shared by every thread of the process: requests and the worker draw at once.
The style is set once, when this module is imported, and never changed afterwards.

The numeric fields' trends are drawn as small multiples, up to ``PER_FIGURE`` fields a figure,
so a 30-field template costs three figures, not thirty.
"""

from __future__ import annotations

import io
import math
import textwrap
from decimal import Decimal
from html import escape

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from lintas.synthesis.consolidate import Consolidated, NumberBlock
from lintas.synthesis.render import words

PER_FIGURE = 12
MAX_UNITS = 30  # the timeliness chart shows at most this many units
BLUE = "#1f5fa8"
AMBER = "#f2a900"
GREEN = "#2e8540"
RED = "#c0392b"
GREY = "#b8c0cc"
matplotlib.rcParams.update({"font.family": "DejaVu Sans", "font.size": 8, "svg.fonttype": "none"})


def _save(fig: Figure, fmt: str, *, tight: bool = True) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, dpi=110, bbox_inches="tight" if tight else None)
    return buffer.getvalue()


def _pct(values: list[float | None]) -> list[float]:
    return [math.nan if v is None else v * 100 for v in values]


def rate_chart(report: Consolidated, fmt: str = "png") -> bytes:
    h = words.headings()
    labels = [p.key for p in report.trend_periods]
    fig = Figure(figsize=(6.4, 2.6))
    ax = fig.subplots()
    ax.plot(labels, _pct([m.reporting_rate for m in report.rates]), marker="o", color=BLUE)
    ax.plot(labels, _pct([m.reporting_rate_on_time for m in report.rates]), marker="s", color=GREEN)
    ax.legend([h["reporting_rate"], h["on_time"]], loc="lower left", frameon=False)
    ax.set_ylim(0, 105)
    ax.set_ylabel("%")
    ax.set_title(h["rate_chart"])
    ax.grid(axis="y", alpha=0.3)
    ax.tick_params(axis="x", rotation=45)
    return _save(fig, fmt)


def timeliness_chart(report: Consolidated, fmt: str = "png") -> bytes:
    h = words.headings()
    rows = report.timeliness
    if len(rows) > MAX_UNITS:  # the units that did worst; every unit is in the tables
        rows = sorted(rows, key=lambda t: (t.measures.on_time - t.measures.expected, t.unit))
        rows = sorted(rows[:MAX_UNITS], key=lambda t: t.unit)
    names = [t.unit for t in rows][::-1]
    on_time = [t.measures.on_time for t in rows][::-1]
    late = [t.measures.actual - t.measures.on_time for t in rows][::-1]
    missing = [t.measures.expected - t.measures.actual for t in rows][::-1]
    fig = Figure(figsize=(6.4, max(1.6, 0.28 * len(rows) + 0.8)))
    ax = fig.subplots()
    ax.barh(names, on_time, color=GREEN, label=words.state_name("on_time"))
    ax.barh(names, late, left=on_time, color=AMBER, label=words.state_name("late"))
    ax.barh(
        names,
        missing,
        left=[a + b for a, b in zip(on_time, late, strict=True)],
        color=RED,
        label=words.state_name("missing"),
    )
    pending = [t.measures.not_yet_due for t in rows][::-1]
    if any(pending):  # owed, deadline ahead: drawn apart, never as missing
        ax.barh(
            names,
            pending,
            left=[a + b + c for a, b, c in zip(on_time, late, missing, strict=True)],
            color=GREY,
            label=words.state_name("not_yet_due"),
        )
    ax.set_title(h["timeliness_chart"])
    # the legend on one row when its words fit the width, else on two: never cut at the edge
    labels = ax.get_legend_handles_labels()[1]
    ncol = len(labels) if sum(len(label) + 6 for label in labels) <= 80 else 2
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=ncol, frameon=False, fontsize=7)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    return _save(fig, fmt)


def trend_charts(report: Consolidated, fmt: str = "png") -> list[bytes]:
    """Small multiples of every numeric field's total per period."""
    blocks = report.numbers
    labels = [p.key for p in report.trend_periods]
    out = []
    step = max(1, math.ceil(len(labels) / 6))  # at most six period labels an axis
    shown = [label if i % step == 0 else "" for i, label in enumerate(labels)]
    for start in range(0, len(blocks), PER_FIGURE):
        part = blocks[start : start + PER_FIGURE]
        cols = 3
        rows = math.ceil(len(part) / cols)
        # each title whole, on up to three lines of the axis' width
        titles = [_title_lines(block.label) for block in part]
        lines = max(t.count("\n") + 1 for t in titles)
        row_height = 1.5 + 0.13 * lines  # inches: the plot and its title
        fig = Figure(figsize=(7.2, row_height * rows))
        axes = fig.subplots(rows, cols, squeeze=False)
        # a fixed layout: measuring every label for a tight one took most of the time
        tall = row_height * rows
        fig.subplots_adjust(
            left=0.07, right=0.98, top=1 - (0.15 + 0.13 * lines) / tall, bottom=0.4 / tall
        )
        fig.subplots_adjust(hspace=0.45 + 0.25 * lines, wspace=0.3)
        for ax, block, title in zip(axes.flat, part, titles, strict=False):
            values = [math.nan if v is None else float(v) for v in block.trend]
            ax.plot(range(len(labels)), values, marker="o", markersize=3, color=BLUE)
            ax.set_title(title, fontsize=7)
            ax.set_xticks(range(len(labels)))
            ax.set_xticklabels(shown, fontsize=5)
            ax.tick_params(axis="y", labelsize=6)
            ax.grid(axis="y", alpha=0.3)
        for ax in list(axes.flat)[len(part) :]:
            ax.axis("off")
        out.append(_save(fig, fmt, tight=False))
    return out


def _title_lines(label: str, width: int = 38, most: int = 3) -> str:
    """A chart's title broken between words into lines that fit a third of the figure; a title
    longer than ``most`` lines ends with an ellipsis on the last, never mid-word."""
    lines = textwrap.wrap(label, width, break_long_words=False) or [""]
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] = lines[-1].rstrip(" ,.;:") + " …"
    return "\n".join(lines)


def sparkline(block: NumberBlock, width: int = 120, height: int = 28) -> str:
    """A tiny inline SVG of a field's trend, drawn by hand (cheap enough for every field)."""
    values = [float(v) if isinstance(v, Decimal) else None for v in block.trend]
    known = [v for v in values if v is not None]
    if len(known) < 2:
        return ""
    low, high = min(known), max(known)
    spread = (high - low) or 1.0
    step = width / max(1, len(values) - 1)
    points = [
        f"{i * step:.1f},{height - 3 - (v - low) / spread * (height - 6):.1f}"
        for i, v in enumerate(values)
        if v is not None
    ]
    label = escape(f"{words.headings()['trend']}: {block.label}")
    return (
        f'<svg class="spark" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{label}"><polyline fill="none" stroke="{BLUE}" '
        f'stroke-width="1.5" points="{" ".join(points)}"/></svg>'
    )
