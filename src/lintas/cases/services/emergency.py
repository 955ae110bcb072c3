"""Emergency access ("break the glass"): a member of the body reads one case for at most 24
hours, with a written reason; the owner unit is told, and the access can be ended early."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lintas.audit.services import log_action
from lintas.cases import policy
from lintas.cases.models import TLP, Case, EmergencyAccess
from lintas.cases.services.referrals import _access_link, _tell
from lintas.core.errors import LintasError
from lintas.members.models import User
from lintas.members.selectors import acting_people_of

MAX_EMERGENCY_HOURS = 24
# A reason others can check afterwards: "ok" or "urgent" says nothing.
MIN_REASON_LENGTH = 15
MIN_REASON_WORDS = 3


@transaction.atomic
def break_glass(case: Case, *, user: User, reason: str, hours: int = 4) -> EmergencyAccess:
    """Give a member of the body access to one case for ``hours`` (1 to 24), with a reason."""
    policy.hide(policy.can_break_glass(user, case) or policy.can_see_case(user, case))
    policy.require(policy.can_break_glass(user, case))
    if not reason.strip():
        raise LintasError(_("Say why you need access to this case now."), field="reason")
    if len(reason.strip()) < MIN_REASON_LENGTH or len(reason.split()) < MIN_REASON_WORDS:
        raise LintasError(
            _(
                "The reason for emergency access must say what is happening, in at least "
                "%(words)d words and %(chars)d characters."
            )
            % {"words": MIN_REASON_WORDS, "chars": MIN_REASON_LENGTH},
            field="reason",
        )
    if not 1 <= hours <= MAX_EMERGENCY_HOURS:
        raise LintasError(
            _("Emergency access lasts from 1 to %(max)d hours.") % {"max": MAX_EMERGENCY_HOURS},
            field="hours",
        )
    now = timezone.now()
    access = EmergencyAccess.objects.create(
        case=case,
        user=user,
        reason=reason.strip(),
        granted_at=now,
        expires_at=now + dt.timedelta(hours=hours),
    )
    log_action(
        "cases.case.glass_broken",
        actor=user,
        body=case.body,
        target=case,
        data={"access": access.pk, "hours": hours, "expires_at": access.expires_at.isoformat()},
        reason=access.reason,
    )
    owners = {u.pk: u for u in acting_people_of(case.owner_unit)}
    if case.tlp == TLP.RED:
        named = case.red_access.filter(revoked_at__isnull=True).values_list("user_id", flat=True)
        owners = {pk: u for pk, u in owners.items() if pk in set(named)}
    _tell(
        owners.values(),
        case=case,
        kind="glass_broken",
        subject=gettext_noop("Emergency access to %(case)s"),
        text=gettext_noop(
            "%(person)s broke the glass on %(case)s for %(hours)d hour(s). Reason: %(reason)s"
        ),
        link=_access_link(case),
        values={"person": user.full_name or user.email, "hours": hours, "reason": access.reason},
    )
    return access


@transaction.atomic
def end_emergency_access(access: EmergencyAccess, *, by: User) -> EmergencyAccess:
    """End emergency access early: the person who holds it, or the owner unit's focal point."""
    case = access.case
    policy.require(policy.can_end_emergency_access(by, access))
    if access.ended_at is not None:
        return access
    access.ended_at = timezone.now()
    access.ended_by = by
    access.save(update_fields=["ended_at", "ended_by"])
    log_action(
        "cases.case.emergency_ended",
        actor=by,
        body=case.body,
        target=case,
        data={"access": access.pk, "person": access.user_id},
    )
    return access
