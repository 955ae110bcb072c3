"""A report's way after its draft: submitted, validated, accepted or returned to its unit.

Each step is recorded as a ``Transition``; the secretariat and the unit are told after commit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lintas.audit.services import log_action
from lintas.core.errors import LintasError
from lintas.reporting import periods, policy, validation
from lintas.reporting.models import Submission, TemplateVersion, Transition
from lintas.reporting.notices import send_arrival_notice, send_return_notice
from lintas.reporting.services.answers import InvalidAnswers, check_answers, value_warnings
from lintas.reporting.services.drafts import conflict, locked_submission, save_locked
from lintas.reporting.services.locks import refuse_if_locked

State = Submission.State


def _move(
    submission: Submission,
    to: str,
    *,
    by: policy.Actor,
    reason: str = "",
    now: dt.datetime | None = None,
) -> None:
    Transition.objects.create(
        submission=submission,
        from_state=submission.state,
        to_state=to,
        by=policy.acting_user(by),
        reason=reason,
        revision=submission.revision,
    )
    submission.state = to
    submission.updated_by = policy.acting_user(by)


ALLOWED: dict[str, set[str]] = {
    "submit": {State.DRAFT, State.RETURNED},
    "validate": {State.AWAITING_VALIDATION},
    "accept": {State.SUBMITTED},
    "return": {State.AWAITING_VALIDATION, State.SUBMITTED, State.ACCEPTED},
}


def _refuse_transition(submission: Submission, action: str) -> None:
    if submission.state not in ALLOWED[action]:
        raise LintasError(
            _("A report that is %(state)s cannot be %(action)s.")
            % {
                "state": submission.get_state_display().lower(),
                "action": {
                    "submit": _("submitted"),
                    "validate": _("validated"),
                    "accept": _("accepted"),
                    "return": _("returned"),
                }[action],
            }
        )


def submit_report(
    submission: Submission,
    *,
    by: policy.Actor,
    data: dict[str, Any] | None = None,
    revision: int | None = None,
    source: str = "web",
    comments: dict[str, Any] | None = None,
    language: str | None = None,
    version: TemplateVersion | None = None,
) -> Submission:
    """Send the report on. Refused while an answer is missing, breaks a rule, or has a warning
    (soft limit, unusual for the unit) that no comment explains. With ``data`` or ``comments``
    they are saved first, in the same transaction and under the same lock; a refused submit
    keeps them saved as the draft. ``version``: the template version with its fields, when the
    caller has read it already."""
    if by is not policy.SYSTEM:
        policy.require(policy.can_edit_submission(by, submission))
    refused: LintasError | None = None
    with transaction.atomic():
        current = locked_submission(submission.pk, version=version)
        if data is not None or comments is not None:
            saved = save_locked(
                current,
                data=current.data if data is None else data,
                revision=current.revision if revision is None else revision,
                by=by,
                source=source,
                comments=comments,
                # answers already saved are in their stored form, whoever sends the comments
                language=None if data is None else language,
            )
            if not saved:
                refused = conflict(current)
        if refused is None:
            try:
                _submit_locked(current, by=by)
            except LintasError as exc:  # raised before it writes anything: the save stays
                refused = exc
    submission.__dict__.update(current.__dict__)
    if refused is not None:
        raise refused
    return current


def _submit_locked(submission: Submission, *, by: policy.Actor) -> Submission:
    """Submit a submission locked by ``locked_submission``. Every refusal comes before the
    first write."""
    current = submission
    _refuse_transition(current, "submit")
    refuse_if_locked(current)
    check = check_answers(current.version, current.data, require=True)
    if check.errors:
        raise InvalidAnswers(check.errors)
    warnings = value_warnings(current, current.data)
    waiting = validation.unexplained(warnings, current.comments, t=_)
    if waiting:
        raise InvalidAnswers(waiting)
    now = timezone.now()
    needs_validation = current.obligation.requires_validation
    _move(
        current,
        State.AWAITING_VALIDATION if needs_validation else State.SUBMITTED,
        by=by,
    )
    current.required_total = check.required_total
    current.required_filled = check.required_filled
    current.return_reason = ""
    if not needs_validation:
        _mark_arrival(current, now)
    current.save()
    # The version sent is labelled by what it became (submitted, awaiting validation), not by the
    # draft or returned state it was saved in.
    sent = current.revisions.exclude(state="conflict").order_by("-number").first()
    if sent is not None and sent.data == current.data:
        sent.state = current.state
        sent.save(update_fields=["state"])
    log_action(
        "reporting.submission.submitted",
        actor=by,
        body=current.obligation.body,
        target=current,
        data={"state": current.state, "revision": current.revision},
    )
    if not needs_validation:
        transaction.on_commit(lambda: send_arrival_notice(current.pk))
    return current


def _mark_arrival(submission: Submission, now: dt.datetime) -> None:
    """The report reached the secretariat: record the first arrival and the first complete one."""
    submission.submitted_at = now
    if submission.first_submitted_at is None:
        submission.first_submitted_at = now
    complete = submission.required_filled >= submission.required_total
    if complete and submission.first_complete_at is None:
        submission.first_complete_at = now
        submission.first_complete_on = periods.local_date(now, submission.obligation.body.tzinfo)


@transaction.atomic
def validate_report(submission: Submission, *, by: policy.Actor) -> Submission:
    if by is not policy.SYSTEM:
        policy.require(policy.can_validate_for(by, submission.unit))
    current = Submission.objects.select_for_update().order_by().get(pk=submission.pk)
    _refuse_transition(current, "validate")
    _move(current, State.SUBMITTED, by=by)
    _mark_arrival(current, timezone.now())
    current.save()
    log_action(
        "reporting.submission.validated", actor=by, body=current.obligation.body, target=current
    )
    transaction.on_commit(lambda: send_arrival_notice(current.pk))
    submission.__dict__.update(current.__dict__)
    return current


@transaction.atomic
def accept_report(submission: Submission, *, by: policy.Actor) -> Submission:
    if by is not policy.SYSTEM:
        policy.require(policy.can_manage_reporting(by, submission.obligation.body))
    current = Submission.objects.select_for_update().order_by().get(pk=submission.pk)
    _refuse_transition(current, "accept")
    _move(current, State.ACCEPTED, by=by)
    current.accepted_at = timezone.now()
    current.save()
    log_action(
        "reporting.submission.accepted", actor=by, body=current.obligation.body, target=current
    )
    submission.__dict__.update(current.__dict__)
    return current


@transaction.atomic
def return_report(submission: Submission, *, by: policy.Actor, reason: str) -> Submission:
    """Send a report back to its unit with the reasons, which the unit sees and answers."""
    current = Submission.objects.select_for_update().order_by().get(pk=submission.pk)
    if by is not policy.SYSTEM:
        body = current.obligation.body
        if current.state == State.AWAITING_VALIDATION:
            policy.require(
                policy.can_validate_for(by, current.unit) or policy.can_manage_reporting(by, body)
            )
        else:
            policy.require(policy.can_manage_reporting(by, body))
    _refuse_transition(current, "return")
    reason = reason.strip()
    if not reason:
        raise LintasError(_("Say what needs fixing: the unit will see it."), field="reason")
    _move(current, State.RETURNED, by=by, reason=reason)
    current.return_reason = reason
    current.accepted_at = None
    current.save()
    log_action(
        "reporting.submission.returned",
        actor=by,
        body=current.obligation.body,
        target=current,
        reason=reason,
    )
    transaction.on_commit(lambda: send_return_notice(current.pk))
    submission.__dict__.update(current.__dict__)
    return current
