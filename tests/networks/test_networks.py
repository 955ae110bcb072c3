"""Networks inside the platform: relink runs, hubs, TLP:RED left out, what each unit sees on a
network page, hit / no-hit notices, encryption of indicator values, the list's queries."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lintas.audit.models import AuditEntry
from lintas.cases import services as case_services
from lintas.cases.models import Case
from lintas.networks import services
from lintas.networks.models import (
    LinkRun,
    MatchNotice,
    Network,
    NetworkCase,
    NetworkIndicator,
    NetworkRecord,
)
from lintas.networks.tasks import link_body
from lintas.notices.models import Notification
from tests.conftest import Cast
from tests.networks.conftest import HOTLINE, RECRUITER_PHONE, person, record

HANDLE = "telegram: @jobs_asia_vip"


def cases_of(network: Network) -> set[str]:
    return set(
        NetworkCase.objects.filter(network=network).values_list("case__reference", flat=True)
    )


@pytest.fixture
def ring(cast: Cast) -> dict[str, Case]:
    """Three units' cases joined by a recruiter's phone (two spellings) and a Telegram handle,
    and a lone case of unit A that shares nothing."""
    return {
        "a": record(
            cast, cast.unit_a, "REF-ALPHA-001",
            person("victim", "Nguyễn Thị Hoa", phones=["0988 111 222"]),
            person("recruiter", "Trần Văn Hùng", phones=[RECRUITER_PHONE]),
        ),
        "b": record(
            cast, cast.unit_b, "REF-BRAVO-001",
            person("victim", "Sri Wahyuni"),
            person("suspect", "Tuấn Lê", phones=["+84-912-345-678"], social=[HANDLE]),
        ),
        "c": record(
            cast, cast.unit_c, "REF-CHARLIE-001",
            person("victim", "Maria Santos"),
            person("recruiter", "", social=["t.me/jobs_asia_vip"]),
        ),
        "lone": record(
            cast, cast.unit_a, "REF-ALPHA-LONE",
            person("victim", "Lê Thị Lan", phones=["0977 333 444"]),
        ),
    }  # fmt: skip


def test_a_relink_joins_three_units_cases_into_one_network_and_leaves_a_lone_case_out(
    cast: Cast, ring: dict[str, Case]
) -> None:
    run = services.relink_now(body=cast.body)

    assert run.state == LinkRun.State.DONE and run.progress == 100
    network = Network.objects.get(body=cast.body)
    assert cases_of(network) == {"REF-ALPHA-001", "REF-BRAVO-001", "REF-CHARLIE-001"}
    assert (network.case_count, network.unit_count) == (3, 3)
    assert network.countries == ["KH", "VN"]
    assert network.first_seen == network.last_seen == dt.date(2025, 3, 1)
    assert not NetworkCase.objects.filter(case=ring["lone"]).exists()
    # the phone in two spellings and the handle as URL and as @name are one indicator each
    assert sorted(NetworkIndicator.objects.values_list("kind", flat=True)) == ["handle", "phone"]


def test_a_second_relink_replaces_the_networks_of_the_first(
    cast: Cast, ring: dict[str, Case]
) -> None:
    services.relink_now(body=cast.body)
    services.relink_now(body=cast.body)
    assert Network.objects.filter(body=cast.body).count() == 1


def test_a_shelter_hotline_in_many_victims_records_joins_nothing_and_is_shown_grey(
    cast: Cast, client_for
) -> None:
    units = [cast.unit_a, cast.unit_b, cast.unit_c]
    victims = ["Nguyễn Thị Hoa", "Sri Wahyuni", "Maria Santos", "Aye Aye", "Somchai Srisuk",
               "Nimali Perera", "Dewi Lestari", "Sokha Chea", "Rina Marlina",
               "Kyaw Zin"]  # fmt: skip
    recruiters = ["Trần Văn Hùng", "Budi Hartono", "Jose Reyes", "Kittisak Wongsa"]
    for n in range(10):
        persons = [person("victim", victims[n], phones=[HOTLINE])]
        if n < 8:  # pairs of cases whose recruiters share a bank account
            persons.append(person("recruiter", recruiters[n // 2],
                                  accounts=[f"Bank X, 00710012345{n // 2}"]))  # fmt: skip
        record(cast, units[n % 3], f"REF-HUB-{n:02d}", *persons, tlp="green")

    run = services.relink_now(body=cast.body)

    assert run.hubs == 1
    networks = list(Network.objects.filter(body=cast.body))
    assert {frozenset(cases_of(n)) for n in networks} == {
        frozenset({f"REF-HUB-{2 * k:02d}", f"REF-HUB-{2 * k + 1:02d}"}) for k in range(4)
    }
    hub = NetworkIndicator.objects.filter(network=networks[0], is_hub=True).get()
    assert hub.kind == "phone" and "threshold" in hub.hub_reason

    response = client_for(cast.analyst).get(
        reverse("networks:detail", args=[cast.body.slug, networks[0].pk])
    )
    graph = response.context["graph"]
    kinds = {n["data"]["kind"] for n in graph["nodes"]}
    assert {"case", "person", "indicator", "hub"} <= kinds
    html = response.content.decode()
    assert "phone number (withheld)" in html and '<tr class="muted">' in html
    assert "3933" not in html  # the analyst does not read the victims' data


def test_a_red_case_never_appears_in_network_data(
    cast: Cast, ring: dict[str, Case], client_for
) -> None:
    red = record(
        cast, cast.unit_b, "REF-RED-SECRET",
        person("recruiter", "Red Person", phones=[RECRUITER_PHONE], social=[HANDLE]),
        tlp="red",
    )  # fmt: skip
    # a person labelled RED inside an AMBER case stays out too
    hidden = case_services.add_person(
        ring["lone"], by=cast.focal_a, role="suspect", full_name="Hidden One",
        contacts={"phones": [RECRUITER_PHONE]}, tlp="red",
    )  # fmt: skip

    run = services.relink_now(body=cast.body)

    assert run.cases == 4
    assert not NetworkCase.objects.filter(case=red).exists()
    assert not NetworkRecord.objects.filter(record__case=red).exists()
    assert not NetworkRecord.objects.filter(record=hidden).exists()
    assert not NetworkCase.objects.filter(case=ring["lone"]).exists()
    assert not MatchNotice.objects.filter(case_low=red).exists()
    assert not MatchNotice.objects.filter(case_high=red).exists()
    for user in (cast.secretariat, cast.focal_b):
        network = Network.objects.get(body=cast.body)
        page = client_for(user).get(reverse("networks:detail", args=[cast.body.slug, network.pk]))
        assert "REF-RED-SECRET" not in page.content.decode()
        assert "Red Person" not in page.content.decode()


def test_unit_c_sees_a_case_of_unit_a_and_whom_to_contact_but_not_its_reference_or_persons(
    cast: Cast, ring: dict[str, Case], client_for
) -> None:
    services.relink_now(body=cast.body)
    network = Network.objects.get(body=cast.body)

    page = client_for(cast.focal_c).get(
        reverse("networks:detail", args=[cast.body.slug, network.pk])
    )

    html = page.content.decode()
    assert page.status_code == 200
    assert "A case of Agency A" in html and "A case of Agency B" in html
    assert "Anh Focal" in html and "a@example.org" in html  # whom to contact in unit A
    assert "REF-CHARLIE-001" in html  # its own case
    for secret in ("REF-ALPHA-001", "REF-BRAVO-001", "Trần Văn Hùng", "Nguyễn Thị Hoa",
                   "Tuấn Lê", "912 345 678", "+84912345678", "0988"):  # fmt: skip
        assert secret not in html, secret
    # C reads its own recruiter's handle; the phone of A and B is not even a withheld node
    labels = {n["data"]["label"] for n in page.context["graph"]["nodes"]}
    assert "jobs_asia_vip (telegram)" in labels
    assert not any(label.startswith("phone number") for label in labels)
    assert AuditEntry.objects.filter(
        action="networks.network.viewed", actor=cast.focal_c, object_id=str(network.pk)
    ).exists()


def test_an_analyst_sees_every_case_node_but_values_only_of_cases_it_may_read(
    cast: Cast, ring: dict[str, Case], client_for
) -> None:
    services.relink_now(body=cast.body)
    network = Network.objects.get(body=cast.body)

    page = client_for(cast.analyst).get(
        reverse("networks:detail", args=[cast.body.slug, network.pk])
    )

    html = page.content.decode()
    # AMBER cases not shared with the analyst: units only
    assert "A case of Agency A" in html and "REF-ALPHA-001" not in html
    assert "Trần Văn Hùng" not in html


def test_the_evidence_chain_names_the_shared_phone_to_who_reads_both_cases(
    cast: Cast, client_for
) -> None:
    first = record(cast, cast.unit_a, "R12",
                   person("recruiter", "Trần Văn Hùng", phones=[RECRUITER_PHONE]))  # fmt: skip
    second = record(cast, cast.unit_a, "R77",
                    person("suspect", "Lê Minh", phones=["0084 912 345 678"]))  # fmt: skip
    services.relink_now(body=cast.body)
    network = Network.objects.get(body=cast.body)
    entries = {e.case_id: e.pk for e in network.network_cases.all()}
    url = reverse("networks:detail", args=[cast.body.slug, network.pk])

    page = client_for(cast.focal_a).get(url, {"from": entries[first.pk], "to": entries[second.pk]})

    assert page.context["chain"] == ["Case R12 and case R77 share +84 912 345 678."]
    assert AuditEntry.objects.filter(action="cases.person.viewed", actor=cast.focal_a).count() == 2


def test_a_new_case_sharing_a_recruiters_phone_tells_both_units_once_without_the_other_case(
    cast: Cast, django_capture_on_commit_callbacks, settings, run_queued_notices
) -> None:
    settings.SITE_URL = "https://lintas.example.org"
    record(cast, cast.unit_a, "REF-ALPHA-001",
           person("recruiter", "Trần Văn Hùng", phones=[RECRUITER_PHONE]))  # fmt: skip
    services.relink_now(body=cast.body)
    assert LinkRun.objects.get().notices == 0

    with django_capture_on_commit_callbacks(execute=True):
        record(cast, cast.unit_c, "REF-CHARLIE-009",
               person("recruiter", "", phones=["+84912345678"]))  # fmt: skip
    run = LinkRun.objects.get(kind=LinkRun.Kind.UPDATE)  # one update run for three changes
    assert run.state == LinkRun.State.QUEUED
    with django_capture_on_commit_callbacks(execute=True):
        link_body.call(run.pk)

    run.refresh_from_db()
    assert run.state == LinkRun.State.DONE and run.notices == 2
    assert run_queued_notices() == 2  # the worker sends the e-mails
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"a@example.org", "c@example.org"}
    to_c, to_a = by_address["c@example.org"], by_address["a@example.org"]
    assert "REF-CHARLIE-009" in to_c.body and "Agency A" in to_c.body
    assert "Anh Focal <a@example.org>" in to_c.body
    assert "REF-ALPHA-001" not in to_c.body and "REF-ALPHA-001" not in to_c.subject
    assert "REF-ALPHA-001" in to_a.body and "Chi Focal <c@example.org>" in to_a.body
    assert "REF-CHARLIE-009" not in to_a.body
    for secret in ("Trần", "912", "5678"):
        assert secret not in to_a.body + to_c.body  # type: ignore[operator]
    notice_c = Notification.objects.get(user=cast.focal_c, kind="network_match")
    assert notice_c.text in to_c.body and "REF-ALPHA-001" not in notice_c.text
    assert AuditEntry.objects.filter(action="networks.match.notified").count() == 1

    # told once: another relink finds the same match and says nothing
    with django_capture_on_commit_callbacks(execute=True):
        services.relink_now(body=cast.body)
    assert len(mail.outbox) == 2
    assert Notification.objects.filter(kind="network_match").count() == 2


def test_units_that_read_each_others_cases_are_not_notified(cast: Cast) -> None:
    record(cast, cast.unit_a, "REF-GREEN-A",
           person("recruiter", "", phones=[RECRUITER_PHONE]), tlp="green")  # fmt: skip
    record(cast, cast.unit_b, "REF-GREEN-B",
           person("recruiter", "", phones=[RECRUITER_PHONE]), tlp="green")  # fmt: skip

    run = services.relink_now(body=cast.body)

    assert run.networks == 1 and run.notices == 0


def test_indicator_values_are_stored_encrypted_with_a_blind_index(
    cast: Cast, ring: dict[str, Case]
) -> None:
    services.relink_now(body=cast.body)
    with connection.cursor() as cursor:
        cursor.execute("SELECT value, blind, kind FROM networks_networkindicator")
        rows = cursor.fetchall()
        cursor.execute("SELECT detail FROM networks_networkmatch")
        rows += cursor.fetchall()
    assert rows
    stored = " ".join(str(v) for row in rows for v in row)
    for clear in ("84912345678", "912 345", "jobs_asia_vip"):
        assert clear not in stored
    phone = NetworkIndicator.objects.get(kind="phone")
    assert rows[0][0].startswith("enc1:") and phone.value == "+84912345678"
    assert phone.blind == services.blind_index("+84912345678") != services.blind_index("+1")


def test_a_relink_asked_for_on_the_page_runs_on_the_worker_and_its_progress_reaches_done(
    cast: Cast, ring: dict[str, Case], client_for, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    client = client_for(cast.analyst)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("networks:relink", args=[cast.body.slug]))
    run = LinkRun.objects.get(kind=LinkRun.Kind.FULL)
    assert response["Location"] == reverse("networks:run", args=[cast.body.slug, run.pk])
    progress = reverse("networks:run-progress", args=[cast.body.slug, run.pk])
    waiting = client.get(progress).content.decode()
    assert run.state == LinkRun.State.QUEUED and 'hx-trigger="every 1s"' in waiting
    assert AuditEntry.objects.filter(action="networks.run.requested", actor=cast.analyst).exists()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("worker", "--batch", stdout=io.StringIO(), stderr=io.StringIO())

    run.refresh_from_db()
    assert (run.state, run.progress, run.networks, run.cases) == ("done", 100, 1, 4)
    done = client.get(progress).content.decode()
    assert "Linking is done" in done and "hx-trigger" not in done


def test_a_focal_point_may_not_relink(cast: Cast, client_for) -> None:
    response = client_for(cast.focal_a).post(reverse("networks:relink", args=[cast.body.slug]))
    assert response.status_code == 403
    assert not LinkRun.objects.exists()


def test_the_case_page_shows_the_networks_the_case_is_in(
    cast: Cast, ring: dict[str, Case], client_for
) -> None:
    services.relink_now(body=cast.body)
    network = Network.objects.get(body=cast.body)
    url = reverse("cases:detail", args=[cast.body.slug, ring["a"].pk])

    html = client_for(cast.focal_a).get(url).content.decode()

    assert reverse("networks:detail", args=[cast.body.slug, network.pk]) in html
    assert "A network of 3 cases" in html
    lone = reverse("cases:detail", args=[cast.body.slug, ring["lone"].pk])
    assert "This case is in no network" in client_for(cast.focal_a).get(lone).content.decode()


def test_the_list_ranks_networks_and_a_focal_point_sees_only_those_touching_its_cases(
    cast: Cast, client_for
) -> None:
    record(cast, cast.unit_a, "REF-AB-1", person("recruiter", "", phones=[RECRUITER_PHONE]))
    record(cast, cast.unit_b, "REF-AB-2", person("recruiter", "", phones=[RECRUITER_PHONE]))
    record(cast, cast.unit_b, "REF-BB-1", person("recruiter", "", phones=["+66 81 234 5678"]))
    record(cast, cast.unit_b, "REF-BB-2", person("recruiter", "", phones=["+66 81 234 5678"]))
    services.relink_now(body=cast.body)
    url = reverse("networks:list", args=[cast.body.slug])

    rows = client_for(cast.analyst).get(url).context["rows"]
    assert [r.network.unit_count for r in rows] == [2, 1]  # spread ranks first
    assert [len(r.units) for r in rows] == [2, 1]
    assert len(client_for(cast.focal_a).get(url).context["rows"]) == 1
    assert len(client_for(cast.focal_c).get(url).context["rows"]) == 0
    assert len(client_for(cast.analyst).get(url, {"unit": cast.unit_a.pk}).context["rows"]) == 1
    # countries and dates are those of the cases the viewer reads: none for the analyst here
    assert [r.countries for r in rows] == [[], []] and rows[0].first_seen is None
    assert len(client_for(cast.focal_b).get(url, {"country": "kh"}).context["rows"]) == 2
    assert len(client_for(cast.focal_b).get(url, {"country": "TH"}).context["rows"]) == 0
    assert client_for(cast.focal_b).get(url).context["rows"][0].countries == ["KH", "VN"]
    assert client_for(cast.leader).get(url).status_code == 403


def test_the_list_page_takes_as_many_queries_for_ten_networks_as_for_two(
    cast: Cast, client_for
) -> None:
    def networks(count: int) -> int:
        for n in range(count):
            phone = f"+66 81 234 {5600 + n:04d}"
            for unit in (cast.unit_a, cast.unit_b):
                record(cast, unit, f"REF-Q-{count}-{n}-{unit.pk}",
                       person("recruiter", "", phones=[phone]))  # fmt: skip
        services.relink_now(body=cast.body)
        assert Network.objects.filter(body=cast.body).count() == count
        client = client_for(cast.analyst)
        client.get(reverse("networks:list", args=[cast.body.slug]))  # warm the session
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("networks:list", args=[cast.body.slug]))
        Case.objects.filter(body=cast.body).delete()
        return len(queries)

    assert networks(2) == networks(10)


def test_a_leader_refused_networks_is_told_what_the_role_shows_instead(
    cast: Cast, client_for
) -> None:
    response = client_for(cast.leader).get(reverse("networks:list", args=[cast.body.slug]))
    assert response.status_code == 403
    page = response.content.decode()
    assert "not change it" not in page
    assert "the dashboard and the reports" in page
