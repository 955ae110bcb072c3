"""Headings, numbers, dates and period names in the report's language.

Call these inside ``translation.override(language)``: every renderer does.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from lintas.core import times
from lintas.formats import numbers
from lintas.reporting import cells, measures
from lintas.reporting.periods import Period
from lintas.synthesis.consolidate import Consolidated, LateItem, SectionBlock
from lintas.synthesis.consolidate.tree import CATEGORICAL, TextBlock


def headings() -> dict[str, str]:
    return {
        "report": _("Consolidated report"),
        "summary": _("Summary"),
        "unit": _("Unit"),
        "period": _("Period"),
        "periods": _("Periods"),
        "total": _("Total"),
        "previous": _("Previous period"),
        "change": _("Change"),
        "reporting_rate": _("Reporting rate"),
        "on_time": _("reporting rate on time"),
        "completeness": _("completeness"),
        "expected": _("Expected reports"),
        "actual": _("Actual reports"),
        "late": _("Late, missing and returned reports"),
        "days_late": _("Days late"),
        "state": _("State"),
        "arrivals": _("Who submitted what, when"),
        "submitted_by": _("Submitted by"),
        "submitted_at": _("Submitted"),
        "accepted_by": _("Accepted by"),
        "accepted_at": _("Accepted"),
        "charts": _("Charts"),
        "provisional": _("submitted, not yet accepted"),
        "provisional_note": _(
            "This report includes submitted reports that the secretariat has not accepted yet; "
            "their figures are marked *."
        ),
        "generated": _("Generated"),
        "nothing_late": _("Every expected report arrived on time."),
        "not_yet_due": _("Not yet due (deadline ahead)"),
        "due": _("Deadline"),
        "no_answers": _("No answer."),
        "trend": _("Trend"),
        "rate_chart": _("Reporting rate and rate on time"),
        "timeliness_chart": _("Timeliness by unit"),
        "value": _("Value"),
        "answers": _("Answers"),
        "body": _("Body"),
        "obligation": _("Report"),
        "exchange": _("Information exchange: alerts and requests acknowledged"),
        "exchange_note": _(
            "Alerts and requests delivered in the months of these periods whose deadline to "
            "acknowledge has passed (or that were acknowledged before it); TLP:RED messages are "
            "not counted."
        ),
        "exchange_none": _("No alert or request was due in these periods."),
        "ack_expected": _("Expected to be acknowledged"),
        "ack_done": _("Acknowledged"),
        "ack_on_time": _("On time"),
        "ack_median": _("Median hours to acknowledge"),
        "requests_on_time": _("Requests answered on time"),
        "all_units": _("All units"),
    }


def aggregation_name(how: str) -> str:
    return {
        "sum": _("Sum"),
        "mean": _("Mean"),
        "min": _("Minimum"),
        "max": _("Maximum"),
        "none": pgettext("aggregation", "None"),
    }.get(how, how)


def state_name(state: str) -> str:
    if state == "submitted":  # a report not accepted yet, whether on time or late
        return _("Submitted")
    return cells.name(state)


def late_state_name(item: LateItem) -> str:
    """A late item's state; a report accepted after arriving late says both."""
    if item.state == measures.ACCEPTED and item.days_late:
        return _("Submitted late, accepted")
    return state_name(item.state)


def rounded(value: Decimal | float | int, places: int) -> Decimal:
    """``value`` rounded half up to ``places`` decimals: the one rounding of every format of a
    report (Django's number formatting cuts the digits off, and Python's ``round`` of a float
    goes by its binary value, so 15.35 could read 15.3 on the page and 15.4 in the workbook)."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def number(value: Decimal | float | int | None, places: int | None = None) -> str:
    if value is None:
        return "—"
    if isinstance(value, Decimal) and places is None:
        places = 0 if value == value.to_integral_value() else 2
    if places is not None:
        value = rounded(value, places)
    return formats.number_format(value, places, use_l10n=True, force_grouping=True)


def signed(value: Decimal | None) -> str:
    if value is None:
        return "—"
    text = number(value)
    return text if value < 0 else f"+{text}"


def percent(value: float | None) -> str:
    """A share as the report's language writes a percentage: "55.6%", "55,6 %"."""
    return numbers.percent(value)


