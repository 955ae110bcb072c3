"""Passing a message on: within its label at once, wider only with the author unit's approval."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lintas.audit.services import log_action
from lintas.core.errors import LintasError
from lintas.core.tlp import TLP
from lintas.exchange import policy
from lintas.exchange.models import (
    Forward,
    Message,
    Receipt,
)
from lintas.exchange.services.common import (
    _deliver,
    _link,
    _tell_recipients,
)
from lintas.members import selectors as members
from lintas.members.models import Unit, User
from lintas.notices.services import notify


def forward(
    message: Message,
    *,
    from_unit: Unit,
    to_units: Sequence[Unit],
    by: User,
    reason: str = "",
    now: dt.datetime | None = None,
) -> Forward:
    """A recipient unit passes the message on. Within the label it reaches the units at once;
    wider than the label allows it waits for the author's unit, and the units see nothing
    before it approves."""
    now = now or timezone.now()
    root = message.root
    access = policy.message_access(by, root)
    policy.hide(access.reads)
    if root.tlp == TLP.RED:
        raise LintasError(_("A TLP:RED message is never passed on."), field="units")
    policy.require(access.may_forward and from_unit.pk in access.acting_units)
    targets = [u for u in dict.fromkeys(to_units) if u.pk != from_unit.pk]
    if not targets:
        raise LintasError(_("Choose at least one unit."), field="units")
    for unit in targets:
        if unit.body_id != root.body_id:
            raise LintasError(
                _("%(unit)s is not a unit of this body.") % {"unit": unit}, field="units"
            )
    already = set(Receipt.objects.filter(message=root).values_list("unit_id", flat=True))
    targets = [u for u in targets if u.pk not in already]
    if not targets:
        raise LintasError(_("These units have the message already."), field="units")
    at_once = all(policy.forward_allowed_at_once(root, from_unit, u) for u in targets)
    if not at_once and not (reason or "").strip():
        raise LintasError(
            _(
                "Passing this %(label)s message to these units goes wider than its label "
                "allows: say why, and the author's unit will decide."
            )
            % {"label": root.label},
            field="reason",
        )
    with transaction.atomic():
        fwd = Forward.objects.create(
            message=root,
            from_unit=from_unit,
            by=by,
            reason=(reason or "").strip(),
            state=Forward.State.DELIVERED if at_once else Forward.State.PENDING,
        )
        fwd.to_units.set(targets)
        log_action(
            "exchange.forward.delivered" if at_once else "exchange.forward.requested",
            actor=by,
            body=root.body,
            target=root,
            data={"forward": fwd.pk, "from": from_unit.pk, "units": [u.pk for u in targets]},
            reason=fwd.reason,
        )
        if at_once:
            _deliver(root, targets, now=now, forward=fwd)
            _tell_recipients(root, targets, [], code="message_received")
        else:
            people = [p for p in members.acting_people_of(root.author_unit) if p.pk != by.pk]
            if root.author not in people and root.author.is_active:
                people.append(root.author)
            notify(
                people,
                body=root.body,
                kind="forward_requested",
                subject=gettext_noop("%(unit)s asks to pass on a %(label)s message"),
                text=gettext_noop("Approve or decline it in Lintas."),
                link=_link(root),
                values={"unit": from_unit.short_name or from_unit.name, "label": root.label},
            )
    return fwd


def decide_forward(
    fwd: Forward, *, by: User, approve: bool, note: str = "", now: dt.datetime | None = None
) -> Forward:
    """The author's unit approves or declines passing its message on wider than its label."""
    now = now or timezone.now()
    root = fwd.message
    access = policy.message_access(by, root)
    policy.hide(access.reads)
    policy.require(access.author_side)
    with transaction.atomic():
        locked = Forward.objects.select_for_update().get(pk=fwd.pk)
        if locked.state != Forward.State.PENDING:
            raise LintasError(_("This request has been decided already."))
        locked.state = Forward.State.APPROVED if approve else Forward.State.DECLINED
        locked.decided_by = by
        locked.decided_at = now
        locked.decision_note = (note or "").strip()
        locked.save()
        targets = list(locked.to_units.all())
        log_action(
            "exchange.forward.approved" if approve else "exchange.forward.declined",
            actor=by,
            body=root.body,
            target=root,
            data={"forward": locked.pk, "units": [u.pk for u in targets]},
            reason=locked.decision_note,
        )
        if approve:
            _deliver(root, targets, now=now, forward=locked)
            _tell_recipients(root, targets, [], code="message_received")
        notify(
            [locked.by],
            body=root.body,
            kind="forward_decided",
            subject=(
                gettext_noop("Passing on approved: %(subject)s")
                if approve
                else gettext_noop("Passing on declined: %(subject)s")
            ),
            text=gettext_noop("%(note)s"),
            link=_link(root),
            values={"subject": root.subject, "note": locked.decision_note or "—"},
        )
    fwd.refresh_from_db()
    return fwd
