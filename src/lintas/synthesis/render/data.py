"""The consolidated report as plain JSON-ready data (for the API)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from lintas.synthesis.consolidate import Consolidated


def _value(v: Any) -> Any:
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    if isinstance(v, dt.datetime | dt.date):
        return v.isoformat()
    return v


def report_data(report: Consolidated) -> dict[str, Any]:
    return {
        "body": report.body,
        "time_zone": report.time_zone,
        "template": report.template,
        "obligation_id": report.obligation_id,
        "language": report.language,
        "periods": [p.key for p in report.periods],
        "previous_periods": [p.key for p in report.previous_periods],
        "include_submitted": report.include_submitted,
        # False while a deadline of the range is ahead: changes are then provisional
        "complete": report.complete,
        "open_periods": [
            {"period": p.key, "due": due.isoformat()} for p, due in report.open_periods
        ],
        "generated_at": report.generated_at.isoformat(),
        "measures": report.measures.as_dict(),
        "rates": [
            {"period": p.key, **m.as_dict()}
            for p, m in zip(report.trend_periods, report.rates, strict=True)
        ],
        "sections": [
            {
                "code": s.code,
                "title": s.title,
                "numbers": [
                    {
                        "code": n.code,
                        "label": n.label,
                        "aggregation": n.aggregation,
                        "total": _value(n.total),
                        "previous": _value(n.previous),
                        "change": _value(n.change),
                        "provisional": n.provisional,
                        "units": [
                            {
                                "unit": r.unit,
                                "value": _value(r.value),
                                "previous": _value(r.previous),
                                "change": _value(r.change),
                                "provisional": r.provisional,
                            }
                            for r in n.rows
                        ],
                        "trend": [
                            {"period": p.key, "value": _value(v)}
                            for p, v in zip(report.trend_periods, n.trend, strict=True)
                        ],
                    }
                    for n in s.numbers
                ],
                "tables": [
                    {
                        "code": t.code,
                        "label": t.label,
                        "columns": [{"code": c, "label": label} for c, label, _k in t.columns],
                        "rows": [
                            {
                                "unit": r.unit,
                                "period": r.period,
                                "provisional": r.provisional,
                                "cells": [_value(v) for v in r.cells],
                            }
                            for r in t.rows
                        ],
                        "totals": [_value(v) for v in t.totals],
                    }
                    for t in s.tables
                ],
                "texts": [
                    {
                        "code": t.code,
                        "label": t.label,
                        "type": t.type,
                        "counts": dict(t.counts),
                        "entries": [
                            {
                                "unit": e.unit,
                                "period": e.period,
                                "text": e.text,
                                "provisional": e.provisional,
                            }
                            for e in t.entries
                        ],
                    }
                    for t in s.texts
                ],
            }
            for s in report.sections
        ],
        "exchange": [
            {
                "unit": r.unit,
                "expected": r.expected,
                "acknowledged": r.acknowledged,
                "on_time": r.on_time,
                "median_hours": r.median_hours,
                "requests_due": r.requests_due,
                "answered_on_time": r.answered_on_time,
            }
            for r in report.exchange
        ],
        "late": [
            {
                "unit": i.unit,
                "period": i.period,
                "state": i.state,
                "days_late": i.days_late,
                "submission_id": i.submission_id,
            }
            for i in report.late
        ],
        "not_yet_due": [
            {
                "unit": i.unit,
                "period": i.period,
                "state": i.state,
                "due": _value(i.due),
                "submission_id": i.submission_id,
            }
            for i in report.not_yet_due
        ],
        "arrivals": [
            {
                "unit": a.unit,
                "period": a.period,
                "state": a.state,
                "submitted_by": a.submitted_by,
                "submitted_at": _value(a.submitted_at),
                "accepted_by": a.accepted_by,
                "accepted_at": _value(a.accepted_at),
                "provisional": a.provisional,
                "submission_id": a.submission_id,
            }
            for a in report.arrivals
        ],
    }
