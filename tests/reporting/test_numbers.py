"""Numbers as people type them: read in the language they were written in, never reinterpreted.

"1,5" is one and a half in Vietnamese and Indonesian, where the comma is the decimal mark; it was
once stored as 15. The same rules serve the web form, the API and the offline file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from html.parser import HTMLParser

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from lintas.reporting import services
from lintas.reporting.models import Submission
from lintas.reporting.validation import (
    JSON,
    FieldSpec,
    NumberError,
    format_number,
    parse_number,
    parse_value,
)
from tests.reporting.conftest import GOOD, Regime

WHOLE = FieldSpec(code="cases", type="integer", label="Cases")
NUMBER = FieldSpec(code="rate", type="decimal", label="Rate")
NOW = dt.datetime(2024, 4, 5, 3, 0, tzinfo=dt.UTC)


# --- the parser ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "number"),
    [
        ("1,234.5", "en", "1234.5"),
        ("1.234,5", "vi", "1234.5"),
        ("1.234,5", "id", "1234.5"),
        ("1,5", "vi", "1.5"),
        ("0,25", "id", "0.25"),
        ("1,234", "en", "1234"),
        ("1.234", "vi", "1234"),
        ("12 345 678", "en", "12345678"),
        ("12\u00a0345,5", "vi", "12345.5"),  # a no-break space, as spreadsheets group thousands
        ("-7", "en", "-7"),
        ("\u22123,5", "id", "-3.5"),  # the minus sign, not a hyphen
        ("  42 ", "vi", "42"),
        ("007", "en", "7"),
    ],
)
def test_a_number_is_read_as_its_language_writes_it(text: str, language: str, number: str) -> None:
    assert parse_number(text, language=language) == Decimal(number)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("1,5", "en"),  # one and a half, or fifteen?
        ("1.5", "vi"),
        ("12,34", "en"),
        ("1.234,5", "en"),  # Vietnamese writing on an English page
        ("1,234.5", "id"),
        ("0,234", "en"),
        ("1,234 567", "en"),  # two kinds of thousands separator
        ("1.2.3", "en"),
        ("5.", "en"),
        ("1,234,5", "en"),
    ],
)
def test_separators_that_do_not_read_one_way_are_refused_as_ambiguous(
    text: str, language: str
) -> None:
    with pytest.raises(NumberError) as refused:
        parse_number(text, language=language)
    assert refused.value.kind == NumberError.AMBIGUOUS


@pytest.mark.parametrize("text", ["abc", "12%", "1e5", "--1", "", "1/2", "١٢"])
def test_text_that_is_no_number_is_refused(text: str) -> None:
    with pytest.raises(NumberError) as refused:
        parse_number(text, language="en")
    assert refused.value.kind == NumberError.NOT_A_NUMBER


@given(
    number=st.decimals(
        min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=4, allow_nan=False
    ),
    language=st.sampled_from(["en", "vi", "id"]),
    grouping=st.booleans(),
)
def test_a_number_written_in_a_language_reads_back_as_the_same_number(
    number: Decimal, language: str, grouping: bool
) -> None:
    written = format_number(number, language=language, grouping=grouping)
    assert parse_number(written, language=language) == number


def test_a_whole_number_field_refuses_a_fraction_and_never_rounds_or_multiplies_it() -> None:
    assert parse_value(WHOLE, "1,5", language="vi") == (
        None,
        "“1,5” is not a whole number, and it is not rounded: write a whole number, like 1234 "
        "or 1.234.",
    )
    assert parse_value(WHOLE, "1,5", language="en") == (
        None,
        "“1,5” is ambiguous: write it like 1234 or 1,234, with “.” before the decimals and “,” "
        "between thousands.",
    )
    assert parse_value(WHOLE, "1.234", language="vi") == (1234, None)
    # three decimals in a count are the other languages' thousands: 3, or 3000?
    assert parse_value(WHOLE, "3,000", language="vi") == (
        None,
        "“3,000” is ambiguous: write it like 1234 or 1.234, with “,” before the decimals and “.” "
        "between thousands.",
    )
    assert parse_value(WHOLE, "12,00", language="vi") == (12, None)
    assert parse_value(NUMBER, "3,000", language="vi") == ("3.000", None)
    assert parse_value(NUMBER, "1,5", language="vi") == ("1.5", None)
    # a spreadsheet's numeric cell is a number already; its fraction is still refused
    assert parse_value(WHOLE, 1.5, language="vi")[1] == (
        "“1,5” is not a whole number, and it is not rounded: write a whole number, like 1234 "
        "or 1.234."
    )
    assert parse_value(WHOLE, 12.0, language="vi") == (12, None)


def test_the_stored_form_takes_plain_digits_only() -> None:
    assert parse_value(WHOLE, "7") == (7, None)
    assert parse_value(NUMBER, "1E-7") == ("1E-7", None)
    assert parse_value(WHOLE, "1,5") == (None, "“1,5” is not a whole number.")


def test_the_api_takes_json_numbers_only() -> None:
    assert parse_value(WHOLE, 12, language=JSON) == (12, None)
    assert parse_value(NUMBER, 0.25, language=JSON) == ("0.25", None)
    assert parse_value(WHOLE, "12", language=JSON) == (
        None,
        "Send “12” as a JSON number, not as text.",
    )
    assert parse_value(WHOLE, 2.5, language=JSON) == (None, "“2.5” is not a whole number.")
    assert parse_value(WHOLE, 2.0, language=JSON) == (2, None)
    assert parse_value(WHOLE, True, language=JSON) == (None, "“True” is not a whole number.")


def test_a_date_typed_by_a_person_is_read_day_first_as_the_case_import_reads_it() -> None:
    day = FieldSpec(code="date", type="date", label="Date")
    assert parse_value(day, "02/03/2024", language="en") == ("2024-03-02", None)
    assert parse_value(day, "2 Maret 2024", language="id") == ("2024-03-02", None)
    assert parse_value(day, "2 tháng 3 năm 2024", language="vi") == ("2024-03-02", None)
    assert parse_value(day, "31/02/2024", language="en")[1] == (
        "“31/02/2024” is not a date: write it as 2024-03-02, 02/03/2024, 02.03.2024, "
        "2-Mar-2024, 2 March 2024 (day before month)."
    )


# --- the web form ----------------------------------------------------------------------------


class _Inputs(HTMLParser):
    """What a browser sends back for a form whose fields nobody touched."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        name = a.get("name", "")
        if tag == "input" and name and "disabled" not in a:
            if a.get("type") in {"radio", "checkbox"}:
                if "checked" in a:
                    self.values[name] = a.get("value", "")
            elif a.get("type") != "submit":
                self.values[name] = a.get("value", "")
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.values[self._select] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.values[self._textarea] += data


