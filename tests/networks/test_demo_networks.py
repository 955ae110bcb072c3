"""The demo's networks hold when a person edits one case, as a new user would try it."""

from __future__ import annotations

import datetime as dt

from lintas.cases import services
from lintas.cases.demo import load_cases_demo
from lintas.members.demo import WG_SLUG, load_demo
from lintas.members.models import Body, Membership, Role
from lintas.networks import services as network_services
from lintas.networks.models import Network, NetworkCase, NetworkIndicator


def _state(body: Body) -> tuple[set[frozenset[int]], set[str]]:
    cases: dict[int, set[int]] = {}
    for network_id, case_id in NetworkCase.objects.filter(network__body=body).values_list(
        "network_id", "case_id"
    ):
        cases.setdefault(network_id, set()).add(case_id)
    hubs = set(
        NetworkIndicator.objects.filter(network__body=body, is_hub=True).values_list(
            "blind", flat=True
        )
    )
    return {frozenset(c) for c in cases.values()}, hubs


def test_a_new_case_with_a_junk_phone_and_an_unseen_name_keeps_the_demos_networks(
    db: None,
) -> None:
    load_demo()
    load_cases_demo()
    body = Body.objects.get(slug=WG_SLUG)
    network_services.relink_now(body=body, email=False)  # as `lintas demo` does
    before, hubs = _state(body)
    assert len(before) >= 10 and len(hubs) == 1
    member = (
        Membership.objects.active()
        .filter(body=body, role=Role.FOCAL_POINT, unit__country="VN")
        .select_related("user", "unit")
        .order_by("pk")
        .first()
    )
    assert member is not None
    by = member.user
    case = services.create_case(
        body=body, owner_unit=member.unit, by=by, reference="NEW-2026-1",  # type: ignore[arg-type]
        opened_on=dt.date(2026, 7, 1), location_country="KH", origin_countries=["VN"],
        destination_countries=["KH"],
    )  # fmt: skip
    services.add_person(case, by=by, role="victim", full_name="Phạm Thu Trang",
                        date_of_birth=dt.date(2001, 2, 3), nationality="VN")  # fmt: skip
    recruiter = services.add_person(
        case, by=by, role="recruiter", full_name="Nguyễn Văn Nam",
        date_of_birth=dt.date(1990, 1, 1), nationality="VN",
        contacts={"phones": ["0912345679"], "emails": [], "social": []},
    )  # fmt: skip
    run = network_services.relink_now(body=body, email=False)
    after, hubs_after = _state(body)
    assert after == before and hubs_after == hubs
    assert run.notices == 0
    biggest = max(Network.objects.filter(body=body).values_list("case_count", flat=True))
    assert biggest < 40

    recruiter.refresh_from_db()
    services.update_person(recruiter, by=by, contacts={"phones": [], "emails": [], "social": []})
    network_services.relink_now(body=body, email=False)
    assert _state(body) == (before, hubs)
