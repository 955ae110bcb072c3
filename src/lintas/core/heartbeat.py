"""The worker's heartbeat: ``lintas worker`` records that it is alive every ``BEAT_EVERY``, from
a thread of its own so a long task does not silence it, and pages that wait for the worker
(a generated report, a relink run) say plainly when none has been seen for ``SILENT_AFTER``,
instead of showing a progress bar that never moves."""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
from dataclasses import dataclass

from django.db import DatabaseError, close_old_connections, connections
from django.db.models import Max
from django.utils import timezone

from lintas.core.models import WorkerBeat

log = logging.getLogger(__name__)

BEAT_EVERY = dt.timedelta(seconds=15)
SILENT_AFTER = dt.timedelta(minutes=2)
FORGET_AFTER = dt.timedelta(days=7)


def this_worker() -> str:
    """The name a worker process beats under: its host and process id."""
    return f"{socket.gethostname()}:{os.getpid()}"[:150]


def record_beat(*, worker: str, now: dt.datetime | None = None) -> None:
    """Say that ``worker`` is alive now: one UPDATE, an INSERT the first time."""
    now = now or timezone.now()
    if not WorkerBeat.objects.filter(worker=worker).update(seen_at=now):
        WorkerBeat.objects.update_or_create(worker=worker, defaults={"seen_at": now})


def forget_old_beats(*, now: dt.datetime | None = None) -> int:
    """Remove the rows of workers gone for a week (each start beats under a new name)."""
    cutoff = (now or timezone.now()) - FORGET_AFTER
    deleted, _ = WorkerBeat.objects.filter(seen_at__lt=cutoff).delete()
    return deleted


@dataclass(frozen=True)
class Silence:
    """No worker seen for a while: since ``last_seen``, or ever when it is None."""

    last_seen: dt.datetime | None


def worker_silence(*, now: dt.datetime | None = None) -> Silence | None:
    """None while some worker has beaten within ``SILENT_AFTER``; otherwise since when none
    has. One aggregate query."""
    now = now or timezone.now()
    last = WorkerBeat.objects.aggregate(last=Max("seen_at"))["last"]
    if last is not None and now - last <= SILENT_AFTER:
        return None
    return Silence(last)


class Heartbeat:
    """Beats in a daemon thread, with the thread's own database connection, until stopped or
    until the process ends. A failed beat (a locked or lost database) is logged, not fatal."""

    def __init__(self, *, worker: str, every: dt.timedelta = BEAT_EVERY) -> None:
        self.worker = worker
        self.every = every.total_seconds()
        self.beats = 0  # recorded so far
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="lintas-heartbeat", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=self.every + 5)

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    def _run(self) -> None:
        try:
            while not self._stop.wait(self.every):
                close_old_connections()
                try:
                    record_beat(worker=self.worker)
                    self.beats += 1
                except DatabaseError:
                    log.warning("worker heartbeat not recorded", exc_info=True)
        finally:
            connections.close_all()
