"""Times named by their offset from UTC, as documents print them next to each time."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone, translation

from lintas.core import times


@pytest.mark.parametrize(
    ("zone", "when", "name"),
    [
        ("Asia/Ho_Chi_Minh", dt.datetime(2024, 4, 20, 3, 0, tzinfo=dt.UTC), "UTC+7"),
        ("Asia/Kolkata", dt.datetime(2024, 4, 20, 3, 0, tzinfo=dt.UTC), "UTC+5:30"),
        ("America/Sao_Paulo", dt.datetime(2024, 4, 20, 3, 0, tzinfo=dt.UTC), "UTC-3"),
        ("America/St_Johns", dt.datetime(2024, 1, 20, 3, 0, tzinfo=dt.UTC), "UTC-3:30"),
        ("UTC", dt.datetime(2024, 4, 20, 3, 0, tzinfo=dt.UTC), "UTC"),
        # a zone with summer time: each time gets the offset it had
        ("Europe/Berlin", dt.datetime(2024, 1, 20, 3, 0, tzinfo=dt.UTC), "UTC+1"),
        ("Europe/Berlin", dt.datetime(2024, 7, 20, 3, 0, tzinfo=dt.UTC), "UTC+2"),
    ],
)
def test_it_names_the_offset_each_time_had_in_its_zone(
    zone: str, when: dt.datetime, name: str
) -> None:
    assert times.offset_name(when.astimezone(zoneinfo.ZoneInfo(zone))) == name


def test_it_prints_a_time_in_the_zone_given_whatever_zone_is_active() -> None:
    when = dt.datetime(2024, 4, 20, 3, 0, tzinfo=dt.UTC)

    with translation.override("en"), timezone.override(zoneinfo.ZoneInfo("America/Sao_Paulo")):
        printed = times.moment(when, "Asia/Ho_Chi_Minh")
        plain = times.moment(when, "Asia/Ho_Chi_Minh", named=False)

    assert (printed, plain) == ("20 Apr 2024, 10:00 (UTC+7)", "20 Apr 2024, 10:00")
    assert times.moment(None, "UTC") == "—"


@pytest.mark.parametrize(
    ("language", "minutes", "text"),
    [
        ("en", 1, "1 minute"),
        ("en", 119, "119 minutes"),
        ("en", 150, "2 hours"),
        ("en", 3 * 24 * 60, "3 days"),
        ("vi", 5, "5 phút"),
        ("id", 180, "3 jam"),
    ],
)
def test_a_duration_is_said_in_its_largest_whole_unit_in_the_language(
    language: str, minutes: int, text: str
) -> None:
    with translation.override(language):
        assert times.duration(dt.timedelta(minutes=minutes)) == text
