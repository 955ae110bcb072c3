"""A network keeps its id across relinks while it keeps most of its cases, and the id of a network
that no longer exists leads to what became of it (for who may see it; 404 for anyone else)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from lintas.cases import services as case_services
from lintas.cases.models import Case
from lintas.networks import services
from lintas.networks.models import LinkRun, Network, NetworkCase, NetworkSuccession
from lintas.networks.tasks import link_body
from tests.api.conftest import ApiClient, new_key
from tests.conftest import Cast
from tests.networks.conftest import RECRUITER_PHONE, person, record, two_unit_network

pytestmark = pytest.mark.django_db

OTHER_PHONE = "+66 81 234 5678"


def network_of(case: Case) -> Network:
    return Network.objects.get(network_cases__case=case)


def refs(network: Network) -> set[str]:
    return set(
        NetworkCase.objects.filter(network=network).values_list("case__reference", flat=True)
    )


def without_tokens(html: bytes) -> str:
    """A page without its CSRF tokens, which differ on every response."""
    return re.sub(
        r'("X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+', r"\1", html.decode()
    )


def page(cast: Cast, network_id: int) -> str:
    return reverse("networks:detail", args=[cast.body.slug, network_id])


def two_networks(cast: Cast) -> tuple[Network, Network]:
    """Unit A's two cases joined by one phone (the older network), unit B's by another."""
    a1 = record(cast, cast.unit_a, "A-1", person("recruiter", "", phones=[RECRUITER_PHONE]))
    record(cast, cast.unit_a, "A-2", person("recruiter", "", phones=[RECRUITER_PHONE]))
    services.relink_now(body=cast.body, email=False)
    b1 = record(cast, cast.unit_b, "B-1", person("recruiter", "", phones=[OTHER_PHONE]))
    record(cast, cast.unit_b, "B-2", person("recruiter", "", phones=[OTHER_PHONE]))
    services.relink_now(body=cast.body, email=False)
    return network_of(a1), network_of(b1)


def merge(cast: Cast) -> tuple[Network, int]:
    """The two networks joined by a case of unit C holding both phones: the merged network and
    the id that ended (the younger network's)."""
    older, younger = two_networks(cast)
    assert older.pk < younger.pk
    bridge = record(cast, cast.unit_c, "C-1",
                    person("recruiter", "", phones=[RECRUITER_PHONE, OTHER_PHONE]))  # fmt: skip
    services.relink_now(body=cast.body, email=False)
    merged = network_of(bridge)
    assert merged.pk == older.pk
    return merged, younger.pk


def test_a_full_relink_twice_with_no_change_keeps_every_id(cast: Cast) -> None:
    older, younger = two_networks(cast)

    services.relink_now(body=cast.body, email=False)
    services.relink_now(body=cast.body, email=False)

    assert set(Network.objects.filter(body=cast.body).values_list("pk", flat=True)) == {
        older.pk,
        younger.pk,
    }
    assert not NetworkSuccession.objects.exists()


def test_a_case_added_to_a_network_keeps_its_id(cast: Cast) -> None:
    network = two_unit_network(cast)
    entries = set(network.network_cases.values_list("pk", "case__reference"))
    record(cast, cast.unit_c, "NET-C", person("suspect", "", phones=["+84-912-345-678"]))

    services.relink_now(body=cast.body, email=False)

    grown = Network.objects.get(body=cast.body)
    assert grown.pk == network.pk
    assert grown.case_count == 3 and refs(grown) == {"NET-A", "NET-B", "NET-C"}
    # the cases that stayed keep their entries, so a link to an evidence chain lasts too
    assert entries < set(grown.network_cases.values_list("pk", "case__reference"))


def test_an_update_run_after_a_change_keeps_the_id(
    cast: Cast, django_capture_on_commit_callbacks
) -> None:
    network = two_unit_network(cast)
    with django_capture_on_commit_callbacks(execute=True):
        record(cast, cast.unit_c, "NET-C", person("suspect", "", phones=[RECRUITER_PHONE]))
    link_body.call(LinkRun.objects.get(kind=LinkRun.Kind.UPDATE).pk)

    assert Network.objects.get(body=cast.body).pk == network.pk
    assert refs(network) == {"NET-A", "NET-B", "NET-C"}


def test_when_a_network_splits_the_part_with_most_cases_keeps_the_id(cast: Cast) -> None:
    for n in range(4):
        record(cast, cast.unit_a, f"X-{n}", person("recruiter", "", phones=[RECRUITER_PHONE]))
    for n in range(2):
        record(cast, cast.unit_b, f"Y-{n}", person("recruiter", "", phones=[OTHER_PHONE]))
    bridge = record(cast, cast.unit_c, "BRIDGE",
                    person("recruiter", "", phones=[RECRUITER_PHONE, OTHER_PHONE]))  # fmt: skip
    services.relink_now(body=cast.body, email=False)
    whole = Network.objects.get(body=cast.body)
    assert whole.case_count == 7

    case_services.update_person(
        bridge.persons.get(), by=cast.focal_c, contacts={"phones": [RECRUITER_PHONE]}
    )
    services.relink_now(body=cast.body, email=False)

    larger = Network.objects.get(pk=whole.pk)
    assert refs(larger) == {"X-0", "X-1", "X-2", "X-3", "BRIDGE"}
    smaller = Network.objects.exclude(pk=whole.pk).get(body=cast.body)
    assert refs(smaller) == {"Y-0", "Y-1"} and smaller.pk > whole.pk
    assert not NetworkSuccession.objects.exists()


def test_a_merge_keeps_the_oldest_id_and_records_that_the_younger_merged_into_it(
    cast: Cast,
) -> None:
    merged, ended = merge(cast)  # asserts that the merged network has the older id

    assert Network.objects.get(body=cast.body) == merged
    assert refs(merged) == {"A-1", "A-2", "B-1", "B-2", "C-1"}
    succession = NetworkSuccession.objects.get(old_id=ended)
    assert (succession.fate, succession.successors) == ("merged", [merged.pk])
    assert sorted(succession.cases) == sorted(
        Case.objects.filter(reference__in=["B-1", "B-2"]).values_list("pk", flat=True)
    )


def test_the_old_id_of_a_merged_network_redirects_to_the_network_it_merged_into(
    cast: Cast, client_for
) -> None:
    merged, ended = merge(cast)

    for user in (cast.analyst, cast.focal_b):
        response = client_for(user).get(page(cast, ended) + "?from=1&to=2")
        assert response.status_code == 302
        assert response["Location"] == page(cast, merged.pk)


def test_the_old_id_of_a_merged_network_answers_308_in_the_api_with_the_successor(
    cast: Cast,
) -> None:
    merged, ended = merge(cast)
    client = ApiClient(new_key(cast.focal_b))

    answer = client.get(f"bodies/{cast.body.slug}/networks/{ended}")

    assert answer.status_code == 308
    assert answer["Location"].endswith(f"/api/v1/bodies/{cast.body.slug}/networks/{merged.pk}")


def test_a_chain_of_merges_leads_to_the_network_that_lasts(cast: Cast, client_for) -> None:
    for n in range(2):
        record(cast, cast.unit_b, f"Z-{n}", person("recruiter", "", phones=["+1 212 555 0147"]))
    services.relink_now(body=cast.body, email=False)
    oldest = Network.objects.get(body=cast.body)
    merged, ended = merge(cast)
    # a case joins the oldest network and the merged one: the oldest id lasts
    record(cast, cast.unit_b, "Z-BRIDGE",
           person("recruiter", "", phones=["+1 212 555 0147", OTHER_PHONE]))  # fmt: skip
    services.relink_now(body=cast.body, email=False)

    assert Network.objects.get(body=cast.body).pk == oldest.pk
    assert NetworkSuccession.objects.get(old_id=merged.pk).successors == [oldest.pk]
    assert NetworkSuccession.objects.get(old_id=ended).successors == [merged.pk]
    response = client_for(cast.focal_b).get(page(cast, ended))
    assert response.status_code == 302 and response["Location"] == page(cast, oldest.pk)


def test_the_old_id_of_a_dissolved_network_says_so_to_who_saw_it(cast: Cast, client_for) -> None:
    network = two_unit_network(cast)
    case_b = Case.objects.get(reference="NET-B")
    case_services.update_person(
        case_b.persons.get(), by=cast.focal_b, contacts={"phones": ["+66 2 123 4567"]}
    )
    with time_machine.travel(dt.datetime(2025, 6, 2, 9, 30, tzinfo=dt.UTC), tick=False):
        services.relink_now(body=cast.body, email=False)

    assert not Network.objects.exists()
    assert NetworkSuccession.objects.get(old_id=network.pk).fate == "dissolved"
    for user in (cast.analyst, cast.focal_a, cast.focal_b):
        response = client_for(user).get(page(cast, network.pk))
        html = response.content.decode()
        assert response.status_code == 200
        assert "This network was dissolved by a relink on 2 June 2025" in html
        assert "NET-A" not in html and "NET-B" not in html

    api = ApiClient(new_key(cast.focal_a)).get(f"bodies/{cast.body.slug}/networks/{network.pk}")
    assert api.status_code == 410
    assert api.json()["fate"] == "dissolved" and api.json()["successors"] == []


def test_the_old_id_of_a_split_network_lists_the_parts_the_viewer_may_see(
    cast: Cast, client_for
) -> None:
    for n in range(2):
        record(cast, cast.unit_a, f"X-{n}", person("recruiter", "", phones=[RECRUITER_PHONE]))
        record(cast, cast.unit_b, f"Y-{n}", person("recruiter", "", phones=[OTHER_PHONE]))
    bridge = record(cast, cast.unit_c, "BRIDGE",
                    person("recruiter", "", phones=[RECRUITER_PHONE, OTHER_PHONE]))  # fmt: skip
    services.relink_now(body=cast.body, email=False)
    whole = Network.objects.get(body=cast.body)
    case_services.update_person(bridge.persons.get(), by=cast.focal_c, contacts={"phones": []})
    services.relink_now(body=cast.body, email=False)

    x = network_of(Case.objects.get(reference="X-0"))
    y = network_of(Case.objects.get(reference="Y-0"))
    assert whole.pk not in {x.pk, y.pk}  # neither part holds more than half of its 5 cases
    succession = NetworkSuccession.objects.get(old_id=whole.pk)
    assert succession.fate == "split" and sorted(succession.successors) == sorted([x.pk, y.pk])
    analyst = client_for(cast.analyst).get(page(cast, whole.pk)).content.decode()
    assert page(cast, x.pk) in analyst and page(cast, y.pk) in analyst
    # unit A's focal point reads X's cases only: it is shown that part, not the other
    focal_a = client_for(cast.focal_a).get(page(cast, whole.pk)).content.decode()
    assert page(cast, x.pk) in focal_a and page(cast, y.pk) not in focal_a
    api = ApiClient(new_key(cast.focal_a)).get(f"bodies/{cast.body.slug}/networks/{whole.pk}")
    assert api.status_code == 410
    assert [s["id"] for s in api.json()["successors"]] == [x.pk]


def test_a_stranger_gets_the_same_404_for_an_old_id_as_for_an_id_that_never_was(
    cast: Cast, client_for
) -> None:
    _merged, ended = merge(cast)
    dissolved = two_unit_network_elsewhere(cast)
    never = ended + dissolved + 1000

    # unit C's focal point reads none of the ended networks' cases; leaders see no networks
    for user, old in (
        (cast.focal_c, dissolved),
        (cast.focal_c, ended),
        (cast.leader, ended),
        (cast.leader, dissolved),
    ):
        client = client_for(user)
        gone, unknown = client.get(page(cast, old)), client.get(page(cast, never))
        assert gone.status_code == unknown.status_code == 404
        assert without_tokens(gone.content) == without_tokens(unknown.content).replace(
            str(never), str(old)
        )
        api = ApiClient(new_key(user))
        answers = [api.get(f"bodies/{cast.body.slug}/networks/{n}") for n in (old, never)]
        assert [a.status_code for a in answers] == [404, 404]
        assert answers[0].json() == answers[1].json()


def two_unit_network_elsewhere(cast: Cast) -> int:
    """A network of units A and B, on other phones, that a change then dissolves: its old id."""
    record(cast, cast.unit_a, "D-A", person("recruiter", "", phones=["+855 12 345 678"]))
    case_b = record(cast, cast.unit_b, "D-B", person("recruiter", "", phones=["+855 12 345 678"]))
    services.relink_now(body=cast.body, email=False)
    network = network_of(case_b)
    case_services.update_person(case_b.persons.get(), by=cast.focal_b, contacts={})
    services.relink_now(body=cast.body, email=False)
    assert NetworkSuccession.objects.get(old_id=network.pk).fate == "dissolved"
    return network.pk
