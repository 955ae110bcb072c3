"""Demo case records for the working group: a few hundred fictional cases on the region's routes —
online scam compounds in Cambodia and Myanmar recruited through fake job ads on Facebook, Telegram
and Zalo, forced labour on fishing vessels, domestic servitude — with labels, shares between
member units and victims' consent. Fictional throughout: no name, date or number is real.

Rows are written in bulk so the demo loads in seconds; personal fields are still encrypted (the
fields encrypt on save) and the rows follow the rules the services enforce (shares only under
GREEN or AMBER, personal data shared only with each victim's consent, RED cases with their owner
unit's focal point as named reader). Loading twice adds nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction

from lintas.cases.models import (
    TLP,
    Case,
    CasePerson,
    CaseShare,
    ConsentRecord,
    ExploitationType,
    MeansOfControl,
    RecruitmentMethod,
    RedAccess,
)
from lintas.members.models import Body, Membership, Role, Unit, User

REFERENCE_PREFIX = "WG-DEMO-"
CASE_COUNT = 320

# Fictional names in the forms used in each country.
GIVEN = {
    "VN": ["Thị Hoa", "Văn Hùng", "Thị Lan", "Minh Tuấn", "Thị Mai", "Quang Huy", "Thu Trang"],
    "ID": ["Sri Wahyuni", "Agus Santoso", "Dewi Lestari", "Budi Hartono", "Rina Marlina"],
    "PH": ["Maria Cristina", "Jose Miguel", "Ana Liza", "Mark Anthony", "Rosalie"],
    "KH": ["Sokha", "Dara", "Sreymom", "Vuthy", "Chanthou"],
    "MM": ["Aye Aye", "Kyaw Zin", "Thandar", "Min Thu", "Hla Hla"],
    "TH": ["Somchai", "Malee", "Anan", "Siriporn", "Kittisak"],
    "LK": ["Nimali", "Kasun", "Dilani", "Ruwan", "Chamari"],
    "MY": ["Nur Aisyah", "Ahmad Faiz", "Siti Hajar", "Muhammad Amir"],
}
FAMILY = {
    "VN": ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng"],
    "ID": ["", "Saputra", "Wijaya", "Kurniawan", "Siregar"],
    "PH": ["Santos", "Reyes", "dela Cruz", "Bautista", "Garcia"],
    "KH": ["Chea", "Sok", "Heng", "Keo", "Meas"],
    "MM": ["", "Htun", "Win", "Oo", "Aung"],
    "TH": ["Srisuk", "Wongsa", "Chaiyaporn", "Kaewmanee"],
    "LK": ["Perera", "Fernando", "Silva", "Jayasinghe"],
    "MY": ["binti Hassan", "bin Ismail", "binti Yusof", "bin Rahman"],
}


def _name(rng: random.Random, country: str) -> str:
    given, family = rng.choice(GIVEN[country]), rng.choice(FAMILY[country])
    if country == "VN":
        return f"{family} {given}"
    return f"{given} {family}".strip()


# (weight, exploitation types, origins, transits, destinations, recruitment, means, victims' sex)
SCENARIOS: list[dict[str, Any]] = [
    {
        "weight": 5,
        "types": [ExploitationType.FORCED_CRIMINALITY],
        "origins": ["VN", "VN", "VN", "ID", "ID", "PH", "LK", "MY", "TH"],
        "routes": [(["TH"], "MM"), ([], "KH"), (["TH"], "KH"), (["LA"], "MM")],
        "recruitment": [RecruitmentMethod.ONLINE_JOB_AD, RecruitmentMethod.SOCIAL_MEDIA],
        "means": [
            MeansOfControl.DOCUMENTS_WITHHELD,
            MeansOfControl.RESTRICTED_MOVEMENT,
            MeansOfControl.DEBT_BONDAGE,
            MeansOfControl.THREATS,
            MeansOfControl.PHYSICAL_VIOLENCE,
            MeansOfControl.FALSE_PROMISES,
        ],
        "sex": ["male", "male", "female"],
        "story": (
            "Answered a job advertisement on {platform} for customer-service work with a high "
            "salary. Taken across the border to a guarded compound near {place}, made to run "
            "online investment and romance scams under quotas, and told to pay a debt to leave."
        ),
    },
    {
        "weight": 2,
        "types": [ExploitationType.FORCED_LABOUR],
        "origins": ["MM", "KH", "KH", "ID", "PH"],
        "routes": [([], "TH"), (["TH"], "MY"), ([], "ID")],
        "recruitment": [RecruitmentMethod.AGENCY, RecruitmentMethod.ACQUAINTANCE],
        "means": [
            MeansOfControl.WAGES_WITHHELD,
            MeansOfControl.DEBT_BONDAGE,
            MeansOfControl.DOCUMENTS_WITHHELD,
            MeansOfControl.PHYSICAL_VIOLENCE,
        ],
        "sex": ["male"],
        "story": (
            "Recruited by a broker for work on a fishing vessel. Kept at sea for months, "
            "transferred between boats, wages withheld against a recruitment debt."
        ),
    },
    {
        "weight": 2,
        "types": [ExploitationType.DOMESTIC_SERVITUDE],
        "origins": ["ID", "ID", "PH", "LK", "MM", "VN"],
        "routes": [([], "MY"), ([], "MY"), (["MY"], "TH")],
        "recruitment": [RecruitmentMethod.AGENCY, RecruitmentMethod.FAMILY],
        "means": [
            MeansOfControl.WAGES_WITHHELD,
            MeansOfControl.DOCUMENTS_WITHHELD,
            MeansOfControl.RESTRICTED_MOVEMENT,
            MeansOfControl.PSYCHOLOGICAL_ABUSE,
        ],
        "sex": ["female"],
        "story": (
            "Placed by an agency as a domestic worker. Passport kept by the employer, not allowed "
            "to leave the house, paid nothing after the first months."
        ),
    },
]
PLATFORMS = ["Facebook", "Telegram", "Zalo"]
PLACES = {"KH": ["Sihanoukville", "Bavet", "Poipet"], "MM": ["Myawaddy", "Shwe Kokko"]}
LABELS = [TLP.AMBER] * 38 + [TLP.GREEN] * 36 + [TLP.CLEAR] * 20 + [TLP.RED] * 3
LABELS += [TLP.AMBER_STRICT] * 3
FIRST_DAY = dt.date(2023, 1, 1)
LAST_DAY = dt.date(2026, 6, 30)


def _focal_points(body: Body) -> dict[int, User]:
    return {
        m.unit_id: m.user
        for m in Membership.objects.active()
        .filter(body=body, role=Role.FOCAL_POINT, unit__isnull=False)
        .select_related("user")
        .order_by("pk")
        if m.unit_id
    }


def _case(rng: random.Random, n: int, unit: Unit, by: User, body: Body) -> tuple[Case, dict]:
    scenario = rng.choices(SCENARIOS, weights=[s["weight"] for s in SCENARIOS])[0]
    origin = rng.choice(scenario["origins"])
    transits, destination = rng.choice(scenario["routes"])
    opened = FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days))
    types = list(scenario["types"])
    if types == [ExploitationType.FORCED_CRIMINALITY] and rng.random() < 0.08:
        types.append(ExploitationType.SEXUAL_EXPLOITATION)
    status = rng.choice(list(Case.Status))
    closed = None
    if status == Case.Status.CLOSED:
        closed = min(opened + dt.timedelta(days=rng.randrange(30, 400)), LAST_DAY)
    story = scenario["story"].format(
        platform=rng.choice(PLATFORMS), place=rng.choice(PLACES.get(destination, ["the port"]))
    )
    case = Case(
        body=body,
        owner_unit=unit,
        created_by=by,
        reference=f"{REFERENCE_PREFIX}{opened.year}-{n:04d}",
        status=status,
        opened_on=opened,
        closed_on=closed,
        location_country=rng.choice([destination, origin, *transits]),
        exploitation_types=types,
        means_of_control=sorted(rng.sample(scenario["means"], k=rng.randint(1, 3))),
        recruitment_methods=[rng.choice(scenario["recruitment"])],
        origin_countries=[origin],
        transit_countries=transits,
        destination_countries=[destination],
        narrative=story,
        narrative_language="en",
        tlp=rng.choice(LABELS),
    )
    return case, scenario


def _persons(rng: random.Random, case: Case, scenario: dict) -> list[CasePerson]:
    origin = case.origin_countries[0]
    persons = []
    for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
        age = rng.choice([16, 17, *range(18, 46)])
        dob = None
        if rng.random() > 0.1:
            dob = dt.date(case.opened_on.year - age, rng.randint(1, 12), rng.randint(1, 28))
        # Encrypted fields take dates and dicts; the stubs know them as text.
        fields: dict[str, Any] = {
            "full_name": _name(rng, origin),
            "date_of_birth": dob or "",
            "contacts": {"phones": [], "emails": [], "social": []},
        }
        persons.append(
            CasePerson(
                case=case,
                role=CasePerson.PersonRole.VICTIM,
                sex=rng.choice(scenario["sex"]),
                nationality=origin,
                **fields,
            )
        )
    for _ in range(rng.choice([0, 1, 1, 2])):
        country = rng.choice([origin, case.destination_countries[0]])
        persons.append(
            CasePerson(
                case=case,
                role=rng.choice([CasePerson.PersonRole.SUSPECT, CasePerson.PersonRole.RECRUITER]),
                full_name=_name(rng, country) if country in GIVEN else "",
                sex=rng.choice(["male", "male", "female", "unknown"]),
                nationality=country,
            )
        )
    return persons


# Recruiters' phones, Telegram handles and bank accounts recur across cases of different units,
# so the demo has networks to show; a shelter's hotline is written into many victims' records
# and is set aside as a hub. A separate generator keeps the cases themselves as they were.
RING_COUNT = 16
PHONE_FORMS = [
    lambda r: f"+84 91{r.randrange(10)} {r.randrange(1000):03d} {r.randrange(1000):03d}",
    lambda r: f"+855 12 {r.randrange(1000):03d} {r.randrange(1000):03d}",
    lambda r: f"+66 81 {r.randrange(1000):03d} {r.randrange(10000):04d}",
    lambda r: f"+60 12-{r.randrange(1000):03d} {r.randrange(10000):04d}",
    lambda r: f"+62 812-{r.randrange(10000):04d}-{r.randrange(10000):04d}",
]
SHELTER_HOTLINE = "+84 24 3933 1234"


def _recruiter_rings(cases: list[Case], persons: list[CasePerson]) -> list[CasePerson]:
    """Give the recruiters of some cases a ring's contacts; return recruiters added for that."""
    rng = random.Random(77)  # noqa: S311 (fictional data, reproducible)
    rings = []
    for n in range(RING_COUNT):
        phone = rng.choice(PHONE_FORMS)(rng)
        rings.append({
            "phones": [phone, phone.replace(" ", "").replace("-", "")],
            "social": [f"telegram: @job_{rng.choice(['asia', 'vip', 'hr', 'work'])}{n:02d}"],
            "accounts": [f"Bank {chr(65 + n % 6)}, {rng.randrange(10**11, 10**12)}"],
        })  # fmt: skip
    by_case: dict[int, list[CasePerson]] = {}
    for person in persons:
        by_case.setdefault(person.case_id, []).append(person)
    added: list[CasePerson] = []
    for case in cases:
        if rng.random() < 0.12:  # the victim gave the shelter's hotline as a contact
            victim = by_case[case.pk][0]
            victim.contacts = {**victim.contacts, "phones": [SHELTER_HOTLINE]}
        if rng.random() > 0.45:
            continue
        ring = rings[min(int(rng.expovariate(0.18)), RING_COUNT - 1)]
        recruiter = next(
            (p for p in by_case[case.pk] if p.role != CasePerson.PersonRole.VICTIM), None
        )
        if recruiter is None:
            recruiter = CasePerson(
                case=case, role=CasePerson.PersonRole.RECRUITER, sex="unknown",
                nationality=case.origin_countries[0],
            )  # fmt: skip
            added.append(recruiter)
        kinds = [k for k in ("phones", "social", "accounts") if rng.random() < 0.55] or ["phones"]
        contacts: dict[str, Any] = {"phones": [], "emails": [], "social": []}
        for kind in kinds:
            if kind == "accounts":
                recruiter.accounts = ring["accounts"]
            else:
                contacts[kind] = [rng.choice(ring[kind])]
        recruiter.contacts = contacts
    return added


