"""A monthly obligation of units A, B and C with two periods of reports, built through the
reporting services, seen on 20 April 2024 (Asia/Ho_Chi_Minh):

- 2024-02: A cases 10, on time, accepted; B cases 4, on time, accepted; C missing (41 days).
- 2024-03: A cases 12, on time, accepted; B cases 8, 5 days late, accepted; C cases 100,
  2 days late, submitted but not accepted.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
import time_machine

from lintas.members.models import Unit, User
from lintas.reporting import services
from lintas.reporting.models import Obligation, Submission
from tests.conftest import Cast
from tests.reporting.conftest import GOOD, STRUCTURE

UTC = dt.UTC
TODAY = dt.datetime(2024, 4, 20, 3, 0, tzinfo=UTC)

SYNTH_STRUCTURE = copy.deepcopy(STRUCTURE)
SYNTH_STRUCTURE["sections"][0]["fields"][2]["aggregation"] = "mean"  # rate: a share, averaged

NARRATIVE_A = GOOD["situation"]
NARRATIVE_B = "Border checks found forged labour contracts for fishing vessels."
NARRATIVE_C = "Hotline calls doubled after the radio campaign."


def answers(cases: int, victims: int, situation: str, **more: Any) -> dict[str, Any]:
    return {
        "cases": cases,
        "victims": victims,
        "rate": "0.5",
        "hotline": True,
        "situation": situation,
        "channel": "online_ad",
        **more,
    }


@dataclass
class Filled:
    cast: Cast
    obligation: Obligation
    subs: dict[tuple[str, str], Submission]


def _send(
    obligation: Obligation,
    unit: Unit,
    focal: User,
    period: str,
    data: dict[str, Any],
    when: dt.datetime,
) -> Submission:
    with time_machine.travel(when, tick=False):
        sub = services.start_submission(
            obligation=obligation, unit=unit, period_key=period, by=focal
        )
        services.submit_report(sub, by=focal, data=data, revision=sub.revision)
    return sub


def _accept(sub: Submission, by: User, when: dt.datetime) -> None:
    with time_machine.travel(when, tick=False):
        services.accept_report(sub, by=by)


@pytest.fixture
def filled(cast: Cast) -> Filled:
    return build_filled(cast)


def build_filled(cast: Cast) -> Filled:
    """The two months of reports of this module's docstring, built through the services."""
    template = services.create_template(
        body=cast.body,
        code="monthly-situation",
        name={"en": "Monthly situation report", "vi": "Báo cáo tình hình tháng"},
        structure=SYNTH_STRUCTURE,
        by=cast.secretariat,
    )
    with time_machine.travel(dt.datetime(2024, 1, 2, tzinfo=UTC), tick=False):
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
    c = cast
    at = lambda m, d: dt.datetime(2024, m, d, 3, 0, tzinfo=UTC)  # noqa: E731
    subs = {
        ("a", "2024-02"): _send(
            obligation, c.unit_a, c.focal_a, "2024-02", answers(10, 5, "February in A."), at(3, 5)
        ),
        ("b", "2024-02"): _send(
            obligation, c.unit_b, c.focal_b, "2024-02", answers(4, 2, "February in B."), at(3, 8)
        ),
        ("a", "2024-03"): _send(obligation, c.unit_a, c.focal_a, "2024-03", GOOD, at(4, 5)),
        ("b", "2024-03"): _send(
            obligation,
            c.unit_b,
            c.focal_b,
            "2024-03",
            answers(
                8,
                3,
                NARRATIVE_B,
                trainings=[{"title": "Police", "people": 12}],
                channel="social_media",
            ),
            at(4, 15),
        ),
        ("c", "2024-03"): _send(
            obligation, c.unit_c, c.focal_c, "2024-03", answers(100, 1, NARRATIVE_C), at(4, 12)
        ),
    }
    for key in [("a", "2024-02"), ("b", "2024-02")]:
        _accept(subs[key], c.secretariat, at(3, 12))
    for key in [("a", "2024-03"), ("b", "2024-03")]:
        _accept(subs[key], c.secretariat, at(4, 16))
    return Filled(cast, obligation, subs)
