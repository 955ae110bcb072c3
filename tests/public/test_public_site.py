"""The public pages: a body's released figures and items without sign-in, in three languages,
without script, answered from the cache until a release changes; CSV, JSON, the Atom feed, the
data dictionary and the privacy page; the old statistics address."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from defusedxml import ElementTree as ET
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lintas.core.errors import LintasError
from lintas.core.tlp import TLP
from lintas.events import services as events
from lintas.events.models import ActionItem
from lintas.plans import services as plans
from lintas.policy import SYSTEM
from lintas.public import services
from lintas.public.models import Release
from lintas.public.services import ItemRef
from tests.conftest import Cast
from tests.plans.conftest import make_plan
from tests.public.test_releases import BY_SEX_2023_2024, WITH_2025, _published, source  # noqa: F401

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def test_a_body_with_no_release_says_so_to_anyone(client, cast: Cast) -> None:
    page = client.get(f"/public/{cast.body.slug}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "has published no release yet" in text
    assert 'class="bodybar"' not in text
    assert "<script" not in text and "<form" not in text  # no script, no token to cache
    assert page["Cache-Control"].startswith("public")


def test_the_public_page_shows_the_latest_release(client, cast: Cast, source) -> None:  # noqa: F811
    _published(cast, source, BY_SEX_2023_2024)
    text = client.get(f"/public/{cast.body.slug}/").content.decode()
    assert "Figures" in text
    assert '<td data-cell="sex|2023|F">20</td>' in text
    assert '<td data-cell="sex|total|total">110</td>' in text
    assert f'href="/public/{cast.body.slug}/releases/1.csv"' in text
    assert "<svg" in text and 'role="img"' in text  # a chart drawn without script


def test_every_release_keeps_its_address_and_a_withdrawn_one_shows_no_figures(
    client,
    cast: Cast,
    source,  # noqa: F811
) -> None:
    first = _published(cast, source, BY_SEX_2023_2024)
    source(WITH_2025)
    second = services.prepare_release(
        body=cast.body, by=cast.secretariat, title="With 2025", widen=True
    )
    services.publish_release(release=second, by=cast.secretariat)
    home = client.get(f"/public/{cast.body.slug}/").content.decode()
    assert "With 2025" in home and "Release 2" in home
    old = client.get(f"/public/{cast.body.slug}/releases/1/").content.decode()
    assert '<td data-cell="sex|2023|F">20</td>' in old  # version 1 as it was
    services.withdraw_release(release=first, by=cast.secretariat, reason="An error")
    gone = client.get(f"/public/{cast.body.slug}/releases/1/").content.decode()
    assert "was withdrawn" in gone
    assert 'data-cell="sex|2023|F"' not in gone
    assert client.get(f"/public/{cast.body.slug}/releases/1.csv").status_code == 404
    assert client.get(f"/public/{cast.body.slug}/releases/9/").status_code == 404
    draft = services.prepare_release(body=cast.body, by=cast.secretariat, title="Draft", widen=True)
    assert client.get(f"/public/{cast.body.slug}/releases/{draft.version}/").status_code == 404


def test_the_csv_has_one_line_per_figure_and_withheld_ones_are_empty(
    client,
    cast: Cast,
    source,  # noqa: F811
) -> None:
    _published(cast, source, BY_SEX_2023_2024)
    source(WITH_2025)
    release = services.prepare_release(body=cast.body, by=cast.secretariat, title="2", widen=True)
    services.publish_release(release=release, by=cast.secretariat)
    answer = client.get(f"/public/{cast.body.slug}/releases/2.csv")
    assert answer["Content-Type"].startswith("text/csv")
    assert answer.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "release",
        "version",
        "published",
        "table",
        "year",
        "category",
        "count",
        "withheld",
    ]
    by_cell = {(r[3], r[4], r[5]): (r[6], r[7]) for r in rows[1:]}
    assert by_cell[("sex", "2025", "F")] == ("", "1")
    assert all((count == "") == (withheld == "1") for count, withheld in by_cell.values())
    assert len(by_cell) == 12  # three years and the total, by F, M and the total
    first = client.get(f"/public/{cast.body.slug}/releases/1.csv").content.decode("utf-8-sig")
    assert ",sex,2023,F,20,0" in first
    assert all(r[1] == "2" and r[0] == cast.body.slug for r in rows[1:])


def test_the_json_holds_the_tables_the_items_and_the_dictionary(
    client,
    cast: Cast,
    source,  # noqa: F811
) -> None:
    _published(cast, source, BY_SEX_2023_2024)
    data = json.loads(client.get(f"/public/{cast.body.slug}/releases/1.json").content)
    assert data["version"] == 1 and data["k"] == 11
    (table,) = data["tables"]
    assert table["table"] == "sex" and table["rows"][-1] == "total"
    assert table["counts"][table["rows"].index("2023")][table["columns"].index("F")] == 20
    assert {c["name"] for c in data["dictionary"]} >= {"count", "withheld", "table"}
    assert data["links"]["csv"].endswith(f"/public/{cast.body.slug}/releases/1.csv")


def test_the_atom_feed_lists_the_published_releases(client, cast: Cast, source) -> None:  # noqa: F811
    _published(cast, source, BY_SEX_2023_2024)
    answer = client.get(f"/public/{cast.body.slug}/releases.atom")
    assert answer["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(answer.content)
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Figures"]
    link = entries[0].find(f"{ATOM}link")
    assert link is not None and link.get("href", "").endswith(
        f"/public/{cast.body.slug}/releases/1/"
    )


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "How figures are protected"),
        ("vi", "Số liệu được bảo vệ như thế nào"),
        ("id", "Bagaimana angka dilindungi"),
    ],
)
def test_the_privacy_page_speaks_each_language(client, lang: str, words: str) -> None:
    answer = client.get(f"/public/privacy/?lang={lang}")
    text = answer.content.decode()
    assert f'<html lang="{lang}">' in text
    assert words in text
    assert "11" in text
    assert answer["Content-Language"] == lang


def test_the_data_dictionary_names_every_column_of_the_csv(client) -> None:
    text = client.get("/public/data-dictionary/").content.decode()
    for column in ("release", "version", "published", "table", "year", "category", "count"):
        assert f"<code>{column}</code>" in text


def test_a_repeat_visit_is_answered_from_the_cache_until_a_release_changes(
    client,
    cast: Cast,
    source,  # noqa: F811
) -> None:
    _published(cast, source, BY_SEX_2023_2024)
    url = f"/public/{cast.body.slug}/"
    first = client.get(url)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)
    assert again.content == first.content
    assert len(queries) <= 2  # the body and the stamp of its releases
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    source(WITH_2025)
    second = services.prepare_release(body=cast.body, by=cast.secretariat, title="New", widen=True)
    services.publish_release(release=second, by=cast.secretariat)
    fresh = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert fresh.status_code == 200
    assert "New" in fresh.content.decode()


def test_each_language_has_its_own_cached_page(client, cast: Cast, source) -> None:  # noqa: F811
    _published(cast, source, BY_SEX_2023_2024)
    english = client.get(f"/public/{cast.body.slug}/").content.decode()
    vietnamese = client.get(f"/public/{cast.body.slug}/?lang=vi").content.decode()
    assert '<html lang="en">' in english
    assert '<html lang="vi">' in vietnamese
    assert "?lang=vi" in vietnamese  # its links keep the language


def test_the_old_statistics_address_leads_to_the_public_page(
    client,
    cast: Cast,
    source,  # noqa: F811
) -> None:
    answer = client.get(f"/public/{cast.body.slug}/statistics/")
    assert answer.status_code == 301
    assert answer["Location"] == f"/public/{cast.body.slug}/"
    assert client.get(f"/public/{cast.body.slug}/statistics/?format=csv").status_code == 404
    _published(cast, source, BY_SEX_2023_2024)
    csv_answer = client.get(f"/public/{cast.body.slug}/statistics/?format=csv")
    assert csv_answer["Location"] == f"/public/{cast.body.slug}/releases/1.csv"


def test_the_api_gives_the_latest_release_without_sign_in(
    client,
    cast: Cast,
    source,  # noqa: F811
) -> None:
    url = f"/api/v1/public/{cast.body.slug}/statistics"
    assert client.get(url).status_code == 404
    _published(cast, source, BY_SEX_2023_2024)
    (table,) = client.get(url).json()["tables"]
    assert table["counts"][table["rows"].index("2023")][table["columns"].index("F")] == 20


def test_indicators_and_events_labelled_clear_go_into_a_release(client, cast: Cast) -> None:
    plan = make_plan(cast)
    plans.set_target(plan.count, period_key="2024Q4", value="40", by=SYSTEM)
    plans.record_actual(plan.count, period_key="2024Q4", value="1250", by=SYSTEM)
    event = events.create_event(
        body=cast.body,
        by=SYSTEM,
        kind="conference",
        title="Regional conference",
        starts_on=dt.date(2024, 5, 2),
        ends_on=dt.date(2024, 5, 3),
    )
    ActionItem.objects.create(event=event, kind=ActionItem.Kind.DECISION, text="Meet yearly")
    refs = [ItemRef("indicator", plan.count.pk), ItemRef("event", event.pk)]
    with pytest.raises(LintasError) as refused:
        services.prepare_release(
            body=cast.body, by=cast.secretariat, title="Results", tables=[], items=refs
        )
    assert "I1 Alerts shared" in refused.value.message and "Regional conference" in (
        refused.value.message
    )
    assert not Release.objects.filter(body=cast.body).exists()
    plans.set_label(plan.count, tlp=TLP.CLEAR, by=cast.secretariat)
    event.tlp = TLP.CLEAR
    event.save(update_fields=["tlp"])
    release = services.prepare_release(
        body=cast.body, by=cast.secretariat, title="Results", tables=[], items=refs
    )
    services.publish_release(release=release, by=cast.secretariat)
    text = client.get(f"/public/{cast.body.slug}/?lang=vi").content.decode()
    assert "Alerts shared" in text
    assert "1.250" in text  # the actual as Vietnamese writes it
    assert "Regional conference" in text and "Meet yearly" in text


def test_an_indicator_is_labelled_clear_or_green_only(cast: Cast) -> None:
    plan = make_plan(cast)
    with pytest.raises(LintasError) as refused:
        plans.set_label(plan.count, tlp=TLP.AMBER, by=cast.secretariat)
    assert refused.value.field == "tlp"
    plan.count.refresh_from_db()
    assert plan.count.tlp == TLP.GREEN
