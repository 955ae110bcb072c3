"""Cases, their persons and events: record, change, relabel, name RED readers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lintas.audit.models import AuditEntry
from lintas.audit.services import log_action
from lintas.cases import policy
from lintas.cases.models import (
    TLP,
    TLP_RANK,
    Case,
    CaseEvent,
    CasePerson,
    RedAccess,
    Referral,
)
from lintas.cases.services.common import (
    CASE_FIELDS,
    PERSON_FIELDS,
    _case_changed,
    _changes,
    _save,
    _validated,
)
from lintas.core.errors import ConflictError, LintasError
from lintas.members.models import Body, Membership, Unit, User


@transaction.atomic
def create_case(
    *, body: Body, owner_unit: Unit, by: User, tlp: str = TLP.AMBER, **fields: Any
) -> Case:
    """Record a case for one of the units the person acts for. Under RED, they are named."""
    mine = policy.case_owner_units(by, body)
    policy.require(owner_unit.body_id == body.pk and mine.filter(pk=owner_unit.pk).exists())
    case = Case(body=body, owner_unit=owner_unit, tlp=tlp, created_by=by)
    _changes(case, fields, CASE_FIELDS)
    _validated(case)
    _save(case)
    named = _name_on_red(case, by=by) if tlp == TLP.RED else []
    log_action(
        "cases.case.created",
        actor=by,
        body=body,
        target=case,
        data={"owner_unit": owner_unit.pk, "tlp": tlp, "named": named},
    )
    _case_changed(body)
    return case


def _name_on_red(case: Case, *, by: User) -> list[int]:
    """Under RED, name the person who set the label and the owner unit's focal points, so the
    owner never loses its own case. Returns the people named now."""
    focal_points = Membership.objects.active().filter(
        unit=case.owner_unit, role__in=policy.CASE_OWNER_ROLES
    )
    people = {by.pk, *focal_points.values_list("user_id", flat=True)}
    already = set(case.red_access.filter(revoked_at__isnull=True).values_list("user_id", flat=True))
    for user_id in sorted(people - already):
        RedAccess.objects.create(case=case, user_id=user_id, granted_by=by)
    return sorted(people - already)


def _to_millisecond(moment: dt.datetime) -> dt.datetime:
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def _refuse_if_changed_since(
    obj: Any,
    seen_version: str | dt.datetime | None,
    fields: dict[str, Any],
    *,
    actions: tuple[str, ...],
) -> None:
    """Refuse a save made on a copy older than what is stored: two people editing the same case,
    or an edit prepared offline, never silently overwrite each other. Nothing is saved; the
    message says who saved last, when, and which of the fields sent differ from what is stored."""
    if seen_version is None:
        return
    seen = (
        seen_version
        if isinstance(seen_version, dt.datetime)
        else dt.datetime.fromisoformat(seen_version)
    )
    stored = type(obj).objects.select_for_update().get(pk=obj.pk)
    # JSON carries milliseconds (DjangoJSONEncoder), so versions are compared to the millisecond.
    if _to_millisecond(stored.updated_at) == _to_millisecond(seen):
        return
    differing = [
        str(type(obj)._meta.get_field(name).verbose_name)
        for name, value in fields.items()
        if getattr(stored, name) != value
    ]
    last = (
        AuditEntry.objects.filter(
            action__in=actions, object_type=obj._meta.label_lower, object_id=str(obj.pk)
        )
        .order_by("-at", "-id")
        .first()
    )
    who = last.actor_label if last is not None else _("Someone else")
    when = timezone.localtime(stored.updated_at).strftime("%Y-%m-%d %H:%M")
    message = _(
        "%(who)s saved this at %(when)s, after you opened it. Your changes were not saved; "
        "reload the page to see theirs, then make yours again."
    ) % {"who": who, "when": when}
    if differing:
        message += " " + _("Fields that differ: %(fields)s.") % {"fields": ", ".join(differing)}
    raise ConflictError(message)


@transaction.atomic
def update_case(
    case: Case, *, by: User, seen_version: str | dt.datetime | None = None, **fields: Any
) -> Case:
    """Change a case. ``seen_version`` is the ``updated_at`` of the copy the person edited (the
    form and the API send it back); a later save by someone else refuses this one."""
    policy.require(policy.can_change_case(by, case))
    _refuse_if_changed_since(case, seen_version, fields, actions=("cases.case.updated",))
    changes = _changes(case, fields, CASE_FIELDS)
    if not changes:
        return case
    _validated(case)
    _save(case, changes)
    log_action("cases.case.updated", actor=by, body=case.body, target=case, data=changes)
    return case


@transaction.atomic
def change_label(case: Case, *, tlp: str, by: User, reason: str = "") -> Case:
    """Narrow or widen the audience. Widening is the owner's consent: its focal point, a reason."""
    policy.require(policy.can_change_case(by, case))
    if tlp not in TLP.values:
        raise LintasError(_("Unknown TLP label."), field="tlp")
    old = case.tlp
    if tlp == old:
        return case
    widening = TLP_RANK[TLP(tlp)] < TLP_RANK[TLP(old)]
    if widening:
        policy.require(policy.can_widen_label(by, case))
        if not reason.strip():
            raise LintasError(_("Say why the case may reach a wider audience."), field="reason")
    named = _name_on_red(case, by=by) if tlp == TLP.RED else []
    withdrawn = _withdraw_open_referrals(case, by=by) if tlp == TLP.RED else []
    case.tlp = tlp
    case.save(update_fields=["tlp", "updated_at"])
    log_action(
        "cases.case.label_widened" if widening else "cases.case.label_narrowed",
        actor=by,
        body=case.body,
        target=case,
        data={"from": old, "to": tlp, "named": named, "referrals_withdrawn": withdrawn},
        reason=reason,
    )
    return case


