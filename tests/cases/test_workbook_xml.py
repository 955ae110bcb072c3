"""The case import refuses a workbook made to hurt the server (see tests/hostile_xml.py) with
a message, never a server error, and never reads the entity."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lintas.cases.models import Case
from lintas.cases.services import import_cases
from tests.conftest import Cast
from tests.hostile_xml import HOSTILE, cases_workbook, replace_part, shows_hostname


@pytest.mark.parametrize("what", list(HOSTILE))
def test_the_case_import_refuses_a_hostile_workbook_with_a_message(cast: Cast, what: str) -> None:
    part, xml = HOSTILE[what]

    result = import_cases(
        body=cast.body,
        owner_unit=cast.unit_a,
        by=cast.focal_a,
        file=replace_part(cases_workbook(), part, xml),
    )

    [refusal] = result.problems
    assert (refusal.row, refusal.column) == (0, "")
    assert "could not be read as a workbook" in refusal.message
    assert not Case.objects.exists()


@pytest.mark.parametrize("what", ["an external entity in the sheet", "a number cell holding text"])
def test_the_import_page_answers_a_hostile_workbook_with_the_refusal(
    cast: Cast, client_for: Any, what: str
) -> None:
    part, xml = HOSTILE[what]
    upload = SimpleUploadedFile("cases.xlsx", replace_part(cases_workbook(), part, xml))

    response = client_for(cast.focal_a).post(
        reverse("cases:import", args=["twg"]),
        {"owner_unit": cast.unit_a.pk, "file": upload, "step": "check"},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "could not be read as a workbook" in page
    assert not shows_hostname(page)
