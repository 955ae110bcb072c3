from __future__ import annotations

from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class WorkerBeat(models.Model):
    """A background worker's last sign of life. ``lintas worker`` writes its row every few
    seconds (``core.heartbeat``), so a page that waits for the worker can say when none runs."""

    worker = models.CharField(max_length=150, unique=True)  # host and process id
    seen_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.worker} {self.seen_at:%Y-%m-%d %H:%M:%S}"
