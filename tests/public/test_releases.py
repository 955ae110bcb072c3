"""Releases: prepared with the cross-release check, widened in one click, signed off (with and
without silent consent), published and withdrawn; bad input refused with nothing half-saved."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from lintas.cases.statistics import K, Table, build_table, suppress
from lintas.core.errors import LintasError
from lintas.core.tlp import TLP
from lintas.notices.models import Notification
from lintas.plans.models import GoodPractice
from lintas.policy import SYSTEM
from lintas.public import services
from lintas.public.disclosure import check_release
from lintas.public.models import Release, ReleaseLogEntry, ReleaseSignOff, SignOffSettings
from lintas.public.services import ItemRef
from lintas.public.tasks import publish_silent_consent
from tests.conftest import Cast

BY_SEX_2023_2024 = {("2023", "F"): 20, ("2023", "M"): 30, ("2024", "F"): 25, ("2024", "M"): 35}
WITH_2025 = {**BY_SEX_2023_2024, ("2025", "F"): 5, ("2025", "M"): 30}
GOOD = {"shows_results": True, "cause_effect": True, "replicable": True}


def _tables(counts: dict[tuple[str, str], int]) -> list[Table]:
    years = sorted({year for year, _ in counts})
    table = build_table("sex", Counter(counts), years)
    suppress([table], k=K)
    return [table]


@pytest.fixture
def source(monkeypatch: pytest.MonkeyPatch) -> Callable[[dict[tuple[str, str], int]], None]:
    """Set the body's true counts the release reads (the cases behind them are not needed)."""

    def use(counts: dict[tuple[str, str], int]) -> None:
        monkeypatch.setattr(
            "lintas.public.services.releases.victim_statistics",
            lambda body, audience: _tables(counts),
        )

    return use


def _published(cast: Cast, source, counts) -> Release:
    source(counts)
    release = services.prepare_release(body=cast.body, by=cast.secretariat, title="Figures")
    return services.publish_release(release=release, by=cast.secretariat)


def _asking(cast: Cast, *, silence: bool) -> SignOffSettings:
    return services.save_signoff_settings(
        body=cast.body,
        by=cast.secretariat,
        require=SignOffSettings.Require.LISTED,
        units=[cast.unit_a, cast.unit_b],
        days_to_answer=7,
        silence_is_consent=silence,
    )


def test_a_crafted_pair_passes_each_alone_but_is_refused_naming_the_cell(
    cast: Cast, source
) -> None:
    second = _tables(WITH_2025)
    check_release(second, [], names=["Release 1"])  # today's per-release check passes it
    first = _published(cast, source, BY_SEX_2023_2024)
    source(WITH_2025)
    with pytest.raises(LintasError) as refused:
        services.prepare_release(body=cast.body, by=cast.secretariat, title="Now with 2025")
    assert "Release 2: sex, 2025, F" in refused.value.message
    assert list(Release.objects.filter(body=cast.body)) == [first]  # nothing half-saved


def test_widening_in_one_click_makes_it_pass_and_keeps_no_true_count(cast: Cast, source) -> None:
    _published(cast, source, BY_SEX_2023_2024)
    source(WITH_2025)
    release = services.prepare_release(
        body=cast.body, by=cast.secretariat, title="Now with 2025", widen=True
    )
    assert release.version == 2
    (table,) = release.payload["tables"]
    row = table["rows"].index("2025")
    assert table["cells"][row][table["columns"].index("F")] is None
    assert 5 not in [v for line in table["cells"] for v in line]  # the small count never stored
    published = services.publish_release(release=release, by=cast.secretariat)
    assert published.status == Release.Status.PUBLISHED
    assert published.published_at is not None


def test_a_release_with_nothing_in_it_is_refused(cast: Cast, source) -> None:
    source(BY_SEX_2023_2024)
    with pytest.raises(LintasError, match="at least one table or item"):
        services.prepare_release(body=cast.body, by=cast.secretariat, title="Empty", tables=[])
    assert not Release.objects.exists()


def test_an_item_not_labelled_clear_is_refused_by_name(cast: Cast, source) -> None:
    source(BY_SEX_2023_2024)
    green = GoodPractice.objects.create(
        body=cast.body, title="Shelter hotline", what="…", tlp=TLP.GREEN, **GOOD
    )
    clear = GoodPractice.objects.create(
        body=cast.body, title="Joint training", what="A course.", tlp=TLP.CLEAR, **GOOD
    )
    refs = [ItemRef("good_practice", clear.pk), ItemRef("good_practice", green.pk)]
    with pytest.raises(LintasError) as refused:
        services.prepare_release(body=cast.body, by=cast.secretariat, title="T", items=refs)
    assert "Shelter hotline" in refused.value.message
    assert "Joint training" not in refused.value.message
    assert not Release.objects.exists()
    release = services.prepare_release(
        body=cast.body, by=cast.secretariat, title="T", tables=[], items=refs[:1]
    )
    assert [i["title"] for i in release.payload["items"]] == ["Joint training"]
    assert release.payload["tables"] == []


def test_only_the_secretariat_prepares(cast: Cast, source) -> None:
    source(BY_SEX_2023_2024)
    with pytest.raises(PermissionDenied):
        services.prepare_release(body=cast.body, by=cast.focal_a, title="Mine")


