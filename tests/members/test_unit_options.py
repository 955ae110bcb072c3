"""The unit selects written by hand (plans' timeline and evaluation, the networks list) and the
forms that still used plain selects (a case's owner unit, a message's sending unit, an
obligation's units and its exceptions) offer units as every unit picker does: "Name (CODE)" in
the reader's language, grouped under their parent, units where no one acts marked, with the
filter box."""

from __future__ import annotations

import re

from django.template import Context, Template
from django.urls import reverse

from lintas.cases.forms import CaseForm
from lintas.exchange.forms import MessageForm
from lintas.members.fields import UnitChoiceField, UnitMultipleChoiceField
from lintas.members.models import Unit
from lintas.reporting.forms import ExceptionForm, ObligationForm
from tests.conftest import Cast
from tests.plans.conftest import make_plan


def _options(html: str) -> list[str]:
    return re.findall(r"<option value=\"\d+\"[^>]*>([^<]*)</option>", html)


def test_the_tag_groups_units_under_their_parent_and_marks_those_without_anyone(
    cast: Cast,
) -> None:
    cast.unit_b.short_name = "AB"
    cast.unit_b.save(update_fields=["short_name"])
    html = Template("{% load unit_picker %}{% unit_options units chosen %}").render(
        Context({"units": Unit.objects.filter(body=cast.body), "chosen": cast.unit_b.pk})
    )
    assert '<optgroup label="Viet Nam — no one acting">' not in html  # a group names its parent
    assert re.search(r'<optgroup label="Viet Nam">.*Agency A.*Agency B \(AB\).*</optgroup>', html)
    assert f'<option value="{cast.unit_b.pk}" selected>Agency B (AB)</option>' in html
    assert "Viet Nam — no one acting" in _options(html)
    assert html.index("Agency C") < html.index("<optgroup")  # top-level units first


def test_the_hand_written_selects_use_the_picker(client_for, cast: Cast) -> None:
    plan = make_plan(cast)
    client = client_for(cast.secretariat)
    for url in (
        reverse("plans:timeline", args=[cast.body.slug, plan.phase.pk]),
        reverse("networks:list", args=[cast.body.slug]),
    ):
        page = client.get(url).content.decode()
        select = re.search(r"<select[^>]*data-unit-picker[^>]*>(.*?)</select>", page, re.S)
        assert select is not None, url
        assert '<optgroup label="Viet Nam">' in select.group(1), url
        assert "All units" in select.group(1), url


def test_the_forms_offer_the_unit_picker() -> None:
    assert isinstance(CaseForm.base_fields["owner_unit"], UnitChoiceField)
    assert isinstance(MessageForm.base_fields["author_unit"], UnitChoiceField)
    assert isinstance(ExceptionForm.base_fields["unit"], UnitChoiceField)
    assert isinstance(ObligationForm.base_fields["units"], UnitMultipleChoiceField)
    for form, name in (
        (CaseForm, "owner_unit"),
        (MessageForm, "author_unit"),
        (ExceptionForm, "unit"),
        (ObligationForm, "units"),
    ):
        assert "data-unit-picker" in form.base_fields[name].widget.attrs, name
