"""Reads of case data for pages and exports. Every read goes through the policy, and every read of
personal data writes an audit entry (``cases.person.viewed``, ``cases.narrative.viewed``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import HttpRequest

from lintas.audit.models import AuditEntry
from lintas.audit.services import log_action, log_actions
from lintas.cases import policy
from lintas.cases.models import (
    TLP,
    Case,
    CaseEvent,
    CasePerson,
    CaseShare,
    ConsentRecord,
    EmergencyAccess,
    RedAccess,
    Referral,
)
from lintas.members.models import Body, Membership


@dataclass
class CaseFilters:
    q: str = ""
    status: str = ""
    tlp: str = ""
    exploitation: str = ""
    country: str = ""
    unit: int | None = None


def cases_for_list(user: Any, body: Body, filters: CaseFilters) -> QuerySet[Case]:
    """The cases this person may see, filtered. The list shows no personal data."""
    qs = policy.visible_cases(user, body).select_related("owner_unit")
    if filters.q:
        qs = qs.filter(reference__icontains=filters.q)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.tlp:
        qs = qs.filter(tlp=filters.tlp)
    if filters.unit:
        qs = qs.filter(owner_unit_id=filters.unit)
    if not (filters.exploitation or filters.country):
        return qs
    # JSON lists are filtered in Python: containment lookups are not portable to SQLite.
    matching = list(qs)
    if filters.exploitation:
        matching = [c for c in matching if filters.exploitation in c.exploitation_types]
    if filters.country:
        code = filters.country.upper()
        matching = [
            c
            for c in matching
            if code == c.location_country
            or code in c.origin_countries + c.transit_countries + c.destination_countries
        ]
    return qs.filter(pk__in=[c.pk for c in matching])


def case_for(user: Any, body: Body, case_id: int) -> Case:
    """The case, or 404 for anyone who may not know it exists."""
    return case_with_access(user, body, case_id)[0]


def case_with_access(user: Any, body: Body, case_id: int) -> tuple[Case, policy.CaseAccess]:
    """The case and what this person may do with it, or 404 for anyone who may not know it
    exists. The access is read once: ask it rather than the policy's ``can_*`` functions."""
    case = Case.objects.select_related("owner_unit", "body").filter(pk=case_id, body=body).first()
    access = policy.case_access(user, case) if case is not None else None
    policy.hide(access is not None and access.reads)
    assert case is not None and access is not None  # noqa: S101 (hide() raised otherwise)
    return case, access


def person_for(user: Any, case: Case, person_id: int) -> CasePerson:
    person = case.persons.filter(pk=person_id).first()
    policy.hide(person is not None)
    assert person is not None  # noqa: S101
    person.case = case
    return person


@dataclass
class PersonView:
    person: CasePerson
    visible: bool
    consents: list[ConsentRecord] = field(default_factory=list)


@dataclass
class CaseView:
    case: Case
    personal_data: bool
    narrative: str
    persons: list[PersonView]
    shares: list[CaseShare]
    events: list[CaseEvent] = field(default_factory=list)


def case_view(access: policy.CaseAccess, *, request: HttpRequest | None = None) -> CaseView:
    """What this person may read of a case, with an audit entry for each personal read. The
    number of queries does not grow with the number of persons."""
    case, user = access.case, access.user
    personal = access.personal_data
    owner_side = access.may_change
    found = case.persons.all()
    if owner_side:
        found = found.prefetch_related(
            Prefetch("consents", queryset=ConsentRecord.objects.select_related("to_unit"))
        )
    persons = []
    for person in found:
        person.case = case
        visible = personal and access.sees(person)
        consents = list(person.consents.all()) if owner_side else []
        persons.append(PersonView(person, visible, consents))
    seen = [view.person for view in persons if view.visible]
    log_actions("cases.person.viewed", actor=user, body=case.body, targets=seen, request=request)
    if personal and case.narrative:
        log_action(
            "cases.narrative.viewed", actor=user, body=case.body, target=case, request=request
        )
    events = list(case.events.all())
    if not personal:
        for event in events:
            event.description = ""
    elif any(event.description for event in events):
        log_action("cases.events.viewed", actor=user, body=case.body, target=case, request=request)
    shares = (
        list(case.shares.select_related("unit", "granted_by").order_by("-granted_at"))
        if access.may_view_access
        else []
    )
    return CaseView(
        case=case,
        personal_data=personal,
        narrative=case.narrative if personal else "",
        persons=persons,
        shares=shares,
        events=events,
    )


