"""Case data for the tests, built through the real services.

``shared_case(cast, label)``: a case of unit A (focal_a records it) with a victim and a suspect;
the victim consents to unit B, and A shares the case with B including personal data. Then the
label is set: under TLP:RED, focal_a (who set it) and focal_b are the named readers.
"""

from __future__ import annotations

import datetime as dt
import io

import msoffcrypto
import pytest
from openpyxl import load_workbook

from lintas.cases import services
from lintas.cases.models import TLP, Case, CasePerson
from lintas.members import services as members
from lintas.members.models import Role, User
from lintas.policy import SYSTEM
from tests.conftest import Cast, make_person

VICTIM_NAME = "Nguyen Thi Victim"
SUSPECT_NAME = "Tran Van Suspect"
NARRATIVE = "Recruited through a fake job advertisement for a casino."


def new_case(cast: Cast, *, reference: str = "A-2024-001", tlp: str = TLP.AMBER) -> Case:
    return services.create_case(
        body=cast.body,
        owner_unit=cast.unit_a,
        by=cast.focal_a,
        tlp=tlp,
        reference=reference,
        opened_on=dt.date(2024, 3, 1),
        location_country="KH",
        exploitation_types=["forced_criminality"],
        recruitment_methods=["online_job_ad"],
        origin_countries=["VN"],
        transit_countries=["TH"],
        destination_countries=["KH"],
        narrative=NARRATIVE,
        narrative_language="en",
    )


def add_victim(cast: Cast, case: Case, name: str = VICTIM_NAME) -> CasePerson:
    return services.add_person(
        case,
        by=cast.focal_a,
        role=CasePerson.PersonRole.VICTIM,
        full_name=name,
        date_of_birth=dt.date(2001, 5, 17),
        sex=CasePerson.Sex.FEMALE,
        nationality="VN",
        contacts={"phones": ["+84 912 345 678"], "emails": [], "social": ["@victim01"]},
        documents=["passport C1234567 VN"],
    )


def add_suspect(cast: Cast, case: Case) -> CasePerson:
    return services.add_person(
        case,
        by=cast.focal_a,
        role=CasePerson.PersonRole.SUSPECT,
        full_name=SUSPECT_NAME,
        sex=CasePerson.Sex.MALE,
        nationality="CN",
        accounts=["ACB 0123456789"],
    )


def shared_case(cast: Cast, label: str) -> Case:
    case = new_case(cast)
    victim = add_victim(cast, case)
    add_suspect(cast, case)
    services.record_consent(
        victim,
        by=cast.focal_a,
        to_unit=cast.unit_b,
        given_on=dt.date(2024, 3, 2),
        evidence_note="Signed form",
    )
    services.share_with_unit(case, unit=cast.unit_b, by=cast.focal_a, include_personal_data=True)
    if label != TLP.AMBER:
        services.change_label(case, tlp=label, by=cast.focal_a, reason="test set-up")
    if label == TLP.RED:
        services.name_red_reader(case, person=cast.focal_b, by=cast.focal_a)
    case.refresh_from_db()
    return case


def case_with_persons(cast: Cast, count: int, *, label: str = TLP.AMBER) -> Case:
    """A case of unit A shared with unit B including personal data, then ``count`` persons in
    turn: a victim who consents to unit B, a suspect, a victim who gave no consent (withheld
    from B). Under TLP:RED focal_b is named; the label is set before the persons are added."""
    case = new_case(cast, reference=f"Q-{count:03d}")
    services.share_with_unit(case, unit=cast.unit_b, by=cast.focal_a, include_personal_data=True)
    if label != TLP.AMBER:
        services.change_label(case, tlp=label, by=cast.focal_a, reason="test set-up")
    if label == TLP.RED:
        services.name_red_reader(case, person=cast.focal_b, by=cast.focal_a)
    for n in range(count):
        if n % 3 == 1:
            add_suspect(cast, case)
            continue
        victim = add_victim(cast, case, name=f"Victim {n:02d}")
        if n % 3 == 0:
            services.record_consent(
                victim, by=cast.focal_a, to_unit=cast.unit_b, given_on=dt.date(2024, 3, 2)
            )
    case.refresh_from_db()
    return case


def add_alternate_a(cast: Cast) -> User:
    """Unit A's alternate focal point: a member of the owner unit, never named on a RED case."""
    person = make_person("alt-a@example.org", "Ali Alternate")
    members.grant_role(
        body=cast.body, person=person, role=Role.ALTERNATE_FOCAL_POINT, unit=cast.unit_a, by=SYSTEM
    )
    return person


@pytest.fixture
def alternate_a(cast: Cast) -> User:
    return add_alternate_a(cast)


def decrypt_xlsx(content: bytes, password: str) -> list[dict[str, str]]:
    """The rows of a password-protected export, opened as an office program would."""
    office = msoffcrypto.OfficeFile(io.BytesIO(content))
    office.load_key(password=password)
    plain = io.BytesIO()
    office.decrypt(plain)
    ws = load_workbook(plain, read_only=True).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    header = [str(c) for c in rows[0]]
    return [{h: (v or "") for h, v in zip(header, row, strict=False)} for row in rows[1:]]
