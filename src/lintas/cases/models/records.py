"""A case record and the persons in it."""

from __future__ import annotations

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lintas.cases.fields import EncryptedDateField, EncryptedJSONField, EncryptedTextField
from lintas.cases.models.vocabulary import (
    COUNTRY_CODE,
    TLP,
    ExploitationType,
    MeansOfControl,
    RecruitmentMethod,
    _check_choices,
    _check_countries,
    _labels,
    stricter_label,
)
from lintas.core.models import TimeStampedModel


class Case(TimeStampedModel):
    """One case record, owned by one member unit of a body."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        INVESTIGATION = "investigation", _("Under investigation")
        PROSECUTION = "prosecution", _("In prosecution")
        CLOSED = "closed", _("Closed")

    body = models.ForeignKey("members.Body", on_delete=models.CASCADE, related_name="cases")
    owner_unit = models.ForeignKey(
        "members.Unit", on_delete=models.PROTECT, related_name="cases", verbose_name=_("owner unit")
    )
    reference = models.CharField(_("reference"), max_length=60)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    location_country = models.CharField(
        _("country of identification"), max_length=2, blank=True, help_text=_("ISO 3166 code")
    )
    exploitation_types = models.JSONField(_("exploitation types"), default=list, blank=True)
    means_of_control = models.JSONField(_("means of control"), default=list, blank=True)
    recruitment_methods = models.JSONField(_("recruitment methods"), default=list, blank=True)
    origin_countries = models.JSONField(_("countries of origin"), default=list, blank=True)
    transit_countries = models.JSONField(_("transit countries"), default=list, blank=True)
    destination_countries = models.JSONField(_("destination countries"), default=list, blank=True)
    # Free text can name people, so it is personal data: encrypted and shown like a person's data.
    narrative = EncryptedTextField(_("narrative"), blank=True)
    narrative_language = models.CharField(_("language of the narrative"), max_length=8, blank=True)
    tlp = models.CharField(_("TLP label"), max_length=16, choices=TLP.choices, default=TLP.AMBER)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-opened_on", "-id"]
        constraints = [
            # Per owner unit, not per body: whether another unit holds a reference must not show
            # through a refusal (a hidden TLP:RED case would otherwise answer "exists").
            models.UniqueConstraint(
                fields=["owner_unit", "reference"], name="cases_reference_unique_per_unit"
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("opened_on")),
                name="cases_closed_after_opened",
            ),
            models.CheckConstraint(
                condition=Q(tlp__in=[t.value for t in TLP]), name="cases_case_tlp_known"
            ),
        ]

    def __str__(self) -> str:
        # Not the reference: this string reaches the body's audit log, read by people who may not
        # know that a TLP:RED case exists. Pages show the reference where the policy allows.
        return f"case #{self.pk}"

    def clean(self) -> None:
        super().clean()
        self.location_country = (self.location_country or "").upper()
        if self.location_country and not COUNTRY_CODE.match(self.location_country):
            raise ValidationError({"location_country": _("Use a two-letter ISO 3166 code.")})
        _check_choices(self.exploitation_types, ExploitationType, "exploitation_types")
        _check_choices(self.means_of_control, MeansOfControl, "means_of_control")
        _check_choices(self.recruitment_methods, RecruitmentMethod, "recruitment_methods")
        for name in ("origin_countries", "transit_countries", "destination_countries"):
            _check_countries(getattr(self, name), name)
        if self.closed_on and self.closed_on < self.opened_on:
            raise ValidationError({"closed_on": _("A case cannot close before it opened.")})
        if self.owner_unit_id and self.owner_unit.body_id != self.body_id:
            raise ValidationError({"owner_unit": _("The unit belongs to another body.")})

    def exploitation_labels(self) -> list[str]:
        return _labels(self.exploitation_types, ExploitationType)

    def means_labels(self) -> list[str]:
        return _labels(self.means_of_control, MeansOfControl)

    def recruitment_labels(self) -> list[str]:
        return _labels(self.recruitment_methods, RecruitmentMethod)


class CasePerson(TimeStampedModel):
    """A person in a case, in one role. Every personal field is encrypted at rest.

    Sex and nationality stay in clear: they are what anonymised statistics count."""

    class PersonRole(models.TextChoices):
        VICTIM = "victim", _("Victim")
        SUSPECT = "suspect", _("Suspect")
        WITNESS = "witness", _("Witness")
        RECRUITER = "recruiter", _("Recruiter")
        OTHER = "other", _("Other")

    class Sex(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        OTHER = "other", _("Other")
        UNKNOWN = "unknown", _("Unknown")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="persons")
    role = models.CharField(_("role in the case"), max_length=16, choices=PersonRole.choices)
    full_name = EncryptedTextField(_("full name"), blank=True)
    aliases = EncryptedJSONField(_("aliases"), default=list, blank=True)
    date_of_birth = EncryptedDateField(_("date of birth"), blank=True, default="")
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices, default=Sex.UNKNOWN)
    nationality = models.CharField(_("nationality"), max_length=2, blank=True)
    # [{"type": "passport", "number": "…", "country": "VN"}]
    documents = EncryptedJSONField(_("identity documents"), default=list, blank=True)
    # {"phones": [...], "emails": [...], "social": [...]}
    contacts = EncryptedJSONField(_("contacts"), default=dict, blank=True)
    # ["bank / account number", …]
    accounts = EncryptedJSONField(_("bank accounts"), default=list, blank=True)
    # A person may carry a narrower label than the case; the stricter of the two applies.
    tlp = models.CharField(_("TLP label"), max_length=16, choices=TLP.choices, blank=True)

    class Meta:
        verbose_name = _("person in a case")
        verbose_name_plural = _("persons in cases")
        ordering = ["case", "role", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tlp="") | Q(tlp__in=[t.value for t in TLP]),
                name="cases_person_tlp_known",
            ),
        ]

    def __str__(self) -> str:
        # Never the name, nor the role: this string reaches the body's audit log.
        return f"case #{self.case_id} · person #{self.pk}"

    def clean(self) -> None:
        super().clean()
        if problem := phone_problem((self.contacts or {}).get("phones") or []):
            raise ValidationError({"contacts": problem})
        self.nationality = (self.nationality or "").upper()
        if self.nationality and not COUNTRY_CODE.match(self.nationality):
            raise ValidationError({"nationality": _("Use a two-letter ISO 3166 code.")})
        if self.date_of_birth and self.date_of_birth > timezone.localdate():
            raise ValidationError({"date_of_birth": _("A date of birth cannot be in the future.")})

    @property
    def effective_tlp(self) -> str:
        return stricter_label(self.case.tlp, self.tlp)

    @property
    def is_victim(self) -> bool:
        return self.role == self.PersonRole.VICTIM


_PHONE_CHARACTERS = frozenset("0123456789+()-./ ")


def phone_problem(phones: list[str], *, reveal: bool = True) -> str:
    """What is wrong with a person's phone numbers, or ``""``. With ``reveal=False`` the message
    names the number's place in the list instead of repeating it (for lists that must not show
    personal values, such as the problems of an import).

    An international number (``+84 912 345 678``) must be one ``phonenumbers`` finds possible; a
    national one (``0912.345.678``, read later with the agency's country) needs digits and the
    usual punctuation only, 6 to 17 digits. These are the shapes the network engine reads.
    """
    for place, raw in enumerate(phones, start=1):
        text = str(raw).strip()
        digits = sum(ch.isdigit() for ch in text)
        fine = bool(text) and set(text) <= _PHONE_CHARACTERS and 6 <= digits <= 17
        if fine and text.lstrip("(").startswith("+"):
            try:
                fine = phonenumbers.is_possible_number(phonenumbers.parse(text, None))
            except phonenumbers.NumberParseException:
                fine = False
        if not fine and not reveal:
            return gettext(
                "Phone numbers: number %(place)s of the cell is not a phone number. Write one "
                "number per line, with its country code, for example +84 912 345 678."
            ) % {"place": place}
        if not fine:
            return gettext(
                "Phone numbers: “%(value)s” is not a phone number. Write one number per line, "
                "with its country code, for example +84 912 345 678."
            ) % {"value": text}
    return ""