@transaction.atomic
def load_cases_demo() -> None:
    from lintas.members.demo import WG_SLUG

    body = Body.objects.get(slug=WG_SLUG)
    if Case.objects.filter(body=body, reference__startswith=REFERENCE_PREFIX).exists():
        return
    rng = random.Random(2024)  # noqa: S311 (fictional data, reproducible)
    focal = _focal_points(body)
    units = list(
        Unit.objects.filter(body=body, pk__in=focal.keys())
        .exclude(kind=Unit.Kind.SECRETARIAT)
        .order_by("name")
    )
    if not units:
        return
    by_country = {u.country: u for u in units if u.country}
    drafts = []
    for n in range(1, CASE_COUNT + 1):
        unit = rng.choice(units)
        drafts.append(_case(rng, n, unit, focal[unit.pk], body))
    cases = Case.objects.bulk_create([case for case, _ in drafts])
    persons: list[CasePerson] = []
    for case, scenario in zip(cases, (s for _, s in drafts), strict=True):
        persons.extend(_persons(rng, case, scenario))
    persons.extend(_recruiter_rings(cases, persons))
    CasePerson.objects.bulk_create(persons)
    victims: dict[int, list[CasePerson]] = {}
    for person in persons:
        if person.role == CasePerson.PersonRole.VICTIM:
            victims.setdefault(person.case_id, []).append(person)

    shares: list[CaseShare] = []
    consents: list[ConsentRecord] = []
    readers: list[RedAccess] = []
    for case in cases:
        by = focal[case.owner_unit_id]
        if case.tlp == TLP.RED:
            readers.append(RedAccess(case=case, user=by, granted_by=by))
            continue
        if case.tlp not in {TLP.GREEN, TLP.AMBER} or rng.random() > 0.35:
            continue
        partner = by_country.get(case.destination_countries[0]) or rng.choice(units)
        if partner.pk == case.owner_unit_id:
            partner = next(u for u in units if u.pk != case.owner_unit_id)
        personal = rng.random() < 0.5
        shares.append(
            CaseShare(case=case, unit=partner, includes_personal_data=personal, granted_by=by)
        )
        if personal:
            given = case.opened_on + dt.timedelta(days=rng.randint(1, 20))
            consents.extend(
                ConsentRecord(
                    person=victim,
                    to_unit=partner,
                    given_on=min(given, LAST_DAY),
                    evidence_note="Signed consent form, explained in the victim's language.",
                    recorded_by=by,
                )
                for victim in victims.get(case.pk, [])
            )
    RedAccess.objects.bulk_create(readers)
    CaseShare.objects.bulk_create(shares)
    ConsentRecord.objects.bulk_create(consents)