def _form(content: bytes) -> dict[str, str]:
    parser = _Inputs()
    parser.feed(content.decode())
    return parser.values


def _edit_url(sub: Submission) -> str:
    return reverse(
        "reporting:submission-edit",
        kwargs={"slug": sub.obligation.body.slug, "submission_id": sub.pk},
    )


@pytest.fixture
def draft(regime: Regime) -> Submission:
    with time_machine.travel(NOW, tick=False):
        sub = services.start_submission(
            obligation=regime.obligation,
            unit=regime.cast.unit_a,
            period_key="2024-03",
            by=regime.cast.focal_a,
        )
        services.save_draft(
            sub, data={**GOOD, "rate": "1234.5"}, revision=sub.revision, by=regime.cast.focal_a
        )
    return sub


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(("language", "shown"), [("en", "1234.5"), ("vi", "1234,5")])
def test_the_form_shows_a_saved_number_as_its_page_writes_it_and_saves_it_back_unchanged(
    regime: Regime,
    draft: Submission,
    client_for: Callable[..., Client],
    language: str,
    shown: str,
) -> None:
    focal = regime.cast.focal_a
    focal.language = language
    focal.save(update_fields=["language"])
    client = client_for(focal)
    data = dict(draft.data)

    page = client.get(_edit_url(draft))
    values = _form(page.content)
    assert values["f_rate"] == shown
    response = client.post(_edit_url(draft), {**values, "action": "save"})

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.data == data


@time_machine.travel(NOW, tick=False)
def test_the_form_reads_a_typed_number_in_the_page_language_and_refuses_a_fraction_of_a_count(
    regime: Regime, draft: Submission, client_for: Callable[..., Client]
) -> None:
    focal = regime.cast.focal_a
    focal.language = "id"
    focal.save(update_fields=["language"])
    client = client_for(focal)
    values = _form(client.get(_edit_url(draft)).content)
    before = (draft.data, draft.revision)

    refused = client.post(_edit_url(draft), {**values, "f_cases": "1,5", "action": "save"})

    assert refused.status_code == 400
    assert refused.context["errors"]["cases"] == [
        "“1,5” bukan bilangan bulat, dan tidak dibulatkan: tulis bilangan bulat, seperti 1234 "
        "atau 1.234."
    ]
    draft.refresh_from_db()
    assert (draft.data, draft.revision) == before

    taken = client.post(
        _edit_url(draft),
        {
            **values,
            "f_cases": "1.234",
            "f_rate": "0,25",
            "f_trainings__0__people": "1.200",
            "action": "save",
        },
    )

    assert taken.status_code == 302
    draft.refresh_from_db()
    assert (draft.data["cases"], draft.data["rate"]) == (1234, "0.25")
    assert draft.data["trainings"][0]["people"] == 1200


@time_machine.travel(NOW, tick=False)
def test_on_an_english_page_a_comma_that_could_be_a_decimal_mark_is_refused(
    regime: Regime, draft: Submission, client_for: Callable[..., Client]
) -> None:
    client = client_for(regime.cast.focal_a)
    values = _form(client.get(_edit_url(draft)).content)

    response = client.post(_edit_url(draft), {**values, "f_victims": "1,5", "action": "save"})

    assert response.status_code == 400
    assert response.context["errors"]["victims"] == [
        "“1,5” is ambiguous: write it like 1234 or 1,234, with “.” before the decimals and “,” "
        "between thousands."
    ]