def _withdraw_open_referrals(case: Case, *, by: User) -> list[int]:
    """Under TLP:RED nobody but the named may learn of the case, so requests still waiting for
    an answer are withdrawn: their receivers no longer see them. Returns the referrals closed."""
    waiting = list(case.referrals.filter(state=Referral.State.REQUESTED))
    now = timezone.now()
    for referral in waiting:
        referral.state = Referral.State.CLOSED
        referral.closed_by = by
        referral.closed_at = now
        referral.save(update_fields=["state", "closed_by", "closed_at"])
    return [r.pk for r in waiting]


@transaction.atomic
def name_red_reader(case: Case, *, person: User, by: User) -> RedAccess:
    policy.require(policy.can_name_red_readers(by, case))
    if not Membership.objects.active().filter(user=person, body=case.body).exists():
        raise LintasError(_("This person is not a member of the body."), field="person")
    access = case.red_access.filter(user=person, revoked_at__isnull=True).first()
    if access is None:
        access = RedAccess.objects.create(case=case, user=person, granted_by=by)
        log_action(
            "cases.red_reader.named",
            actor=by,
            body=case.body,
            target=case,
            data={"person": person.pk},
        )
    return access


@transaction.atomic
def unname_red_reader(access: RedAccess, *, by: User) -> RedAccess:
    case = access.case
    policy.require(policy.can_name_red_readers(by, case))
    if access.user_id == by.pk:
        raise LintasError(_("You cannot remove yourself from the named readers."))
    if access.revoked_at is None:
        access.revoked_at = timezone.now()
        access.save(update_fields=["revoked_at"])
        log_action(
            "cases.red_reader.removed",
            actor=by,
            body=case.body,
            target=case,
            data={"person": access.user_id},
        )
    return access


# --- persons --------------------------------------------------------------------------------


@transaction.atomic
def add_person(case: Case, *, by: User, role: str, **fields: Any) -> CasePerson:
    policy.require(policy.can_change_case(by, case))
    person = CasePerson(case=case, role=role)
    _changes(person, fields, PERSON_FIELDS)
    _validated(person)
    person.save()
    log_action(
        "cases.person.added",
        actor=by,
        body=case.body,
        target=person,
        data={"role": role, "fields": sorted(fields)},
    )
    _case_changed(case.body)
    return person


@transaction.atomic
def update_person(
    person: CasePerson, *, by: User, seen_version: str | dt.datetime | None = None, **fields: Any
) -> CasePerson:
    """Change a person's data; ``seen_version`` as for :func:`update_case`."""
    policy.require(policy.can_change_case(by, person.case))
    _refuse_if_changed_since(person, seen_version, fields, actions=("cases.person.updated",))
    changes = _changes(person, fields, PERSON_FIELDS)
    if not changes:
        return person
    _validated(person)
    _save(person, changes)
    log_action("cases.person.updated", actor=by, body=person.case.body, target=person, data=changes)
    _case_changed(person.case.body)
    return person


# --- events ---------------------------------------------------------------------------------

EVENT_FIELDS = ("kind", "occurred_on", "country", "place", "description")


@transaction.atomic
def add_event(case: Case, *, by: User, **fields: Any) -> CaseEvent:
    """Record something that happened in the case. The description is personal data: the
    audit entry says only which fields were given."""
    policy.require(policy.can_change_case(by, case))
    event = CaseEvent(case=case, recorded_by=by)
    for name, value in fields.items():
        if name not in EVENT_FIELDS:
            raise LintasError(_("Unknown field: %(name)s") % {"name": name})
        setattr(event, name, value)
    _validated(event)
    event.save()
    log_action(
        "cases.event.added",
        actor=by,
        body=case.body,
        target=case,
        data={"event": event.pk, "kind": event.kind, "fields": sorted(fields)},
    )
    return event


@transaction.atomic
def remove_event(event: CaseEvent, *, by: User, reason: str = "") -> None:
    case = event.case
    policy.require(policy.can_change_case(by, case))
    data = {"event": event.pk, "kind": event.kind, "occurred_on": str(event.occurred_on)}
    event.delete()
    log_action(
        "cases.event.removed", actor=by, body=case.body, target=case, data=data, reason=reason
    )
