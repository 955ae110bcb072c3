"""Writes for reporting: templates, obligations, submissions and their state machine.

Every function is atomic, audited, and raises LintasError (or its ConflictError) when refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lintas.audit.services import log_action
from lintas.core.errors import ConflictError, LintasError
from lintas.members.models import Body, Unit
from lintas.reporting import periods, policy, selectors, validation
from lintas.reporting.models import (
    Field,
    Obligation,
    PeriodException,
    ReportTemplate,
    Section,
    Submission,
    SubmissionRevision,
    TemplateVersion,
    Transition,
    ValidationRule,
    localized,
)
from lintas.reporting.selectors import PastValues

State = Submission.State


class InvalidAnswers(LintasError):
    """Answers that do not fit the template; ``errors`` maps field codes to messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(_("Some answers need attention."))
        self.errors = errors


# --- templates ------------------------------------------------------------------------------


def _build_version(version: TemplateVersion, structure: dict[str, Any]) -> None:
    """Create the sections, fields and rules of a version from a plain structure.

    structure = {"sections": [{"code", "title": {…}, "help": {…}, "fields": [{"code", "type",
    "label": {…}, "help": {…}, "required", "required_if", "min", "max", "soft_min",
    "soft_max", "max_length", "choices": [...], "columns": [...], "aggregation"}]}],
    "rules": [{"left", "op", "right", "message": {…}}]}
    """
    seen: set[str] = set()
    for s_order, s in enumerate(structure.get("sections", [])):
        section = Section.objects.create(
            version=version,
            order=s_order,
            code=s["code"],
            title=s.get("title", {}),
            help=s.get("help", {}),
        )
        for f_order, f in enumerate(s.get("fields", [])):
            code = f["code"]
            if code in seen:
                raise LintasError(_("Field code %(code)s is used twice.") % {"code": code})
            seen.add(code)
            if f["type"] not in Field.Type.values:
                raise LintasError(
                    _("Field %(code)s has an unknown type %(type)s.")
                    % {"code": code, "type": f["type"]}
                )
            limits = _limits(code, f)
            Field.objects.create(
                section=section,
                order=f_order,
                code=code,
                type=f["type"],
                label=f.get("label", {"en": code}),
                help=f.get("help", {}),
                required=bool(f.get("required", False)),
                required_if=f.get("required_if"),
                min_value=limits["min"],
                max_value=limits["max"],
                soft_min=limits["soft_min"],
                soft_max=limits["soft_max"],
                max_length=f.get("max_length"),
                choices=f.get("choices", []),
                columns=f.get("columns", []),
                aggregation=f.get("aggregation", Field.Aggregation.SUM),
            )
    for r in structure.get("rules", []):
        if r["left"] not in seen or r["right"] not in seen:
            raise LintasError(_("A rule names a field that does not exist."))
        ValidationRule.objects.create(
            version=version,
            left=r["left"],
            operator=r.get("op", "lte"),
            right=r["right"],
            message=r.get("message", {}),
        )


LIMIT_STEP = Decimal("0.000001")  # limits are kept with six decimals


def _limits(code: str, f: dict[str, Any]) -> dict[str, Decimal | None]:
    """A field's hard and soft limits as numbers, refused with the field's code when they do not
    make sense: on a field that is not a number, beyond what an answer may hold, with more
    than six decimals, or the wrong way round."""
    found: dict[str, Decimal | None] = {}
    for key in ("min", "max", "soft_min", "soft_max"):
        raw = f.get(key)
        number = validation.as_number(raw) if raw is not None and raw != "" else None
        if raw is not None and raw != "" and number is None:
            raise LintasError(
                _("Field %(code)s: the limit %(key)s is not a number.") % {"code": code, "key": key}
            )
        if number is not None and (
            abs(number) > validation.LARGEST or number != number.quantize(LIMIT_STEP)
        ):
            raise LintasError(
                _(
                    "Field %(code)s: the limit %(key)s must have at most 15 digits before the "
                    "decimal point and 6 after it."
                )
                % {"code": code, "key": key}
            )
        found[key] = number
    if any(v is not None for v in found.values()) and f["type"] not in validation.NUMERIC:
        raise LintasError(_("Field %(code)s: only number fields take limits.") % {"code": code})
    pairs = [("min", "max"), ("soft_min", "soft_max"), ("min", "soft_min"), ("soft_max", "max")]
    for low, high in pairs:
        a, b = found[low], found[high]
        if a is not None and b is not None and a > b:
            raise LintasError(
                _("Field %(code)s: %(low)s is above %(high)s.")
                % {"code": code, "low": low, "high": high}
            )
    return found


