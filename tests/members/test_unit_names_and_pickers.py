"""Units' names in each interface language, and the unit pickers every form shares."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from lintas.cases.forms import ReferralForm
from lintas.core.errors import LintasError
from lintas.members import services
from lintas.members.forms import InviteForm
from lintas.members.models import Role, Unit, User
from lintas.policy import SYSTEM
from tests.conftest import Cast


def _options(html: str) -> list[tuple[str, str]]:
    """(group, label) of each option, in order."""
    found = []
    group = ""
    for match in re.finditer(
        r'<optgroup label="([^"]*)">|</optgroup>|<option[^>]*>([^<]*)</option>', html
    ):
        if match.group(0).startswith("<optgroup"):
            group = match.group(1)
        elif match.group(0) == "</optgroup>":
            group = ""
        else:
            found.append((group, match.group(2)))
    return found


def test_the_picker_groups_by_parent_orders_by_name_and_marks_units_where_no_one_acts(
    cast: Cast,
) -> None:
    services.update_unit(cast.unit_b, by=cast.secretariat, short_name="AB")
    form = InviteForm(body=cast.body, roles=[Role.FOCAL_POINT])
    html = str(form["unit"])
    assert "data-unit-picker" in html
    assert _options(html) == [
        ("", "---------"),
        ("", "Agency C"),
        ("", "Viet Nam — no one acting"),
        ("Viet Nam", "Agency A"),
        ("Viet Nam", "Agency B (AB)"),
    ]


def test_the_picker_shows_names_in_the_readers_language(cast: Cast) -> None:
    services.update_unit(
        cast.country, by=cast.secretariat, names={"vi": "Việt Nam", "id": "Vietnam"}
    )
    services.update_unit(cast.unit_c, by=cast.secretariat, names={"vi": "Cơ quan C"})
    units = Unit.objects.filter(body=cast.body)
    with translation.override("vi"):
        options = _options(str(ReferralForm(units=units)["to_unit"]))
    assert ("", "Cơ quan C") in options
    assert ("Việt Nam", "Agency A") in options
    with translation.override("id"):
        options = _options(str(ReferralForm(units=units)["to_unit"]))
    assert ("", "Agency C") in options  # no Indonesian name: the name given
    assert ("Vietnam", "Agency A") in options


def test_the_picker_costs_the_same_queries_whatever_the_number_of_units(cast: Cast) -> None:
    def count() -> int:
        form = InviteForm(body=cast.body, roles=[Role.FOCAL_POINT])
        with CaptureQueriesContext(connection) as queries:
            str(form["unit"])
        return len(queries)

    before = count()
    for n in range(5):
        services.create_unit(
            body=cast.body, by=SYSTEM, name=f"Office {n}", kind="agency", parent=cast.unit_c
        )
    assert count() == before


def test_unit_pages_show_the_name_in_the_readers_language(cast: Cast, client_for) -> None:
    client = client_for(cast.secretariat)
    url = reverse("members:unit-edit", args=[cast.body.slug, cast.unit_c.pk])
    data = {
        "name": "Agency C",
        "short_name": "",
        "kind": "agency",
        "name_vi": "Cơ quan C",
        "name_id": "Badan C",
    }
    assert client.post(url, data).status_code == 302
    cast.unit_c.refresh_from_db()
    assert cast.unit_c.names == {"vi": "Cơ quan C", "id": "Badan C"}
    detail = reverse("members:unit-detail", args=[cast.body.slug, cast.unit_c.pk])
    for language, name in (("vi", "Cơ quan C"), ("id", "Badan C"), ("en", "Agency C")):
        User.objects.filter(pk=cast.secretariat.pk).update(language=language)
        assert f"<h1>{name}" in client.get(detail).content.decode()


def test_a_name_too_long_is_refused_naming_the_field_and_nothing_is_saved(
    cast: Cast, client_for
) -> None:
    client = client_for(cast.secretariat)
    url = reverse("members:unit-edit", args=[cast.body.slug, cast.unit_c.pk])
    data = {"name": "Agency C renamed", "kind": "agency", "name_vi": "x" * 251}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "name_vi" in response.context["form"].errors
    cast.unit_c.refresh_from_db()
    assert cast.unit_c.name == "Agency C" and cast.unit_c.names == {}


@pytest.mark.parametrize("names", [{"fr": "Agence C"}, {"vi": 3}, ["Cơ quan C"], {"vi": "x" * 251}])
def test_bad_names_are_refused_by_the_service(cast: Cast, names: object) -> None:
    with pytest.raises(LintasError) as refused:
        services.update_unit(cast.unit_c, by=cast.secretariat, names=names)
    assert refused.value.field == "names"
    cast.unit_c.refresh_from_db()
    assert cast.unit_c.names == {}


def test_a_body_description_is_shown_in_the_readers_language(cast: Cast) -> None:
    cast.body.description = "A working group"
    cast.body.descriptions = {"vi": "Một nhóm công tác"}
    with translation.override("vi"):
        assert cast.body.display_description == "Một nhóm công tác"
    with translation.override("id"):
        assert cast.body.display_description == "A working group"


def test_the_body_overview_shows_the_description_in_the_readers_language(
    cast: Cast, client_for
) -> None:
    type(cast.body).objects.filter(pk=cast.body.pk).update(
        description="A working group", descriptions={"vi": "Một nhóm công tác"}
    )
    client = client_for(cast.focal_a)
    url = reverse("members:body-overview", args=[cast.body.slug])
    User.objects.filter(pk=cast.focal_a.pk).update(language="vi")
    assert "Một nhóm công tác" in client.get(url).content.decode()
    User.objects.filter(pk=cast.focal_a.pk).update(language="id")
    assert "A working group" in client.get(url).content.decode()
