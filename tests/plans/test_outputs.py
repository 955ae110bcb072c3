"""What plans make: computed indicators, the IATI export checked against the IATI schema, the
evaluation report as DOCX and PDF with the numbers of the data."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from lxml import etree

from lintas.plans import iati, services, sources
from lintas.plans.models import Actual, PlanDocument
from lintas.policy import SYSTEM
from tests.conftest import Cast
from tests.plans.conftest import Plan


def _evaluated(plan: Plan, cast: Cast) -> Any:
    services.add_baseline(plan.count, on=dt.date(2022, 12, 31), value=10, by=SYSTEM)
    services.set_target(plan.count, period_key="2023Q4", value=40, by=SYSTEM)
    services.record_actual(
        plan.count,
        period_key="2023Q4",
        value=37,
        comment="From the inbox",
        evidence_url="https://example.org/a",
        by=SYSTEM,
    )
    services.set_target(plan.percent, period_key="2023Q4", value=90, by=SYSTEM)
    services.record_actual(plan.percent, period_key="2023Q4", value="45.5", by=SYSTEM)
    services.record_actual(plan.yes_no, period_key="2023Q4", value="yes", by=SYSTEM)
    services.set_target(plan.yes_no, period_key="2023Q4", value="yes", by=SYSTEM)
    services.record_actual(plan.words, period_key="2023Q4", value="Callers trust it", by=SYSTEM)
    evaluation = services.start_evaluation(
        plan.phase,
        kind="mid_term",
        title="Twelve-month evaluation",
        as_of=dt.date(2023, 12, 31),
        by=SYSTEM,
    )
    services.write_findings(evaluation, findings="The hotline works.", by=SYSTEM)
    services.add_lesson(evaluation, title="Nights", what="Calls come at night", by=SYSTEM)
    services.add_good_practice(
        evaluation,
        title="Shared hotline",
        what="One number for three agencies",
        evidence="Calls answered doubled",
        shows_results=True,
        cause_effect=True,
        replicable=True,
        by=SYSTEM,
    )
    rec = services.add_recommendation(
        evaluation, text="Staff the night shift", owner_unit=cast.unit_a, by=SYSTEM
    )
    services.respond_to_recommendation(
        rec, response="accepted", due_on=dt.date(2024, 3, 31), by=SYSTEM
    )
    services.add_priority(evaluation, text="Online-scam recruitment", by=SYSTEM)
    return evaluation


def test_the_iati_export_validates_against_the_iati_activity_schema(plan: Plan, cast: Cast) -> None:
    _evaluated(plan, cast)
    xml = iati.phase_xml(plan.phase)
    doc = etree.fromstring(xml)
    schema = iati.schema()
    assert schema.validate(doc), schema.error_log
    results = doc.findall("iati-activity/result")
    assert [r.get("type") for r in results] == ["2", "1"]  # the outcome, the output
    count = doc.find("iati-activity/result/indicator")
    assert count is not None and count.get("measure") == "1"
    assert count.find("baseline").get("value") == "10"
    period = count.find("period")
    assert period.find("period-start").get("iso-date") == "2023-10-01"
    assert period.find("target").get("value") == "40"
    assert period.find("actual").get("value") == "37"
    # an activity's indicator is reported under the result the activity serves
    output = results[1]
    assert {i.find("title/narrative").text for i in output.findall("indicator")} == {
        "Calls answered",
        "Hotline open",
        "Callers' view",
    }


def test_a_broken_export_is_caught_by_the_schema(plan: Plan, cast: Cast) -> None:
    _evaluated(plan, cast)
    doc = etree.fromstring(iati.phase_xml(plan.phase))
    indicator = doc.find("iati-activity/result/indicator")
    del indicator.attrib["measure"]
    assert not iati.schema().validate(doc)


def test_the_evaluation_report_carries_the_numbers_in_docx_and_pdf(plan: Plan, cast: Cast) -> None:
    from docx import Document
    from pypdf import PdfReader

    evaluation = _evaluated(plan, cast)
    document = services.request_document(
        plan.phase, kind="evaluation", evaluation=evaluation, language="en", by=cast.secretariat
    )
    services.build_document(document.pk)
    document.refresh_from_db()
    assert document.status == PlanDocument.Status.DONE, document.error
    word = Document(io.BytesIO(bytes(document.docx or b"")))
    rows = [[c.text for c in row.cells] for t in word.tables for row in t.rows]
    assert ["I1 Alerts shared", "10", "2023Q4", "40", "37", "On track"] in rows
    assert ["I2 Calls answered", "—", "2023Q4", "90%", "45.5%", "Off track"] in rows
    assert ["I3 Hotline open", "—", "2023Q4", "Yes", "Yes", "On track"] in rows
    assert any(r[0] == "Staff the night shift" and r[2] == "Accepted" for r in rows)
    assert len(word.inline_shapes) == 1  # the chart with its target line
    pdf = PdfReader(io.BytesIO(bytes(document.pdf or b"")))
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "Twelve-month evaluation" in text and "45.5%" in text and "Page 1" in text
    assert "Online-scam recruitment" in text
    assert cast.secretariat.notifications.filter(kind="plan_document").exists()


def test_the_evaluation_report_is_written_in_vietnamese(plan: Plan, cast: Cast) -> None:
    from docx import Document

    evaluation = _evaluated(plan, cast)
    document = services.request_document(
        plan.phase, kind="evaluation", evaluation=evaluation, language="vi", by=SYSTEM
    )
    services.build_document(document.pk)
    document.refresh_from_db()
    word = Document(io.BytesIO(bytes(document.docx or b"")))
    headings = [p.text for p in word.paragraphs if p.style and p.style.name.startswith("Heading")]
    assert "Bài học kinh nghiệm" in headings


def test_computed_indicators_come_from_the_platforms_own_data(plan: Plan, cast: Cast) -> None:
    from lintas.networks.models import NetworkDisruption

    NetworkDisruption.objects.create(body=cast.body, network_id=7, disrupted_on=dt.date(2023, 5, 2))
    NetworkDisruption.objects.create(body=cast.body, network_id=8, disrupted_on=dt.date(2023, 8, 2))
    indicator = services.add_indicator(
        result=plan.outcome,
        code="C1",
        name={"en": "Networks disrupted"},
        measure="count",
        definition="Networks analysts marked disrupted",
        source="networks_disrupted",
        by=SYSTEM,
    )
    today = dt.date(2023, 10, 5)
    made = services.compute_actuals(plan.phase, by=SYSTEM, today=today)
    got = dict(Actual.objects.filter(indicator=indicator).values_list("period_key", "value"))
    assert got == {"2023Q1": 0, "2023Q2": 1, "2023Q3": 1}
    assert made >= 3
    assert Actual.objects.filter(indicator=indicator, computed=True).count() == 3
    with pytest.raises(Exception, match="computed"):
        services.record_actual(indicator, period_key="2023Q1", value=5, by=SYSTEM)


def test_every_source_answers_for_an_empty_body(cast: Cast) -> None:
    first, last = dt.date(2023, 1, 1), dt.date(2023, 3, 31)
    answers = {key: s.compute(cast.body, first, last) for key, s in sources.REGISTRY.items()}
    assert answers == {
        "reporting_on_time": None,
        "alerts_acknowledged_on_time": None,
        "referrals_accepted": 0.0,
        "networks_disrupted": 0.0,
        "recommendations_implemented": None,
        "people_trained": 0.0,
        "knowledge_gain": None,
    }


def test_the_implementation_rate_of_recommendations(plan: Plan, cast: Cast) -> None:
    evaluation = _evaluated(plan, cast)
    late = services.add_recommendation(
        evaluation, text="Print leaflets", owner_unit=cast.unit_b, by=SYSTEM
    )
    services.respond_to_recommendation(
        late, response="partial", text="Only in Vietnamese", due_on=dt.date(2024, 3, 31), by=SYSTEM
    )
    done = evaluation.recommendations.get(text="Staff the night shift")
    services.follow_up_recommendation(
        done, status="done", note="Hired", on=dt.date(2024, 3, 1), by=SYSTEM
    )
    rate = sources.REGISTRY["recommendations_implemented"].compute(
        cast.body, dt.date(2024, 1, 1), dt.date(2024, 3, 31)
    )
    assert rate == 50.0
    assert Decimal(str(rate)) == Decimal("50.0")


def test_a_report_charts_at_most_sixty_indicators_off_track_and_at_risk_first() -> None:
    from types import SimpleNamespace

    from lintas.plans import render

    def row(n: int, status: str, measure: str = "count") -> Any:
        return SimpleNamespace(
            n=n,
            status=status,
            indicator=SimpleNamespace(measure=measure),
            actuals={"2023Q1": 1},
            targets={},
        )

    rows = [row(n, "on_track") for n in range(100)]
    rows[70].status, rows[95].status, rows[99].status = "off_track", "at_risk", "off_track"
    rows.append(row(100, "off_track", measure="qualitative"))  # no chart for words

    chosen: list[Any] = render.charted(rows, render.DOCUMENT_CHARTS)

    assert len(chosen) == 60
    assert [r.n for r in chosen][-3:] == [70, 95, 99]  # kept, in the table's order
    assert [r.n for r in chosen][:57] == list(range(57))
    report = render.Report("Evaluation", None, rows)  # type: ignore[arg-type]
    assert "60 of the 100" in report.charts_note()
    assert render.Report("E", None, rows[:60]).charts_note() == ""  # type: ignore[arg-type]
