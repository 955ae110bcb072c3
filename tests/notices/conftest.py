from __future__ import annotations

import datetime as dt

import pytest

from lintas.members.models import User
from lintas.notices.models import Notification
from lintas.notices.services import notify
from lintas.reporting.reminders import BEFORE, MESSAGES
from tests.conftest import Cast

SUBJECT, TEXT = MESSAGES[BEFORE]


def tell(
    cast: Cast, people: list[User], *, kind: str = "reminder", **values: object
) -> list[Notification]:
    """A reminder-like notice about unit A's March report, through ``notify``."""
    return notify(
        people,
        body=cast.body,
        kind=kind,
        subject=SUBJECT,
        text=TEXT,
        link="/b/twg/reports/mine/",
        values={
            "template": "Monthly report",
            "unit": cast.unit_a.name,
            "period": "2024-03",
            "due": dt.date(2024, 4, 10),
            **values,
        },
    )


@pytest.fixture
def worker_keeps_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker closes stale connections between tasks; inside a test's transaction that
    would close the test's own connection on PostgreSQL, so keep it."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
