"""The events of a case."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lintas.cases.fields import EncryptedTextField
from lintas.cases.models.records import Case
from lintas.cases.models.vocabulary import (
    COUNTRY_CODE,
)
from lintas.core.models import TimeStampedModel


class CaseEvent(TimeStampedModel):
    """Something that happened in a case (HTCDS events): recruitment, crossing a border,
    exploitation, escape or rescue, identification, a report, an arrest, a verdict, return home.
    The description can name people, so it is encrypted and shown like a person's data."""

    class Kind(models.TextChoices):
        RECRUITMENT = "recruitment", _("Recruitment")
        DEPARTURE = "departure", _("Departure")
        BORDER_CROSSING = "border_crossing", _("Border crossing")
        EXPLOITATION = "exploitation", _("Exploitation")
        ESCAPE_OR_RESCUE = "escape_or_rescue", _("Escape or rescue")
        IDENTIFICATION = "identification", _("Identification as a victim")
        REPORT = "report", _("Report to the authorities")
        ARREST = "arrest", _("Arrest")
        PROSECUTION = "prosecution", _("Prosecution")
        VERDICT = "verdict", _("Court verdict")
        RETURN = "return", _("Return home")
        OTHER = "other", _("Other")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind of event"), max_length=20, choices=Kind.choices)
    occurred_on = models.DateField(_("date"))
    country = models.CharField(_("country"), max_length=2, blank=True, help_text=_("ISO 3166 code"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    description = EncryptedTextField(_("description"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("event in a case")
        verbose_name_plural = _("events in cases")
        ordering = ["case", "occurred_on", "id"]

    def __str__(self) -> str:
        return f"case #{self.case_id} · event #{self.pk}"

    def clean(self) -> None:
        super().clean()
        self.country = (self.country or "").upper()
        if self.country and not COUNTRY_CODE.match(self.country):
            raise ValidationError({"country": _("Use a two-letter ISO 3166 code.")})
        if self.occurred_on and self.occurred_on > timezone.localdate():
            raise ValidationError({"occurred_on": _("An event cannot be in the future.")})