@transaction.atomic
def create_template(
    *,
    body: Body,
    code: str,
    name: dict[str, str],
    structure: dict[str, Any],
    by: policy.Actor,
    description: dict[str, str] | None = None,
) -> ReportTemplate:
    if by is not policy.SYSTEM:
        policy.require(policy.can_manage_reporting(by, body))
    if ReportTemplate.objects.filter(body=body, code=code).exists():
        raise LintasError(_("A template with this code exists."), field="code")
    template = ReportTemplate.objects.create(
        body=body, code=code, name=name, description=description or {}
    )
    version = TemplateVersion.objects.create(
        template=template, number=1, published_at=timezone.now()
    )
    _build_version(version, structure)
    log_action("reporting.template.created", actor=by, body=body, target=template)
    return template


def latest_version(template: ReportTemplate) -> TemplateVersion:
    version = template.versions.order_by("-number").first()
    if version is None:
        raise LintasError(_("This template has no version."))
    return version


@transaction.atomic
def revise_template(
    template: ReportTemplate, *, structure: dict[str, Any], by: policy.Actor, note: str = ""
) -> TemplateVersion:
    """Change a template. A version that already has submissions is kept as it is: the change
    becomes the next version, which new submissions use."""
    if by is not policy.SYSTEM:
        policy.require(policy.can_manage_reporting(by, template.body))
    current = latest_version(template)
    if Submission.objects.filter(version=current).exists():
        version = TemplateVersion.objects.create(
            template=template, number=current.number + 1, published_at=timezone.now(), note=note
        )
    else:
        current.sections.all().delete()
        current.rules.all().delete()
        current.note = note
        current.save(update_fields=["note", "updated_at"])
        version = current
    _build_version(version, structure)
    log_action(
        "reporting.template.revised",
        actor=by,
        body=template.body,
        target=template,
        data={"version": version.number},
    )
    return version


def field_specs(version: TemplateVersion) -> list[validation.FieldSpec]:
    specs = []
    for section in version.sections.all():
        for f in section.fields.all():
            specs.append(
                validation.FieldSpec(
                    code=f.code,
                    type=f.type,
                    label=f.display_label,
                    required=f.required,
                    required_if=f.required_if,
                    min_value=Decimal(f.min_value) if f.min_value is not None else None,
                    max_value=Decimal(f.max_value) if f.max_value is not None else None,
                    soft_min=Decimal(f.soft_min) if f.soft_min is not None else None,
                    soft_max=Decimal(f.soft_max) if f.soft_max is not None else None,
                    max_length=f.max_length,
                    choices=tuple(c["value"] for c in f.choices or []),
                    columns=tuple(
                        validation.FieldSpec(
                            code=c["code"],
                            type=c.get("type", "short_text"),
                            label=localized(c.get("label")) or c["code"],
                            required=bool(c.get("required", False)),
                            choices=tuple(x["value"] for x in c.get("choices", [])),
                        )
                        for c in f.columns or []
                    ),
                )
            )
    return specs


def rule_specs(version: TemplateVersion) -> list[validation.RuleSpec]:
    return [
        validation.RuleSpec(
            left=r.left,
            operator=r.operator,
            right=r.right,
            message=localized(r.message)
            or _("%(left)s must be %(op)s %(right)s.")
            % {"left": r.left, "op": r.get_operator_display(), "right": r.right},
        )
        for r in version.rules.all()
    ]


def check_answers(
    version: TemplateVersion, raw: dict[str, Any], *, require: bool, language: str | None = None
) -> validation.Result:
    """``language`` says how the answers were written: the page's language for a web form,
    ``validation.JSON`` for the API, None for answers already in their stored form."""
    return validation.check(
        field_specs(version), rule_specs(version), raw, t=_, require=require, language=language
    )


