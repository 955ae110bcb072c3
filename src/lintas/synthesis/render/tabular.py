"""The consolidated report as XLSX (a sheet of totals, one per section with a row per unit, one
of late and missing reports) and as CSV (one row per section, field and unit, totals included).

Numbers stay numbers in the workbook, so the secretariat can go on computing with them. Text
(answers, names of units and people, labels) goes through ``formats.cells``: what a spreadsheet
would run as a formula is written with a leading apostrophe, and stored as text.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from lintas.formats import sheets
from lintas.formats.cells import safe_row
from lintas.synthesis.consolidate import Consolidated
from lintas.synthesis.render import words

BOLD = Font(bold=True)
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def _cell(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _sheet_name(title: str, taken: set[str]) -> str:
    name = _SHEET_BAD.sub(" ", title).strip()[:28] or "Sheet"
    candidate, n = name, 2
    while candidate.lower() in taken:
        candidate = f"{name[:25]} {n}"
        n += 1
    taken.add(candidate.lower())
    return candidate


def _provisional(flag: bool) -> str:
    return words.headings()["provisional"] if flag else ""


def render_xlsx(report: Consolidated) -> bytes:
    h = words.headings()
    book = Workbook(write_only=True)
    taken: set[str] = set()

    totals = book.create_sheet(_sheet_name(h["total"], taken))
    sheets.append(totals, [words.title(report)])
    sheets.append(totals, [h["body"], report.body])
    sheets.append(totals, [h["periods"], words.range_name(report)])
    sheets.append(
        totals, [h["provisional_note"] if report.include_submitted else h["accepted_only"]]
    )
    if note := words.range_note(report):
        sheets.append(totals, [note])
    sheets.append(totals, [])
    sheets.append(
        totals,
        [
            h["obligation"],
            "",
            h["total"],
            h["previous"],
            words.change_heading(report),
            _sheet_name_hint(),
        ],
    )
    for section in report.sections:
        for n in section.numbers:
            sheets.append(
                totals,
                [
                    section.title,
                    f"{n.label} ({words.aggregation_name(n.aggregation)})",
                    _cell(n.total),
                    _cell(n.previous),
                    _cell(n.change),
                    _provisional(n.provisional),
                ],
            )
    sheets.append(totals, [])
    m = report.measures
    sheets.append(totals, [h["expected"], m.expected])
    sheets.append(totals, [h["actual"], m.actual])
    sheets.append(totals, [h["reporting_rate"], m.reporting_rate])
    sheets.append(totals, [h["on_time"], m.reporting_rate_on_time])

    for section in report.sections:
        sheet = book.create_sheet(_sheet_name(section.title, taken))
        numbers = section.numbers
        texts = section.texts
        sheets.append(
            sheet, [h["unit"], *[n.label for n in numbers], *[t.label for t in texts], ""]
        )
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
                line = f"{entry.period}: {entry.text}" if entry.period else entry.text
                found[t.code] = f"{found[t.code]}\n{line}" if t.code in found else line
                if entry.provisional:
                    provisional.add(entry.unit)
        for unit in sorted(units):
            values = units[unit]
            sheets.append(
                sheet,
                [
                    unit,
                    *[values.get(n.code) for n in numbers],
                    *[values.get(t.code) for t in texts],
                    _provisional(unit in provisional),
                ],
            )
        if numbers:
            sheets.append(sheet, [h["total"], *[_cell(n.total) for n in numbers]])
        for table in section.tables:
            sheets.append(sheet, [])
            sheets.append(sheet, [table.label])
            sheets.append(
                sheet, [h["unit"], h["period"], *[label for _c, label, _t in table.columns]]
            )
            for trow in table.rows:
                sheets.append(sheet, [trow.unit, trow.period, *[_cell(v) for v in trow.cells]])

    late = book.create_sheet(_sheet_name(h["late"], taken))
    sheets.append(late, [h["unit"], h["period"], h["state"], h["days_late"]])
    for item in report.late:
        sheets.append(late, [item.unit, item.period, words.late_state_name(item), item.days_late])
    if report.exchange:
        sheet = book.create_sheet(_sheet_name(h["exchange"], taken))
        sheets.append(sheet, words.exchange_header())
        for r in [*report.exchange, *([report.exchange_total] if report.exchange_total else [])]:
            sheets.append(
                sheet,
                [
                    r.unit or h["all_units"],
                    r.expected,
                    r.acknowledged,
                    r.on_time,
                    None if r.median_hours is None else round(r.median_hours, 1),
                    f"{r.answered_on_time} / {r.requests_due}",
                ],
            )
    if report.not_yet_due:
        pending = book.create_sheet(_sheet_name(h["not_yet_due"], taken))
        sheets.append(pending, [h["unit"], h["period"], h["state"], h["due"]])
        for item in report.not_yet_due:
            sheets.append(pending, [item.unit, item.period, words.state_name(item.state), item.due])
    arrivals = book.create_sheet(_sheet_name(h["arrivals"], taken))
    sheets.append(
        arrivals,
        [h["unit"], h["period"], h["submitted_by"], h["submitted_at"], h["accepted_at"], ""],
    )
    for a in report.arrivals:
        sheets.append(
            arrivals,
            [
                a.unit,
                a.period,
                a.submitted_by,
                words.moment(a.submitted_at, report.time_zone),
                words.moment(a.accepted_at, report.time_zone) if a.accepted_at else "",
                _provisional(a.provisional),
            ],
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_name_hint() -> str:
    return words.headings()["provisional"]


def render_csv(report: Consolidated) -> bytes:
    h = words.headings()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        safe_row(
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
    )
    complete = int(report.complete)  # 0: a deadline of the range is ahead, changes provisional
    for section in report.sections:
        for n in section.numbers:
            for row in n.rows:
                writer.writerow(
                    safe_row(
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
                )
            writer.writerow(
                safe_row(
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
            )
        for t in section.texts:
            for entry in t.entries:
                writer.writerow(
                    safe_row(
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
                )
    # Excel opens UTF-8 with a byte-order mark correctly
    return ("\ufeff" + out.getvalue()).encode()
