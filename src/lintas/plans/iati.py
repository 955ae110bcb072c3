"""A phase's results as IATI 2.03 activity XML: one ``iati-activity`` for the phase, with its
results (IATI's result types: output, outcome, impact), their indicators, baselines and each
period's target and actual. The vendored schema (``iati_schema/``, under its licence) checks it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils import timezone
from lxml import etree

from lintas.plans.models import IATI_RESULT_TYPE, Direction, Indicator, Level, Measure, Phase

SCHEMA_PATH = Path(__file__).parent / "iati_schema" / "iati-activities-schema.xsd"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# IATI IndicatorMeasure: 1 unit, 2 percentage, 3 nominal, 4 ordinal, 5 qualitative
MEASURE = {
    Measure.COUNT: "1",
    Measure.PERCENTAGE: "2",
    Measure.YES_NO: "3",
    Measure.ORDINAL: "4",
    Measure.QUALITATIVE: "5",
}


def identifier(phase: Phase) -> str:
    return f"XI-LINTAS-{phase.body.slug}-{phase.pk}"


def _narratives(parent: etree._Element, texts: dict[str, str] | str) -> None:
    if isinstance(texts, str):
        texts = {"en": texts}
    for lang, text in texts.items():
        if text:
            n = etree.SubElement(parent, "narrative")
            n.set(XML_LANG, lang)
            n.text = text
    if not len(parent):
        etree.SubElement(parent, "narrative").text = "-"


def _text(parent: etree._Element, tag: str, texts: dict[str, str] | str) -> etree._Element:
    el = etree.SubElement(parent, tag)
    _narratives(el, texts)
    return el


def _value(measure: str, value: Decimal | None, text: str) -> str | None:
    if measure == Measure.QUALITATIVE or value is None:
        return None
    return f"{value.normalize():f}"


def _indicator(parent: etree._Element, indicator: Indicator, rows: dict[str, Any]) -> None:
    el = etree.SubElement(
        parent,
        "indicator",
        measure=MEASURE[Measure(indicator.measure)],
        ascending="1" if indicator.direction == Direction.HIGHER else "0",
    )
    _text(el, "title", indicator.name or indicator.code)
    definition = rows["definition"]
    if definition is not None:
        _text(el, "description", definition.text)
    for baseline in rows["baselines"]:
        b = etree.SubElement(
            el, "baseline", year=str(baseline.on.year), **{"iso-date": baseline.on.isoformat()}
        )
        value = _value(indicator.measure, baseline.value, baseline.text)
        if value is not None:
            b.set("value", value)
        if baseline.disaggregation:
            etree.SubElement(b, "dimension", name="country", value=baseline.disaggregation)
        if baseline.text:
            _text(b, "comment", baseline.text)
    for key in rows["periods"]:
        target, actual = rows["targets"].get(key), rows["actuals"].get(key)
        first = target or actual
        p = etree.SubElement(el, "period")
        etree.SubElement(p, "period-start", **{"iso-date": first.period_start.isoformat()})
        etree.SubElement(p, "period-end", **{"iso-date": first.period_end.isoformat()})
        if target is not None:
            t = etree.SubElement(p, "target")
            value = _value(indicator.measure, target.value, target.text)
            if value is not None:
                t.set("value", value)
            if target.text:
                _text(t, "comment", target.text)
        if actual is not None:
            a = etree.SubElement(p, "actual")
            value = _value(indicator.measure, actual.value, actual.text)
            if value is not None:
                a.set("value", value)
            words = "\n".join(x for x in (actual.text, actual.comment) if x)
            if words:
                _text(a, "comment", words)
            if actual.evidence_url:
                link = etree.SubElement(
                    a, "document-link", url=actual.evidence_url, format="text/html"
                )
                _text(link, "title", actual.comment[:100] or actual.evidence_url)
                # DocumentCategory A07: review of project performance and evaluation
                etree.SubElement(link, "category", code="A07")


def phase_xml(phase: Phase, *, now: dt.datetime | None = None) -> bytes:
    """The phase as an IATI activity file; reads the phase in seven queries."""
    from lintas.plans.models import Actual, Baseline, Definition, Target

    now = now or timezone.now()
    root = etree.Element("iati-activities", version="2.03")
    root.set("generated-datetime", now.replace(microsecond=0).isoformat())
    act = etree.SubElement(root, "iati-activity")
    act.set("last-updated-datetime", phase.updated_at.replace(microsecond=0).isoformat())
    act.set(XML_LANG, phase.body.default_language)
    etree.SubElement(act, "iati-identifier").text = identifier(phase)
    org = etree.SubElement(act, "reporting-org", ref=f"XI-LINTAS-{phase.body.slug}", type="40")
    _narratives(org, phase.body.name)
    _text(act, "title", phase.name)
    _text(act, "description", phase.description or phase.name)
    lead = etree.SubElement(act, "participating-org", role="1", type="40")
    _narratives(lead, phase.body.name)
    status = {"draft": "1", "active": "2", "closed": "3"}[phase.status]
    etree.SubElement(act, "activity-status", code=status)
    etree.SubElement(act, "activity-date", type="1", **{"iso-date": phase.starts_on.isoformat()})
    etree.SubElement(act, "activity-date", type="3", **{"iso-date": phase.ends_on.isoformat()})

    results = list(phase.results.order_by("code", "id"))
    indicators = list(phase.indicators.select_related("activity").order_by("code", "id"))
    ids = [i.pk for i in indicators]
    current: dict[int, Definition] = {}
    for d in Definition.objects.filter(indicator_id__in=ids).order_by("number"):
        current[d.indicator_id] = d
    data: dict[int, dict[str, Any]] = {
        i.pk: {"definition": current.get(i.pk), "baselines": [], "targets": {}, "actuals": {}}
        for i in indicators
    }
    for b in Baseline.objects.filter(indicator_id__in=ids).order_by("on", "id"):
        if current.get(b.indicator_id) and b.definition_id == current[b.indicator_id].pk:
            data[b.indicator_id]["baselines"].append(b)
    for t in Target.objects.filter(indicator_id__in=ids).order_by("period_start"):
        data[t.indicator_id]["targets"][t.period_key] = t
    for a in (
        Actual.objects.filter(indicator_id__in=ids)
        .defer("evidence")
        .order_by("period_start", "definition__number")
    ):
        data[a.indicator_id]["actuals"][a.period_key] = a
    for rows in data.values():
        keys = {**rows["targets"], **rows["actuals"]}
        rows["periods"] = sorted(keys, key=lambda k: keys[k].period_start)
    # an activity's indicators are reported under the result it serves
    by_result: dict[int, list[Indicator]] = {r.pk: [] for r in results}
    for i in indicators:
        owner = i.result_id or (i.activity.result_id if i.activity else 0)
        by_result.setdefault(owner, []).append(i)
    for result in results:
        if not by_result.get(result.pk):
            continue  # IATI wants at least one indicator on a result
        r = etree.SubElement(
            act,
            "result",
            type=IATI_RESULT_TYPE[Level(result.level)],
            **{"aggregation-status": "0"},
        )
        _text(r, "title", result.title or result.code)
        if result.description:
            _text(r, "description", result.description)
        for indicator in by_result[result.pk]:
            _indicator(r, indicator, data[indicator.pk])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_PATH)))
