"""A unit's report while it is a draft: starting it, and saving answers to it.

Every save is kept as a revision; a save that names an older revision changes nothing and is
kept aside in the history (``SubmissionRevision`` in the state "conflict")."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lintas.audit.services import log_action
from lintas.core.errors import ConflictError, LintasError
from lintas.members.models import Unit
from lintas.reporting import periods, policy, selectors, validation
from lintas.reporting.models import Obligation, Submission, SubmissionRevision, TemplateVersion
from lintas.reporting.services.answers import InvalidAnswers, check_answers, field_specs
from lintas.reporting.services.locks import refuse_if_locked
from lintas.reporting.services.templates import latest_version

State = Submission.State


def _owes(obligation: Obligation, unit: Unit, period: periods.Period) -> bool:
    return periods.unit_owes(period, unit.joined_on, unit.left_on) and (
        obligation.units.filter(pk=unit.pk).exists()
    )


@transaction.atomic
def start_submission(
    *, obligation: Obligation, unit: Unit, period_key: str, by: policy.Actor
) -> Submission:
    """The draft of a unit's report for a period (created on first use, returned after)."""
    if by is not policy.SYSTEM:
        policy.require(policy.can_fill_for(by, unit))
    try:
        period = obligation.period(period_key)
    except ValueError as exc:
        raise LintasError(str(exc), field="period") from None
    if not _owes(obligation, unit, period):
        raise LintasError(_("This unit does not owe this report for this period."))
    existing = Submission.objects.filter(
        obligation=obligation, unit=unit, period_key=period.key
    ).first()
    if existing is not None:
        return existing
    version = latest_version(obligation.template)
    check = check_answers(version, {}, require=False)
    submission = Submission.objects.create(
        obligation=obligation,
        unit=unit,
        period_key=period.key,
        period_start=period.start,
        period_end=period.end,
        version=version,
        data=check.data,
        required_total=check.required_total,
        required_filled=check.required_filled,
        updated_by=policy.acting_user(by),
    )
    log_action(
        "reporting.submission.started",
        actor=by,
        body=obligation.body,
        target=submission,
    )
    return submission


def locked_submission(pk: int, *, version: TemplateVersion | None = None) -> Submission:
    """The submission, locked until the transaction ends, with what a save or a submit reads:
    its obligation and body, its unit, and its template version with sections, fields and rules
    (``version`` when the caller has already read it with them). A fixed number of queries."""
    query = (
        Submission.objects.select_for_update(of=("self",))
        .select_related("obligation__body", "unit", "updated_by")
        .order_by()
    )
    current = query.get(pk=pk)
    if version is None or version.pk != current.version_id:
        version = selectors.version_with_fields(current.version_id)
    current.version = version
    return current


def save_draft(
    submission: Submission,
    *,
    data: dict[str, Any],
    revision: int,
    by: policy.Actor,
    source: str = "web",
    comments: dict[str, Any] | None = None,
    language: str | None = None,
    version: TemplateVersion | None = None,
) -> Submission:
    """Save answers, written as ``language`` says (see ``check_answers``), and with
    ``comments`` the comments on numeric answers (they replace the saved ones; without them the
    saved ones stay). A save based on an older revision is refused and kept aside: nothing that
    anyone typed is lost, and nobody's work is silently overwritten; its answers are checked
    first like any others, and refused (``InvalidAnswers``) when they could not be saved. Warnings
    do not stop a draft. ``version``: the submission's template version with its fields, when
    the caller has read it already."""
    if by is not policy.SYSTEM:
        policy.require(policy.can_edit_submission(by, submission))
    with transaction.atomic():
        current = locked_submission(submission.pk, version=version)
        saved = save_locked(
            current,
            data=data,
            revision=revision,
            by=by,
            source=source,
            comments=comments,
            language=language,
        )
    if not saved:
        raise conflict(current)
    submission.__dict__.update(current.__dict__)
    return current


def save_locked(
    current: Submission,
    *,
    data: dict[str, Any],
    revision: int,
    by: policy.Actor,
    source: str,
    comments: dict[str, Any] | None,
    language: str | None,
) -> bool:
    """Save answers to a submission locked by ``locked_submission``; False when the save named an
    older revision and was kept aside (the caller raises ``conflict`` after the commit)."""
    if current.state not in {State.DRAFT, State.RETURNED}:
        raise LintasError(
            _("This report is %(state)s and cannot be changed.")
            % {"state": current.get_state_display().lower()}
        )
    refuse_if_locked(current)
    # Checked and cleaned first, the answers of a save on an older revision too: what is kept
    # aside is clean (no NaN, no NUL, nothing past what the database holds), and answers a
    # save would refuse are refused, naming their fields.
    check = check_answers(current.version, data, require=False, language=language)
    notes, comment_errors = (
        validation.check_comments(field_specs(current.version), comments, t=_)
        if comments is not None
        else (current.comments, {})
    )
    if check.errors or comment_errors:
        raise InvalidAnswers(_merge(check.errors, comment_errors))
    if revision == current.revision:
        current.data = check.data
        current.comments = notes
        current.required_total = check.required_total
        current.required_filled = check.required_filled
        current.revision += 1
        current.updated_by = policy.acting_user(by)
        current.save()
        SubmissionRevision.objects.create(
            submission=current,
            number=_next_revision_number(current),
            state=current.state,
            data=current.data,
            comments=current.comments,
            by=policy.acting_user(by),
            source=source,
        )
        return True
    # Someone saved in between: keep this person's answers in the history, change nothing.
    SubmissionRevision.objects.create(
        submission=current,
        number=_next_revision_number(current),
        state="conflict",
        data=check.data,
        comments=notes if comments is not None else {},
        by=policy.acting_user(by),
        source=source,
    )
    return False


def conflict(current: Submission) -> ConflictError:
    """The refusal of a save based on an older revision than ``current``'s."""
    who = current.updated_by.full_name if current.updated_by else _("someone")
    return ConflictError(
        _(
            "%(who)s saved this report at %(when)s, after you opened it. Your changes were "
            "not applied; they are kept in the report's history. Reload to see both."
        )
        % {"who": who, "when": timezone.localtime(current.updated_at).strftime("%H:%M")}
    )


def _merge(*found: dict[str, list[str]]) -> dict[str, list[str]]:
    merged: dict[str, list[str]] = {}
    for errors in found:
        for code, messages in errors.items():
            merged.setdefault(code, []).extend(messages)
    return merged


def _next_revision_number(submission: Submission) -> int:
    last = submission.revisions.order_by("-number").values_list("number", flat=True).first()
    return (last or 0) + 1
