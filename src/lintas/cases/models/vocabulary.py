"""The labels and vocabularies of case records: TLP 2.0, HTCDS's exploitation types, means of
control and recruitment methods, and the checks of the lists that hold them."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# TLP 2.0 lives in core (messages carry it too); case modules read it from here as before.
from lintas.core.tlp import TLP as TLP
from lintas.core.tlp import TLP_RANK as TLP_RANK
from lintas.core.tlp import stricter_label as stricter_label

COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")


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
