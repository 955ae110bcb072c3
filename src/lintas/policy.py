"""Who may see or change what. The only place that decides.

Views, API operations and selectors ask these functions; nothing else compares roles. The rule for
answers: a person who may not even know an object exists gets 404 (``Http404``); a person who may
see it but not change it gets 403 (``PermissionDenied``). ``get_body_for`` and the ``require_*``
helpers apply that rule.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Final, TypeAlias

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from lintas.cases.models import TLP, ConsentRecord, stricter_label
from lintas.members.models import Body, Membership, Role, Unit, User

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from lintas.cases.models import Case, CasePerson, EmergencyAccess, Referral
    from lintas.networks.models import Network, NetworkSuccession
    from lintas.reporting.models import Submission

# Whoever a request comes from: a signed-in person or an anonymous visitor. Every question below
# answers "no" for a visitor, and for a missing person (``None``) too.
Viewer: TypeAlias = "User | AnonymousUser"

MANAGER_ROLES = frozenset({Role.SECRETARIAT, Role.ADMINISTRATOR})


def _signed_in(user: Viewer | None) -> User | None:
    """The person signed in, or None for a visitor (or no one)."""
    return user if isinstance(user, User) else None


def _active(user: Viewer | None) -> User | None:
    """The person signed in if their account is active."""
    return user if isinstance(user, User) and user.is_active else None


def _is_instance_admin(user: Viewer) -> bool:
    person = _active(user)
    return person is not None and person.is_superuser


def roles_in(user: Viewer, body: Body) -> set[str]:
    """The roles a person holds today in a body (cached per request on the user object)."""
    person = _active(user)
    if person is None:
        return set()
    cache: dict[int, set[str]] = person.__dict__.setdefault("_lintas_roles", {})
    if body.pk not in cache:
        cache[body.pk] = set(
            Membership.objects.active()
            .filter(user=person, body=body)
            .values_list("role", flat=True)
        )
    return cache[body.pk]


def unit_roles(user: Viewer, unit: Unit) -> set[str]:
    person = _signed_in(user)
    if person is None:
        return set()
    return set(
        Membership.objects.active().filter(user=person, unit=unit).values_list("role", flat=True)
    )


def roles_requiring_two_factor(user: Viewer) -> set[str]:
    from django.conf import settings

    person = _signed_in(user)
    if person is None:
        return set()
    if person.is_superuser or person.is_staff:
        return {Role.ADMINISTRATOR}
    return set(
        Membership.objects.active()
        .filter(user=person, role__in=settings.LINTAS_TWO_FACTOR_ROLES)
        .values_list("role", flat=True)
    )


# --- bodies -------------------------------------------------------------------------------


def can_view_body(user: Viewer, body: Body) -> bool:
    return _is_instance_admin(user) or bool(roles_in(user, body))


def can_manage_body(user: Viewer, body: Body) -> bool:
    """Define units, invite people, grant and end roles, deactivate people."""
    return _is_instance_admin(user) or bool(roles_in(user, body) & MANAGER_ROLES)


def can_view_audit(user: Viewer, body: Body) -> bool:
    return can_manage_body(user, body)


def bodies_visible_to(user: Viewer) -> QuerySet[Body]:
    """Every body for an instance administrator; the bodies a person holds a role in today."""
    if _is_instance_admin(user):
        return Body.objects.all()
    person = _signed_in(user)
    if person is None:
        return Body.objects.none()
    ids = Membership.objects.active().filter(user=person).values("body_id")
    return Body.objects.filter(pk__in=ids)


def get_body_for(user: Viewer, slug: str) -> Body:
    """The body, or 404 for anyone who is not a member of it."""
    body = Body.objects.filter(slug=slug).first()
    if body is None or not can_view_body(user, body):
        raise Http404
    return body


# --- people -------------------------------------------------------------------------------


def can_view_person(user: Viewer, person: User, body: Body) -> bool:
    if not can_view_body(user, body):
        return False
    if person.pk == user.pk or can_manage_body(user, body):
        return True
    return Membership.objects.filter(user=person, body=body).exists()


def can_manage_memberships(user: Viewer, body: Body) -> bool:
    return can_manage_body(user, body)


def grantable_roles(user: Viewer, body: Body) -> list[str]:
    """Roles this person may grant. Only administrators grant the administrator role."""
    if not can_manage_body(user, body):
        return []
    roles = [r.value for r in Role]
    if not (_is_instance_admin(user) or Role.ADMINISTRATOR in roles_in(user, body)):
        roles.remove(Role.ADMINISTRATOR)
    return roles


def can_deactivate_person(user: Viewer, person: User, body: Body) -> bool:
    if person.pk == user.pk or not can_manage_body(user, body):
        return False
    return not (person.is_superuser and not _is_instance_admin(user))


# --- helpers for views ----------------------------------------------------------------------


def require(allowed: bool) -> None:
    """Raise 403 when a reader who may see the object may not do this to it."""
    if not allowed:
        raise PermissionDenied


def hide(visible: bool) -> None:
    """Raise 404 when the person may not know the object exists."""
    if not visible:
        raise Http404


# --- the system as an actor ------------------------------------------------------------------
# Services take the person who acts (``by``) and ask the rules below. Work that no person asks
# for (the worker, a command, the demo data) passes ``by=SYSTEM``: the service skips the checks
# and the audit log records "system". Nothing else skips them: ``by=None`` is nobody, who may
# do nothing.


class System(enum.Enum):
    """The platform acting on its own."""

    SYSTEM = "system"


SYSTEM: Final = System.SYSTEM

# Who acts in a service: a person, or the system itself.
Actor: TypeAlias = "User | System"


def acting_user(by: Actor) -> User | None:
    """The person behind an action, for the columns that record one; none for the system."""
    return None if by is SYSTEM else by


# --- reporting ----------------------------------------------------------------------------

FILLER_ROLES = frozenset({Role.FOCAL_POINT, Role.ALTERNATE_FOCAL_POINT})
BODY_READER_ROLES = frozenset({Role.SECRETARIAT, Role.ADMINISTRATOR, Role.LEADER, Role.ANALYST})


def can_manage_reporting(user: Viewer, body: Body) -> bool:
    """Define templates and obligations, review submissions, grant exceptions."""
    return can_manage_body(user, body)


def can_read_all_reports(user: Viewer, body: Body) -> bool:
    return _is_instance_admin(user) or bool(roles_in(user, body) & BODY_READER_ROLES)


def can_fill_for(user: Viewer, unit: Unit) -> bool:
    return bool(unit_roles(user, unit) & FILLER_ROLES)


def can_validate_for(user: Viewer, unit: Unit) -> bool:
    return Role.VALIDATOR in unit_roles(user, unit)


def can_view_submission(user: Viewer, submission: Submission) -> bool:
    body = submission.obligation.body
    if can_read_all_reports(user, body):
        return True
    return bool(unit_roles(user, submission.unit))


def can_edit_submission(user: Viewer, submission: Submission) -> bool:
    return can_fill_for(user, submission.unit)


def units_reported_by(user: Viewer, body: Body) -> QuerySet[Unit]:
    """The units whose reports this person fills, validates or reads as a unit member."""
    person = _signed_in(user)
    if person is None:
        return Unit.objects.none()
    ids = Membership.objects.active().filter(user=person, body=body, unit__isnull=False)
    return Unit.objects.filter(pk__in=ids.values("unit_id"))


def can_see_reporting_regime(user: Viewer, body: Body) -> bool:
    """Templates and obligations: the body's readers and anyone who reports for one of its
    units."""
    return can_read_all_reports(user, body) or units_reported_by(user, body).exists()


# --- cases --------------------------------------------------------------------------------
# Case records carry a TLP 2.0 label, and these functions are the only place it is enforced.
#
# Who reads a case record (reference, status, dates, context, route — not personal data):
#   TLP:CLEAR, TLP:GREEN  every member of the body (anyone with an active role in it);
#   TLP:AMBER             members of the owner unit and of units it is actively shared with —
#                         the secretariat, leaders, analysts and administrators included: they read
#                         an AMBER case only when it is shared with a unit they belong to;
#   TLP:AMBER+STRICT      members of the owner unit only (shares are kept but have no effect);
#   TLP:RED               the named people only (RedAccess), the owner unit's other members too
#                         are kept out.
# A member of a unit is anyone with an active membership for that unit, whatever the role. Being an
# instance superuser gives no access to cases.
#
# Personal data (persons' fields and the narrative) is read by: the owner unit's members (for RED,
# the named people), and members of a unit the case is shared with *including personal data*;
# never under TLP:CLEAR's public audience or a GREEN reader without such a share. A victim's data
# additionally needs the victim's active consent to that unit, or a consent override recorded on
# the share. A person may carry a stricter label than the case; the stricter one applies.
#
# Who acts (always also someone who reads the case):
#   edit the case and its persons, share with a unit, revoke a share, narrow the label, record or
#   withdraw consent  → the owner unit's focal point and alternate focal point;
#   widen the label (the owner's consent), share a victim's data without consent (with a reason),
#   name the readers of a RED case → the owner unit's focal point only.
# A stranger to a case gets 404 (hide); a reader who may not act gets 403 (require).

CASE_EDITOR_ROLES = frozenset({Role.FOCAL_POINT, Role.ALTERNATE_FOCAL_POINT})
CASE_OWNER_ROLES = frozenset({Role.FOCAL_POINT})


def _unit_roles_in(user: Viewer, body: Body) -> dict[int, frozenset[str]]:
    """A person's roles today in each unit of a body they belong to (cached per request on the
    user object)."""
    person = _active(user)
    if person is None:
        return {}
    cache: dict[int, dict[int, frozenset[str]]] = person.__dict__.setdefault("_lintas_units", {})
    if body.pk not in cache:
        held: dict[int, set[str]] = {}
        rows = (
            Membership.objects.active()
            .filter(user=person, body=body, unit__isnull=False)
            .values_list("unit_id", "role")
        )
        for unit_id, role in rows:
            held.setdefault(unit_id, set()).add(role)
        cache[body.pk] = {unit_id: frozenset(roles) for unit_id, roles in held.items()}
    return cache[body.pk]


def _unit_ids_in(user: Viewer, body: Body) -> set[int]:
    """The units a person belongs to today in a body, whatever the role."""
    return set(_unit_roles_in(user, body))


@dataclass(frozen=True)
class CaseAccess:
    """One person's access to one case, read once (a fixed handful of queries) and then asked
    as often as a page or an API answer needs: the persons of a case cost no query each.

    The fields are what was read; the properties apply the rules above to them."""

    user: Viewer
    case: Case
    roles: frozenset[str] = frozenset()  # in the case's body
    owner_roles: frozenset[str] = frozenset()  # for the owner unit
    owner_member: bool = False
    named_reader: bool = False
    emergency: EmergencyAccess | None = None  # an unexpired, unended grant to this person
    shared: bool = False  # the case is shared with one of the person's units
    personal_share: bool = False  # … including personal data
    consent_overridden: bool = False  # … such a share recorded without victims' consent
    consented: frozenset[int] = frozenset()  # victims who consent to one of those units

    def reads_under(self, label: str) -> bool:
        """Whether the person reads something of this case labelled ``label``."""
        if not self.roles:
            return False
        # Emergency access reads the case under its own label; a person labelled RED inside a
        # case that is not RED stays with that person's named readers.
        if self.emergency is not None and (label != TLP.RED or self.case.tlp == TLP.RED):
            return True
        if label == TLP.RED:
            return self.named_reader
        if self.owner_member:
            return True
        if label == TLP.AMBER_STRICT:
            return False
        if label == TLP.AMBER:
            return self.shared
        return label in {TLP.GREEN, TLP.CLEAR}

    @property
    def reads(self) -> bool:
        """The record: reference, status, dates, context, route."""
        return self.reads_under(self.case.tlp)

    @property
    def personal_data(self) -> bool:
        """The narrative and the persons' fields (victims need consent on top: ``sees``)."""
        if not self.reads:
            return False
        if self.case.tlp == TLP.RED or self.owner_member or self.emergency is not None:
            return True
        return self.case.tlp in {TLP.GREEN, TLP.AMBER} and self.personal_share

    def sees(self, person: CasePerson) -> bool:
        """May read this person's personal fields."""
        if person.case_id != self.case.pk or not self.personal_data:
            return False
        if not self.reads_under(stricter_label(self.case.tlp, person.tlp)):
            return False
        if self.owner_member or self.named_reader or self.emergency is not None:
            return True
        if not person.is_victim or self.consent_overridden:
            return True
        return person.pk in self.consented

    @property
    def may_change(self) -> bool:
        """Edit the case and its persons, narrow the label, record or withdraw consent."""
        return self.reads and bool(self.owner_roles & CASE_EDITOR_ROLES)

    @property
    def may_share(self) -> bool:
        return self.may_change

    @property
    def may_refer(self) -> bool:
        return self.may_change

    @property
    def may_widen_label(self) -> bool:
        """Widening the audience needs the owner's consent: the owner unit's focal point."""
        return self.reads and bool(self.owner_roles & CASE_OWNER_ROLES)

    @property
    def may_override_consent(self) -> bool:
        return self.may_widen_label

    @property
    def may_name_red_readers(self) -> bool:
        return self.may_widen_label

    @property
    def may_view_access(self) -> bool:
        """The owner unit sees who read its case (for RED, its named members)."""
        return self.reads and self.owner_member

    @property
    def may_break_glass(self) -> bool:
        """May ask for emergency access (see the rule under "referrals and emergency access")."""
        if not self.roles or self.personal_data:
            return False
        return self.case.tlp != TLP.RED or Role.SECRETARIAT in self.roles


