"""Writes for cases: each call is atomic, checks the policy, is audited, and raises LintasError
when the domain refuses. Audit entries never hold personal values, only which fields changed.

By topic: ``common`` (who hears of a change, the fields a write may touch, validation and
saving), ``records`` (cases, persons, events, labels and RED readers), ``consent``, ``sharing``,
``referrals`` (referrals and transfers between units, their reminders), ``emergency`` (break
the glass, end it) and ``imports`` (a checked spreadsheet of cases saved, all or nothing).
Callers import this package (``services.create_case``) or a topic module
(``from lintas.cases.services import referrals``).
"""

from lintas.cases.services import emergency, referrals
from lintas.cases.services.common import (
    CASE_FIELDS,
    PERSON_FIELDS,
    PERSONAL_FIELDS,
    CaseChangeListener,
    case_changed_listeners,
    on_case_changed,
)
from lintas.cases.services.consent import (
    record_consent,
    victims_without_consent,
    withdraw_consent,
)
from lintas.cases.services.imports import import_cases
from lintas.cases.services.records import (
    add_event,
    add_person,
    change_label,
    create_case,
    name_red_reader,
    remove_event,
    unname_red_reader,
    update_case,
    update_person,
)
from lintas.cases.services.sharing import (
    check_share,
    revoke_share,
    share_with_unit,
)

__all__ = [
    "CASE_FIELDS",
    "PERSONAL_FIELDS",
    "PERSON_FIELDS",
    "CaseChangeListener",
    "add_event",
    "add_person",
    "case_changed_listeners",
    "change_label",
    "check_share",
    "create_case",
    "emergency",
    "import_cases",
    "name_red_reader",
    "on_case_changed",
    "record_consent",
    "referrals",
    "remove_event",
    "revoke_share",
    "share_with_unit",
    "unname_red_reader",
    "update_case",
    "update_person",
    "victims_without_consent",
    "withdraw_consent",
]
