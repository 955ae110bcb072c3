"""Referrals and transfers of a case between units."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lintas.cases.models.records import Case


class Referral(models.Model):
    """The owner unit refers a case to another unit (the receiver reads it, like a share) or
    transfers it (the receiver becomes the owner). requested → accepted | declined → closed."""

    class Kind(models.TextChoices):
        REFERRAL = "referral", _("Referral")
        TRANSFER = "transfer", _("Transfer")

    class State(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        CLOSED = "closed", _("Closed")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    from_unit = models.ForeignKey(
        "members.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("from unit")
    )
    to_unit = models.ForeignKey(
        "members.Unit",
        on_delete=models.PROTECT,
        related_name="referrals_received",
        verbose_name=_("to unit"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.REFERRAL)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.REQUESTED
    )
    due_on = models.DateField(_("answer due on"))
    reason = models.TextField(_("reason"), blank=True)
    includes_personal_data = models.BooleanField(_("includes personal data"), default=False)
    consent_override_reason = models.TextField(_("reason for sharing without consent"), blank=True)
    keep_sender_access = models.BooleanField(
        _("the sending unit keeps read access after a transfer"), default=True
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="declined") | ~Q(decline_reason=""),
                name="cases_referral_decline_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(from_unit=models.F("to_unit")), name="cases_referral_other_unit"
            ),
            models.UniqueConstraint(
                fields=["case", "to_unit"],
                condition=Q(state="requested"),
                name="cases_referral_open_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"referral #{self.pk} · {self.case}"
