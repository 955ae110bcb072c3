"""Who may see or change what. The only place that decides.

Views, API operations and selectors ask these functions; nothing else compares roles. The rule for
answers: a person who may not even know an object exists gets 404 (``Http404``); a person who may
see it but not change it gets 403 (``PermissionDenied``). ``get_body_for`` and the ``require_*``
helpers apply that rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from lintas.members.models import BODY_ROLES, Body, Membership, Role, Unit, User

MANAGER_ROLES = frozenset({Role.SECRETARIAT, Role.ADMINISTRATOR})


def _is_instance_admin(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def roles_in(user: Any, body: Body) -> set[str]:
    """The roles a person holds today in a body (cached per request on the user object)."""
    if not user.is_authenticated or not user.is_active:
        return set()
    cache: dict[int, set[str]] = user.__dict__.setdefault("_lintas_roles", {})
    if body.pk not in cache:
        cache[body.pk] = set(
            Membership.objects.active().filter(user=user, body=body).values_list("role", flat=True)
        )
    return cache[body.pk]


def unit_roles(user: Any, unit: Unit) -> set[str]:
    if not user.is_authenticated:
        return set()
    return set(
        Membership.objects.active().filter(user=user, unit=unit).values_list("role", flat=True)
    )


def roles_requiring_two_factor(user: Any) -> set[str]:
    from django.conf import settings

    if not user.is_authenticated:
        return set()
    if user.is_superuser or user.is_staff:
        return {Role.ADMINISTRATOR}
    return set(
        Membership.objects.active()
        .filter(user=user, role__in=settings.LINTAS_TWO_FACTOR_ROLES)
        .values_list("role", flat=True)
    )


# --- bodies -------------------------------------------------------------------------------


def can_view_body(user: Any, body: Body) -> bool:
    return _is_instance_admin(user) or bool(roles_in(user, body))


def can_manage_body(user: Any, body: Body) -> bool:
    """Define units, invite people, grant and end roles, deactivate people."""
    return _is_instance_admin(user) or bool(roles_in(user, body) & MANAGER_ROLES)


def can_view_audit(user: Any, body: Body) -> bool:
    return can_manage_body(user, body)


def bodies_visible_to(user: Any) -> QuerySet[Body]:
    if _is_instance_admin(user):
        return Body.objects.all()
    if not user.is_authenticated:
        return Body.objects.none()
    ids = Membership.objects.active().filter(user=user).values("body_id")
    return Body.objects.filter(pk__in=ids)


def get_body_for(user: Any, slug: str) -> Body:
    """The body, or 404 for anyone who is not a member of it."""
    body = Body.objects.filter(slug=slug).first()
    if body is None or not can_view_body(user, body):
        raise Http404
    return body


# --- people -------------------------------------------------------------------------------


def can_view_person(user: Any, person: User, body: Body) -> bool:
    if not can_view_body(user, body):
        return False
    if person.pk == user.pk or can_manage_body(user, body):
        return True
    return Membership.objects.filter(user=person, body=body).exists()


def can_manage_memberships(user: Any, body: Body) -> bool:
    return can_manage_body(user, body)


def grantable_roles(user: Any, body: Body) -> list[str]:
    """Roles this person may grant. Only administrators grant the administrator role."""
    if not can_manage_body(user, body):
        return []
    roles = [r.value for r in Role]
    if not (_is_instance_admin(user) or Role.ADMINISTRATOR in roles_in(user, body)):
        roles.remove(Role.ADMINISTRATOR)
    return roles


def can_deactivate_person(user: Any, person: User, body: Body) -> bool:
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


def is_body_role(role: str) -> bool:
    return role in BODY_ROLES


def any_role(user: Any, body: Body, roles: Iterable[str]) -> bool:
    return bool(roles_in(user, body) & set(roles))


# --- reporting ----------------------------------------------------------------------------

FILLER_ROLES = frozenset({Role.FOCAL_POINT, Role.ALTERNATE_FOCAL_POINT})
BODY_READER_ROLES = frozenset({Role.SECRETARIAT, Role.ADMINISTRATOR, Role.LEADER, Role.ANALYST})


def can_manage_reporting(user: Any, body: Body) -> bool:
    """Define templates and obligations, review submissions, grant exceptions."""
    return can_manage_body(user, body)


def can_read_all_reports(user: Any, body: Body) -> bool:
    return _is_instance_admin(user) or bool(roles_in(user, body) & BODY_READER_ROLES)


def can_fill_for(user: Any, unit: Unit) -> bool:
    return bool(unit_roles(user, unit) & FILLER_ROLES)


def can_validate_for(user: Any, unit: Unit) -> bool:
    return Role.VALIDATOR in unit_roles(user, unit)


def can_view_submission(user: Any, submission: Any) -> bool:
    body = submission.obligation.body
    if can_read_all_reports(user, body):
        return True
    return bool(unit_roles(user, submission.unit))


def can_edit_submission(user: Any, submission: Any) -> bool:
    return can_fill_for(user, submission.unit)


def units_reported_by(user: Any, body: Body) -> QuerySet[Unit]:
    """The units whose reports this person fills, validates or reads as a unit member."""
    if not user.is_authenticated:
        return Unit.objects.none()
    ids = Membership.objects.active().filter(user=user, body=body, unit__isnull=False)
    return Unit.objects.filter(pk__in=ids.values("unit_id"))


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


def _unit_ids_in(user: Any, body: Body) -> set[int]:
    """The units a person belongs to today in a body (cached per request on the user object)."""
    if not user.is_authenticated or not user.is_active:
        return set()
    cache: dict[int, set[int]] = user.__dict__.setdefault("_lintas_units", {})
    if body.pk not in cache:
        cache[body.pk] = set(
            Membership.objects.active()
            .filter(user=user, body=body, unit__isnull=False)
            .values_list("unit_id", flat=True)
        )
    return cache[body.pk]


def _is_named_reader(user: Any, case: Any) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return case.red_access.filter(user=user, revoked_at__isnull=True).exists()


def _shared_unit_ids(case: Any, *, personal_data: bool = False) -> set[int]:
    shares = case.shares.filter(revoked_at__isnull=True)
    if personal_data:
        shares = shares.filter(includes_personal_data=True)
    return set(shares.values_list("unit_id", flat=True))


def _is_owner_member(user: Any, case: Any) -> bool:
    return case.owner_unit_id in _unit_ids_in(user, case.body)


def _has_emergency_access(user: Any, case: Any) -> bool:
    """An unexpired, unended 'break the glass' grant of this person on this case."""
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(case.emergency_access.active().filter(user=user).exists())


def _reads_under(user: Any, case: Any, label: str) -> bool:
    from lintas.cases.models import TLP

    if not user.is_authenticated or not user.is_active or not roles_in(user, case.body):
        return False
    # Emergency access reads the case under its own label; a person labelled RED inside a
    # case that is not RED stays with that person's named readers.
    if _has_emergency_access(user, case) and (label != TLP.RED or case.tlp == TLP.RED):
        return True
    if label == TLP.RED:
        return _is_named_reader(user, case)
    if _is_owner_member(user, case):
        return True
    if label == TLP.AMBER_STRICT:
        return False
    if label == TLP.AMBER:
        return bool(_unit_ids_in(user, case.body) & _shared_unit_ids(case))
    return label in {TLP.GREEN, TLP.CLEAR}


def can_see_case(user: Any, case: Any) -> bool:
    return _reads_under(user, case, case.tlp)


def can_see_personal_data(user: Any, case: Any) -> bool:
    """May read the case's narrative and the persons' fields (victims need consent on top)."""
    from lintas.cases.models import TLP

    if not can_see_case(user, case):
        return False
    if case.tlp == TLP.RED or _is_owner_member(user, case) or _has_emergency_access(user, case):
        return True
    if case.tlp not in {TLP.GREEN, TLP.AMBER}:
        return False
    return bool(_unit_ids_in(user, case.body) & _shared_unit_ids(case, personal_data=True))


def can_see_person(user: Any, person: Any) -> bool:
    """May read this person's personal fields."""
    from lintas.cases.models import ConsentRecord

    case = person.case
    if not can_see_personal_data(user, case) or not _reads_under(user, case, person.effective_tlp):
        return False
    if (
        _is_owner_member(user, case)
        or _is_named_reader(user, case)
        or _has_emergency_access(user, case)
    ):
        return True
    if not person.is_victim:
        return True
    my_units = _unit_ids_in(user, case.body)
    shares = case.shares.filter(
        revoked_at__isnull=True, includes_personal_data=True, unit_id__in=my_units
    )
    if shares.exclude(consent_override_reason="").exists():
        return True
    consented = ConsentRecord.objects.filter(
        person=person, withdrawn_at__isnull=True, to_unit_id__in=shares.values("unit_id")
    )
    return consented.exists()


