"""The notifications page: a person's notices from every body, each at its body's time."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.urls import reverse

from lintas.members import services as members
from lintas.members.models import Body
from lintas.reporting.models import Notification
from tests.conftest import Cast

AT = dt.datetime(2024, 4, 20, 3, 0, tzinfo=dt.UTC)


def test_the_notifications_page_shows_each_notice_at_its_bodys_time_with_the_zone_named(
    cast: Cast,
    client_for,
) -> None:
    berlin = members.create_body(
        by=None,
        name="Berlin Round Table",
        short_name="BRT",
        slug="brt",
        kind=Body.Kind.STEERING_COMMITTEE,
        time_zone="Europe/Berlin",
        languages=["en"],
    )
    with time_machine.travel(AT, tick=False):
        for body, kind, text in (
            (cast.body, "submitted", "From Ho Chi Minh"),
            (berlin, "submitted", "From Berlin"),
            (None, "account", "From the instance"),
        ):
            Notification.objects.create(user=cast.focal_a, body=body, kind=kind, text=text)

    html = client_for(cast.focal_a).get(reverse("notifications")).content.decode()

    assert "20 Apr 2024, 10:00 (UTC+7)" in html  # Asia/Ho_Chi_Minh
    assert "20 Apr 2024, 05:00 (UTC+2)" in html  # Europe/Berlin in summer time
    assert "20 Apr 2024, 03:00 (UTC)" in html  # no body: the server's zone (UTC here)
