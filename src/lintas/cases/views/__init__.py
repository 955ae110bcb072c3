"""Case pages. Each view: load through a selector (404 for strangers), check the action (403),
call a service, render. No view reads case data except through selectors.py.

By topic: ``records`` (list, open, read, change, relabel), ``persons`` (persons, consent,
events), ``sharing`` (shares, the access log, named readers), ``emergency``, ``referrals``,
``statistics`` and ``interchange`` (the import and export pages); ``common`` holds what they
share. ``urls.py`` names them all as ``views.<name>``.
"""

from lintas.cases.views.emergency import (
    case_break_glass,
    emergency_end,
)
from lintas.cases.views.interchange import case_export, case_import, import_template
from lintas.cases.views.persons import (
    consent_create,
    consent_withdraw,
    event_create,
    event_remove,
    person_edit,
)
from lintas.cases.views.records import (
    case_create,
    case_detail,
    case_edit,
    case_label,
    case_list,
)
from lintas.cases.views.referrals import (
    case_refer,
    referral_accept,
    referral_close,
    referral_decline,
    referral_inbox,
)
from lintas.cases.views.sharing import (
    case_access,
    case_share,
    red_reader_remove,
    red_readers,
    share_revoke,
)
from lintas.cases.views.statistics import (
    case_statistics,
)

__all__ = [
    "case_access",
    "case_break_glass",
    "case_create",
    "case_detail",
    "case_edit",
    "case_export",
    "case_import",
    "case_label",
    "case_list",
    "case_refer",
    "case_share",
    "case_statistics",
    "consent_create",
    "consent_withdraw",
    "emergency_end",
    "event_create",
    "event_remove",
    "import_template",
    "person_edit",
    "red_reader_remove",
    "red_readers",
    "referral_accept",
    "referral_close",
    "referral_decline",
    "referral_inbox",
    "share_revoke",
]