def _owner_roles(user: Any, case: Any) -> set[str]:
    return unit_roles(user, case.owner_unit)


def can_change_case(user: Any, case: Any) -> bool:
    return can_see_case(user, case) and bool(_owner_roles(user, case) & CASE_EDITOR_ROLES)


def can_share_case(user: Any, case: Any) -> bool:
    return can_change_case(user, case)


def can_widen_label(user: Any, case: Any) -> bool:
    """Widening the audience needs the owner's consent: the owner unit's focal point."""
    return can_see_case(user, case) and bool(_owner_roles(user, case) & CASE_OWNER_ROLES)


def can_override_consent(user: Any, case: Any) -> bool:
    return can_widen_label(user, case)


def can_name_red_readers(user: Any, case: Any) -> bool:
    return can_widen_label(user, case)


def can_view_case_access(user: Any, case: Any) -> bool:
    """The owner unit sees who read its case (for RED, its named members)."""
    return can_see_case(user, case) and _is_owner_member(user, case)


def case_owner_units(user: Any, body: Body) -> QuerySet[Unit]:
    """The units for which this person may record cases."""
    if not user.is_authenticated or not user.is_active:
        return Unit.objects.none()
    ids = Membership.objects.active().filter(
        user=user, body=body, unit__isnull=False, role__in=CASE_EDITOR_ROLES
    )
    return Unit.objects.filter(pk__in=ids.values("unit_id"))


