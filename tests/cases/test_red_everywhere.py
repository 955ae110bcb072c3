"""A TLP:RED case read through every way in: each page and API operation that names a case, each
list, search, export and statistics page, each API list. For anyone not named, every answer is
"not found" or says nothing of the case: not its reference, its victim's name, its narrative, nor a
link to it.

The ways in are found, not listed: URL patterns with a ``case_id`` come from the URL resolver and
API operations from the OpenAPI document, so a page or operation added later is walked too.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.http import HttpResponse
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from lintas.api.main import api
from lintas.cases import services
from lintas.cases.models import TLP, Case
from lintas.cases.services import emergency, referrals
from lintas.members.models import User
from tests.api.conftest import ApiClient, new_key
from tests.cases.conftest import (
    NARRATIVE,
    SUSPECT_NAME,
    VICTIM_NAME,
    add_alternate_a,
    add_suspect,
    add_victim,
    new_case,
)
from tests.conftest import Cast

pytestmark = pytest.mark.django_db

REFERENCE = "RED-2024-0099"
SECRETS = (REFERENCE, VICTIM_NAME, SUSPECT_NAME, NARRATIVE, "+84 912 345 678", "C1234567")
# Roles that are not named on the case; the owner unit's own alternate is not named either.
UNNAMED = ["secretariat", "admin", "focal_b", "focal_c", "leader", "analyst", "alternate"]


def _patterns(
    resolver: URLResolver, prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(name, route, converters) of every named URL, namespaces joined."""
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _patterns(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            converters = {**getattr(entry.pattern, "converters", {})}
            yield name, prefix + str(entry.pattern), converters


def _case_pages() -> list[str]:
    """Pages naming a case (the API's operations are walked from its OpenAPI document)."""
    return sorted(
        {
            name
            for name, _route, conv in _patterns(get_resolver())
            if "case_id" in conv and not name.startswith("api:")
        }
    )


def _list_pages() -> list[str]:
    """Pages of a body that take only its slug, in the apps that show case data."""
    apps = ("cases:", "networks:", "audit:", "core:", "members:")
    return sorted(
        {
            name
            for name, _route, conv in _patterns(get_resolver())
            if set(conv) == {"slug"} and name.startswith(apps)
        }
    )


class Red:
    """A RED case with everything a URL may point at: persons, an event, a consent, a share
    given before the label narrowed, a red reader, an emergency grant and a referral."""

    def __init__(self, cast: Cast) -> None:
        case = new_case(cast, reference=REFERENCE)
        self.victim = add_victim(cast, case)
        self.suspect = add_suspect(cast, case)
        self.event = services.add_event(
            case, by=cast.focal_a, kind="recruitment", occurred_on=dt.date(2024, 2, 1)
        )
        self.consent = services.record_consent(
            self.victim, by=cast.focal_a, to_unit=cast.unit_b, given_on=dt.date(2024, 3, 2)
        )
        self.share = services.share_with_unit(
            case, unit=cast.unit_b, by=cast.focal_a, include_personal_data=True
        )
        self.referral = referrals.request_referral(
            case, to_unit=cast.unit_c, by=cast.focal_a, due_on=dt.date(2099, 1, 1)
        )
        self.emergency = emergency.break_glass(
            case, user=cast.focal_c, reason="before the label narrowed", hours=1
        )
        emergency.end_emergency_access(self.emergency, by=cast.focal_c)
        services.change_label(case, tlp=TLP.RED, by=cast.focal_a, reason="witness at risk")
        self.access = case.red_access.get(user=cast.focal_a)
        case.refresh_from_db()
        self.case = case

    def ids(self, slug: str) -> dict[str, Any]:
        """The value of each URL parameter that names something of this case."""
        return {
            "slug": slug,
            "case_id": self.case.pk,
            "person_id": self.victim.pk,
            "event_id": self.event.pk,
            "consent_id": self.consent.pk,
            "share_id": self.share.pk,
            "access_id": self.access.pk,
            "referral_id": self.referral.pk,
        }

    def kwargs_for(self, converters: dict[str, Any], slug: str) -> dict[str, Any]:
        ids = self.ids(slug)
        missing = set(converters) - set(ids)
        assert not missing, f"teach this test which object {missing} names"
        return {name: ids[name] for name in converters}


def _user(cast: Cast, role: str) -> User:
    if role != "alternate":
        return cast.role_users()[role]
    return add_alternate_a(cast)


def _says_nothing(
    response: HttpResponse, case: Case, where: str, *, emergency_offer: bool = False
) -> None:
    if response.get("Content-Type", "").startswith(("text/", "application/json")):
        text = response.content.decode(errors="replace")
    else:
        text = response.content.decode("latin-1")  # a binary export: still no reference inside
    # The language switcher echoes the address asked for, and a search form the words searched
    # for: that is the visitor's own input, not the page telling anything.
    request = response.wsgi_request  # type: ignore[attr-defined]
    text = text.replace(request.get_full_path(), "")
    for value in request.GET.values():
        text = text.replace(f'value="{value}"', "")
    if emergency_offer:
        # The secretariat is offered to break the glass: the one link it may be shown.
        text = text.replace(f"/cases/{case.pk}/emergency/", "")
    for secret in SECRETS:
        assert secret not in text, (where, secret)
    assert not re.search(rf"/cases/{case.pk}/(?!\d)", text), (where, "a link to the case")


@pytest.mark.parametrize("role", UNNAMED)
def test_no_page_naming_the_red_case_answers_anyone_not_named(
    cast: Cast, client_for, role: str
) -> None:
    red = Red(cast)
    client = client_for(_user(cast, role))
    routes = {name: conv for name, _route, conv in _patterns(get_resolver())}
    pages = _case_pages()
    assert {"cases:detail", "cases:person-edit", "cases:event-remove"} <= set(pages)
    for name in pages:
        url = reverse(name, kwargs=red.kwargs_for(routes[name], cast.body.slug))
        if name == "cases:break-glass" and role == "secretariat":
            # The secretariat may break the glass on a RED case (docs/cases.md): the form is
            # there, and says nothing of the case until a reason is given and the owner told.
            form = client.get(url)
            assert form.status_code == 200
            _says_nothing(form, red.case, name, emergency_offer=True)
            continue
        for response in (client.get(url), client.post(url, {"tlp": "clear", "reason": "x"})):
            # 405: a form's address asked with the other method, before any case is looked up
            # (a case that does not exist answers the same).
            assert response.status_code in {404, 405}, (name, role, response.status_code)
            _says_nothing(response, red.case, name, emergency_offer=role == "secretariat")
    red.case.refresh_from_db()
    assert red.case.tlp == TLP.RED
    assert red.case.events.count() == 1 and red.case.persons.count() == 2


@pytest.mark.parametrize("role", UNNAMED)
def test_no_list_search_export_or_statistics_page_shows_the_red_case(
    cast: Cast, client_for, role: str
) -> None:
    red = Red(cast)
    client = client_for(_user(cast, role))
    pages = _list_pages()
    assert {"cases:list", "cases:statistics", "audit:log"} <= set(pages)
    queries = ("", f"?q={REFERENCE}", f"?q={VICTIM_NAME}", "?tlp=red", "?format=csv")
    for name in pages:
        url = reverse(name, kwargs={"slug": cast.body.slug})
        for query in queries:
            _says_nothing(client.get(url + query), red.case, name + query)
    public = client_for(None).get(reverse("public:home", args=[cast.body.slug]))
    _says_nothing(public, red.case, "public page")


def _api_operations() -> list[tuple[str, str]]:
    schema = api.get_openapi_schema()
    return sorted(
        (method.upper(), path.removeprefix("/api/v1"))
        for path, item in schema["paths"].items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    )


@pytest.mark.parametrize("role", UNNAMED)
def test_no_api_operation_reveals_the_red_case(cast: Cast, role: str) -> None:
    red = Red(cast)
    client = ApiClient(new_key(_user(cast, role)))
    ids = red.ids(cast.body.slug)
    walked = 0
    for method, path in _api_operations():
        names = re.findall(r"{(\w+)}", path)
        if "slug" not in names:
            continue
        url = path.format(**{name: ids.get(name, 1) for name in names})
        call = {"GET": client.get, "POST": client.post, "PUT": client.put}.get(method, client.patch)
        response = call(url)
        # The secretariat may break the glass on a RED case (docs/cases.md); empty, its request
        # is refused for what it lacks, and says nothing of the case.
        if "case_id" in names and not (role == "secretariat" and "emergency" in path):
            assert response.status_code == 404, (method, path, role, response.status_code)
        _says_nothing(response, red.case, f"{method} {path}")  # type: ignore[arg-type]
        walked += "case_id" in names
    assert walked >= 10  # the cases API is there and was walked


def test_the_named_reader_does_read_it_so_the_walk_above_is_not_empty(
    cast: Cast, client_for
) -> None:
    red = Red(cast)
    client = client_for(cast.focal_a)
    page = client.get(reverse("cases:detail", args=[cast.body.slug, red.case.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert REFERENCE in text and VICTIM_NAME in text