def case_access(user: Viewer, case: Case) -> CaseAccess:
    """What a person may do with a case. Read it once per request and ask it everything."""
    person = _active(user)
    roles = frozenset(roles_in(user, case.body))
    if person is None or not roles:
        return CaseAccess(user, case)
    units = _unit_roles_in(person, case.body)
    shares = list(
        case.shares.filter(revoked_at__isnull=True, unit_id__in=units).values_list(
            "unit_id", "includes_personal_data", "consent_override_reason"
        )
    )
    personal_units = {unit_id for unit_id, personal, _reason in shares if personal}
    access = CaseAccess(
        user,
        case,
        roles=roles,
        owner_roles=units.get(case.owner_unit_id, frozenset()),
        owner_member=case.owner_unit_id in units,
        named_reader=case.red_access.filter(user=person, revoked_at__isnull=True).exists(),
        emergency=case.emergency_access.active().filter(user=person).first(),
        shared=bool(shares),
        personal_share=bool(personal_units),
        consent_overridden=any(personal and reason for _u, personal, reason in shares),
    )
    everyone_seen = access.owner_member or access.named_reader or access.emergency is not None
    if access.personal_data and not everyone_seen and not access.consent_overridden:
        consents = ConsentRecord.objects.filter(
            person__case=case, withdrawn_at__isnull=True, to_unit_id__in=personal_units
        )
        access = replace(access, consented=frozenset(consents.values_list("person_id", flat=True)))
    return access


