"""The offline report upload refuses a workbook made to hurt the server (see
tests/hostile_xml.py) with the problems listed, never a server error."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lintas.reporting import offline, services
from lintas.reporting.models import Submission
from lintas.reporting.offline.layout import WorkbookProblems
from lintas.reporting.offline.read import check_package
from tests.hostile_xml import HOSTILE, cases_workbook, replace_part
from tests.reporting.conftest import Regime


@pytest.mark.parametrize("what", list(HOSTILE))
def test_the_offline_report_upload_refuses_a_hostile_workbook(
    regime: Regime, client_for: Any, what: str
) -> None:
    cast = regime.cast
    sub = services.start_submission(
        obligation=regime.obligation, unit=cast.unit_a, period_key="2024-03", by=cast.focal_a
    )
    content = offline.build_workbook(sub, "en")
    part, xml = HOSTILE[what]  # the report sheet is the first sheet, as in the case file
    upload = SimpleUploadedFile(
        "r.xlsx", replace_part(content, part, xml), content_type=offline.CONTENT_TYPE
    )

    response = client_for(cast.focal_a).post(
        reverse("reporting:submission-upload", args=["twg", sub.pk]), {"file": upload}
    )

    assert response.status_code == 400
    assert response.context["problems"]
    assert Submission.objects.get(pk=sub.pk).revision == sub.revision


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
@pytest.mark.parametrize("what", [w for w in HOSTILE if "entit" in w])
def test_xml_that_declares_entities_is_refused_before_any_xml_is_parsed(
    what: str, encoding: str
) -> None:
    part, xml = HOSTILE[what]
    xml = xml.replace('<?xml version="1.0"?>', f'<?xml version="1.0" encoding="{encoding}"?>')
    content = replace_part(cases_workbook(), part, xml, encoding=encoding)

    with pytest.raises(WorkbookProblems) as refused:
        check_package(content)

    [problem] = refused.value.problems
    assert "declares a document type or entities" in problem.message


def test_an_image_may_carry_a_document_type() -> None:
    svg = '<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x"><svg/>'
    content = replace_part(cases_workbook(), "xl/media/image1.svg", svg)

    check_package(content)  # refuses nothing: openpyxl never parses an image as XML
    assert "xl/media/image1.svg" in zipfile.ZipFile(io.BytesIO(content)).namelist()
