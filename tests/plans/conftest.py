"""A small phase of the test body, built through the services: one pillar, an impact, an outcome
and an output, an activity led by unit A with unit B contributing, and indicators of each
measure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from lintas.plans import services
from lintas.plans.models import Activity, Indicator, Phase, Result
from lintas.policy import SYSTEM
from tests.conftest import Cast


@dataclass
class Plan:
    phase: Phase
    impact: Result
    outcome: Result
    output: Result
    activity: Activity
    count: Indicator  # on the outcome
    percent: Indicator  # on the activity
    yes_no: Indicator  # on the output
    words: Indicator  # on the output, qualitative


def make_plan(c: Cast) -> Plan:
    phase = services.create_phase(
        body=c.body,
        name="Joint Action Phase 2023-2024",
        starts_on=dt.date(2023, 1, 1),
        ends_on=dt.date(2024, 12, 31),
        description={"en": "Two years of joint action", "vi": "Hai năm hành động chung"},
        by=SYSTEM,
    )
    pillar = services.add_pillar(phase, name={"en": "Information sharing"}, by=SYSTEM)
    impact = services.add_result(
        phase, level="impact", code="1", title={"en": "Fewer people trafficked"}, by=SYSTEM
    )
    outcome = services.add_result(
        phase,
        level="outcome",
        code="1.1",
        title={"en": "Units share alerts", "vi": "Các đơn vị chia sẻ cảnh báo"},
        parent=impact,
        pillar=pillar,
        by=SYSTEM,
    )
    output = services.add_result(
        phase, level="output", code="1.1.1", title={"en": "A hotline"}, parent=outcome, by=SYSTEM
    )
    activity = services.add_activity(
        output,
        code="A1",
        title={"en": "Set up the hotline"},
        lead_units=[c.unit_a],
        contributing_units=[c.unit_b],
        starts_on=dt.date(2023, 2, 1),
        ends_on=dt.date(2023, 12, 31),
        by=SYSTEM,
    )
    count = services.add_indicator(
        result=outcome,
        code="I1",
        name={"en": "Alerts shared"},
        measure="count",
        definition="Alerts sent to another unit in the period",
        by=SYSTEM,
    )
    percent = services.add_indicator(
        activity=activity,
        code="I2",
        name={"en": "Calls answered"},
        measure="percentage",
        definition="Share of calls answered within a minute",
        by=SYSTEM,
    )
    yes_no = services.add_indicator(
        result=output,
        code="I3",
        name={"en": "Hotline open"},
        measure="yes_no",
        definition="The hotline answers calls",
        by=SYSTEM,
    )
    words = services.add_indicator(
        result=output,
        code="I4",
        name={"en": "Callers' view"},
        measure="qualitative",
        definition="What callers say",
        by=SYSTEM,
    )
    return Plan(phase, impact, outcome, output, activity, count, percent, yes_no, words)


@pytest.fixture
def plan(cast: Cast) -> Plan:
    return make_plan(cast)
