"""Case records after the Human Trafficking Case Data Standard (HTCDS), with TLP 2.0 labels.

What a row may say is checked here (constraints, ``clean()``); who may see it is decided in
policy.py. Personal fields of persons, consent notes and the narrative are encrypted at rest.

By topic: ``vocabulary`` (TLP and the HTCDS lists), ``records`` (cases and their persons),
``sharing`` (shares, consent, named readers), ``referrals``, ``emergency`` (breaking the glass)
and ``events``. They are imported in the order the models were first declared, so Django lists
them as before.
"""

# isort: off
from lintas.cases.models.vocabulary import (
    COUNTRY_CODE,
    TLP,
    TLP_RANK,
    ExploitationType,
    MeansOfControl,
    RecruitmentMethod,
    stricter_label,
)
from lintas.cases.models.records import Case, CasePerson
from lintas.cases.models.sharing import CaseShare, CaseShareQuerySet, ConsentRecord, RedAccess
from lintas.cases.models.referrals import Referral
from lintas.cases.models.emergency import EmergencyAccess, EmergencyAccessQuerySet
from lintas.cases.models.events import CaseEvent
# isort: on

__all__ = [
    "COUNTRY_CODE",
    "TLP",
    "TLP_RANK",
    "Case",
    "CaseEvent",
    "CasePerson",
    "CaseShare",
    "CaseShareQuerySet",
    "ConsentRecord",
    "EmergencyAccess",
    "EmergencyAccessQuerySet",
    "ExploitationType",
    "MeansOfControl",
    "RecruitmentMethod",
    "RedAccess",
    "Referral",
    "stricter_label",
]
