"""Writes for reporting: templates, obligations, submissions and their state machine.

Every function is atomic, audited, and raises LintasError (or its ConflictError) when refused.

By topic: ``templates`` (create and revise a template), ``answers`` (a version's questions as
validation specs, the check of answers against them, the warnings; nothing written),
``obligations``, ``locks`` (a period's lock and the exceptions that open it again),
``drafts`` (start a report, save its answers, keep a stale save aside), ``lifecycle``
(submit, validate, accept, return) and ``uploads`` (a filled offline workbook taken in as the
draft). Callers import this package (``services.save_draft``).
"""

from lintas.reporting.services.answers import (
    InvalidAnswers,
    check_answers,
    field_specs,
    rule_specs,
    value_warnings,
)
from lintas.reporting.services.drafts import save_draft, start_submission
from lintas.reporting.services.lifecycle import (
    accept_report,
    return_report,
    submit_report,
    validate_report,
)
from lintas.reporting.services.locks import grant_exception, is_locked
from lintas.reporting.services.obligations import change_obligation, define_obligation
from lintas.reporting.services.templates import create_template, latest_version, revise_template
from lintas.reporting.services.uploads import upload_workbook

__all__ = [
    "InvalidAnswers",
    "accept_report",
    "change_obligation",
    "check_answers",
    "create_template",
    "define_obligation",
    "field_specs",
    "grant_exception",
    "is_locked",
    "latest_version",
    "return_report",
    "revise_template",
    "rule_specs",
    "save_draft",
    "start_submission",
    "submit_report",
    "upload_workbook",
    "validate_report",
    "value_warnings",
]