def can_create_case(user: Any, body: Body) -> bool:
    return case_owner_units(user, body).exists()


def visible_cases(user: Any, body: Body) -> QuerySet[Any]:
    """The cases of a body this person may read (the records, not necessarily personal data)."""
    from lintas.cases.models import TLP, Case, CaseShare, EmergencyAccess, RedAccess

    if not user.is_authenticated or not user.is_active or not roles_in(user, body):
        return Case.objects.none()
    units = _unit_ids_in(user, body)
    shared = CaseShare.objects.filter(revoked_at__isnull=True, unit_id__in=units)
    named = RedAccess.objects.filter(revoked_at__isnull=True, user=user)
    emergency = EmergencyAccess.objects.active().filter(user=user)
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


def can_refer_case(user: Any, case: Any) -> bool:
    return can_change_case(user, case)


def can_answer_referral(user: Any, referral: Any) -> bool:
    """The receiving unit's focal point or alternate accepts or declines."""
    return bool(unit_roles(user, referral.to_unit) & CASE_EDITOR_ROLES)


def can_see_referral(user: Any, referral: Any) -> bool:
    """Either side's focal points; under TLP:RED only if they are named on the case, so a
    referral asked before the label narrowed does not tell its receiver the case exists."""
    from lintas.cases.models import TLP

    if referral.case.tlp == TLP.RED and not _is_named_reader(user, referral.case):
        return False
    return can_answer_referral(user, referral) or bool(
        unit_roles(user, referral.from_unit) & CASE_EDITOR_ROLES
    )


def can_close_referral(user: Any, referral: Any) -> bool:
    """Either side closes; an unanswered request only the sender may withdraw."""
    if not can_see_referral(user, referral):
        return False
    if referral.state == "requested":
        return bool(unit_roles(user, referral.from_unit) & CASE_EDITOR_ROLES)
    return can_see_referral(user, referral)


def can_break_glass(user: Any, case: Any) -> bool:
    """May ask for emergency access to this case (see the rule above)."""
    from lintas.cases.models import TLP

    roles = roles_in(user, case.body)
    if not roles or can_see_personal_data(user, case):
        return False
    return case.tlp != TLP.RED or Role.SECRETARIAT in roles


# --- networks -------------------------------------------------------------------------------
# Networks link the cases of a body through shared indicators and the same person. TLP:RED
# cases never enter linking (nobody but their named readers may learn that they exist).
#   analysts and the secretariat  see the list, every network page, and run a relink;
#   a unit's focal point or alternate  sees the networks touching cases they may read.
# On a network page a case the viewer may not read is "a case of unit X" with the unit's focal
# points to contact: never its reference, persons or indicators. Values of persons and
# indicators appear only to someone who may read the personal data of a person holding them.

NETWORK_ANALYST_ROLES = frozenset({Role.SECRETARIAT, Role.ANALYST})


def can_analyse_networks(user: Any, body: Body) -> bool:
    """See every network of the body and run a relink."""
    return bool(roles_in(user, body) & NETWORK_ANALYST_ROLES)


def can_view_networks(user: Any, body: Body) -> bool:
    """Open the networks list (a focal point sees only the networks touching its readable cases)."""
    return can_analyse_networks(user, body) or bool(roles_in(user, body) & CASE_EDITOR_ROLES)


def can_relink_networks(user: Any, body: Body) -> bool:
    return can_analyse_networks(user, body)


def visible_networks(user: Any, body: Body) -> QuerySet[Any]:
    """The networks of a body this person may see."""
    from lintas.networks.models import Network, NetworkCase

    networks = Network.objects.filter(body=body)
    if can_analyse_networks(user, body):
        return networks
    if not can_view_networks(user, body):
        return networks.none()
    touching = NetworkCase.objects.filter(case__in=visible_cases(user, body).values("pk"))
    return networks.filter(pk__in=touching.values("network_id"))


def can_see_ended_network(user: Any, body: Body, succession: Any) -> bool:
    """Learn what became of a network a relink ended: the same people as for a live network,
    through the cases it held when it ended."""
    if can_analyse_networks(user, body):
        return True
    if not can_view_networks(user, body):
        return False
    return visible_cases(user, body).filter(pk__in=succession.cases).exists()


def unit_reads_case(unit_id: int, case: Any, shared_with: Iterable[int]) -> bool:
    """Whether members of a unit read a case record by its label (``shared_with``: the units
    of its active shares). For hit/no-hit: a unit that reads the other's case needs no notice."""
    from lintas.cases.models import TLP

    if case.owner_unit_id == unit_id:
        return case.tlp != TLP.RED
    if case.tlp in {TLP.CLEAR, TLP.GREEN}:
        return True
    return case.tlp == TLP.AMBER and unit_id in set(shared_with)
