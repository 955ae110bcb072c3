"""Case records for the network tests, recorded through the real services by each unit's focal
point. Phones are fictional."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lintas.cases import services
from lintas.cases.models import Case
from lintas.members.models import Unit, User
from lintas.networks import services as network_services
from lintas.networks.models import LinkRun, Network
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


def two_unit_network(cast: Cast) -> Network:
    """Unit A's and unit B's cases joined by one recruiter's phone, linked into one network."""
    record(cast, cast.unit_a, "NET-A", person("recruiter", "", phones=[RECRUITER_PHONE]))
    record(cast, cast.unit_b, "NET-B", person("recruiter", "", phones=[RECRUITER_PHONE]))
    network_services.relink_now(body=cast.body, email=False)
    return Network.objects.get(body=cast.body)


def queued_run(cast: Cast) -> LinkRun:
    """A relink asked for by the analyst, not yet taken by the worker."""
    return LinkRun.objects.create(body=cast.body, requested_by=cast.analyst)
