"""A template's definition refused with a message and a path that name where it is wrong."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from lintas.core.errors import LintasError
from lintas.policy import SYSTEM
from lintas.reporting import services
from lintas.reporting.models import ReportTemplate
from tests.conftest import Cast
from tests.reporting.conftest import STRUCTURE, Regime

pytestmark = pytest.mark.django_db


def _field(**given: Any) -> dict[str, Any]:
    return {"code": "n", "type": "integer", "label": {"en": "Number"}, **given}


def _one(*fields: dict[str, Any], rules: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"sections": [{"code": "s", "fields": list(fields)}], "rules": rules or []}


@pytest.mark.parametrize(
    ("structure", "field", "words"),
    [
        ({"sections": [{"fields": []}]}, "sections.0.code", "Section 1 has no code"),
        (
            {"sections": [{"code": "s"}, {"code": "s"}]},
            "sections.1.code",
            "Section code s is used twice",
        ),
        (_one({"type": "integer", "label": {"en": "X"}}), "sections.0.fields.0.code", "field 1"),
        (_one({"code": "x", "label": {"en": "X"}}), "sections.0.fields.0.type", "x has no type"),
        (_one(_field(type="colour")), "sections.0.fields.0.type", "unknown type colour"),
        (_one(_field(label=None)), "sections.0.fields.0.label", "n needs a label"),
        (_one(_field(label={"vi": "Số"})), "sections.0.fields.0.label", "at least in English"),
        (_one(_field(label={"en": "  "})), "sections.0.fields.0.label", "n needs a label"),
        (_one(_field(), _field()), "sections.0.fields.1.code", "n is used twice"),
        (_one(_field(min="many")), "sections.0.fields.0.min", "limit min is not a number"),
        (_one(_field(min=5, max=1)), "sections.0.fields.0.min", "min is above max"),
        (
            _one(_field(type="short_text", max=3)),
            "sections.0.fields.0.type",
            "only number fields take limits",
        ),
        (
            _one(_field(), rules=[{"left": "n", "op": "lte", "right": "gone"}]),
            "rules.0.right",
            "Rule 1 names a field that does not exist: gone",
        ),
        (
            _one(_field(), rules=[{"left": "n", "right": "n"}, {"left": "nope", "right": "n"}]),
            "rules.1.left",
            "Rule 2 names a field that does not exist: nope",
        ),
        (_one(_field(aggregation="median")), "sections.0.fields.0.aggregation", "median"),
        (_one(_field(max_length=0)), "sections.0.fields.0.max_length", "whole number above 0"),
        (
            _one(_field(), rules=[{"left": "n", "op": "about", "right": "n"}]),
            "rules.0.op",
            "unknown comparison about",
        ),
    ],
)
def test_a_bad_definition_is_refused_naming_where_and_nothing_is_saved(
    cast: Cast, structure: dict[str, Any], field: str, words: str
) -> None:
    with pytest.raises(LintasError) as caught:
        services.create_template(
            body=cast.body, code="t", name={"en": "T"}, structure=structure, by=cast.secretariat
        )

    assert caught.value.field == field
    assert words in caught.value.message
    assert not ReportTemplate.objects.filter(body=cast.body).exists()


def test_a_bad_revision_leaves_the_version_as_it_was(regime: Regime) -> None:
    changed = copy.deepcopy(STRUCTURE)
    del changed["sections"][0]["fields"][1]["label"]

    with pytest.raises(LintasError) as caught:
        services.revise_template(regime.template, structure=changed, by=SYSTEM)

    assert caught.value.field == "sections.0.fields.1.label"
    version = services.latest_version(regime.template)
    assert version.number == 1
    codes = [f.code for s in version.sections.all() for f in s.fields.all()]
    assert codes[:2] == ["cases", "victims"]
    assert version.rules.count() == 1
