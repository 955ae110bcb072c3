"""The worked example of the acknowledgement measures in docs/exchange.md, figure by figure."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.exchange.conftest import Ex

from lintas.core.tlp import TLP
from lintas.exchange import selectors, services
from lintas.exchange.models import Kind, Message, Priority
from lintas.members.models import Unit

# 10:00 on 1 June 2026 in the body's zone (UTC+7).
SENT = dt.datetime(2026, 6, 1, 3, 0, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)


def send(ex: Ex, kind: str, units: list[Unit], at: dt.datetime, **more: Any) -> Message:
    """An AMBER message from A."""
    c = ex.cast
    return services.post_message(
        body=c.body,
        by=c.focal_a,
        author_unit=c.unit_a,
        tlp=TLP.AMBER,
        kind=kind,
        subject=f"A {kind} from A",
        text="<p>Please check your records.</p>",
        units=units,
        now=at,
        **more,
    )


def test_the_worked_example_of_the_documentation(ex: Ex) -> None:
    c = ex.cast
    alert = send(ex, Kind.ALERT, [c.unit_b, c.unit_c, ex.unit_d], SENT, priority=Priority.URGENT)
    services.acknowledge(alert, unit=c.unit_b, by=c.focal_b, now=SENT + HOUR)
    services.acknowledge(alert, unit=c.unit_c, by=c.focal_c, now=SENT + 6 * HOUR)
    request = send(ex, Kind.REQUEST, [c.unit_b, c.unit_c], SENT, answer_by=SENT + 9 * DAY)
    services.acknowledge(request, unit=c.unit_b, by=c.focal_b, now=SENT + DAY)
    services.answer(request, unit=c.unit_b, by=c.focal_b, text="<p>None.</p>", now=SENT + 7 * DAY)
    services.answer(request, unit=c.unit_c, by=c.focal_c, text="<p>One.</p>", now=SENT + 11 * DAY)
    # Sent the day before the matrix is read, not yet acknowledged and not yet due: not counted.
    send(ex, Kind.ALERT, [c.unit_b], SENT + 13 * DAY)

    june = dt.date(2026, 6, 1)
    matrix = selectors.acknowledgement_matrix(c.body, first=june, last=june, now=SENT + 14 * DAY)

    total = matrix.total
    assert (total.expected, total.acknowledged, total.on_time) == (5, 4, 2)
    assert (total.rate, total.timely_rate) == (0.8, 0.4)
    assert sorted(total.hours) == [1, 6, 24, 264]
    assert total.median_hours == 15
    assert (total.requests_due, total.answered, total.answered_on_time) == (2, 2, 1)
    assert total.answered_rate == 0.5
    b, cc, d = (matrix.cell(u, june) for u in (c.unit_b, c.unit_c, ex.unit_d))
    assert (b.on_time, b.expected) == (2, 2)
    assert (cc.on_time, cc.acknowledged, cc.expected) == (0, 2, 2)
    assert (d.on_time, d.acknowledged, d.expected) == (0, 0, 1)


def test_an_alert_to_the_secretariat_has_its_row_so_the_total_is_the_sum_of_the_rows(
    ex: Ex,
) -> None:
    c = ex.cast
    send(ex, Kind.ALERT, [c.unit_b, ex.secretariat_unit], SENT, priority=Priority.URGENT)
    june = dt.date(2026, 6, 1)

    matrix = selectors.acknowledgement_matrix(c.body, first=june, last=june, now=SENT + 14 * DAY)

    assert ex.secretariat_unit in matrix.units
    rows = [matrix.row(u) for u in matrix.units]
    assert sum(r.expected for r in rows) == matrix.total.expected == 2
    # a secretariat with nothing due in the months is no row of its own
    july = dt.date(2026, 7, 1)
    later = selectors.acknowledgement_matrix(c.body, first=july, last=july, now=SENT + 60 * DAY)
    assert ex.secretariat_unit not in later.units
