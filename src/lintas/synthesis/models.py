from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lintas.core.models import TimeStampedModel
from lintas.members.models import Body
from lintas.reporting.models import Obligation


class GeneratedReport(TimeStampedModel):
    """A consolidated report the worker builds in every file format, with its progress.

    One made because a period locked (``trigger=lock``) exists once per obligation and period:
    the unique constraint makes the scheduled generation idempotent."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being generated")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    class Trigger(models.TextChoices):
        MANUAL = "manual", _("Asked for")
        LOCK = "lock", _("Period locked")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="+")
    obligation = models.ForeignKey(
        Obligation, on_delete=models.CASCADE, related_name="generated_reports"
    )
    first_period = models.CharField(max_length=32)
    last_period = models.CharField(max_length=32)
    language = models.CharField(max_length=8, default="en")
    include_submitted = models.BooleanField(default=False)
    trigger = models.CharField(max_length=10, choices=Trigger.choices, default=Trigger.MANUAL)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    step = models.CharField(max_length=40, blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="synthesis_progress_at_most_100"
            ),
            models.UniqueConstraint(
                fields=["obligation", "first_period", "last_period", "language"],
                condition=Q(trigger="lock"),
                name="synthesis_one_report_per_lock",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.obligation_id} {self.first_period}..{self.last_period} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}


class GeneratedFile(models.Model):
    """One format of a generated report, kept in the database so every web process and the
    worker see it without a shared disk."""

    report = models.ForeignKey(GeneratedReport, on_delete=models.CASCADE, related_name="files")
    format = models.CharField(max_length=8)
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=120)
    content = models.BinaryField()
    size = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "format"], name="synthesis_file_unique")
        ]

    def __str__(self) -> str:
        return self.filename
