"""Reporting periods and their deadlines. No Django import: plain dates and zoneinfo.

A period has a key (``2024-03``, ``2024Q1``, ``2024S2``, ``2024``, or ``2024-03-01..2024-04-15`` for
an explicit range), a first day and a last day, both inclusive.

Deadlines are whole days in the body's time zone: "due 15 days after the period ends" means the
report must arrive before midnight at the end of the 15th day after the last day of the period, in
the body's time zone. ``deadline_instant`` turns such a day into the UTC instant that ends it.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from dataclasses import dataclass

MONTHLY = "monthly"
QUARTERLY = "quarterly"
SIX_MONTHLY = "six_monthly"
YEARLY = "yearly"
CUSTOM = "custom"


@dataclass(frozen=True, order=True)
class Period:
    start: dt.date
    end: dt.date
    key: str

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"period {self.key} ends before it starts")

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def _month_end(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def period_of(period_type: str, day: dt.date) -> Period:
    """The period of the given type that contains ``day``."""
    y, m = day.year, day.month
    if period_type == MONTHLY:
        return Period(dt.date(y, m, 1), _month_end(y, m), f"{y}-{m:02d}")
    if period_type == QUARTERLY:
        q = (m - 1) // 3 + 1
        return Period(dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q), f"{y}Q{q}")
    if period_type == SIX_MONTHLY:
        s = 1 if m <= 6 else 2
        return Period(dt.date(y, 6 * s - 5, 1), _month_end(y, 6 * s), f"{y}S{s}")
    if period_type == YEARLY:
        return Period(dt.date(y, 1, 1), dt.date(y, 12, 31), f"{y}")
    raise ValueError(f"unknown period type {period_type!r}")


def custom_period(start: dt.date, end: dt.date) -> Period:
    return Period(start, end, f"{start.isoformat()}..{end.isoformat()}")


_KEY = re.compile(
    r"^(?:(?P<y1>\d{4})-(?P<m>\d{2})|(?P<y2>\d{4})Q(?P<q>[1-4])|(?P<y3>\d{4})S(?P<s>[12])"
    r"|(?P<y4>\d{4})|(?P<a>\d{4}-\d{2}-\d{2})\.\.(?P<b>\d{4}-\d{2}-\d{2}))$"
)


def parse_key(key: str) -> tuple[str, Period]:
    """Turn a period key back into its type and period; ValueError names what is wrong."""
    match = _KEY.match(key.strip())
    if not match:
        raise ValueError(f"{key!r} is not a period (2024-03, 2024Q1, 2024S1, 2024 or a..b)")
    g = match.groupdict()
    if g["y1"]:
        month = int(g["m"])
        if not 1 <= month <= 12:
            raise ValueError(f"{key!r}: month {month} does not exist")
        return MONTHLY, period_of(MONTHLY, dt.date(int(g["y1"]), month, 1))
    if g["y2"]:
        return QUARTERLY, period_of(QUARTERLY, dt.date(int(g["y2"]), 3 * int(g["q"]), 1))
    if g["y3"]:
        return SIX_MONTHLY, period_of(SIX_MONTHLY, dt.date(int(g["y3"]), 6 * int(g["s"]), 1))
    if g["y4"]:
        return YEARLY, period_of(YEARLY, dt.date(int(g["y4"]), 1, 1))
    start, end = dt.date.fromisoformat(g["a"]), dt.date.fromisoformat(g["b"])
    return CUSTOM, custom_period(start, end)


def periods_between(
    period_type: str,
    first_day: dt.date,
    last_day: dt.date,
    custom: list[tuple[dt.date, dt.date]] | None = None,
) -> list[Period]:
    """Every period of the type that starts on or after first_day and ends on or before last_day.

    Periods that straddle first_day or last_day are included: an obligation that starts mid-month
    still owes that month (membership decides who owes it, see ``unit_owes``).
    """
    if period_type == CUSTOM:
        out = [custom_period(a, b) for a, b in custom or []]
        return sorted(p for p in out if p.end >= first_day and p.start <= last_day)
    periods: list[Period] = []
    day = first_day
    while day <= last_day:
        period = period_of(period_type, day)
        periods.append(period)
        day = period.end + dt.timedelta(days=1)
    return periods


def unit_owes(period: Period, joined_on: dt.date | None, left_on: dt.date | None) -> bool:
    """A unit owes a period when it was a member for the whole of it.

    A unit that joins on 10 March owes April onwards; one that leaves on 20 June owes up to May.
    This keeps every rate at or below 100% when membership changes mid-way.
    """
    if joined_on is not None and joined_on > period.start:
        return False
    return not (left_on is not None and left_on < period.end)


def day_after(period: Period, days: int) -> dt.date:
    """The date ``days`` days after the period's last day (0 = the last day itself)."""
    return period.end + dt.timedelta(days=days)


def deadline_instant(day: dt.date, tz: zoneinfo.ZoneInfo) -> dt.datetime:
    """The UTC instant at which ``day`` ends in ``tz`` (the midnight that starts the next day)."""
    local_midnight = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return local_midnight.astimezone(dt.UTC)


def local_date(instant: dt.datetime, tz: zoneinfo.ZoneInfo) -> dt.date:
    return instant.astimezone(tz).date()


def days_late(submitted: dt.datetime, due_day: dt.date, tz: zoneinfo.ZoneInfo) -> int:
    """Whole days after the due day, counted in the body's time zone (0 when on time)."""
    return max(0, (local_date(submitted, tz) - due_day).days)
