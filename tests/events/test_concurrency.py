"""Two check-in points scan the same badge at the same moment: one check-in is made, the other
point is told it was already done, and nothing is lost when many badges are scanned at two
points at once."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable

import pytest
from django.db import close_old_connections, connection

from lintas.audit.models import AuditEntry
from lintas.events import services
from lintas.events.models import CheckIn, Delegate, Event
from lintas.policy import SYSTEM
from tests.conftest import Cast

pytestmark = pytest.mark.usefixtures("audit_log_can_be_flushed")


@pytest.fixture(autouse=True)
def _writers_wait() -> None:
    """SQLite's test database (in memory, shared cache) locks whole tables and never waits;
    the files Lintas runs on (WAL, immediate transactions, a busy timeout) and PostgreSQL
    serialise writers. Run
    with DATABASE_URL set to PostgreSQL; bench/events.py races real points on a SQLite file.
    (Asked when the test runs: the test database exists only then.)"""
    if connection.vendor == "sqlite":
        pytest.skip("needs a database whose writers wait for each other")


DAY = dt.date(2026, 3, 10)


def _event(cast: Cast, delegates: int) -> tuple[Event, list[Delegate]]:
    event = services.create_event(
        body=cast.body, by=SYSTEM, kind="conference", title="Race", starts_on=DAY, ends_on=DAY
    )
    people = [
        services.add_delegate(event=event, by=SYSTEM, full_name=f"Delegate {n}", role="delegate")
        for n in range(delegates)
    ]
    return event, people


def _together(*jobs: Callable[[], object]) -> list[object]:
    """Run the jobs in threads released at the same instant; their results or errors."""
    barrier = threading.Barrier(len(jobs))
    results: list[object] = [None] * len(jobs)

    def run(i: int, job: Callable[[], object]) -> None:
        try:
            barrier.wait()
            results[i] = job()
        except Exception as exc:
            results[i] = exc
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_two_scans_of_one_badge_at_once_make_one_check_in(cast: Cast) -> None:
    event, (delegate,) = _event(cast, 1)
    at = dt.datetime(2026, 3, 10, 8, 30, tzinfo=event.tzinfo)

    def scan(point: str) -> Callable[[], object]:
        return lambda: services.check_in(
            event=event, by=SYSTEM, code=delegate.badge_code, point=point, at=at
        )

    results = _together(scan("Door 1"), scan("Door 2"))
    assert all(isinstance(r, services.CheckInResult) for r in results), results
    checked = [r for r in results if isinstance(r, services.CheckInResult)]
    assert sorted(r.created for r in checked) == [False, True]
    assert CheckIn.objects.filter(delegate=delegate).count() == 1
    assert AuditEntry.objects.filter(action="events.delegate.checked_in").count() == 1


@pytest.mark.django_db(transaction=True)
def test_many_badges_at_two_points_lose_and_duplicate_nothing(cast: Cast) -> None:
    event, people = _event(cast, 20)
    at = dt.datetime(2026, 3, 10, 8, 30, tzinfo=event.tzinfo)

    def point(name: str) -> Callable[[], object]:
        def run() -> object:
            # Each point scans every badge (a queue that passes both doors).
            return [
                services.check_in(event=event, by=SYSTEM, code=d.badge_code, point=name, at=at)
                for d in people
            ]

        return run

    results = _together(point("Door 1"), point("Door 2"))
    assert not any(isinstance(r, Exception) for r in results), results
    made = [r.created for batch in results for r in batch]  # type: ignore[attr-defined]
    assert made.count(True) == 20
    assert CheckIn.objects.filter(event=event).count() == 20
