"""Writes of events: the event and its rooms, the agenda, delegates and their quotas, check-in,
materials, surveys and tests, certificates, and action items. Each call is atomic, asks the
policy, is audited, and raises ``LintasError`` naming the field when the request is refused."""

from lintas.events.services.actions import (
    ReminderSummary,
    record_action_item,
    remind_action_items,
    update_action_item,
)
from lintas.events.services.agenda import (
    add_contribution,
    add_session,
    delete_session,
    move_contribution,
    move_session,
    set_presenters,
)
from lintas.events.services.attendance import CheckInResult, badge_code, check_in
from lintas.events.services.certificates import (
    Standing,
    certificate_language,
    issue_certificate,
    issue_certificates,
    standing,
)
from lintas.events.services.delegates import (
    add_delegate,
    decide_nomination,
    invite_unit,
    nominate_delegate,
    update_registration,
)
from lintas.events.services.events import add_room, create_event, update_event
from lintas.events.services.materials import MAX_MATERIAL_BYTES, add_material, record_download
from lintas.events.services.surveys import answer_survey, create_survey, remind_non_responders

__all__ = [
    "MAX_MATERIAL_BYTES",
    "CheckInResult",
    "ReminderSummary",
    "Standing",
    "add_contribution",
    "add_delegate",
    "add_material",
    "add_room",
    "add_session",
    "answer_survey",
    "badge_code",
    "certificate_language",
    "check_in",
    "create_event",
    "create_survey",
    "decide_nomination",
    "delete_session",
    "invite_unit",
    "issue_certificate",
    "issue_certificates",
    "move_contribution",
    "move_session",
    "nominate_delegate",
    "record_action_item",
    "record_download",
    "remind_action_items",
    "remind_non_responders",
    "set_presenters",
    "standing",
    "update_action_item",
    "update_event",
    "update_registration",
]
