"""Writes for joint action phases. Every function is atomic, audited, and raises LintasError when
refused, naming the field.

By topic: ``phases`` (phases, pillars, results, activities, milestones), ``indicators``
(definitions in versions, baselines, targets, actuals, computed actuals), ``progress`` (progress
updates as reporting obligations), ``evaluations`` (findings, lessons, good practices,
recommendations, priorities), ``seeding`` (the next phase from the previous one) and
``documents`` (the reports made on the worker).
"""

from lintas.plans.services.documents import build_document, request_document
from lintas.plans.services.evaluations import (
    add_good_practice,
    add_lesson,
    add_priority,
    add_recommendation,
    follow_up_recommendation,
    respond_to_recommendation,
    start_evaluation,
    write_findings,
)
from lintas.plans.services.indicators import (
    add_baseline,
    add_indicator,
    change_definition,
    compute_actuals,
    current_definition,
    record_actual,
    set_label,
    set_target,
)
from lintas.plans.services.phases import (
    add_activity,
    add_milestone,
    add_pillar,
    add_result,
    complete_milestone,
    create_phase,
    edit_result,
    set_activity_status,
    set_phase_status,
)
from lintas.plans.services.progress import open_progress_updates
from lintas.plans.services.seeding import create_next_phase, offers_for

__all__ = [
    "add_activity",
    "add_baseline",
    "add_good_practice",
    "add_indicator",
    "add_lesson",
    "add_milestone",
    "add_pillar",
    "add_priority",
    "add_recommendation",
    "add_result",
    "build_document",
    "change_definition",
    "complete_milestone",
    "compute_actuals",
    "create_next_phase",
    "create_phase",
    "current_definition",
    "edit_result",
    "follow_up_recommendation",
    "offers_for",
    "open_progress_updates",
    "record_actual",
    "request_document",
    "respond_to_recommendation",
    "set_activity_status",
    "set_label",
    "set_phase_status",
    "set_target",
    "start_evaluation",
    "write_findings",
]
