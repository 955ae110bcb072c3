"""The network page in chromium: the graph is drawn, a click on a node shows its details, the
table lists the same nodes; and the demo's largest network, with a screenshot."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from lintas.cases.demo import load_cases_demo
from lintas.members.demo import WG_SLUG, load_demo
from lintas.members.models import Body, Membership, Role
from lintas.networks import services
from lintas.networks.models import Network, NetworkCase
from tests.conftest import Cast
from tests.networks.conftest import RECRUITER_PHONE, person, record

pytestmark = pytest.mark.browser


def test_a_network_page_draws_the_graph_and_shows_a_nodes_details_on_click(
    new_context, signed_in, live_cast: Cast, shot
) -> None:
    c = live_cast
    record(c, c.unit_a, "R12", person("recruiter", "Trần Văn Hùng", phones=[RECRUITER_PHONE]))
    record(c, c.unit_a, "R77", person("suspect", "Lê Minh", phones=["0084 912 345 678"]))
    record(c, c.unit_b, "B-501", person("recruiter", "", phones=[RECRUITER_PHONE]))
    services.relink_now(body=c.body)
    network = Network.objects.get(body=c.body)

    context: BrowserContext = new_context()
    signed_in(context, c.focal_a)
    page = context.new_page()
    page.goto(f"/b/{c.body.slug}/networks/{network.pk}/")

    expect(page.locator("#net-graph[data-rendered='true'] canvas").first).to_be_attached()
    assert page.locator("#net-graph canvas").count() >= 1
    box = page.locator("#net-graph").bounding_box()
    assert box is not None and box["height"] > 300
    # click the first case node, found through cytoscape's own positions; the graph is scrolled
    # into view first and left a frame, so that cytoscape has seen where its box now is
    page.locator("#net-graph").scroll_into_view_if_needed()
    heading = page.locator("#net-node h3")
    for _attempt in range(3):  # a click that lands while a busy machine repaints is retried
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => r(null)))")
        point = page.evaluate(
            """() => { const el = document.getElementById('net-graph');
            const cy = el._cyreg && el._cyreg.cy; const n = cy.nodes('[kind = "case"]')[0];
            const p = n.renderedPosition(); return {x: p.x, y: p.y}; }"""
        )
        page.locator("#net-graph").click(position=point)
        try:
            heading.wait_for(timeout=3000)
            break
        except PlaywrightTimeout:
            continue
    expect(heading).to_contain_text("Case R")
    expect(page.locator("#net-nodes")).to_contain_text("+84 912 345 678")
    expect(page.locator("#net-nodes")).to_contain_text("A case of Agency B")
    shot(page, "network-detail")


def test_the_demo_networks_list_and_largest_network_read_well(
    new_context, signed_in, transactional_db: None, shot
) -> None:
    load_demo()
    load_cases_demo()
    services.relink_now(body=Body.objects.get(slug=WG_SLUG), email=False)
    network = Network.objects.order_by("-score").first()
    assert network is not None
    # a focal point of a unit holding a case of the largest network
    units = NetworkCase.objects.filter(network=network).values("case__owner_unit")
    focal = (
        Membership.objects.active()
        .filter(unit__in=units, role=Role.FOCAL_POINT)
        .select_related("user")
        .first()
    )
    assert focal is not None

    context: BrowserContext = new_context()
    signed_in(context, focal.user)
    page = context.new_page()
    page.goto(f"/b/{WG_SLUG}/networks/")
    expect(page.locator("h1")).to_have_text("Networks")
    shot(page, "networks-list")
    page.goto(f"/b/{WG_SLUG}/networks/{network.pk}/")
    expect(page.locator("#net-graph[data-rendered='true'] canvas").first).to_be_attached()
    page.wait_for_timeout(300)
    shot(page, "network-demo")
