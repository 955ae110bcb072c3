"""Delegates: units invited with a quota each, nominations by their focal points, the
registration form, the organisers' decision, and outside experts the organisers add."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from lintas.audit.services import log_action
from lintas.core.errors import LintasError
from lintas.events import policy
from lintas.events.models import Delegate, Event, Invitation
from lintas.events.services.common import event_link, text
from lintas.members.models import LANGUAGE_CHOICES, Membership, Role, Unit, User
from lintas.notices.services import notify
from lintas.policy import Actor, acting_user

REGISTRATION_FIELDS = (
    "position",
    "organisation",
    "language",
    "languages",
    "dietary_needs",
    "accessibility_needs",
    "needs_visa_letter",
    "nationality",
    "passport_number",
    "travel_support",
)
COUNTED = (Delegate.Status.NOMINATED, Delegate.Status.APPROVED)


def _focal_points(units: Sequence[int]) -> list[User]:
    rows = Membership.objects.active().filter(
        unit_id__in=units, role__in=[Role.FOCAL_POINT, Role.ALTERNATE_FOCAL_POINT]
    )
    return [m.user for m in rows.select_related("user")]


@transaction.atomic
def invite_unit(*, event: Event, by: Actor, unit: Unit, quota: int) -> Invitation:
    """Invite a unit with the number of delegates it may nominate (or change its quota)."""
    if by is not policy.SYSTEM:
        policy.require(policy.can_organise(by, event))
    if unit.body_id != event.body_id:
        raise LintasError(_("%(unit)s is not a unit of this body.") % {"unit": unit}, field="unit")
    if quota < 1:
        raise LintasError(_("A quota is at least one delegate."), field="quota")
    nominated = Delegate.objects.filter(event=event, unit=unit, status__in=COUNTED).count()
    if quota < nominated:
        raise LintasError(
            _("%(unit)s has nominated %(count)d delegates already: the quota cannot be lower.")
            % {"unit": unit, "count": nominated},
            field="quota",
        )
    invitation, created = Invitation.objects.update_or_create(
        event=event, unit=unit, defaults={"quota": quota}
    )
    log_action(
        "events.invitation.saved",
        actor=acting_user(by),
        body=event.body,
        target=event,
        data={"unit": unit.pk, "quota": quota},
    )
    if created:
        transaction.on_commit(
            lambda: notify(
                _focal_points([unit.pk]),
                body=event.body,
                kind="event_nomination",
                subject=gettext_noop("%(unit)s is invited to %(event)s"),
                text=gettext_noop(
                    "Your unit may nominate up to %(quota)s delegates for %(event)s."
                ),
                link=event_link(event),
                values={"unit": str(unit), "event": event.title, "quota": quota},
            )
        )
    return invitation


def _registration(values: dict[str, object]) -> dict[str, object]:
    out: dict[str, object] = {}
    for name in REGISTRATION_FIELDS:
        if name not in values:
            continue
        value = values[name]
        if name in ("needs_visa_letter", "travel_support"):
            out[name] = bool(value)
        elif name == "languages":
            codes = [str(v) for v in (value or [])]  # type: ignore[attr-defined]
            known = {code for code, _n in LANGUAGE_CHOICES}
            if any(code not in known for code in codes):
                raise LintasError(_("Choose languages among en, vi, id."), field="languages")
            out[name] = codes
        elif name == "language":
            if value not in {code for code, _n in LANGUAGE_CHOICES}:
                raise LintasError(_("Choose a language among en, vi, id."), field="language")
            out[name] = value
        else:
            limit = 80 if name == "nationality" else 40 if name == "passport_number" else 250
            out[name] = text(
                str(value or ""),
                field=name,
                label=name.replace("_", " "),
                limit=limit,
                required=False,
            )
    if out.get("needs_visa_letter") and not (
        values.get("nationality") and values.get("passport_number")
    ):
        raise LintasError(
            _("A visa invitation letter needs the nationality and the passport number."),
            field="passport_number",
        )
    return out


@transaction.atomic
def nominate_delegate(
    *,
    event: Event,
    by: Actor,
    unit: Unit,
    full_name: str,
    email: str = "",
    role: str = Delegate.Role.DELEGATE,
    user: User | None = None,
    **registration: object,
) -> Delegate:
    """A unit's focal point names one of its delegates, within the unit's quota."""
    if by is not policy.SYSTEM:
        policy.hide(policy.visible_events(by, event.body).filter(pk=event.pk).exists())
        policy.require(unit.pk in policy.access(by, event).nominating_units)
    invitation = Invitation.objects.select_for_update().filter(event=event, unit=unit).first()
    if invitation is None:
        raise LintasError(
            _("%(unit)s is not invited to this event.") % {"unit": unit}, field="unit"
        )
    if role not in Delegate.Role.values or role in (Delegate.Role.EXPERT, Delegate.Role.ORGANISER):
        raise LintasError(_("Choose the delegate's role."), field="role")
    used = Delegate.objects.filter(event=event, unit=unit, status__in=COUNTED).count()
    if used >= invitation.quota:
        raise LintasError(
            ngettext(
                "%(unit)s's quota of %(quota)d delegate is used up.",
                "%(unit)s's quota of %(quota)d delegates is used up.",
                invitation.quota,
            )
            % {"unit": unit, "quota": invitation.quota},
            field="unit",
        )
    delegate = _create(
        event=event,
        by=by,
        unit=unit,
        full_name=full_name,
        email=email,
        role=role,
        user=user,
        registration=registration,
    )
    transaction.on_commit(
        lambda: notify(
            _organisers(event),
            body=event.body,
            kind="event_nomination",
            subject=gettext_noop("%(unit)s nominated %(name)s for %(event)s"),
            text=gettext_noop("A nomination waits for your decision."),
            link=event_link(event),
            values={"unit": str(unit), "name": delegate.full_name, "event": event.title},
        )
    )
    return delegate


def _organisers(event: Event) -> list[User]:
    units = list(event.organisers.values_list("pk", flat=True))
    managers = Membership.objects.active().filter(body=event.body, role__in=[Role.SECRETARIAT])
    people = [m.user for m in managers.select_related("user")]
    return people + [
        m.user
        for m in Membership.objects.active()
        .filter(unit_id__in=units, role=Role.FOCAL_POINT)
        .select_related("user")
    ]


def _create(
    *,
    event: Event,
    by: Actor,
    unit: Unit | None,
    full_name: str,
    email: str,
    role: str,
    user: User | None,
    registration: dict[str, object],
    status: str = Delegate.Status.NOMINATED,
) -> Delegate:
    full_name = text(full_name, field="full_name", label=_("full name"), limit=200)
    email = text(email, field="email", label=_("e-mail address"), limit=254, required=False).lower()
    if user is None and email:
        user = User.objects.filter(email__iexact=email, is_active=True).first()
    if (
        user is not None
        and Delegate.objects.filter(event=event, user=user)
        .exclude(status=Delegate.Status.DECLINED)
        .exists()
    ):
        raise LintasError(
            _("%(name)s is a delegate of this event already.") % {"name": user.full_name},
            field="email",
        )
    delegate = Delegate.objects.create(
        event=event,
        unit=unit,
        user=user,
        full_name=full_name,
        email=email or (user.email if user else ""),
        role=role,
        status=status,
        nominated_by=acting_user(by),
        **_registration(registration),
    )
    log_action(
        "events.delegate.nominated",
        actor=acting_user(by),
        body=event.body,
        target=delegate,
        data={"unit": unit.pk if unit else None, "role": role, "status": status},
    )
    return delegate


@transaction.atomic
def add_delegate(
    *,
    event: Event,
    by: Actor,
    full_name: str,
    role: str = Delegate.Role.EXPERT,
    email: str = "",
    user: User | None = None,
    unit: Unit | None = None,
    **registration: object,
) -> Delegate:
    """The organisers add someone outside the quotas: an outside expert, their own staff, an
    observer; approved at once."""
    if by is not policy.SYSTEM:
        policy.require(policy.can_organise(by, event))
    if role not in Delegate.Role.values:
        raise LintasError(_("Choose the delegate's role."), field="role")
    if unit is not None and unit.body_id != event.body_id:
        raise LintasError(_("%(unit)s is not a unit of this body.") % {"unit": unit}, field="unit")
    return _create(
        event=event,
        by=by,
        unit=unit,
        full_name=full_name,
        email=email,
        role=role,
        user=user,
        registration=registration,
        status=Delegate.Status.APPROVED,
    )


@transaction.atomic
def update_registration(*, delegate: Delegate, by: Actor, **registration: object) -> Delegate:
    """The registration form: the delegate, whoever nominated them, or the organisers."""
    event = delegate.event
    if by is not policy.SYSTEM:
        access = policy.access(by, event)
        policy.require(
            access.organises
            or (delegate.user_id is not None and delegate.user_id == getattr(by, "pk", None))
            or (delegate.unit_id in access.nominating_units)
        )
    for name, value in _registration(registration).items():
        setattr(delegate, name, value)
    delegate.save()
    log_action(
        "events.delegate.registered",
        actor=acting_user(by),
        body=event.body,
        target=delegate,
        data={"fields": sorted(registration)},
    )
    return delegate


@transaction.atomic
def decide_nomination(*, delegate: Delegate, by: Actor, approve: bool) -> Delegate:
    event = delegate.event
    if by is not policy.SYSTEM:
        policy.require(policy.can_organise(by, event))
    status = Delegate.Status.APPROVED if approve else Delegate.Status.DECLINED
    if delegate.status == status:
        return delegate
    if delegate.check_ins.exists() and not approve:
        raise LintasError(_("This delegate has checked in: the decision stays."), field="status")
    delegate.status = status
    delegate.decided_by = acting_user(by)
    delegate.save(update_fields=["status", "decided_by", "updated_at"])
    log_action(
        "events.delegate.approved" if approve else "events.delegate.declined",
        actor=acting_user(by),
        body=event.body,
        target=delegate,
    )
    told = [p for p in (delegate.nominated_by, delegate.user) if p is not None]
    if told:
        transaction.on_commit(
            lambda: notify(
                told,
                body=event.body,
                kind="event_decision",
                subject=gettext_noop("%(name)s: nomination for %(event)s %(decision)s"),
                text=gettext_noop("The organisers have decided on the nomination."),
                link=event_link(event),
                values={
                    "name": delegate.full_name,
                    "event": event.title,
                    "decision": "approved" if approve else "declined",
                },
            )
        )
    return delegate
