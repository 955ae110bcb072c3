"""The demo's plans: the working group's Joint Action Phase 2023-2024 with its actuals, its
12-month evaluation, and the draft phase 2025-2026 seeded from it; loading twice adds nothing."""

from __future__ import annotations

import pytest

from lintas.members.demo import WG_SLUG, load_demo
from lintas.members.models import User
from lintas.plans import iati, selectors
from lintas.plans.demo import NEXT_PHASE, load_plans_demo
from lintas.plans.models import Phase, Recommendation
from tests.conftest import ClientFor


@pytest.mark.django_db
def test_the_demo_has_a_phase_its_evaluation_and_the_next_phase(client_for: ClientFor) -> None:
    load_demo()
    phase = load_plans_demo()
    assert phase is not None and load_plans_demo() is None
    assert Phase.objects.filter(body__slug=WG_SLUG).count() == 2
    assert phase.pillars.count() == 4 and phase.activities.count() == 6
    evaluation = phase.evaluations.get()
    view = selectors.evaluation_view(evaluation)
    assert view.lessons and view.good_practices and view.priorities
    statuses = {r.indicator.code: r.status for r in view.rows}
    assert statuses["I1.1.1"] == "on_track"  # 22 trained of 24, from none: 92%
    assert statuses["I1.2.1"] == "at_risk"  # 3 investigations of 4, from 1: 67%
    assert statuses["I1.3.1"] == "off_track"  # the procedure is not adopted
    assert statuses["I1.4"] == "on_track"  # 52% against 50%, from 35%
    responses = sorted(r.response for r in view.recommendations)
    assert responses == ["accepted", "partial", "pending"]
    nxt = Phase.objects.get(name=NEXT_PHASE)
    assert nxt.predecessor == phase and nxt.status == "draft"
    carried = Recommendation.objects.filter(carried_into__phase=nxt).count()
    assert carried == 2  # the done one stays behind
    assert iati.schema().validate(iati.etree.fromstring(iati.phase_xml(phase)))
    secretariat = User.objects.get(email="wg.secretariat@demo.lintas.example")
    page = client_for(secretariat).get(f"/b/{WG_SLUG}/plans/{phase.pk}/")
    assert page.status_code == 200 and "Joint Action Phase 2023-2024" in page.content.decode()
