"""Sharing a case with another unit and revoking it."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lintas.audit.services import log_action
from lintas.cases import policy
from lintas.cases.models import (
    TLP,
    Case,
    CasePerson,
    CaseShare,
)
from lintas.cases.services.consent import victims_without_consent
from lintas.core.errors import LintasError
from lintas.members.models import Unit, User

# --- shares ---------------------------------------------------------------------------------


def check_share(
    case: Case,
    *,
    unit: Unit,
    by: User,
    include_personal_data: bool = False,
    override_reason: str = "",
    allow_existing_share: bool = False,
) -> tuple[str, list[CasePerson]]:
    """The rules of sharing a case with a unit (also those of referring it): raise LintasError
    when refused; return the override reason that applies and the victims it covers."""
    if unit.body_id != case.body_id:
        raise LintasError(_("The unit belongs to another body."), field="unit")
    if unit.pk == case.owner_unit_id:
        raise LintasError(_("The owner unit already holds this case."), field="unit")
    if case.tlp in {TLP.RED, TLP.AMBER_STRICT}:
        raise LintasError(
            _("A %(label)s case is not shared with units: widen the label first.")
            % {"label": case.get_tlp_display()},
            field="unit",
        )
    if include_personal_data and case.tlp not in {TLP.GREEN, TLP.AMBER}:
        raise LintasError(
            _("Personal data is shared under TLP:GREEN or TLP:AMBER only."),
            field="include_personal_data",
        )
    if not allow_existing_share and case.shares.filter(unit=unit, revoked_at__isnull=True).exists():
        raise LintasError(_("The case is already shared with this unit."), field="unit")
    override_reason = override_reason.strip()
    missing = victims_without_consent(case, unit) if include_personal_data else []
    if missing:
        if not override_reason:
            raise LintasError(
                _(
                    "%(count)d victim(s) have not consented to sharing their data with this "
                    "unit. Record their consent, or share without personal data."
                )
                % {"count": len(missing)},
                field="include_personal_data",
            )
        policy.require(policy.can_override_consent(by, case))
    else:
        override_reason = ""
    return override_reason, missing


@transaction.atomic
def share_with_unit(
    case: Case,
    *,
    unit: Unit,
    by: User,
    include_personal_data: bool = False,
    override_reason: str = "",
) -> CaseShare:
    """Share a case with another unit of the body.

    A victim's personal data goes only with the victim's consent to that unit; without it, the
    owner unit's focal point may override with a reason, which is recorded and audited. A refusal
    saves nothing."""
    policy.require(policy.can_share_case(by, case))
    override_reason, missing = check_share(
        case,
        unit=unit,
        by=by,
        include_personal_data=include_personal_data,
        override_reason=override_reason,
    )
    share = CaseShare.objects.create(
        case=case,
        unit=unit,
        includes_personal_data=include_personal_data,
        consent_override_reason=override_reason,
        granted_by=by,
    )
    log_action(
        "cases.case.shared",
        actor=by,
        body=case.body,
        target=case,
        data={"unit": unit.pk, "personal_data": include_personal_data},
    )
    if override_reason:
        log_action(
            "cases.consent.overridden",
            actor=by,
            body=case.body,
            target=case,
            data={"unit": unit.pk, "victims": [p.pk for p in missing]},
            reason=override_reason,
        )
    return share


@transaction.atomic
def revoke_share(share: CaseShare, *, by: User, reason: str = "") -> CaseShare:
    case = share.case
    policy.require(policy.can_share_case(by, case))
    if share.revoked_at is not None:
        return share
    share.revoked_at = timezone.now()
    share.revoked_by = by
    share.save(update_fields=["revoked_at", "revoked_by"])
    log_action(
        "cases.case.share_revoked",
        actor=by,
        body=case.body,
        target=case,
        data={"unit": share.unit_id},
        reason=reason,
    )
    return share
