"""Who else reads a case: shares with other units, the consent behind them, named readers of a
red case."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lintas.cases.fields import EncryptedTextField
from lintas.cases.models.records import Case, CasePerson


class CaseShareQuerySet(models.QuerySet["CaseShare"]):
    def active(self) -> CaseShareQuerySet:
        return self.filter(revoked_at__isnull=True)


class CaseShare(models.Model):
    """The owner unit shares a case with another unit of the body (meaningful under TLP:AMBER)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="shares")
    unit = models.ForeignKey("members.Unit", on_delete=models.PROTECT, related_name="case_shares")
    includes_personal_data = models.BooleanField(_("includes personal data"), default=False)
    # Set when a victim's data was shared without consent, by a role allowed to decide that.
    consent_override_reason = models.TextField(_("reason for sharing without consent"), blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    granted_at = models.DateTimeField(_("shared at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = CaseShareQuerySet.as_manager()

    class Meta:
        verbose_name = _("case share")
        verbose_name_plural = _("case shares")
        ordering = ["-granted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "unit"],
                condition=Q(revoked_at__isnull=True),
                name="cases_share_open_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} → {self.unit}"


class ConsentRecord(models.Model):
    """A victim's consent to share their personal data with a unit (or for a stated purpose)."""

    person = models.ForeignKey(CasePerson, on_delete=models.CASCADE, related_name="consents")
    to_unit = models.ForeignKey(
        "members.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("shared with"),
    )
    purpose = models.CharField(_("purpose"), max_length=250, blank=True)
    given_on = models.DateField(_("given on"))
    evidence_note = EncryptedTextField(_("how consent was obtained"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-recorded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_unit__isnull=False) | ~Q(purpose=""),
                name="cases_consent_unit_or_purpose",
            ),
        ]

    def __str__(self) -> str:
        return f"consent #{self.pk} · {self.person}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class RedAccess(models.Model):
    """A person named to read a TLP:RED case; under RED nobody else reads it, not even the owner."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="red_access")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("named reader of a TLP:RED case")
        verbose_name_plural = _("named readers of TLP:RED cases")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "user"],
                condition=Q(revoked_at__isnull=True),
                name="cases_red_access_open_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} · {self.user}"
