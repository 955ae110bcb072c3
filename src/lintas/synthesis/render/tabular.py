"""The consolidated report as XLSX (a sheet of totals, one per section with a row per unit, one
of late and missing reports) and as CSV (one row per section, field and unit, totals included).

Numbers stay numbers in the workbook, so the secretariat can go on computing with them. Text
(answers, names of units and people, labels) goes through ``formats.cells``: what a spreadsheet
would run as a formula is written with a leading apostrophe, and stored as text.
"""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook

from lintas.formats import sheets
from lintas.formats.cells import csv_bytes
from lintas.formats.sheets import DATE, DATETIME, MONTH, PERCENT, Cell
from lintas.reporting.periods import MONTHLY, parse_key
from lintas.synthesis.consolidate import Consolidated
from lintas.synthesis.render import words


def _cell(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _sheet_name(title: str, taken: set[str]) -> str:
    """Kept for callers: ``sheets.sheet_name``."""
    return sheets.sheet_name(title, taken)


def _provisional(flag: bool) -> str:
    return words.headings()["provisional"] if flag else ""


def _percent(value: float | None) -> Any:
    return None if value is None else Cell(value, PERCENT)


def _period(key: str) -> Any:
    """A month as a date cell shown "March 2024"; a quarter, a half, a year or a range keeps
    its key, which no date format says."""
    try:
        kind, period = parse_key(key)
    except ValueError:
        return key
    return Cell(period.start, MONTH) if kind == MONTHLY else key


def _moment(value: dt.datetime | None, zone: str) -> Any:
    """A time as a date cell in the body's zone (spreadsheets know no zones)."""
    if value is None:
        return None
    local = value.astimezone(zoneinfo.ZoneInfo(zone)).replace(tzinfo=None)
    return Cell(local, DATETIME)


def _day(value: dt.date | None) -> Any:
    return None if value is None else Cell(value, DATE)


def _bold(text: str) -> Cell:
    return Cell(text, bold=True)


def render_xlsx(report: Consolidated) -> bytes:
    """A summary sheet, a sheet of totals per field, a sheet per section with a row per unit,
    then late and missing reports, the exchange, reports not yet due and who submitted when.
    Rates are percentage cells, months and times date cells (times in the body's zone, named in
    the column's header), each table's header row frozen with a filter, totals labelled."""
    h = words.headings()
    book = Workbook(write_only=True)
    taken: set[str] = set()
    zone = report.time_zone
    in_zone = f" ({zone})"

    m = report.measures
    summary: list[list[Any]] = [
        [_bold(words.title(report))],
        [h["body"], report.body],
        [h["periods"], words.range_name(report)],
        [h["generated"] + in_zone, _moment(report.generated_at, zone)],
        [words.scope_note(report)],
    ]
    if note := words.range_note(report):
        summary.append([note])
    summary += [
        [],
        [h["expected"], m.expected],
        [h["actual"], m.actual],
        [h["reporting_rate"], _percent(m.reporting_rate)],
        [h["on_time"], _percent(m.reporting_rate_on_time)],
        [h["completeness"], _percent(m.completeness)],
    ]
    sheets.write_sheet(book, h["summary"], summary, header=None, taken=taken, paper=report.paper)

    totals: list[list[Any]] = [
        [
            _("Section"),
            _("Field"),
            _("Aggregation"),
            h["total"],
            words.previous_heading(report),
            words.change_heading(report),
            "",
        ]
    ]
    for section in report.sections:
        for n in section.numbers:
            totals.append(
                [
                    section.title,
                    n.label,
                    words.aggregation_name(n.aggregation),
                    _cell(n.total),
                    _cell(n.previous),
                    _cell(n.change),
                    _provisional(n.provisional),
                ]
            )
    sheets.write_sheet(book, _("Totals per field"), totals, taken=taken, paper=report.paper)

    for section in report.sections:
        _section_sheet(book, section, report, taken)

    late: list[list[Any]] = [[h["unit"], h["period"], h["state"], h["days_late"]]]
    for item in report.late:
        late.append([item.unit, _period(item.period), words.late_state_name(item), item.days_late])
    sheets.write_sheet(book, h["late"], late, taken=taken, paper=report.paper)
    if report.exchange:
        exchange: list[list[Any]] = [words.exchange_header()]
        rows = list(report.exchange)
        for r in rows:
            exchange.append(_exchange_row(r, h["all_units"]))
        if report.exchange_total:
            exchange.append([_bold(h["all_units"]), *_exchange_row(report.exchange_total, "")[1:]])
        sheets.write_sheet(
            book, h["exchange"], exchange, table_end=len(rows) + 1, taken=taken, paper=report.paper
        )
    if report.not_yet_due:
        pending: list[list[Any]] = [[h["unit"], h["period"], h["state"], h["due"]]]
        for item in report.not_yet_due:
            pending.append(
                [item.unit, _period(item.period), words.state_name(item.state), _day(item.due)]
            )
        sheets.write_sheet(book, h["not_yet_due"], pending, taken=taken, paper=report.paper)
    arrivals: list[list[Any]] = [
        [
            h["unit"],
            h["period"],
            h["submitted_by"],
            h["submitted_at"] + in_zone,
            h["accepted_at"] + in_zone,
            "",
        ]
    ]
    for a in report.arrivals:
        arrivals.append(
            [
                a.unit,
                _period(a.period),
                a.submitted_by,
                _moment(a.submitted_at, zone),
                _moment(a.accepted_at, zone),
                _provisional(a.provisional),
            ]
        )
    sheets.write_sheet(book, h["arrivals"], arrivals, taken=taken, paper=report.paper)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _exchange_row(r: Any, all_units: str) -> list[Any]:
    return [
        r.unit or all_units,
        r.expected,
        r.acknowledged,
        r.on_time,
        None if r.median_hours is None else float(words.rounded(r.median_hours, 1)),
        f"{r.answered_on_time} / {r.requests_due}",
    ]


def _section_sheet(book: Any, section: Any, report: Consolidated, taken: set[str]) -> None:
    """A row per unit with its figures and answers, the totals labelled with how they were
    computed; then a sheet for each table field of the section, named after it."""
    h = words.headings()
    numbers = section.numbers
    texts = section.texts
    rows: list[list[Any]] = [
        [
            h["unit"],
            *[f"{n.label} ({words.aggregation_name(n.aggregation)})" for n in numbers],
            *[t.label for t in texts],
            "",
        ]
    ]
    units: dict[str, dict[str, Any]] = {}
    provisional: set[str] = set()
    for n in numbers:
        for row in n.rows:
            units.setdefault(row.unit, {})[n.code] = _cell(row.value)
            if row.provisional:
                provisional.add(row.unit)
    for t in texts:
        for entry in t.entries:
            found = units.setdefault(entry.unit, {})
            said = words.answer(t, entry.text)
            line = f"{words.period_key_name(entry.period)}: {said}" if entry.period else said
            found[t.code] = f"{found[t.code]}\n{line}" if t.code in found else line
            if entry.provisional:
                provisional.add(entry.unit)
    for unit in sorted(units):
        values = units[unit]
        rows.append(
            [
                unit,
                *[values.get(n.code) for n in numbers],
                *[values.get(t.code) for t in texts],
                _provisional(unit in provisional),
            ]
        )
    if numbers:
        rows.append([_bold(h["total"]), *[Cell(_cell(n.total), bold=True) for n in numbers]])
    sheets.write_sheet(
        book, section.title, rows, table_end=len(units) + 1, taken=taken, paper=report.paper
    )
    for table in section.tables:  # each table field on its own sheet, named after it
        grid: list[list[Any]] = [
            [h["unit"], h["period"], *[label for _c, label, _t in table.columns]]
        ]
        for trow in table.rows:
            grid.append([trow.unit, _period(trow.period), *[_cell(v) for v in trow.cells]])
        end = len(grid)
        if any(t is not None for t in table.totals):
            grid.append([_bold(h["total"]), "", *[Cell(_cell(t), bold=True) for t in table.totals]])
        sheets.write_sheet(book, table.label, grid, table_end=end, taken=taken, paper=report.paper)


def render_csv(report: Consolidated) -> bytes:
    h = words.headings()
    rows: list[list[Any]] = []
    rows.append(
        [
            "section",
            "field",
            "aggregation",
            "unit",
            "value",
            "previous",
            "change",
            "provisional",
            "range_complete",
        ]
    )
    complete = int(report.complete)  # 0: a deadline of the range is ahead, changes provisional
    for section in report.sections:
        for n in section.numbers:
            for row in n.rows:
                rows.append(
                    [
                        section.code,
                        n.code,
                        n.aggregation,
                        row.unit,
                        row.value,
                        row.previous,
                        row.change,
                        int(row.provisional),
                        complete,
                    ]
                )
            rows.append(
                [
                    section.code,
                    n.code,
                    n.aggregation,
                    h["total"],
                    n.total,
                    n.previous,
                    n.change,
                    int(n.provisional),
                    complete,
                ]
            )
        for t in section.texts:
            for entry in t.entries:
                rows.append(
                    [
                        section.code,
                        t.code,
                        "",
                        entry.unit,
                        entry.text,
                        "",
                        "",
                        int(entry.provisional),
                        complete,
                    ]
                )
    return csv_bytes(rows)
