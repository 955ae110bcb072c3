"""Progress updates as reporting obligations: each activity's lead units owe one per period of
the phase (quarterly by default), through the reporting regime's own deadlines, reminders,
escalation, matrix and return with reasons. One template per body serves every activity."""

from __future__ import annotations

from django.db import transaction

from lintas.audit.services import log_action
from lintas.members.models import Body
from lintas.plans import policy
from lintas.plans.models import Activity, Phase
from lintas.plans.services.common import allow
from lintas.reporting import services as reporting
from lintas.reporting.models import ReportTemplate

TEMPLATE_CODE = "plans-progress"
DUE_DAYS = 15

STRUCTURE = {
    "sections": [
        {
            "code": "progress",
            "title": {"en": "Progress", "vi": "Tiến độ", "id": "Kemajuan"},
            "fields": [
                {
                    "code": "status",
                    "type": "choice",
                    "required": True,
                    "label": {"en": "Status", "vi": "Tình trạng", "id": "Status"},
                    "choices": [
                        {"value": value, "label": label}
                        for value, label in (
                            (
                                "under_way",
                                {
                                    "en": "Under way",
                                    "vi": "Đang thực hiện",
                                    "id": "Sedang berjalan",
                                },
                            ),
                            ("delayed", {"en": "Delayed", "vi": "Bị chậm", "id": "Tertunda"}),
                            ("done", {"en": "Done", "vi": "Đã xong", "id": "Selesai"}),
                        )
                    ],
                },
                {
                    "code": "achieved",
                    "type": "long_text",
                    "required": True,
                    "label": {
                        "en": "What was done in the period",
                        "vi": "Những việc đã làm trong kỳ",
                        "id": "Yang dikerjakan dalam periode ini",
                    },
                },
                {
                    "code": "difficulties",
                    "type": "long_text",
                    "label": {
                        "en": "Difficulties and support needed",
                        "vi": "Khó khăn và hỗ trợ cần thiết",
                        "id": "Kesulitan dan dukungan yang dibutuhkan",
                    },
                },
            ],
        }
    ]
}


def progress_template(body: Body, *, by: policy.Actor) -> ReportTemplate:
    found = ReportTemplate.objects.filter(body=body, code=TEMPLATE_CODE).first()
    return found or reporting.create_template(
        body=body,
        code=TEMPLATE_CODE,
        name={
            "en": "Progress update of an activity",
            "vi": "Cập nhật tiến độ hoạt động",
            "id": "Pembaruan kemajuan kegiatan",
        },
        structure=STRUCTURE,
        by=by,
    )


@transaction.atomic
def open_progress_updates(phase: Phase, *, by: policy.Actor) -> int:
    """An obligation for each activity that has none yet, owed by its lead units for every
    period of the activity. Returns how many were opened."""
    allow(by, lambda p: policy.can_manage_plans(p, phase.body))
    template = progress_template(phase.body, by=by)
    opened = 0
    activities = phase.activities.filter(obligation__isnull=True).prefetch_related("lead_units")
    for activity in activities:
        obligation = reporting.define_obligation(
            body=phase.body,
            template=template,
            units=activity.lead_units.all(),
            period_type=phase.period_type,
            starts_on=activity.starts_on,
            ends_on=activity.ends_on,
            due_days=DUE_DAYS,
            escalation_days=14,
            name={
                lang: f"{activity.code} · {text}"[:200]
                for lang, text in (activity.title or {"en": activity.code}).items()
            },
            by=by,
        )
        Activity.objects.filter(pk=activity.pk).update(obligation=obligation)
        opened += 1
    log_action(
        "plans.progress_updates.opened",
        actor=by,
        body=phase.body,
        target=phase,
        data={"obligations": opened},
    )
    return opened
