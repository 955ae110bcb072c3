"""The secretariat's release pages and the focal points' sign-off page."""

from __future__ import annotations

from lintas.public import services
from lintas.public.models import Release, ReleaseSignOff, SignOffSettings
from tests.conftest import Cast
from tests.public.test_releases import BY_SEX_2023_2024, WITH_2025, _published, source  # noqa: F401


def test_a_leak_is_refused_on_the_page_and_widened_in_one_click(
    cast: Cast,
    client_for,
    source,  # noqa: F811
) -> None:
    _published(cast, source, BY_SEX_2023_2024)
    source(WITH_2025)
    client = client_for(cast.secretariat)
    url = f"/b/{cast.body.slug}/releases/new/"
    page = client.post(url, {"title": "With 2025", "tables": ["sex"]}).content.decode()
    assert "Release 2: sex, 2025, F" in page
    assert 'name="widen"' in page
    assert Release.objects.filter(body=cast.body).count() == 1
    answer = client.post(url, {"title": "With 2025", "tables": ["sex"], "widen": "1"})
    release = Release.objects.get(body=cast.body, version=2)
    assert answer["Location"] == f"/b/{cast.body.slug}/releases/{release.pk}/"
    detail = client.get(answer["Location"]).content.decode()
    assert "With 2025" in detail
    assert '<td data-cell="sex|2025|F">x</td>' in detail  # withheld, as it will appear


def test_a_focal_point_objects_on_the_sign_off_page(
    cast: Cast,
    client_for,
    source,  # noqa: F811
) -> None:
    services.save_signoff_settings(
        body=cast.body,
        by=cast.secretariat,
        require=SignOffSettings.Require.LISTED,
        units=[cast.unit_a],
    )
    source(BY_SEX_2023_2024)
    release = services.prepare_release(body=cast.body, by=cast.secretariat, title="Figures")
    services.submit_release(release=release, by=cast.secretariat)
    client = client_for(cast.focal_a)
    url = f"/b/{cast.body.slug}/releases/{release.pk}/sign-off/"
    client.post(url, {"unit": cast.unit_a.pk, "decision": "objected"})
    signoff = ReleaseSignOff.objects.get(release=release)
    assert signoff.decision == ReleaseSignOff.Decision.PENDING  # no reason: refused
    client.post(url, {"unit": cast.unit_a.pk, "decision": "objected", "reason": "Too early."})
    signoff.refresh_from_db()
    assert (signoff.decision, signoff.reason) == ("objected", "Too early.")
    detail = client_for(cast.secretariat).get(f"/b/{cast.body.slug}/releases/{release.pk}/")
    assert "Too early." in detail.content.decode()
