"""Who may read, change and share a case record: the cases part of the policy, the only place
where a TLP label is enforced.

It builds on the reporting part and ``lintas.policy`` below it and offers their rules too, so a
module of the cases app, or of an app above it, imports one ``policy``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from django.db.models import Q, QuerySet

from lintas.cases.models import (
    TLP,
    Case,
    CasePerson,
    CaseShare,
    ConsentRecord,
    EmergencyAccess,
    RedAccess,
    Referral,
    stricter_label,
)
from lintas.members.models import Body, Membership, Role, Unit
from lintas.reporting.policy import *  # noqa: F403  (the rules below build on these and offer them too)
from lintas.reporting.policy import Viewer, active_person, roles_in, unit_roles

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
    person = active_person(user)
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
    person = active_person(user)
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
    person = active_person(user)
    if person is None:
        return Unit.objects.none()
    ids = Membership.objects.active().filter(
        user=person, body=body, unit__isnull=False, role__in=CASE_EDITOR_ROLES
    )
    return Unit.objects.filter(pk__in=ids.values("unit_id"))


def referral_receiving_unit_ids(user: Viewer, body: Body) -> set[int]:
    """The units whose incoming referrals this person answers (focal point or alternate)."""
    return {
        unit_id
        for unit_id, roles in _unit_roles_in(user, body).items()
        if roles & CASE_EDITOR_ROLES
    }


def can_create_case(user: Viewer, body: Body) -> bool:
    return case_owner_units(user, body).exists()


def visible_cases(user: Viewer, body: Body) -> QuerySet[Case]:
    """The cases of a body this person may read (the records, not necessarily personal data)."""
    person = active_person(user)
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
    person = active_person(user)
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


def unit_reads_case(unit_id: int, case: Case, shared_with: Iterable[int]) -> bool:
    """Whether members of a unit read a case record by its label (``shared_with``: the units
    of its active shares). For hit/no-hit: a unit that reads the other's case needs no notice."""
    if case.owner_unit_id == unit_id:
        return case.tlp != TLP.RED
    if case.tlp in {TLP.CLEAR, TLP.GREEN}:
        return True
    return case.tlp == TLP.AMBER and unit_id in set(shared_with)
