"""The networks through the API: what a caller sees of a network is what the page shows them,
the evidence chain comes with it, and analysts start and follow a relink."""

from __future__ import annotations

import pytest

from lintas.audit.models import AuditEntry
from lintas.networks import services
from lintas.networks.models import LinkRun, Network
from tests.api.conftest import ApiClient, new_key
from tests.conftest import Cast
from tests.networks.conftest import RECRUITER_PHONE, person, record

pytestmark = pytest.mark.django_db


def _two_units_share_a_phone(cast: Cast) -> Network:
    record(cast, cast.unit_a, "R12",
           person("recruiter", "Trần Văn Hùng", phones=[RECRUITER_PHONE]))  # fmt: skip
    record(cast, cast.unit_b, "R77", person("suspect", "Lê Minh", phones=["0084 91 234 5678"]))
    record(cast, cast.unit_c, "R90", person("victim", "Nguyễn Thị Hoa"))  # linked to nothing
    services.relink_now(body=cast.body, email=False)
    return Network.objects.get(body=cast.body)


def test_the_list_ranks_the_network_with_its_units(cast: Cast) -> None:
    _two_units_share_a_phone(cast)
    listed = ApiClient(new_key(cast.analyst)).get(f"bodies/{cast.body.slug}/networks").json()
    assert len(listed) == 1
    assert listed[0]["rank"] == 1 and listed[0]["cases"] == 2
    assert sorted(listed[0]["units"]) == ["Agency A", "Agency B"]


def test_unit_a_reads_its_case_and_learns_only_whom_to_contact_about_bs(cast: Cast) -> None:
    network = _two_units_share_a_phone(cast)
    answer = ApiClient(new_key(cast.focal_a)).get(f"bodies/{cast.body.slug}/networks/{network.pk}")
    assert answer.status_code == 200
    text = answer.content.decode()
    data = answer.json()
    entries = {e["unit"]: e for e in data["case_entries"]}
    assert entries["Agency A"]["readable"] and "R12" in entries["Agency A"]["label"]
    assert not entries["Agency B"]["readable"]
    assert entries["Agency B"]["contacts"] == ["Budi Focal <b@example.org>"]
    for secret in ("R77", "Lê Minh", "0084", "R90"):
        assert secret not in text, secret
    assert AuditEntry.objects.filter(action="networks.network.viewed", actor=cast.focal_a).exists()


def test_the_chain_between_two_cases_comes_with_the_network(cast: Cast) -> None:
    network = _two_units_share_a_phone(cast)
    entries = {e.case.reference: e.pk for e in network.network_cases.select_related("case")}
    data = (
        ApiClient(new_key(cast.analyst))
        .get(
            f"bodies/{cast.body.slug}/networks/{network.pk}",
            {"chain_from": entries["R12"], "chain_to": entries["R77"]},
        )
        .json()
    )
    # the analyst reads neither AMBER case's personal data: the link is told, the value is not
    assert len(data["chain"]) == 1
    assert RECRUITER_PHONE not in data["chain"][0]


def test_an_analyst_starts_a_relink_and_follows_it(cast: Cast) -> None:
    client = ApiClient(new_key(cast.analyst))
    started = client.post(f"bodies/{cast.body.slug}/network-runs")
    assert started.status_code == 202
    run = LinkRun.objects.get(pk=started.json()["id"])
    services.run_link(run.pk, email=False)  # what the worker does
    progress = client.get(f"bodies/{cast.body.slug}/network-runs/{run.pk}").json()
    assert progress["state"] == "done" and progress["progress"] == 100
