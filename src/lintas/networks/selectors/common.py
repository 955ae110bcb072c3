"""What several reads share: an indicator's kind and value as people write them, a case's
countries, and whom to contact at a unit."""

from __future__ import annotations

from typing import Any

import phonenumbers
from django.utils.translation import gettext_lazy

from lintas.members.models import Membership, Unit, User
from lintas.networks import policy

KIND_NAMES = {
    "phone": gettext_lazy("phone number"),
    "email": gettext_lazy("e-mail address"),
    "handle": gettext_lazy("social media handle"),
    "url": gettext_lazy("web address"),
    "account": gettext_lazy("bank account"),
    "document": gettext_lazy("identity document"),
}


def kind_name(kind: str) -> str:
    return str(KIND_NAMES.get(kind, kind))


def display_value(value: str) -> str:
    """An indicator's canonical value as people write it: ``+84912345678`` → ``+84 91 234 56
    78``, ``telegram:jobs`` → ``jobs (telegram)``, ``acct:0071…`` → ``0071…``."""
    if value.startswith("+"):
        try:
            number = phonenumbers.parse(value, None)
        except phonenumbers.NumberParseException:
            return value
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    head, _sep, tail = value.partition(":")
    if head in {"mail", "acct", "doc", "tel", "url"}:
        return tail
    return f"{tail} ({head})" if tail else value


def case_countries(case: Any) -> set[str]:
    """The countries of a case's identification and route."""
    codes = [case.location_country, *case.origin_countries, *case.transit_countries]
    return {c for c in [*codes, *case.destination_countries] if c}


def unit_contacts(unit: Unit) -> list[User]:
    """A unit's focal point and alternate focal point: whom another unit contacts."""
    ids = (
        Membership.objects.active()
        .filter(unit=unit, role__in=policy.CASE_EDITOR_ROLES)
        .values_list("user_id", flat=True)
    )
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("full_name", "pk"))
