"""Public releases: a frozen, versioned set of tables and items a body publishes, its sign-off
and its log.

``Release.payload`` holds the published content only (withheld cells are ``null``; the true
counts never enter it) and is never changed once the release awaits sign-off.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lintas.core.models import TimeStampedModel
from lintas.members.models import Body, Unit


class Release(models.Model):
    """A body's release: version 1, 2, 3 … given when prepared."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        AWAITING = "awaiting", _("Awaiting sign-off")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="releases")
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    payload = models.JSONField(_("content"))
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    prepared_at = models.DateTimeField(_("prepared at"))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        ordering = ["body", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["body", "version"], name="public_release_version")
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"


class SignOffSettings(TimeStampedModel):
    """Whether a body's releases need its members' approval before they go out."""

    class Require(models.TextChoices):
        NONE = "none", _("No sign-off")
        FOCAL_POINTS = "focal_points", _("Every member unit's focal point")
        LISTED = "listed", _("The listed units")

    body = models.OneToOneField(Body, on_delete=models.CASCADE, related_name="signoff_settings")
    require = models.CharField(
        _("sign-off required"), max_length=15, choices=Require.choices, default=Require.NONE
    )
    listed_units = models.ManyToManyField(
        Unit, blank=True, related_name="+", verbose_name=_("units that sign off")
    )
    days_to_answer = models.PositiveSmallIntegerField(_("days to answer"), default=14)
    silence_is_consent = models.BooleanField(_("silence counts as consent"), default=False)

    class Meta:
        verbose_name = _("sign-off settings")
        verbose_name_plural = _("sign-off settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(days_to_answer__gte=1), name="public_signoff_days_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.body}: {self.require}"


class ReleaseSignOff(models.Model):
    """One approval asked of a unit (its focal point) and/or a person, and the answer."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("Waiting")
        APPROVED = "approved", _("Approved")
        OBJECTED = "objected", _("Objected")

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="signoffs")
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    asked_at = models.DateTimeField(_("asked at"))
    deadline = models.DateTimeField(_("answer by"))

    class Meta:
        ordering = ["release", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False) | Q(person__isnull=False),
                name="public_signoff_asks_someone",
            ),
            models.UniqueConstraint(
                fields=["release", "unit"],
                condition=Q(unit__isnull=False),
                name="public_signoff_unit_once",
            ),
            models.CheckConstraint(
                condition=~Q(decision="objected") | ~Q(reason=""),
                name="public_signoff_objection_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.release_id}: {self.unit_id or self.person_id} {self.decision}"


class ReleaseLogEntry(models.Model):
    """An append-only line of a release's log: who (or the system) did what, and when."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="log")
    at = models.DateTimeField(_("at"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )  # empty: the system (e.g. the deadline passed)
    what = models.CharField(_("what"), max_length=40)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        ordering = ["release", "at", "id"]

    def __str__(self) -> str:
        return f"{self.release_id} {self.at:%Y-%m-%d %H:%M} {self.what}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise ValueError("A release log entry is never changed.")
        super().save(*args, **kwargs)