def can_see_case(user: Viewer, case: Case) -> bool:
    return case_access(user, case).reads


def can_see_personal_data(user: Viewer, case: Case) -> bool:
    """May read the case's narrative and the persons' fields (victims need consent on top)."""
    return case_access(user, case).personal_data


def can_see_person(user: Viewer, person: CasePerson) -> bool:
    """May read this person's personal fields."""
    return case_access(user, person.case).sees(person)


def can_change_case(user: Viewer, case: Case) -> bool:
    return case_access(user, case).may_change


def can_share_case(user: Viewer, case: Case) -> bool:
    return case_access(user, case).may_share


def can_widen_label(user: Viewer, case: Case) -> bool:
    """Widening the audience needs the owner's consent: the owner unit's focal point."""
    return case_access(user, case).may_widen_label


def can_override_consent(user: Viewer, case: Case) -> bool:
    return case_access(user, case).may_override_consent


def can_name_red_readers(user: Viewer, case: Case) -> bool:
    return case_access(user, case).may_name_red_readers


def can_view_case_access(user: Viewer, case: Case) -> bool:
    """The owner unit sees who read its case (for RED, its named members)."""
    return case_access(user, case).may_view_access


def case_owner_units(user: Viewer, body: Body) -> QuerySet[Unit]:
    """The units for which this person may record cases."""
    person = _active(user)
    if person is None:
        return Unit.objects.none()
    ids = Membership.objects.active().filter(
        user=person, body=body, unit__isnull=False, role__in=CASE_EDITOR_ROLES
    )
    return Unit.objects.filter(pk__in=ids.values("unit_id"))


