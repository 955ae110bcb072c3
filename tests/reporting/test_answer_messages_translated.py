"""The refusals of answers (the web form, the API, an uploaded spreadsheet) are in the catalogues
and read in the reader's language; the spreadsheet's "Code" column is not the sign-in code."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext, pgettext

from lintas.reporting.validation.answers import FieldSpec, parse_value


@pytest.mark.parametrize(
    ("language", "expected"), [("vi", "Phải từ 0 trở lên."), ("id", "Minimal 0.")]
)
def test_a_value_below_the_minimum_is_refused_in_the_readers_language(language, expected):
    spec = FieldSpec(code="n", type="integer", label="N", min_value=Decimal(0))
    with translation.override(language):
        value, message = parse_value(spec, "-3", gettext, language=language)
    assert value is None
    assert message == expected


@pytest.mark.parametrize(
    ("raw", "spec"),
    [
        ("x" * 30, FieldSpec(code="t", type="short_text", label="T", max_length=10)),
        ("c", FieldSpec(code="c", type="choice", label="C", choices=("a", "b"))),
        ("abc", FieldSpec(code="n", type="integer", label="N")),
        ("maybe", FieldSpec(code="y", type="yes_no", label="Y")),
        ("9", FieldSpec(code="n", type="integer", label="N", max_value=Decimal(5))),
    ],
)
def test_every_refusal_of_a_value_is_translated_to_vietnamese(raw, spec):
    _, english = parse_value(spec, raw, gettext, language="en")
    with translation.override("vi"):
        _, vietnamese = parse_value(spec, raw, gettext, language="vi")
    assert english and vietnamese
    assert vietnamese != english


def test_the_spreadsheet_code_column_is_not_the_sign_in_code():
    with translation.override("vi"):
        assert pgettext("question code", "Code") == "Mã"
        assert pgettext("sign-in code", "Code") == "Mã xác thực"
        assert gettext("Code") == "Mã"