def value_warnings(
    submission: Submission,
    data: dict[str, Any],
    *,
    specs: list[validation.FieldSpec] | None = None,
    past: PastValues | None = None,
) -> dict[str, list[validation.ValueWarning]]:
    """The answers of ``data`` that are allowed but look wrong: beyond a soft limit, or far from
    what the unit reported in its last periods."""
    specs = specs if specs is not None else field_specs(submission.version)
    past = past if past is not None else selectors.values_before(submission)
    return validation.value_warnings(specs, data, past.series, t=_)


# --- obligations ----------------------------------------------------------------------------


@transaction.atomic
def define_obligation(
    *,
    body: Body,
    template: ReportTemplate,
    units: Iterable[Unit],
    period_type: str,
    starts_on: dt.date,
    due_days: int,
    by: policy.Actor,
    timely_days: int | None = None,
    expiry_days: int | None = None,
    ends_on: dt.date | None = None,
    custom_periods: list[list[str]] | None = None,
    requires_validation: bool = False,
    reminder_days_before: list[int] | None = None,
    reminder_days_after: list[int] | None = None,
    escalation_days: int | None = None,
    name: dict[str, str] | None = None,
) -> Obligation:
    if by is not policy.SYSTEM:
        policy.require(policy.can_manage_reporting(by, body))
    if template.body_id != body.pk:
        raise LintasError(_("The template belongs to another body."), field="template")
    unit_list = list(units)
    if any(u.body_id != body.pk for u in unit_list):
        raise LintasError(_("A unit belongs to another body."), field="units")
    obligation = Obligation(
        body=body,
        template=template,
        name=name or {},
        period_type=period_type,
        custom_periods=custom_periods or [],
        starts_on=starts_on,
        ends_on=ends_on,
        due_days=due_days,
        timely_days=due_days if timely_days is None else timely_days,
        expiry_days=expiry_days,
        requires_validation=requires_validation,
        reminder_days_before=reminder_days_before if reminder_days_before is not None else [7, 1],
        reminder_days_after=reminder_days_after if reminder_days_after is not None else [1, 7],
        escalation_days=escalation_days,
    )
    from django.core.exceptions import ValidationError

    try:
        obligation.full_clean(exclude=["units"])
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise LintasError(" ".join(messages), field=field) from None
    obligation.save()
    obligation.units.set(unit_list)
    log_action(
        "reporting.obligation.defined",
        actor=by,
        body=body,
        target=obligation,
        data={"units": len(unit_list), "period_type": period_type, "due_days": due_days},
    )
    return obligation


# --- submissions ----------------------------------------------------------------------------


def _owes(obligation: Obligation, unit: Unit, period: periods.Period) -> bool:
    return periods.unit_owes(period, unit.joined_on, unit.left_on) and (
        obligation.units.filter(pk=unit.pk).exists()
    )


def is_locked(submission: Submission, *, now: dt.datetime | None = None) -> bool:
    obligation = submission.obligation
    if obligation.expiry_days is None:
        return False
    tz = obligation.body.tzinfo
    period = periods.Period(submission.period_start, submission.period_end, submission.period_key)
    lock_day = periods.day_after(period, obligation.expiry_days)
    exception = PeriodException.objects.filter(
        obligation=obligation, unit=submission.unit, period_key=submission.period_key
    ).first()
    if exception is not None:
        lock_day = max(lock_day, exception.open_until)
    return (now or timezone.now()) >= periods.deadline_instant(lock_day, tz)


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


def _locked_refusal(submission: Submission, now: dt.datetime | None = None) -> None:
    if is_locked(submission, now=now):
        raise LintasError(
            _(
                "This period is locked. Ask the secretariat for an exception to submit "
                "after the lock."
            )
        )


