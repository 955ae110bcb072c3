"""One section of the report: its numbers, tables and texts over the range."""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal
from typing import Any

from lintas.reporting.models import (
    Field,
    Section,
    Submission,
    localized,
)
from lintas.synthesis.consolidate.tree import (
    CATEGORICAL,
    NARRATIVE,
    NUMERIC,
    Entry,
    NumberBlock,
    SectionBlock,
    TableBlock,
    TableRow,
    TextBlock,
    UnitValue,
)
from lintas.synthesis.consolidate.values import _display, _number, aggregate


def _section(
    section: Section,
    in_report: list[Submission],
    every: list[Submission],
    previous_keys: set[str],
    trend_index: dict[str, int],
    span: int,
    language: str,
) -> SectionBlock:
    numbers: list[NumberBlock] = []
    tables: list[TableBlock] = []
    texts: list[TextBlock] = []
    many = span > 1
    for f in section.fields.all():
        label = localized(f.label, language) or f.code
        if f.type in NUMERIC:
            numbers.append(_numbers(f, label, in_report, every, previous_keys, trend_index))
        elif f.type == Field.Type.TABLE:
            tables.append(_table(f, label, in_report, language))
        elif f.type in NARRATIVE or f.type in CATEGORICAL:
            entries = []
            counts: Counter[str] = Counter()
            for s in in_report:
                value = s.data.get(f.code)
                text = _display(f, value, language)
                if not text:
                    continue
                entries.append(
                    Entry(
                        s.unit.name,
                        s.period_key if many else "",
                        text,
                        s.state != Submission.State.ACCEPTED,
                    )
                )
                if f.type in CATEGORICAL:
                    values = value if isinstance(value, list) else [value]
                    counts.update(_display(f, v, language) for v in values)
            texts.append(TextBlock(f.code, label, f.type, entries, sorted(counts.items())))
    return SectionBlock(
        section.code, localized(section.title, language) or section.code, numbers, tables, texts
    )


def _numbers(
    f: Field,
    label: str,
    in_report: list[Submission],
    every: list[Submission],
    previous_keys: set[str],
    trend_index: dict[str, int],
) -> NumberBlock:
    how = f.aggregation
    code = f.code
    now_by_unit: dict[str, list[Decimal | None]] = defaultdict(list)
    before_by_unit: dict[str, list[Decimal | None]] = defaultdict(list)
    provisional_units: set[str] = set()
    per_period: list[list[Decimal | None]] = [[] for _ in trend_index]
    previous_values: list[Decimal | None] = []
    values: list[Decimal | None] = []
    report_ids = {s.pk for s in in_report}
    accepted = Submission.State.ACCEPTED
    for s in every:
        value = _number(s.data.get(code))
        name = s.unit.name
        key = s.period_key
        if key in previous_keys:
            previous_values.append(value)
            before_by_unit[name].append(value)
        i = trend_index.get(key)
        if i is not None:
            per_period[i].append(value)
        if s.pk in report_ids:
            values.append(value)
            now_by_unit[name].append(value)
            if s.state != accepted:
                provisional_units.add(name)
    rows = [
        UnitValue(
            unit,
            aggregate(unit_values, how),
            aggregate(before_by_unit.get(unit, []), how),
            unit in provisional_units,
        )
        for unit, unit_values in now_by_unit.items()
    ]
    return NumberBlock(
        f.code,
        label,
        how,
        aggregate(values, how),
        aggregate(previous_values, how),
        rows,
        [aggregate(vs, how) for vs in per_period],
        bool(provisional_units),
    )


def _table(f: Field, label: str, in_report: list[Submission], language: str) -> TableBlock:
    columns = [
        (c.get("code", ""), localized(c.get("label"), language) or c.get("code", ""), c.get("type"))
        for c in f.columns or []
    ]
    rows: list[TableRow] = []
    totals: list[Decimal | None] = [
        Decimal(0) if kind in NUMERIC else None for _c, _l, kind in columns
    ]
    for s in in_report:
        for line in s.data.get(f.code) or []:
            if not isinstance(line, dict):
                continue
            cells: list[Any] = []
            for i, (code, _l, kind) in enumerate(columns):
                value = line.get(code)
                if kind in NUMERIC:
                    number = _number(value)
                    cells.append(number)
                    if number is not None and totals[i] is not None:
                        totals[i] = (totals[i] or Decimal(0)) + number
                else:
                    cells.append("" if value is None else str(value))
            rows.append(
                TableRow(s.unit.name, s.period_key, cells, s.state != Submission.State.ACCEPTED)
            )
    return TableBlock(f.code, label, columns, rows, totals)
