"""Case records after the Human Trafficking Case Data Standard (HTCDS), with TLP 2.0 labels.

What a row may say is checked here (constraints, ``clean()``); who may see it is decided in
policy.py. Personal fields of persons, consent notes and the narrative are encrypted at rest.
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lintas.cases.fields import EncryptedDateField, EncryptedJSONField, EncryptedTextField
from lintas.core.models import TimeStampedModel

COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")


class TLP(models.TextChoices):
    """Traffic Light Protocol 2.0. The labels are the protocol's own and are not translated."""

    CLEAR = "clear", "TLP:CLEAR"
    GREEN = "green", "TLP:GREEN"
    AMBER = "amber", "TLP:AMBER"
    AMBER_STRICT = "amber+strict", "TLP:AMBER+STRICT"
    RED = "red", "TLP:RED"


# Narrower labels rank higher: moving to a lower rank widens the audience.
TLP_RANK = {TLP.CLEAR: 0, TLP.GREEN: 1, TLP.AMBER: 2, TLP.AMBER_STRICT: 3, TLP.RED: 4}


def stricter_label(*labels: str) -> str:
    return max((label for label in labels if label), key=lambda label: TLP_RANK[TLP(label)])


class ExploitationType(models.TextChoices):
    FORCED_LABOUR = "forced_labour", _("Forced labour")
    FORCED_CRIMINALITY = "forced_criminality", _("Forced criminality (e.g. online scam compounds)")
    SEXUAL_EXPLOITATION = "sexual_exploitation", _("Sexual exploitation")
    DOMESTIC_SERVITUDE = "domestic_servitude", _("Domestic servitude")
    FORCED_MARRIAGE = "forced_marriage", _("Forced marriage")
    FORCED_BEGGING = "forced_begging", _("Forced begging")
    ORGAN_REMOVAL = "organ_removal", _("Organ removal")
    OTHER = "other", _("Other")


class MeansOfControl(models.TextChoices):
    DEBT_BONDAGE = "debt_bondage", _("Debt bondage")
    DOCUMENTS_WITHHELD = "documents_withheld", _("Identity documents withheld")
    WAGES_WITHHELD = "wages_withheld", _("Wages withheld")
    RESTRICTED_MOVEMENT = "restricted_movement", _("Restricted movement, confinement")
    THREATS = "threats", _("Threats to the person or family")
    PHYSICAL_VIOLENCE = "physical_violence", _("Physical violence")
    SEXUAL_VIOLENCE = "sexual_violence", _("Sexual violence")
    PSYCHOLOGICAL_ABUSE = "psychological_abuse", _("Psychological abuse")
    FALSE_PROMISES = "false_promises", _("False promises")
    SUBSTANCES = "substances", _("Forced use of drugs or alcohol")
    OTHER = "other", _("Other")


class RecruitmentMethod(models.TextChoices):
    ONLINE_JOB_AD = "online_job_ad", _("Online job advertisement")
    SOCIAL_MEDIA = "social_media", _("Social media or messaging")
    ACQUAINTANCE = "acquaintance", _("Acquaintance")
    FAMILY = "family", _("Family member")
    INTIMATE_PARTNER = "intimate_partner", _("Intimate partner")
    AGENCY = "agency", _("Recruitment agency")
    OTHER = "other", _("Other")


def _check_choices(values: Any, choices: type[models.TextChoices], field: str) -> None:
    if not isinstance(values, list) or any(v not in choices.values for v in values):
        raise ValidationError({field: _("Choose from the list.")})


def _labels(values: list[str], choices: type[models.TextChoices]) -> list[str]:
    names = dict(choices.choices)
    return [str(names.get(v, v)) for v in values]


def _check_countries(values: Any, field: str) -> None:
    if not isinstance(values, list) or any(not COUNTRY_CODE.match(str(v)) for v in values):
        raise ValidationError({field: _("Use two-letter ISO 3166 country codes, e.g. VN, KH.")})


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
            models.UniqueConstraint(fields=["body", "reference"], name="cases_reference_unique"),
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