def day(value: dt.date | None) -> str:
    return formats.date_format(value, "DATE_FORMAT") if value else "—"


def moment(value: dt.datetime | None, zone: str | dt.tzinfo) -> str:
    """A time in the report's zone, named after it: "20 Apr 2024, 10:00 (UTC+7)". The zone is
    given, never taken from the active one, so the worker prints what a request prints."""
    return times.moment(value, zone)


def period_name(period: Period) -> str:
    """``2024-03`` as "March 2024" in the language; other periods keep their key."""
    if len(period.key) == 7 and period.key[4] == "-":
        return formats.date_format(period.start, "YEAR_MONTH_FORMAT")
    return period.key


def period_key_name(key: str) -> str:
    if len(key) == 7 and key[4] == "-":
        return formats.date_format(dt.date.fromisoformat(key + "-01"), "YEAR_MONTH_FORMAT")
    return key


def range_name(report: Consolidated) -> str:
    if len(report.periods) == 1:
        return period_name(report.first)
    return f"{period_name(report.first)} – {period_name(report.last)}"  # noqa: RUF001


def title(report: Consolidated) -> str:
    return f"{headings()['report']}: {report.template}, {range_name(report)}"


PROVISIONAL_CHANGE = " †"


def scope_note(report: Consolidated) -> str:
    """Which reports the figures come from. The reporting rate counts every report that
    arrived; without ``include_submitted`` the figures only the accepted ones, and the note
    says how many arrived reports that leaves out, so the two never seem to disagree."""
    if report.include_submitted:
        return headings()["provisional_note"]
    counted = ngettext(
        "The figures come from the %(n)s accepted report of the range.",
        "The figures come from the %(n)s accepted reports of the range.",
        report.reports_counted,
    ) % {"n": number(report.reports_counted)}
    if not report.reports_waiting:
        return counted
    waiting = ngettext(
        "The reporting rate counts every report that arrived: %(n)s of them is not accepted "
        "yet and is not in the figures.",
        "The reporting rate counts every report that arrived: %(n)s of them are not accepted "
        "yet and are not in the figures.",
        report.reports_waiting,
    ) % {"n": number(report.reports_waiting)}
    return f"{counted} {waiting}"


def range_note(report: Consolidated) -> str:
    """Says, at the top of a report, that its range is not complete yet; empty when it is."""
    if report.complete:
        return ""
    names = ", ".join(
        _("%(period)s (deadline %(due)s)") % {"period": period_name(p), "due": day(due)}
        for p, due in report.open_periods
    )
    return _(
        "Not complete yet: the deadline of %(periods)s has not passed. Reports not yet due "
        "(%(n)s) count in no rate, and changes from the previous period (marked †) are "
        "provisional."
    ) % {"periods": names, "n": number(len(report.not_yet_due))}


def previous_heading(report: Consolidated) -> str:
    """The column of the figures before: the period before one period, the same number of
    periods just before a range."""
    return headings()["previous"] if len(report.periods) == 1 else _("Previous range")


def change_heading(report: Consolidated) -> str:
    """The column of changes, saying from what: "Change from the previous period"."""
    change = (
        _("Change from the previous period")
        if len(report.periods) == 1
        else _("Change from the previous range")
    )
    return change if report.complete else change + PROVISIONAL_CHANGE


def not_yet_due_rows(report: Consolidated) -> list[list[str]]:
    """Unit, period, state and deadline of each owed report whose deadline is ahead."""
    return [
        [item.unit, period_key_name(item.period), state_name(item.state), day(item.due)]
        for item in report.not_yet_due
    ]


def with_change(value: Decimal | None, change: Decimal | None) -> str:
    """A unit's value and, when there was one before, its change: "12 (+2)"."""
    if change is None:
        return number(value)
    return f"{number(value)} ({signed(change)})"