def save_draft(
    submission: Submission,
    *,
    data: dict[str, Any],
    revision: int,
    by: policy.Actor,
    source: str = "web",
    comments: dict[str, Any] | None = None,
    language: str | None = None,
) -> Submission:
    """Save answers, written as ``language`` says (see ``check_answers``), and with
    ``comments`` the comments on numeric answers (they replace the saved ones; without them the
    saved ones stay). A save based on an older revision is refused and kept aside: nothing that
    anyone typed is lost, and nobody's work is silently overwritten. Warnings do not stop a
    draft."""
    if by is not policy.SYSTEM:
        policy.require(policy.can_edit_submission(by, submission))
    with transaction.atomic():
        current = Submission.objects.select_for_update().order_by().get(pk=submission.pk)
        if current.state not in {State.DRAFT, State.RETURNED}:
            raise LintasError(
                _("This report is %(state)s and cannot be changed.")
                % {"state": current.get_state_display().lower()}
            )
        _locked_refusal(current)
        if revision == current.revision:
            check = check_answers(current.version, data, require=False, language=language)
            notes, comment_errors = (
                validation.check_comments(field_specs(current.version), comments, t=_)
                if comments is not None
                else (current.comments, {})
            )
            if check.errors or comment_errors:
                raise InvalidAnswers(_merge(check.errors, comment_errors))
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
            submission.__dict__.update(current.__dict__)
            return current
        # Someone saved in between: keep this person's answers in the history, change nothing.
        # They are checked as a save would check them first: what is kept is clean (no NaN, no
        # NUL, nothing past what the database holds), and answers a save would refuse are
        # refused here too, naming their fields.
        check = check_answers(current.version, data, require=False, language=language)
        notes, comment_errors = (
            validation.check_comments(field_specs(current.version), comments, t=_)
            if comments is not None
            else ({}, {})
        )
        if check.errors or comment_errors:
            raise InvalidAnswers(_merge(check.errors, comment_errors))
        SubmissionRevision.objects.create(
            submission=current,
            number=_next_revision_number(current),
            state="conflict",
            data=check.data,
            comments=notes,
            by=policy.acting_user(by),
            source=source,
        )
    who = current.updated_by.full_name if current.updated_by else _("someone")
    raise ConflictError(
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
) -> Submission:
    """Send the report on. Refused while an answer is missing, breaks a rule, or has a warning
    (soft limit, unusual for the unit) that no comment explains."""
    if by is not policy.SYSTEM:
        policy.require(policy.can_edit_submission(by, submission))
    if data is not None or comments is not None:
        save_draft(
            submission,
            data=submission.data if data is None else data,
            revision=submission.revision if revision is None else revision,
            by=by,
            source=source,
            comments=comments,
            # answers already saved are in their stored form, whoever sends the comments
            language=None if data is None else language,
        )
    with transaction.atomic():
        return _submit_locked(submission, by=by)


def _submit_locked(submission: Submission, *, by: policy.Actor) -> Submission:
    current = Submission.objects.select_for_update().order_by().get(pk=submission.pk)
    _refuse_transition(current, "submit")
    _locked_refusal(current)
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
    log_action(
        "reporting.submission.submitted",
        actor=by,
        body=current.obligation.body,
        target=current,
        data={"state": current.state, "revision": current.revision},
    )
    if not needs_validation:
        transaction.on_commit(lambda: _notify_secretariat_of_arrival(current.pk))
    submission.__dict__.update(current.__dict__)
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
    transaction.on_commit(lambda: _notify_secretariat_of_arrival(current.pk))
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
    transaction.on_commit(lambda: _notify_unit_of_return(current.pk))
    submission.__dict__.update(current.__dict__)
    return current


@transaction.atomic
def grant_exception(
    *,
    obligation: Obligation,
    unit: Unit,
    period_key: str,
    open_until: dt.date,
    reason: str,
    by: policy.Actor,
) -> PeriodException:
    if by is not policy.SYSTEM:
        policy.require(policy.can_manage_reporting(by, obligation.body))
    if not reason.strip():
        raise LintasError(_("Give the reason for the exception."), field="reason")
    try:
        obligation.period(period_key)
    except ValueError as exc:
        raise LintasError(str(exc), field="period") from None
    exception, _created = PeriodException.objects.update_or_create(
        obligation=obligation,
        unit=unit,
        period_key=period_key,
        defaults={
            "open_until": open_until,
            "reason": reason.strip(),
            "granted_by": policy.acting_user(by),
        },
    )
    log_action(
        "reporting.exception.granted",
        actor=by,
        body=obligation.body,
        target=exception,
        reason=reason,
        data={"unit": str(unit), "period": period_key, "open_until": str(open_until)},
    )
    return exception


# --- notifications --------------------------------------------------------------------------


def _notify_unit_of_return(submission_id: int) -> None:
    from lintas.reporting.notices import send_return_notice

    send_return_notice(submission_id)


def _notify_secretariat_of_arrival(submission_id: int) -> None:
    from lintas.reporting.notices import send_arrival_notice

    send_arrival_notice(submission_id)
