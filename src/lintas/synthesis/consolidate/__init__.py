"""The consolidated report of an obligation over a period or a range of periods.

``consolidate`` reads everything in a fixed number of queries whatever the size (the template's
sections and fields, the submissions, who moved them, and the two of the matrix) and returns a
plain tree of dataclasses that every renderer (screen, DOCX, PDF, XLSX, CSV, JSON) walks.

Only accepted submissions count by default. With ``include_submitted`` the submitted but not
yet accepted ones count too, and every value that comes from one is marked ``provisional``.

Aggregation over a range of periods: a unit's value is its values over the range aggregated the
field's way (sum, mean, minimum, maximum), and the total aggregates every submission's value.
The change is measured against the range of the same length just before.

A range that includes periods whose deadline is still ahead (``open_periods``) is incomplete:
the units that have not reported those periods yet are listed as *not yet due* (never as
missing), they count in no rate, and every change from the previous range is provisional.

By part: ``tree`` (the dataclasses), ``values`` (reading and aggregating a value), ``sections``
(one section of the report) and ``build`` (``consolidate`` itself).
"""

from lintas.synthesis.consolidate.build import (
    consolidate,
)
from lintas.synthesis.consolidate.tree import (
    CATEGORICAL,
    LATE_STATES,
    NARRATIVE,
    NUMERIC,
    TREND_PERIODS,
    Arrival,
    Consolidated,
    Entry,
    ExchangeRow,
    LateItem,
    NoPeriods,
    NumberBlock,
    SectionBlock,
    TableBlock,
    TableRow,
    TextBlock,
    UnitTimeliness,
    UnitValue,
)
from lintas.synthesis.consolidate.values import (
    aggregate,
)

__all__ = [
    "CATEGORICAL",
    "LATE_STATES",
    "NARRATIVE",
    "NUMERIC",
    "TREND_PERIODS",
    "Arrival",
    "Consolidated",
    "Entry",
    "ExchangeRow",
    "LateItem",
    "NoPeriods",
    "NumberBlock",
    "SectionBlock",
    "TableBlock",
    "TableRow",
    "TextBlock",
    "UnitTimeliness",
    "UnitValue",
    "aggregate",
    "consolidate",
]
