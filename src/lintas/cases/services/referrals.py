"""Referrals, transfers and emergency access ("break the glass") for cases.

A referral moves requested → accepted | declined → closed. Accepting a referral shares the case
with the receiving unit; accepting a transfer makes the receiver the owner unit and keeps a read
share for the sender unless the sender gave it up when asking. Every
step is audited and the people concerned are told in their own language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lintas.audit.services import log_action
from lintas.cases import policy
from lintas.cases.models import TLP, Case, CaseShare, Referral
from lintas.cases.services.consent import victims_without_consent
from lintas.cases.services.sharing import check_share
from lintas.core.errors import LintasError
from lintas.members.models import Unit, User
from lintas.members.selectors import acting_people_of
from lintas.notices.services import notify


def _tell(
    users: Iterable[User],
    *,
    case: Case,
    kind: str,
    subject: str,
    text: str,
    link: str,
    values: Mapping[str, object],
) -> int:
    """Tell each person about a case, in their language (``notices.notify``); notices name the
    case by its reference (%(case)s), which every person told here may read."""
    made = notify(
        users,
        body=case.body,
        kind=kind,
        subject=subject,
        text=text,
        link=link,
        values={"case": case.reference, **values},
    )
    return len(made)


def _inbox_link(case: Case) -> str:
    return reverse("cases:referral-inbox", args=[case.body.slug])


def _access_link(case: Case) -> str:
    return reverse("cases:access", args=[case.body.slug, case.pk])


# --- referrals ------------------------------------------------------------------------------


@transaction.atomic
def request_referral(
    case: Case,
    *,
    to_unit: Unit,
    by: User,
    due_on: dt.date,
    kind: str = Referral.Kind.REFERRAL,
    reason: str = "",
    include_personal_data: bool = False,
    override_reason: str = "",
    keep_sender_access: bool = True,
) -> Referral:
    """Refer or transfer a case to another unit. The sharing rules apply as they stand now
    (label, victims' consent or a recorded override) and again when the receiver accepts."""
    policy.require(policy.can_refer_case(by, case))
    if kind not in Referral.Kind.values:
        raise LintasError(_("Unknown kind of referral."), field="kind")
    if due_on < timezone.localdate():
        raise LintasError(_("The due date cannot be in the past."), field="due_on")
    if kind == Referral.Kind.TRANSFER:
        include_personal_data = True  # the new owner holds everything
    override_reason, missing = check_share(
        case,
        unit=to_unit,
        by=by,
        include_personal_data=include_personal_data,
        override_reason=override_reason,
        allow_existing_share=kind == Referral.Kind.TRANSFER,
    )
    if case.referrals.filter(to_unit=to_unit, state=Referral.State.REQUESTED).exists():
        raise LintasError(_("A request to this unit is already waiting."), field="to_unit")
    referral = Referral.objects.create(
        case=case,
        from_unit=case.owner_unit,
        to_unit=to_unit,
        kind=kind,
        due_on=due_on,
        reason=reason.strip(),
        includes_personal_data=include_personal_data,
        consent_override_reason=override_reason,
        keep_sender_access=keep_sender_access or kind == Referral.Kind.REFERRAL,
        requested_by=by,
    )
    log_action(
        "cases.referral.requested",
        actor=by,
        body=case.body,
        target=case,
        data={
            "referral": referral.pk,
            "kind": kind,
            "to_unit": to_unit.pk,
            "personal_data": include_personal_data,
            "keep_sender_access": referral.keep_sender_access,
            "due_on": due_on.isoformat(),
        },
    )
    if override_reason:
        log_action(
            "cases.consent.overridden",
            actor=by,
            body=case.body,
            target=case,
            data={"unit": to_unit.pk, "victims": [p.pk for p in missing]},
            reason=override_reason,
        )
    _tell(
        acting_people_of(to_unit),
        case=case,
        kind="referral_requested",
        subject=gettext_noop("A case is referred to %(unit)s"),
        text=gettext_noop(
            "%(from)s asks %(unit)s to take %(case)s (%(kind)s). Please accept or decline "
            "by %(due)s."
        ),
        link=_inbox_link(case),
        values={
            "unit": to_unit.name,
            "from": case.owner_unit.name,
            "kind": Referral.Kind(referral.kind).label,
            "due": due_on,
        },
    )
    return referral


def _answerable(referral: Referral, by: User) -> Case:
    policy.hide(policy.can_see_referral(by, referral))
    policy.require(policy.can_answer_referral(by, referral))
    if referral.state != Referral.State.REQUESTED:
        raise LintasError(_("This request has already been answered."))
    return referral.case


@transaction.atomic
def accept_referral(referral: Referral, *, by: User) -> Referral:
    case = (
        Case.objects.select_for_update()
        .select_related("body", "owner_unit")
        .get(pk=referral.case_id)
    )
    referral.case = case
    _answerable(referral, by)
    if case.owner_unit_id != referral.from_unit_id or case.tlp in {TLP.RED, TLP.AMBER_STRICT}:
        raise LintasError(_("The case has changed since the request: ask the sender again."))
    if (
        referral.includes_personal_data
        and not referral.consent_override_reason
        and victims_without_consent(case, referral.to_unit)
    ):
        raise LintasError(_("A victim's consent was withdrawn since the request."))
    now = timezone.now()
    if referral.kind == Referral.Kind.TRANSFER:
        # The receiver takes the case over: its own references must stay distinct (the
        # receiver knows its own cases, so saying so shows nothing hidden).
        if Case.objects.filter(owner_unit=referral.to_unit, reference=case.reference).exists():
            raise LintasError(
                _(
                    "Your unit already has a case with the reference %(reference)s: rename one "
                    "of them before taking this case over."
                )
                % {"reference": case.reference}
            )
        case.shares.filter(unit=referral.to_unit, revoked_at__isnull=True).update(
            revoked_at=now, revoked_by=by
        )
        case.owner_unit = referral.to_unit
        case.save(update_fields=["owner_unit", "updated_at"])
        if referral.keep_sender_access:
            CaseShare.objects.create(
                case=case,
                unit=referral.from_unit,
                includes_personal_data=True,
                consent_override_reason="Former owner unit: kept its access after a transfer.",
                granted_by=referral.requested_by,
            )
    elif not case.shares.filter(unit=referral.to_unit, revoked_at__isnull=True).exists():
        CaseShare.objects.create(
            case=case,
            unit=referral.to_unit,
            includes_personal_data=referral.includes_personal_data,
            consent_override_reason=referral.consent_override_reason,
            granted_by=referral.requested_by,
        )
    referral.state = Referral.State.ACCEPTED
    referral.answered_by = by
    referral.answered_at = now
    referral.save(update_fields=["state", "answered_by", "answered_at"])
    log_action(
        "cases.referral.accepted",
        actor=by,
        body=case.body,
        target=case,
        data={"referral": referral.pk, "kind": referral.kind, "to_unit": referral.to_unit_id},
    )
    if referral.kind == Referral.Kind.TRANSFER:
        log_action(
            "cases.case.transferred",
            actor=by,
            body=case.body,
            target=case,
            data={
                "from_unit": referral.from_unit_id,
                "to_unit": referral.to_unit_id,
                "sender_keeps_access": referral.keep_sender_access,
            },
        )
    _tell_sender(referral, subject=gettext_noop("%(unit)s accepted %(case)s"), kind="accepted")
    return referral


@transaction.atomic
def decline_referral(referral: Referral, *, by: User, reason: str) -> Referral:
    _answerable(referral, by)
    if not reason.strip():
        raise LintasError(_("Say why you decline."), field="reason")
    referral.state = Referral.State.DECLINED
    referral.decline_reason = reason.strip()
    referral.answered_by = by
    referral.answered_at = timezone.now()
    referral.save(update_fields=["state", "decline_reason", "answered_by", "answered_at"])
    log_action(
        "cases.referral.declined",
        actor=by,
        body=referral.case.body,
        target=referral.case,
        data={"referral": referral.pk, "to_unit": referral.to_unit_id},
        reason=referral.decline_reason,
    )
    _tell_sender(referral, subject=gettext_noop("%(unit)s declined %(case)s"), kind="declined")
    return referral


def _tell_sender(referral: Referral, *, subject: str, kind: str) -> None:
    case = referral.case
    _tell(
        acting_people_of(referral.from_unit),
        case=case,
        kind=f"referral_{kind}",
        subject=subject,
        text=gettext_noop("%(unit)s answered the request about %(case)s. %(reason)s"),
        link=_inbox_link(case),
        values={"unit": referral.to_unit.name, "reason": referral.decline_reason},
    )


@transaction.atomic
def close_referral(referral: Referral, *, by: User) -> Referral:
    """Close a referral (either side) or withdraw an unanswered request (the sender). Closing
    does not revoke the share an accepted referral made: that is revoked like any share."""
    policy.hide(policy.can_see_referral(by, referral))
    policy.require(policy.can_close_referral(by, referral))
    if referral.state == Referral.State.CLOSED:
        return referral
    referral.state = Referral.State.CLOSED
    referral.closed_by = by
    referral.closed_at = timezone.now()
    referral.save(update_fields=["state", "closed_by", "closed_at"])
    log_action(
        "cases.referral.closed",
        actor=by,
        body=referral.case.body,
        target=referral.case,
        data={"referral": referral.pk},
    )
    return referral


def send_referral_reminders(now: dt.datetime | None = None) -> int:
    """Remind the receiving unit (and tell the sender) once about each request left unanswered
    past its due date. Each referral is claimed with a conditional update, so a reminder goes
    out once however often this runs."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    due = Referral.objects.filter(
        state=Referral.State.REQUESTED, due_on__lt=today, reminded_at__isnull=True
    ).select_related("case__body", "from_unit", "to_unit")
    sent = 0
    for referral in due:
        with transaction.atomic():
            claimed = Referral.objects.filter(pk=referral.pk, reminded_at__isnull=True).update(
                reminded_at=now
            )
            if not claimed:
                continue
            case = referral.case
            people = {
                u.pk: u
                for u in acting_people_of(referral.to_unit) + acting_people_of(referral.from_unit)
            }
            _tell(
                people.values(),
                case=case,
                kind="referral_overdue",
                subject=gettext_noop("Overdue: %(unit)s has not answered about %(case)s"),
                text=gettext_noop(
                    "%(unit)s was asked to answer by %(due)s about %(case)s and has not yet. "
                    "Please accept or decline it."
                ),
                link=_inbox_link(case),
                values={"unit": referral.to_unit.name, "due": referral.due_on},
            )
            log_action(
                "cases.referral.reminded",
                body=case.body,
                target=case,
                data={"referral": referral.pk, "to_unit": referral.to_unit_id},
            )
            sent += 1
    return sent
