"""Consent of victims to share their data, recorded and withdrawn."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lintas.audit.services import log_action
from lintas.cases import policy
from lintas.cases.models import (
    Case,
    CasePerson,
    ConsentRecord,
)
from lintas.core.errors import LintasError
from lintas.members.models import Unit, User

# --- consent --------------------------------------------------------------------------------


@transaction.atomic
def record_consent(
    person: CasePerson,
    *,
    by: User,
    given_on: dt.date,
    to_unit: Unit | None = None,
    purpose: str = "",
    evidence_note: str = "",
) -> ConsentRecord:
    case = person.case
    policy.require(policy.can_change_case(by, case))
    if not person.is_victim:
        raise LintasError(_("Consent is recorded for victims."))
    if to_unit is None and not purpose.strip():
        raise LintasError(_("Name the unit or the purpose the consent is for."), field="to_unit")
    if to_unit is not None and to_unit.body_id != case.body_id:
        raise LintasError(_("The unit belongs to another body."), field="to_unit")
    if given_on > timezone.localdate():
        raise LintasError(_("Consent cannot be given in the future."), field="given_on")
    consent = ConsentRecord.objects.create(
        person=person,
        to_unit=to_unit,
        purpose=purpose.strip(),
        given_on=given_on,
        evidence_note=evidence_note,
        recorded_by=by,
    )
    log_action(
        "cases.consent.recorded",
        actor=by,
        body=case.body,
        target=person,
        data={"consent": consent.pk, "to_unit": to_unit.pk if to_unit else None},
    )
    return consent


@transaction.atomic
def withdraw_consent(consent: ConsentRecord, *, by: User, reason: str = "") -> ConsentRecord:
    """From now on, the units that relied on this consent no longer read the victim's data."""
    case = consent.person.case
    policy.require(policy.can_change_case(by, case))
    if consent.withdrawn_at is not None:
        return consent
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_by = by
    consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
    log_action(
        "cases.consent.withdrawn",
        actor=by,
        body=case.body,
        target=consent.person,
        data={"consent": consent.pk},
        reason=reason,
    )
    return consent


def victims_without_consent(case: Case, unit: Unit) -> list[CasePerson]:
    consented = ConsentRecord.objects.filter(withdrawn_at__isnull=True, to_unit=unit)
    return list(
        case.persons.filter(role=CasePerson.PersonRole.VICTIM).exclude(
            pk__in=consented.values("person_id")
        )
    )
