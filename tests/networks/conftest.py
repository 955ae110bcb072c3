"""Case records for the network tests, recorded through the real services by each unit's focal
point. Phones are fictional."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lintas.cases import services
from lintas.cases.models import Case
from lintas.members.models import Unit, User
from tests.conftest import Cast

RECRUITER_PHONE = "+84 91 234 5678"
HOTLINE = "+84 24 3933 1234"


def focal_of(cast: Cast, unit: Unit) -> User:
    return {cast.unit_a: cast.focal_a, cast.unit_b: cast.focal_b, cast.unit_c: cast.focal_c}[unit]


def person(role: str, name: str = "", **fields: Any) -> dict[str, Any]:
    contacts = {
        "phones": fields.pop("phones", []),
        "emails": fields.pop("emails", []),
        "social": fields.pop("social", []),
    }
    return {"role": role, "full_name": name, "contacts": contacts, **fields}


def record(
    cast: Cast,
    unit: Unit,
    reference: str,
    *persons: dict[str, Any],
    tlp: str = "amber",
    opened_on: dt.date = dt.date(2025, 3, 1),
) -> Case:
    by = focal_of(cast, unit)
    case = services.create_case(
        body=cast.body,
        owner_unit=unit,
        by=by,
        tlp=tlp,
        reference=reference,
        opened_on=opened_on,
        location_country="KH",
        origin_countries=["VN"],
        destination_countries=["KH"],
    )
    for p in persons:
        services.add_person(case, by=by, **p)
    return case
