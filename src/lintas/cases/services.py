"""Writes for cases: each call is atomic, checks the policy, is audited, and raises LintasError
when the domain refuses. Audit entries never hold personal values, only which fields changed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Protocol

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
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
    CaseShare,
    ConsentRecord,
    RedAccess,
    Referral,
)
from lintas.core.errors import ConflictError, LintasError
from lintas.members.models import Body, Membership, Unit, User

# --- who hears of a change ------------------------------------------------------------------
# An app above cases that keeps something read from case records (the networks app links them)
# registers a listener here, once, in its AppConfig.ready(). This is the one place where cases
# calls an app above it: a plain list of typed functions, called in order, not a signal.


class CaseChangeListener(Protocol):
    def __call__(self, *, body: Body) -> None: ...


case_changed_listeners: list[CaseChangeListener] = []


def on_case_changed(listener: CaseChangeListener) -> CaseChangeListener:
    """Have ``listener(body=…)`` called whenever a case or a person of the body is recorded or
    changed. It runs inside the writing transaction: work that must see the change committed
    goes through ``transaction.on_commit``. Registering twice registers once."""
    if listener not in case_changed_listeners:
        case_changed_listeners.append(listener)
    return listener


def _case_changed(body: Body) -> None:
    for listener in case_changed_listeners:
        listener(body=body)


CASE_FIELDS = (
    "reference",
    "status",
    "opened_on",
    "closed_on",
    "location_country",
    "exploitation_types",
    "means_of_control",
    "recruitment_methods",
    "origin_countries",
    "transit_countries",
    "destination_countries",
    "narrative",
    "narrative_language",
)
PERSON_FIELDS = (
    "role",
    "full_name",
    "aliases",
    "date_of_birth",
    "sex",
    "nationality",
    "documents",
    "contacts",
    "accounts",
    "tlp",
)
# Values of these fields never reach the audit log; only the fact that they changed.
PERSONAL_FIELDS = frozenset(
    {"narrative", "full_name", "aliases", "date_of_birth", "documents", "contacts", "accounts"}
)


def _validated(obj: Any) -> None:
    try:
        obj.full_clean()
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise LintasError(" ".join(messages), field=None if field == "__all__" else field) from None


def _changes(obj: Any, fields: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    """Apply fields to obj; return what changed, personal values masked."""
    changes: dict[str, Any] = {}
    for name, value in fields.items():
        if name not in allowed:
            raise LintasError(_("Unknown field: %(name)s") % {"name": name})
        old = getattr(obj, name)
        if old != value:
            setattr(obj, name, value)
            changes[name] = "changed" if name in PERSONAL_FIELDS else [str(old), str(value)]
    return changes


def _save(obj: Any, fields: Iterable[str] | None = None) -> None:
    """Save ``obj``; with ``fields``, only those (and ``updated_at``), so a change never writes
    back what someone else saved meanwhile in the fields it did not touch."""
    try:
        with transaction.atomic():
            if fields is None:
                obj.save()
            else:
                obj.save(update_fields=[*fields, "updated_at"])
    except IntegrityError:
        raise LintasError(
            _("Your unit already has a case with this reference."), field="reference"
        ) from None


# --- cases ----------------------------------------------------------------------------------


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
