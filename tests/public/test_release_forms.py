"""The secretariat chooses tables and items on the prepare page and the sign-off settings on
their own page; bad input is named and nothing is saved."""

from __future__ import annotations

from lintas.core.tlp import TLP
from lintas.plans import services as plans
from lintas.policy import SYSTEM
from lintas.public.models import Release, SignOffSettings
from tests.conftest import Cast
from tests.plans.conftest import make_plan
from tests.public.test_releases import BY_SEX_2023_2024, source  # noqa: F401


def test_the_prepare_page_offers_the_tables_and_the_clear_items(client_for, cast: Cast) -> None:
    plan = make_plan(cast)
    plans.set_label(plan.count, tlp=TLP.CLEAR, by=SYSTEM)
    page = client_for(cast.secretariat).get(f"/b/{cast.body.slug}/releases/new/")
    text = page.content.decode()
    assert 'name="tables" value="sex" checked' in text
    assert f'value="indicator:{plan.count.pk}"' in text
    assert f'value="indicator:{plan.percent.pk}"' not in text  # not labelled CLEAR


def test_a_release_of_the_chosen_items_only(client_for, cast: Cast) -> None:
    plan = make_plan(cast)
    plans.set_label(plan.count, tlp=TLP.CLEAR, by=SYSTEM)
    url = f"/b/{cast.body.slug}/releases/new/"
    answer = client_for(cast.secretariat).post(
        url, {"title": "Results", "items": [f"indicator:{plan.count.pk}"]}
    )
    release = Release.objects.get(body=cast.body)
    assert answer["Location"].endswith(f"/releases/{release.pk}/")
    assert release.payload["tables"] == []
    assert [i["id"] for i in release.payload["items"]] == [plan.count.pk]


def test_nothing_chosen_or_a_bad_item_is_refused_by_name(client_for, cast: Cast) -> None:
    url = f"/b/{cast.body.slug}/releases/new/"
    client = client_for(cast.secretariat)
    empty = client.post(url, {"title": "Nothing"}).content.decode()
    assert "at least one table or item" in empty
    bad = client.post(url, {"title": "Bad", "items": ["indicator:x"]}).content.decode()
    assert "“indicator:x” is not an item of a release" in bad
    assert 'value="Bad"' in bad  # what was typed is kept
    assert not Release.objects.filter(body=cast.body).exists()


def test_the_sign_off_settings_are_chosen_on_their_page(client_for, cast: Cast) -> None:
    url = f"/b/{cast.body.slug}/releases/sign-off-settings/"
    client = client_for(cast.secretariat)
    answer = client.post(
        url,
        {
            "require": "listed",
            "units": [cast.unit_a.pk],
            "days_to_answer": "10",
            "silence_is_consent": "on",
        },
    )
    assert answer.status_code == 302
    chosen = SignOffSettings.objects.get(body=cast.body)
    assert (chosen.require, chosen.days_to_answer, chosen.silence_is_consent) == (
        "listed",
        10,
        True,
    )
    assert list(chosen.listed_units.all()) == [cast.unit_a]
    page = client.get(url).content.decode()
    assert f'value="{cast.unit_a.pk}" checked' in page


def test_bad_sign_off_settings_are_named_and_the_saved_ones_kept(client_for, cast: Cast) -> None:
    url = f"/b/{cast.body.slug}/releases/sign-off-settings/"
    client = client_for(cast.secretariat)
    client.post(url, {"require": "focal_points", "days_to_answer": "14"})
    for posted, words in (
        ({"require": "listed", "days_to_answer": "14"}, "List the units that sign off"),
        ({"require": "focal_points", "days_to_answer": "two"}, "whole number"),
        ({"require": "focal_points", "days_to_answer": "400"}, "between 1 and 365"),
    ):
        text = client.post(url, posted).content.decode()
        assert words in text
    chosen = SignOffSettings.objects.get(body=cast.body)
    assert (chosen.require, chosen.days_to_answer) == ("focal_points", 14)


def test_only_the_secretariat_sees_the_settings_and_the_releases_tab(
    client_for, cast: Cast
) -> None:
    url = f"/b/{cast.body.slug}/releases/sign-off-settings/"
    assert client_for(cast.focal_a).get(url).status_code == 403
    overview = f"/b/{cast.body.slug}/"
    assert (
        f"/b/{cast.body.slug}/releases/"
        in client_for(cast.secretariat).get(overview).content.decode()
    )
    assert (
        f"/b/{cast.body.slug}/releases/"
        not in client_for(cast.focal_a).get(overview).content.decode()
    )
