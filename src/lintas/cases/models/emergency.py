"""Emergency access: breaking the glass on one case for a limited time."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lintas.cases.models.records import Case


class EmergencyAccessQuerySet(models.QuerySet["EmergencyAccess"]):
    def active(self, at: Any = None) -> EmergencyAccessQuerySet:
        return self.filter(ended_at__isnull=True, expires_at__gt=at or timezone.now())


class EmergencyAccess(models.Model):
    """'Break the glass': a member of the body reads one case for a limited time, with a reason.
    The owner unit is told, and every read is audited like any other."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="emergency_access")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("reason"))
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = EmergencyAccessQuerySet.as_manager()

    class Meta:
        verbose_name = _("emergency access")
        verbose_name_plural = _("emergency accesses")
        ordering = ["-granted_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("granted_at")),
                name="cases_emergency_expires_after_granted",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="cases_emergency_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.case} · emergency #{self.pk}"

    @property
    def is_active(self) -> bool:
        return self.ended_at is None and self.expires_at > timezone.now()
