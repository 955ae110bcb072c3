"""Two schemas of one name are one entry of the OpenAPI document: the second silently describes
the first's operations (the members' people were once documented as a case's persons). Every
schema the API documents has a name of its own."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from ninja import Schema

import lintas.api.main  # noqa: F401  (imports every router, so every schema is defined)


def _subclasses(cls: type) -> list[type]:
    out = []
    for sub in cls.__subclasses__():
        out.append(sub)
        out.extend(_subclasses(sub))
    return out


def test_every_schema_of_the_api_has_a_name_of_its_own() -> None:
    places: dict[str, set[str]] = defaultdict(set)
    for cls in _subclasses(Schema):
        if cls.__module__.startswith("lintas.") and not cls.__name__.startswith("_"):
            places[cls.__name__].add(f"{cls.__module__}.{cls.__qualname__}")
    shared = {name: sorted(where) for name, where in places.items() if len(where) > 1}
    assert shared == {}


def test_the_people_of_a_body_are_documented_with_their_own_schema() -> None:
    from lintas.api.main import api

    document = api.get_openapi_schema()
    responses = document["paths"]["/api/v1/bodies/{slug}/people"]["get"]["responses"]
    people = responses.get(200) or responses["200"]
    ref = people["content"]["application/json"]["schema"]["items"]["$ref"]
    fields = document["components"]["schemas"][ref.rsplit("/", 1)[-1]]["properties"]
    assert "roles" in fields and "role" not in fields


@pytest.mark.django_db
def test_the_api_docs_load_swagger_from_our_own_static_files(client: Client) -> None:
    page = client.get("/api/v1/docs")

    assert page.status_code == 200
    html = page.content.decode()
    assert 'src="/static/ninja/swagger-ui-bundle.js"' in html
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith("/") for s in sources), sources  # nothing from elsewhere
    assert finders.find("ninja/swagger-ui-bundle.js")