def can_create_case(user: Viewer, body: Body) -> bool:
    return case_owner_units(user, body).exists()


def visible_cases(user: Viewer, body: Body) -> QuerySet[Case]:
    """The cases of a body this person may read (the records, not necessarily personal data)."""
    from lintas.cases.models import Case, CaseShare, EmergencyAccess, RedAccess

    person = _active(user)
    if person is None or not roles_in(person, body):
        return Case.objects.none()
    units = _unit_ids_in(person, body)
    shared = CaseShare.objects.filter(revoked_at__isnull=True, unit_id__in=units)
    named = RedAccess.objects.filter(revoked_at__isnull=True, user=person)
    emergency = EmergencyAccess.objects.active().filter(user=person)
    rule = (
        Q(tlp__in=[TLP.CLEAR, TLP.GREEN])
        | Q(tlp__in=[TLP.AMBER, TLP.AMBER_STRICT], owner_unit_id__in=units)
        | Q(tlp=TLP.AMBER, pk__in=shared.values("case_id"))
        | Q(tlp=TLP.RED, pk__in=named.values("case_id"))
        | Q(pk__in=emergency.values("case_id"))
    )
    return Case.objects.filter(body=body).filter(rule)


# --- referrals and emergency access ---------------------------------------------------------
# A referral gives the receiving unit a share when it is accepted, so it reads like any share.
# A transfer makes the receiver the owner unit; the sender keeps a read share unless it gave that
# up when it asked. The owner unit's focal point and alternate refer and transfer; the receiving
# unit's focal point and alternate accept or decline; either side closes.
#
# Emergency access ("break the glass"): a member of the body who may not read a case's personal
# data asks with a written reason, for at most 24 hours. Under TLP:CLEAR, GREEN, AMBER and
# AMBER+STRICT any member of the body may; under TLP:RED only the secretariat, and a person who
# may not ask still gets 404, so RED cases stay unknown. The grant reads the case and its
# personal data (victims included) until it expires or is ended; the owner unit is told.


