from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from lintas.reporting import services
from lintas.reporting.models import Obligation, ReportTemplate
from tests.conftest import Cast

STRUCTURE: dict[str, Any] = {
    "sections": [
        {
            "code": "figures",
            "title": {"en": "Figures", "vi": "Số liệu", "id": "Angka"},
            "fields": [
                {
                    "code": "cases",
                    "type": "integer",
                    "label": {"en": "Cases identified", "vi": "Số vụ phát hiện"},
                    "required": True,
                    "min": 0,
                },
                {
                    "code": "victims",
                    "type": "integer",
                    "label": {"en": "Victims assisted", "vi": "Số nạn nhân được hỗ trợ"},
                    "required": True,
                    "min": 0,
                },
                {"code": "rate", "type": "decimal", "label": {"en": "Share of cases referred"}},
                {
                    "code": "hotline",
                    "type": "yes_no",
                    "label": {"en": "Hotline open all month"},
                },
                {
                    "code": "hotline_gap",
                    "type": "long_text",
                    "label": {"en": "Why was the hotline closed?"},
                    "required_if": {"field": "hotline", "equals": False},
                },
            ],
        },
        {
            "code": "narrative",
            "title": {"en": "Situation"},
            "fields": [
                {
                    "code": "situation",
                    "type": "long_text",
                    "label": {"en": "Situation in the period"},
                    "required": True,
                },
                {
                    "code": "channel",
                    "type": "choice",
                    "label": {"en": "Main recruitment channel"},
                    "choices": [
                        {"value": "online_ad", "label": {"en": "Online job advertisement"}},
                        {"value": "social_media", "label": {"en": "Social media"}},
                        {"value": "acquaintance", "label": {"en": "Acquaintance"}},
                    ],
                },
                {
                    "code": "trainings",
                    "type": "table",
                    "label": {"en": "Trainings held"},
                    "columns": [
                        {
                            "code": "title",
                            "type": "short_text",
                            "label": {"en": "Title"},
                            "required": True,
                        },
                        {"code": "date", "type": "date", "label": {"en": "Date"}},
                        {"code": "people", "type": "integer", "label": {"en": "People"}},
                    ],
                },
            ],
        },
    ],
    "rules": [
        {
            "left": "victims",
            "op": "lte",
            "right": "cases",
            "message": {"en": "Victims assisted cannot exceed cases identified."},
        }
    ],
}

GOOD: dict[str, Any] = {
    "cases": 12,
    "victims": 9,
    "rate": 0.5,  # as JSON sends it; stored as "0.5"
    "hotline": True,
    "situation": "Two fake job advertisements led 9 people to a scam compound.",
    "channel": "online_ad",
    "trainings": [{"title": "Border officers", "date": "2024-03-05", "people": 30}],
}


@dataclass
class Regime:
    cast: Cast
    template: ReportTemplate
    obligation: Obligation


@pytest.fixture
def regime(cast: Cast) -> Regime:
    template = services.create_template(
        body=cast.body,
        code="monthly-situation",
        name={"en": "Monthly situation report", "vi": "Báo cáo tình hình tháng"},
        structure=STRUCTURE,
        by=cast.secretariat,
    )
    obligation = services.define_obligation(
        body=cast.body,
        template=template,
        units=[cast.unit_a, cast.unit_b, cast.unit_c],
        period_type="monthly",
        starts_on=dt.date(2024, 1, 1),
        due_days=10,
        timely_days=10,
        expiry_days=30,
        by=cast.secretariat,
    )
    return Regime(cast, template, obligation)
