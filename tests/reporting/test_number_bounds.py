"""10**308, the number that once left a generated report running for good, is refused at entry
on every path (the web form, the API, the offline workbook), in a number field and in a table's
cell, with a message naming the field; nothing is saved. (The fifteen-digit bound of
``validation.LARGEST`` has closed these paths since it came; this pins each of them.)"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from lintas.reporting import offline, services, validation
from lintas.reporting.models import Submission
from tests.api.conftest import ApiClient, new_key
from tests.conftest import sign_in
from tests.reporting.conftest import Regime

HUGE = 10**308
NOW = dt.datetime(2024, 4, 5, 3, 0, tzinfo=dt.UTC)  # March 2024 is open: due 10 April


@pytest.fixture(autouse=True)
def _in_april_2024() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


TOO_LARGE = validation.too_large()


def _start(regime: Regime) -> Submission:
    c = regime.cast
    return services.start_submission(
        obligation=regime.obligation, unit=c.unit_a, period_key="2024-03", by=c.focal_a
    )


def _unchanged(sub: Submission) -> bool:
    fresh = Submission.objects.get(pk=sub.pk)
    return fresh.revision == sub.revision and fresh.data == sub.data


def test_the_web_form_refuses_it_beside_each_field(regime: Regime) -> None:
    sub = _start(regime)
    client = sign_in(Client(), regime.cast.focal_a)

    response = client.post(
        reverse("reporting:submission-edit", args=["twg", sub.pk]),
        {
            "f_cases": str(HUGE),
            "f_rate": str(HUGE),
            "f_trainings__0__title": "Border officers",
            "f_trainings__0__people": str(HUGE),
            "revision": sub.revision,
            "action": "save",
        },
    )

    assert response.status_code == 400
    errors = response.context["errors"]
    assert errors["cases"] == errors["rate"] == [TOO_LARGE]
    assert errors["trainings"] == [f"Row 1, People: {TOO_LARGE}"]
    assert _unchanged(sub)


def test_the_api_refuses_it_naming_each_field(regime: Regime) -> None:
    sub = _start(regime)

    response = ApiClient(new_key(regime.cast.focal_a)).patch(
        f"bodies/twg/submissions/{sub.pk}",
        {
            "data": {
                "cases": HUGE,
                "rate": float(f"1e{308}"),
                "trainings": [{"title": "Border officers", "people": HUGE}],
            },
            "revision": sub.revision,
        },
    )

    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["cases"] == errors["rate"] == [TOO_LARGE]
    assert errors["trainings"] == [f"Row 1, People: {TOO_LARGE}"]
    assert _unchanged(sub)


def test_the_offline_workbook_refuses_it_at_each_cell(regime: Regime) -> None:
    sub = _start(regime)
    wb = load_workbook(io.BytesIO(offline.build_workbook(sub, "en")))
    wb["Report"]["C7"] = float(f"1e{308}")  # cases
    wb["trainings"]["A2"] = "Border officers"
    wb["trainings"]["C2"] = float(f"1e{308}")  # people
    out = io.BytesIO()
    wb.save(out)

    response = sign_in(Client(), regime.cast.focal_a).post(
        reverse("reporting:submission-upload", args=["twg", sub.pk]),
        {"file": SimpleUploadedFile("r.xlsx", out.getvalue(), offline.CONTENT_TYPE)},
    )

    assert response.status_code == 400
    problems: list[Any] = [tuple(p) for p in response.context["problems"]]
    assert ("Report", "C7", TOO_LARGE) in problems
    assert any(p[0] == "trainings" and TOO_LARGE in p[2] for p in problems)
    assert _unchanged(sub)
