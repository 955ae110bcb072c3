"""What ``/health/`` reports: the database answers, and when a worker last beat. It reads one
row and sends nothing (no e-mail, no task), so it answers fast whatever the mail server does."""

from __future__ import annotations

import logging
from typing import Any

from django.db import DatabaseError, connection
from django.utils import timezone

from lintas.core import heartbeat

log = logging.getLogger(__name__)


def report() -> tuple[int, dict[str, Any]]:
    """The status code (200, or 503 when the database does not answer) and the report."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        silence = heartbeat.worker_silence()
    except DatabaseError:
        log.exception("health: the database does not answer")
        return 503, {"status": "error", "database": "error"}
    worker: dict[str, Any]
    if silence is None:
        worker = {"status": "ok"}
    else:
        last = silence.last_seen
        worker = {
            "status": "silent",
            "last_seen": last.isoformat() if last else None,
            "seconds_since": int((timezone.now() - last).total_seconds()) if last else None,
        }
    return 200, {
        "status": "ok" if silence is None else "worker-silent",
        "database": "ok",
        "worker": worker,
    }