def case_for_edit(case: Case, *, user: Any, request: HttpRequest | None = None) -> Case:
    """A case loaded to fill the edit form, narrative included: audited as a read."""
    if case.narrative:
        log_action(
            "cases.narrative.viewed", actor=user, body=case.body, target=case, request=request
        )
    return case


def person_for_edit(
    user: Any, case: Case, person_id: int, *, request: HttpRequest | None = None
) -> CasePerson:
    """A person loaded to fill the edit form: a read of their personal data, so it is audited."""
    person = person_for(user, case, person_id)
    log_action("cases.person.viewed", actor=user, body=case.body, target=person, request=request)
    return person


def case_access_entries(case: Case, *, outside_owner: bool = False) -> QuerySet[AuditEntry]:
    """Who did what to a case and its persons: what the owner unit sees. With ``outside_owner``,
    only what people who are not members of the owner unit did."""
    person_ids = [str(pk) for pk in case.persons.values_list("pk", flat=True)]
    entries = AuditEntry.objects.filter(
        Q(object_type="cases.case", object_id=str(case.pk))
        | Q(object_type="cases.caseperson", object_id__in=person_ids)
    )
    if outside_owner:
        members = Membership.objects.active().filter(unit=case.owner_unit).values("user_id")
        entries = entries.exclude(actor_id__in=members)
    return entries.order_by("-at", "-id")


def consent_for(case: Case, consent_id: int) -> ConsentRecord:
    consent = (
        ConsentRecord.objects.select_related("person")
        .filter(pk=consent_id, person__case=case)
        .first()
    )
    policy.hide(consent is not None)
    assert consent is not None  # noqa: S101
    consent.person.case = case
    return consent


def red_readers_of(case: Case) -> QuerySet[RedAccess]:
    return (
        case.red_access.filter(revoked_at__isnull=True)
        .select_related("user", "granted_by")
        .order_by("user__full_name")
    )


# --- referrals and emergency access ---------------------------------------------------------


def case_for_break_glass(user: Any, body: Body, case_id: int) -> Case:
    """A case this person may ask emergency access to, or 404 (strangers, and RED cases for
    anyone but the secretariat, never learn it exists)."""
    case = Case.objects.select_related("owner_unit", "body").filter(pk=case_id, body=body).first()
    policy.hide(case is not None and policy.can_break_glass(user, case))
    assert case is not None  # noqa: S101
    return case


def emergency_access_for(case: Case, access_id: int) -> EmergencyAccess:
    access = case.emergency_access.filter(pk=access_id).first()
    policy.hide(access is not None)
    assert access is not None  # noqa: S101
    access.case = case
    return access


def emergency_accesses_of(case: Case) -> QuerySet[EmergencyAccess]:
    """Every emergency access to a case, newest first: shown first on "Who accessed it"."""
    return case.emergency_access.select_related("user", "ended_by").order_by("-granted_at")


def referral_for(user: Any, body: Body, referral_id: int) -> Referral:
    referral = (
        Referral.objects.select_related("case__body", "case__owner_unit", "from_unit", "to_unit")
        .filter(pk=referral_id, case__body=body)
        .first()
    )
    policy.hide(referral is not None and policy.can_see_referral(user, referral))
    assert referral is not None  # noqa: S101
    return referral


def waiting_referral_count(user: Any, body: Body) -> int | None:
    """How many requests wait for an answer from this person's units (None: the person answers
    for no unit). One query, the person's units being read once per request; a TLP:RED case
    counts only for people named on it, as the inbox shows it."""
    unit_ids = policy.referral_receiving_unit_ids(user, body)
    if not unit_ids:
        return None
    person = policy.active_person(user)
    named = RedAccess.objects.filter(case=OuterRef("case"), user=person, revoked_at__isnull=True)
    return (
        Referral.objects.filter(
            case__body=body, to_unit_id__in=unit_ids, state=Referral.State.REQUESTED
        )
        .filter(~Q(case__tlp=TLP.RED) | Exists(named))
        .count()
    )


def referrals_for_inbox(user: Any, body: Body) -> tuple[list[Referral], list[Referral]]:
    """Requests to and from the units this person acts for: (incoming, outgoing)."""
    units = policy.case_owner_units(user, body)
    base = Referral.objects.filter(case__body=body).select_related(
        "case", "from_unit", "to_unit", "requested_by"
    )
    incoming = [r for r in base.filter(to_unit__in=units) if policy.can_see_referral(user, r)]
    outgoing = [r for r in base.filter(from_unit__in=units) if policy.can_see_referral(user, r)]
    return incoming, outgoing