def can_refer_case(user: Viewer, case: Case) -> bool:
    return case_access(user, case).may_refer


def can_answer_referral(user: Viewer, referral: Referral) -> bool:
    """The receiving unit's focal point or alternate accepts or declines."""
    return bool(unit_roles(user, referral.to_unit) & CASE_EDITOR_ROLES)


def can_see_referral(user: Viewer, referral: Referral) -> bool:
    """Either side's focal points; under TLP:RED only if they are named on the case, so a
    referral asked before the label narrowed does not tell its receiver the case exists."""
    case = referral.case
    person = _active(user)
    if case.tlp == TLP.RED and not (
        person is not None and case.red_access.filter(user=person, revoked_at__isnull=True).exists()
    ):
        return False
    return can_answer_referral(user, referral) or bool(
        unit_roles(user, referral.from_unit) & CASE_EDITOR_ROLES
    )


def can_close_referral(user: Viewer, referral: Referral) -> bool:
    """Either side closes; an unanswered request only the sender may withdraw."""
    if not can_see_referral(user, referral):
        return False
    if referral.state == "requested":
        return bool(unit_roles(user, referral.from_unit) & CASE_EDITOR_ROLES)
    return True


def can_break_glass(user: Viewer, case: Case) -> bool:
    """May ask for emergency access to this case (see the rule above)."""
    return case_access(user, case).may_break_glass


def can_end_emergency_access(user: Viewer, access: EmergencyAccess) -> bool:
    """The person who holds it, or the owner unit's focal point, ends it early."""
    return access.user_id == user.pk or can_widen_label(user, access.case)


# --- networks -------------------------------------------------------------------------------
# Networks link the cases of a body through shared indicators and the same person. TLP:RED
# cases never enter linking (nobody but their named readers may learn that they exist).
#   analysts and the secretariat  see the list, every network page, and run a relink;
#   a unit's focal point or alternate  sees the networks touching cases they may read.
# On a network page a case the viewer may not read is "a case of unit X" with the unit's focal
# points to contact: never its reference, persons or indicators. Values of persons and
# indicators appear only to someone who may read the personal data of a person holding them.

NETWORK_ANALYST_ROLES = frozenset({Role.SECRETARIAT, Role.ANALYST})


def can_analyse_networks(user: Viewer, body: Body) -> bool:
    """See every network of the body and run a relink."""
    return bool(roles_in(user, body) & NETWORK_ANALYST_ROLES)


def can_view_networks(user: Viewer, body: Body) -> bool:
    """Open the networks list (a focal point sees only the networks touching its readable cases)."""
    return can_analyse_networks(user, body) or bool(roles_in(user, body) & CASE_EDITOR_ROLES)


def can_relink_networks(user: Viewer, body: Body) -> bool:
    return can_analyse_networks(user, body)


def visible_networks(user: Viewer, body: Body) -> QuerySet[Network]:
    """The networks of a body this person may see."""
    from lintas.networks.models import Network, NetworkCase

    networks = Network.objects.filter(body=body)
    if can_analyse_networks(user, body):
        return networks
    if not can_view_networks(user, body):
        return networks.none()
    touching = NetworkCase.objects.filter(case__in=visible_cases(user, body).values("pk"))
    return networks.filter(pk__in=touching.values("network_id"))


def can_see_ended_network(user: Viewer, body: Body, succession: NetworkSuccession) -> bool:
    """Learn what became of a network a relink ended: the same people as for a live network,
    through the cases it held when it ended."""
    if can_analyse_networks(user, body):
        return True
    if not can_view_networks(user, body):
        return False
    return visible_cases(user, body).filter(pk__in=succession.cases).exists()


def unit_reads_case(unit_id: int, case: Case, shared_with: Iterable[int]) -> bool:
    """Whether members of a unit read a case record by its label (``shared_with``: the units
    of its active shares). For hit/no-hit: a unit that reads the other's case needs no notice."""
    if case.owner_unit_id == unit_id:
        return case.tlp != TLP.RED
    if case.tlp in {TLP.CLEAR, TLP.GREEN}:
        return True
    return case.tlp == TLP.AMBER and unit_id in set(shared_with)
