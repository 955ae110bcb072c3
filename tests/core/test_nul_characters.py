"""A NUL character (\\x00) cannot be stored in PostgreSQL's text, nor searched for: wherever one
arrives (an API body or query, a page's search, a report's answers, an imported file) it is
refused with a message naming the field, never a server error. Run on PostgreSQL to see the
server errors these tests guard against."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from lintas.cases.models import Case, CaseEvent
from lintas.cases.services import import_cases
from lintas.reporting import services as reporting
from lintas.reporting import validation
from lintas.reporting.models import Submission
from tests.api.conftest import ApiClient, new_key
from tests.cases.conftest import new_case
from tests.conftest import Cast, sign_in
from tests.reporting.conftest import STRUCTURE, Regime

NUL = "\x00"


@pytest.fixture
def regime(cast: Cast) -> Regime:
    template = reporting.create_template(
        body=cast.body,
        code="monthly",
        name={"en": "Monthly"},
        structure=STRUCTURE,
        by=cast.secretariat,
    )
    obligation = reporting.define_obligation(
        body=cast.body,
        template=template,
        units=[cast.unit_a],
        period_type="monthly",
        starts_on=dt.date(2024, 1, 1),
        due_days=10,
        by=cast.secretariat,
    )
    return Regime(cast, template, obligation)


def _api(user: Any) -> ApiClient:
    return ApiClient(new_key(user))


def _refusal(response: Any, field: str) -> None:
    assert response.status_code == 400, response.content
    answer = response.json()
    assert answer["field"] == field
    assert "NUL" in answer["detail"] and f"“{field}”" in answer["detail"]


# --- the API ---------------------------------------------------------------------------------


def test_a_case_reference_with_a_nul_is_refused_by_the_api_naming_the_field(cast: Cast) -> None:
    response = _api(cast.focal_a).post(
        "bodies/twg/cases",
        {"owner_unit_id": cast.unit_a.pk, "reference": f"A-{NUL}-1", "opened_on": "2024-03-01"},
    )

    _refusal(response, "reference")
    assert not Case.objects.exists()


def test_an_event_place_with_a_nul_is_refused_by_the_api_naming_the_field(cast: Cast) -> None:
    case = new_case(cast)

    response = _api(cast.focal_a).post(
        f"bodies/twg/cases/{case.pk}/events",
        {"kind": "arrest", "occurred_on": "2024-03-02", "place": f"Ha{NUL}Noi"},
    )

    _refusal(response, "place")
    assert not CaseEvent.objects.exists()


@pytest.mark.parametrize("path", ["bodies/twg/cases", "bodies/twg/submissions"])
def test_a_search_or_filter_with_a_nul_is_refused_by_the_api(cast: Cast, path: str) -> None:
    response = _api(cast.secretariat).get(path, {"q": NUL, "period": NUL})

    assert response.status_code == 400
    assert response.json()["field"] in {"q", "period"}


def test_an_address_with_a_nul_is_refused(cast: Cast) -> None:
    api = _api(cast.focal_a).get(f"bodies/tw{NUL}g/cases")
    page = sign_in(Client(), cast.focal_a).get(f"/b/twg/cases/{NUL}/")

    assert api.status_code == 400 and api.json()["field"] == ""
    assert "The address contains a NUL character" in api.json()["detail"]
    assert page.status_code == 400
    assert "The address contains a NUL character" in page.content.decode()


def test_a_text_answer_with_a_nul_is_refused_by_the_api_naming_its_place(regime: Regime) -> None:
    cast = regime.cast
    sub = _start(regime)

    response = _api(cast.focal_a).patch(
        f"bodies/twg/submissions/{sub.pk}",
        {"data": {"situation": f"Calm{NUL}"}, "revision": sub.revision},
    )

    _refusal(response, "data.situation")
    sub.refresh_from_db()
    assert sub.revision == 1


# --- pages -----------------------------------------------------------------------------------


def test_the_case_search_with_a_nul_is_refused_naming_the_field(cast: Cast) -> None:
    client = sign_in(Client(), cast.focal_a)
    new_case(cast)

    response = client.get(reverse("cases:list", args=["twg"]), {"q": NUL})

    assert response.status_code == 400
    assert "“q”" in response.content.decode() and "NUL" in response.content.decode()


def test_case_forms_refuse_a_nul_beside_the_field(cast: Cast) -> None:
    client = sign_in(Client(), cast.focal_a)
    created = client.post(
        reverse("cases:create", args=["twg"]),
        {
            "owner_unit": cast.unit_a.pk,
            "reference": f"A-{NUL}",
            "status": "open",
            "opened_on": "2024-03-01",
            "tlp": "amber",
            "narrative_language": "en",
        },
    )
    case = new_case(cast)
    event = client.post(
        reverse("cases:event-create", args=["twg", case.pk]),
        {"kind": "arrest", "occurred_on": "2024-03-02", "place": f"Ha{NUL}Noi"},
    )

    assert created.status_code == 200 and "reference" in created.context["form"].errors
    assert event.status_code == 200 and "place" in event.context["form"].errors
    assert Case.objects.count() == 1 and not CaseEvent.objects.exists()


def _start(regime: Regime) -> Submission:
    return reporting.start_submission(
        obligation=regime.obligation,
        unit=regime.cast.unit_a,
        period_key="2024-03",
        by=regime.cast.focal_a,
    )


def test_a_text_answer_or_comment_with_a_nul_is_refused_on_the_report_form(
    regime: Regime,
) -> None:
    cast = regime.cast
    sub = _start(regime)
    client = sign_in(Client(), cast.focal_a)

    response = client.post(
        reverse("reporting:submission-edit", args=["twg", sub.pk]),
        {
            "f_cases": "3",
            "c_cases": f"Counted{NUL}",
            "f_situation": f"Calm{NUL}",
            "f_trainings__0__title": f"Border{NUL}",
            "revision": sub.revision,
            "action": "save",
        },
    )

    assert response.status_code == 400
    errors = response.context["errors"]
    assert set(errors) == {"cases", "situation", "trainings"}
    assert all("NUL" in messages[0] for messages in errors.values())
    sub.refresh_from_db()
    assert sub.revision == 1


def test_text_answers_with_a_nul_are_refused_by_the_checks() -> None:
    specs = [
        validation.FieldSpec(code="s", type="short_text", label="S"),
        validation.FieldSpec(code="c", type="choice", label="C", choices=("a",)),
        validation.FieldSpec(
            code="t",
            type="table",
            label="T",
            columns=(validation.FieldSpec(code="n", type="short_text", label="N"),),
        ),
    ]

    result = validation.check(specs, [], {"s": NUL, "c": f"a{NUL}", "t": [{"n": f"x{NUL}"}]})

    assert set(result.errors) == {"s", "c", "t"}
    assert result.errors["t"][0].startswith("Row 1, N: ")
    assert all("NUL" in messages[0] for messages in result.errors.values())


# --- the case import -------------------------------------------------------------------------


def test_an_imported_file_with_a_nul_is_refused_naming_the_row_and_column(cast: Cast) -> None:
    header = "case_reference,case_opened_on,case_narrative,case_events\n"
    long_row = f"A-1,2024-03-02,{'x' * 5000},\n"  # the NULs come after the first 4 KB
    rows = f"A-{NUL}2,2024-03-02,,\nA-3,2024-03-02,,2024-01-10|recruitment|VN|Ha{NUL}Noi\n"

    result = import_cases(
        body=cast.body,
        owner_unit=cast.unit_a,
        by=cast.focal_a,
        file=(header + long_row + rows).encode(),
    )

    found = {(p.row, p.column): p for p in result.problems}
    assert set(found) == {(3, "case_reference"), (4, "case_events")}
    assert all("NUL" in p.message for p in found.values())
    assert found[(3, "case_reference")].value == "A-\u24002"  # the NUL shown as ␀
    assert not Case.objects.exists()


def test_the_import_page_lists_a_nul_near_the_top_of_the_file_at_its_cell(
    cast: Cast, client_for: Any
) -> None:
    content = f"case_reference,case_opened_on\nA-{NUL}1,2024-03-02\n".encode()
    upload = io.BytesIO(content)
    upload.name = "cases.csv"

    response = client_for(cast.focal_a).post(
        reverse("cases:import", args=["twg"]),
        {"owner_unit": cast.unit_a.pk, "file": upload, "step": "check"},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing was imported: 1 problem needs fixing." in page
    assert "contains a NUL character" in page and "A-\u24001" in page
    assert not Case.objects.exists()
