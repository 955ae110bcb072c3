"""The figures of the statistics page, withheld counts as null."""

from __future__ import annotations

from ninja import Schema

from lintas.cases import statistics


class StatisticsTableOut(Schema):
    """Victims by year (rows) and one dimension (columns); the last row and column are the
    totals (``total``). A withheld count is null."""

    dimension: str
    title: str
    rows: list[str]
    columns: list[str]
    column_labels: list[str]
    counts: list[list[int | None]]


class StatisticsOut(Schema):
    audience: str
    k: int
    tables: list[StatisticsTableOut]


def _code(code: str) -> str:
    return "total" if code == statistics.TOTAL else code


def statistics_out(tables: list[statistics.Table], *, audience: str) -> StatisticsOut:
    """The figures of the statistics page (and of its CSV), withheld counts as null."""
    return StatisticsOut(
        audience=audience,
        k=statistics.K,
        tables=[
            StatisticsTableOut(
                dimension=t.dimension,
                title=statistics.dimension_label(t.dimension),
                rows=[_code(r) for r in t.rows],
                columns=[_code(c) for c in t.columns],
                column_labels=[statistics.category_label(t.dimension, c) for c in t.columns],
                counts=t.published(),
            )
            for t in tables
        ],
    )