def test_sign_off_by_everyone_asked_publishes(cast: Cast, source) -> None:
    _asking(cast, silence=False)
    source(BY_SEX_2023_2024)
    release = services.prepare_release(body=cast.body, by=cast.secretariat, title="Figures")
    with pytest.raises(LintasError, match="sign-off"):
        services.publish_release(release=release, by=cast.secretariat)
    services.submit_release(release=release, by=cast.secretariat)
    asked = {s.unit_id for s in ReleaseSignOff.objects.filter(release=release)}
    assert asked == {cast.unit_a.pk, cast.unit_b.pk}
    assert Notification.objects.filter(user=cast.focal_a, kind="release_signoff").exists()
    services.decide_signoff(release=release, unit=cast.unit_a, by=cast.focal_a, decision="approved")
    with pytest.raises(LintasError, match="Agency B"):
        services.publish_release(release=release, by=cast.secretariat)
    services.decide_signoff(release=release, unit=cast.unit_b, by=cast.focal_b, decision="approved")
    release = services.publish_release(release=release, by=cast.secretariat)
    assert release.status == Release.Status.PUBLISHED
    whats = list(ReleaseLogEntry.objects.filter(release=release).values_list("what", flat=True))
    assert whats == ["prepared", "checked", "submitted", "approved", "approved", "published"]


def test_silence_counts_as_consent_after_the_deadline(cast: Cast, source) -> None:
    _asking(cast, silence=True)
    source(BY_SEX_2023_2024)
    release = services.prepare_release(body=cast.body, by=cast.secretariat, title="Figures")
    services.submit_release(release=release, by=cast.secretariat)
    services.decide_signoff(release=release, unit=cast.unit_a, by=cast.focal_a, decision="approved")
    assert services.publish_due_releases(timezone.now()) == []  # before the deadline: waits
    later = timezone.now() + dt.timedelta(days=8)
    assert [r.pk for r in services.publish_due_releases(later)] == [release.pk]
    release.refresh_from_db()
    assert release.status == Release.Status.PUBLISHED
    entry = ReleaseLogEntry.objects.get(release=release, what="published")
    assert entry.actor is None  # the system
    assert entry.detail["consent_by_silence"] == [cast.unit_b.pk]


def test_without_silent_consent_the_deadline_publishes_nothing(cast: Cast, source) -> None:
    _asking(cast, silence=False)
    source(BY_SEX_2023_2024)
    release = services.prepare_release(body=cast.body, by=cast.secretariat, title="Figures")
    services.submit_release(release=release, by=cast.secretariat)
    later = timezone.now() + dt.timedelta(days=8)
    assert services.publish_due_releases(later) == []
    publish_silent_consent.call()
    release.refresh_from_db()
    assert release.status == Release.Status.AWAITING


def test_an_objection_is_recorded_with_its_reason_and_blocks(cast: Cast, source) -> None:
    _asking(cast, silence=True)
    source(BY_SEX_2023_2024)
    release = services.prepare_release(body=cast.body, by=cast.secretariat, title="Figures")
    services.submit_release(release=release, by=cast.secretariat)
    with pytest.raises(LintasError, match="why"):
        services.decide_signoff(
            release=release, unit=cast.unit_b, by=cast.focal_b, decision="objected"
        )
    services.decide_signoff(
        release=release,
        unit=cast.unit_b,
        by=cast.focal_b,
        decision="objected",
        reason="The 2024 figures are not final.",
    )
    signoff = ReleaseSignOff.objects.get(release=release, unit=cast.unit_b)
    assert signoff.reason == "The 2024 figures are not final."
    assert signoff.decided_by == cast.focal_b
    later = timezone.now() + dt.timedelta(days=8)
    assert services.publish_due_releases(later) == []
    with pytest.raises(LintasError, match="Agency B objected"):
        services.publish_release(release=release, by=cast.secretariat)
    services.withdraw_release(release=release, by=cast.secretariat, reason="Objection")
    release.refresh_from_db()
    assert release.status == Release.Status.WITHDRAWN


def test_a_sign_off_by_someone_not_listed_is_refused_by_name(cast: Cast, source) -> None:
    _asking(cast, silence=False)
    source(BY_SEX_2023_2024)
    release = services.prepare_release(body=cast.body, by=cast.secretariat, title="Figures")
    services.submit_release(release=release, by=cast.secretariat)
    with pytest.raises(LintasError, match="Agency C is not asked"):
        services.decide_signoff(
            release=release, unit=cast.unit_c, by=cast.focal_c, decision="approved"
        )
    with pytest.raises(LintasError, match="Chi Focal is not a focal point of Agency A"):
        services.decide_signoff(
            release=release, unit=cast.unit_a, by=cast.focal_c, decision="approved"
        )
    assert set(
        ReleaseSignOff.objects.filter(release=release).values_list("decision", flat=True)
    ) == {ReleaseSignOff.Decision.PENDING}


def test_a_release_checked_before_a_later_one_went_out_must_be_prepared_again(
    cast: Cast, source
) -> None:
    source(BY_SEX_2023_2024)
    early = services.prepare_release(body=cast.body, by=cast.secretariat, title="A")
    late = services.prepare_release(body=cast.body, by=cast.secretariat, title="B")
    services.publish_release(release=late, by=cast.secretariat)
    with pytest.raises(LintasError, match="prepare it again"):
        services.publish_release(release=early, by=SYSTEM)


def test_a_release_withdrawn_after_it_went_out_still_counts(cast: Cast, source) -> None:
    first = _published(cast, source, BY_SEX_2023_2024)
    services.withdraw_release(release=first, by=cast.secretariat, reason="Typo")
    source(WITH_2025)
    with pytest.raises(LintasError, match="Release 2: sex, 2025, F"):
        services.prepare_release(body=cast.body, by=cast.secretariat, title="Now with 2025")