def unit_grids(
    section: SectionBlock, *, columns: int = 6
) -> list[tuple[list[str], list[list[str]]]]:
    """A section's numbers per unit as tables of at most ``columns`` fields: a row per unit,
    each cell the unit's value and its change from the previous period, and a row of totals.
    One wide table per section keeps DOCX and PDF fast with a thousand units, where a table
    per field did not."""
    h = headings()
    grids = []
    numbers = section.numbers
    for start in range(0, len(numbers), columns):
        part = numbers[start : start + columns]
        by_unit: dict[str, dict[str, str]] = {}
        marked: set[str] = set()
        for n in part:
            for row in n.rows:
                by_unit.setdefault(row.unit, {})[n.code] = with_change(row.value, row.change)
                if row.provisional:
                    marked.add(row.unit)
        rows = [
            [unit + (" *" if unit in marked else ""), *[cells.get(n.code, "—") for n in part]]
            for unit, cells in by_unit.items()
        ]
        rows.append([h["total"], *[with_change(n.total, n.change) for n in part]])
        grids.append(([h["unit"], *[n.label for n in part]], rows))
    return grids


def exchange_rows(report: Consolidated) -> list[list[str]]:
    """The exchange section's table: a row per unit, then all units."""
    h = headings()
    rows = list(report.exchange)
    if report.exchange_total is not None:
        rows.append(report.exchange_total)
    return [
        [
            r.unit or h["all_units"],
            number(r.expected),
            number(r.acknowledged),
            f"{number(r.on_time)} ({percent(r.on_time / r.expected if r.expected else None)})",
            number(r.median_hours, 1),
            f"{number(r.answered_on_time)} / {number(r.requests_due)}",
        ]
        for r in rows
    ]


def exchange_header() -> list[str]:
    h = headings()
    return [
        h["unit"],
        h["ack_expected"],
        h["ack_done"],
        h["ack_on_time"],
        h["ack_median"],
        h["requests_on_time"],
    ]


YES, NO = "✓", "✗"  # how the consolidation writes a yes/no answer


def is_categorical(block: TextBlock) -> bool:
    """A choice, yes/no or date field: summed up as counts, each unit's answer in the annex."""
    return block.type in CATEGORICAL


def answer(block: TextBlock, text: str) -> str:
    """An answer as a reader says it: a yes/no field's "Yes" and "No", not ✓ and ✗."""
    if block.type == "yes_no":
        return {YES: _("Yes"), NO: _("No")}.get(text, text)
    return text


def counts_line(block: TextBlock) -> str:
    """A categorical field's answers counted: "Yes: 12, No: 3 (of 15 units)"; over a range,
    of reports."""
    n = len(block.entries)
    counts = ", ".join(f"{answer(block, label)}: {number(c)}" for label, c in block.counts)
    if any(entry.period for entry in block.entries):
        return ngettext("%(counts)s (of %(n)s report)", "%(counts)s (of %(n)s reports)", n) % {
            "counts": counts,
            "n": number(n),
        }
    return ngettext("%(counts)s (of %(n)s unit)", "%(counts)s (of %(n)s units)", n) % {
        "counts": counts,
        "n": number(n),
    }


def annex_blocks(report: Consolidated) -> list[tuple[str, list[str], list[list[str]]]]:
    """The annex: for each categorical field, its label, a header and a row per answer (unit,
    the period over a range, the answer)."""
    h = headings()
    out = []
    for section in report.sections:
        for block in section.texts:
            if not is_categorical(block) or not block.entries:
                continue
            many = any(entry.period for entry in block.entries)
            header = [h["unit"], *([h["period"]] if many else []), _("Answer")]
            rows = [
                [
                    entry.unit + (" *" if entry.provisional else ""),
                    *([period_key_name(entry.period)] if many else []),
                    answer(block, entry.text),
                ]
                for entry in block.entries
            ]
            out.append((f"{section.title}: {block.label}", header, rows))
    return out


def annex_heading() -> str:
    return _("Annex: each unit's answers")
