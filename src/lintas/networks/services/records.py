"""What a run reads: every person of the body's cases that may enter linking, as rows of the
engine's interchange format, and the blind index that compares indicator values."""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from lintas.cases import crypto
from lintas.cases.models import TLP, Case, CasePerson
from lintas.members.models import Body, Unit

# --- blind index ----------------------------------------------------------------------------


def blind_index(value: str) -> str:
    """HMAC-SHA256 of a canonical indicator value under a key derived from the first field key:
    equal values give equal digests, and the digest says nothing without the key. Rotating the
    field keys changes every digest; the next relink writes them again."""
    secret = crypto.configured_keys()[0].encode()
    key = hashlib.sha256(b"lintas.networks.blind-index:" + secret).digest()
    return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()


# --- input ----------------------------------------------------------------------------------


def unit_country(unit: Unit) -> str:
    while unit is not None:
        if unit.country:
            return unit.country
        unit = unit.parent  # type: ignore[assignment]
    return ""


def _documents(values: Any) -> list[str]:
    out = []
    for item in values or []:
        if isinstance(item, dict):
            out.append(str(item.get("number") or ""))
        else:
            out.append(str(item))
    return [v for v in out if v.strip()]


def person_row(person: CasePerson, *, country: str) -> dict[str, str]:
    """One person of a case as a row of the engine's interchange format.

    ``notes`` stays empty: the narrative belongs to the case, not to one person; copied into
    every person's row it would count each number it mentions once per person (distorting the
    hub rule), and stories name hotlines and shelters far more often than recruiters. The
    structured fields are what the owner unit deliberately recorded about each person."""
    contacts = person.contacts if isinstance(person.contacts, dict) else {}
    dob = person.date_of_birth
    return {
        "record_id": str(person.pk),
        "agency": str(person.case.owner_unit_id),
        "agency_country": country,
        "case_ref": str(person.case_id),
        "role": person.role,
        "name": person.full_name or "",
        "date_of_birth": dob.isoformat() if dob else "",
        "nationality": person.nationality or "",
        "id_numbers": "; ".join(_documents(person.documents)),
        "address": "",
        "phones": "; ".join(str(v) for v in contacts.get("phones") or []),
        "emails": "; ".join(str(v) for v in contacts.get("emails") or []),
        "handles": "; ".join(str(v) for v in contacts.get("social") or []),
        "accounts": "; ".join(str(v) for v in person.accounts or []),
        "notes": "",
        "seen_at": person.case.opened_on.isoformat(),
    }


def linkable_persons(body: Body) -> list[CasePerson]:
    """Every person of the body's cases that may enter linking: not in a TLP:RED case and not
    labelled TLP:RED themselves (nobody but the named readers may learn that they exist)."""
    cases = {
        c.pk: c
        for c in Case.objects.filter(body=body)
        .exclude(tlp=TLP.RED)
        .select_related("owner_unit__parent")
        .defer("narrative")
    }
    persons = list(
        CasePerson.objects.filter(case_id__in=list(cases)).exclude(tlp=TLP.RED).order_by("pk")
    )
    for person in persons:
        person.case = cases[person.case_id]
    return persons
