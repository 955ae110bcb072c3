"""The shapes the cases API reads and answers, and the functions that fill them.

Choices are the models' own (``TLP``, ``Case.Status``, ``ExploitationType`` …), so an unknown
value is refused with 422 naming the field; an unknown field is refused too. Personal values
(a person's fields, the narrative, an event's description) appear only in the answer of
``get_case``, which audits the read; where the policy withholds them they are null and
``personal_data`` is false. The answers of writes never carry personal values.

Where an answer shows a record as it stands and the policy withholds nothing (a consent, a
saved person, an entry of the access log), the schema reads the object itself
(``ConsentOut.from_orm(consent)``); the ``*_out`` functions remain where the policy withholds
fields or an answer is put together.

By topic: ``common`` (the value types and the input bases), ``cases``, ``persons`` (with
consent and events), ``sharing`` (shares, named readers, emergency access, the access log),
``referrals`` and ``statistics``.
"""

from lintas.cases.api.schemas.cases import (
    CaseActionsOut,
    CaseDetailOut,
    CaseIn,
    CaseOut,
    CasePageOut,
    CasePatch,
    LabelIn,
    case_actions_out,
    case_detail_out,
    case_out,
)
from lintas.cases.api.schemas.common import (
    Country,
    Language,
    NoCountry,
    Reason,
    ReasonIn,
)
from lintas.cases.api.schemas.persons import (
    ConsentIn,
    ConsentOut,
    ContactsIn,
    ContactsOut,
    EventIn,
    EventOut,
    PersonIn,
    PersonOut,
    PersonPatch,
    PersonSavedOut,
    event_out,
    person_out,
)
from lintas.cases.api.schemas.referrals import (
    DeclineIn,
    ReferralIn,
    ReferralInboxOut,
    ReferralOut,
)
from lintas.cases.api.schemas.sharing import (
    AccessEntryOut,
    AccessLogOut,
    BreakGlassIn,
    EmergencyOut,
    RedReaderIn,
    RedReaderOut,
    ShareIn,
    ShareOut,
)
from lintas.cases.api.schemas.statistics import (
    StatisticsOut,
    StatisticsTableOut,
    statistics_out,
)

__all__ = [
    "AccessEntryOut",
    "AccessLogOut",
    "BreakGlassIn",
    "CaseActionsOut",
    "CaseDetailOut",
    "CaseIn",
    "CaseOut",
    "CasePageOut",
    "CasePatch",
    "ConsentIn",
    "ConsentOut",
    "ContactsIn",
    "ContactsOut",
    "Country",
    "DeclineIn",
    "EmergencyOut",
    "EventIn",
    "EventOut",
    "LabelIn",
    "Language",
    "NoCountry",
    "PersonIn",
    "PersonOut",
    "PersonPatch",
    "PersonSavedOut",
    "Reason",
    "ReasonIn",
    "RedReaderIn",
    "RedReaderOut",
    "ReferralIn",
    "ReferralInboxOut",
    "ReferralOut",
    "ShareIn",
    "ShareOut",
    "StatisticsOut",
    "StatisticsTableOut",
    "case_actions_out",
    "case_detail_out",
    "case_out",
    "event_out",
    "person_out",
    "statistics_out",
]
