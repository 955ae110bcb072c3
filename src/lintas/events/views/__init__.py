"""Pages of events, by topic: the agenda and its editor, delegates, attendance, learning
(materials, surveys, certificates) and action items. Each view: access check (through the
policy), action, response."""

from lintas.events.views.actions import action_items
from lintas.events.views.agenda import (
    agenda_editor,
    agenda_ics,
    agenda_pdf,
    event_create,
    event_detail,
    event_edit,
    event_list,
    my_ics,
    session_detail,
)
from lintas.events.views.attendance import attendance_csv, attendance_page, check_in_page
from lintas.events.views.delegates import (
    badge_pdf,
    badges_pdf,
    delegate_detail,
    delegates,
    visa_letter,
)
from lintas.events.views.learning import (
    certificate_pdf,
    certificates,
    material_download,
    materials_upload,
    survey_answer,
    surveys,
    verify_certificate,
)

__all__ = [
    "action_items",
    "agenda_editor",
    "agenda_ics",
    "agenda_pdf",
    "attendance_csv",
    "attendance_page",
    "badge_pdf",
    "badges_pdf",
    "certificate_pdf",
    "certificates",
    "check_in_page",
    "delegate_detail",
    "delegates",
    "event_create",
    "event_detail",
    "event_edit",
    "event_list",
    "material_download",
    "materials_upload",
    "my_ics",
    "session_detail",
    "survey_answer",
    "surveys",
    "verify_certificate",
    "visa_letter",
]
