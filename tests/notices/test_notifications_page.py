"""The notifications page: a person's notices from every body, each at its body's time; the
unread count in the top bar; marking them read."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lintas.members import services as members
from lintas.members.models import Body
from lintas.notices.models import Notification
from lintas.notices.services import notify
from lintas.policy import SYSTEM
from tests.conftest import Cast

AT = dt.datetime(2024, 4, 20, 3, 0, tzinfo=dt.UTC)
URL = reverse("notices:list")


def told(cast: Cast, body: Body | None, text: str) -> None:
    notify([cast.focal_a], body=body, kind="submitted", subject=text, text=text)


def test_the_notifications_page_shows_each_notice_at_its_bodys_time_with_the_zone_named(
    cast: Cast,
    client_for,
) -> None:
    berlin = members.create_body(
        by=SYSTEM,
        name="Berlin Round Table",
        short_name="BRT",
        slug="brt",
        kind=Body.Kind.STEERING_COMMITTEE,
        time_zone="Europe/Berlin",
        languages=["en"],
    )
    with time_machine.travel(AT, tick=False):
        told(cast, cast.body, "From Ho Chi Minh")
        told(cast, berlin, "From Berlin")
        told(cast, None, "From the instance")

    html = client_for(cast.focal_a).get(URL).content.decode()

    assert "20 Apr 2024, 10:00 (UTC+7)" in html  # Asia/Ho_Chi_Minh
    assert "20 Apr 2024, 05:00 (UTC+2)" in html  # Europe/Berlin in summer time
    assert "20 Apr 2024, 03:00 (UTC)" in html  # no body: the server's zone (UTC here)


def test_the_top_bar_counts_unread_notices_until_they_are_marked_read(
    cast: Cast,
    client_for,
) -> None:
    told(cast, cast.body, "First")
    told(cast, cast.body, "Second")
    client = client_for(cast.focal_a)
    badge = '<span class="badge alert">2</span>'

    assert badge in client.get(reverse("home")).content.decode()
    assert badge not in client_for(cast.focal_b).get(reverse("home")).content.decode()

    answer = client.post(URL)

    assert answer.status_code == 302 and answer["Location"] == URL
    assert not Notification.objects.filter(user=cast.focal_a, read_at__isnull=True).exists()
    assert 'class="badge alert"' not in client.get(URL).content.decode()


def test_a_person_sees_only_their_own_notices(
    cast: Cast,
    client_for,
) -> None:
    told(cast, cast.body, "For Anh only")

    assert "For Anh only" in client_for(cast.focal_a).get(URL).content.decode()
    assert "For Anh only" not in client_for(cast.focal_b).get(URL).content.decode()
    client_for(cast.focal_b).post(URL)
    assert Notification.objects.get().read_at is None


def test_the_page_needs_a_signed_in_person(cast: Cast, client_for) -> None:
    answer = client_for(None).get(URL)
    assert answer.status_code == 302 and answer["Location"].startswith(reverse("login"))


def test_the_page_takes_the_same_queries_for_twelve_notices_as_for_two(
    cast: Cast,
    client_for,
) -> None:
    client = client_for(cast.focal_a)

    def queries_with(count: int) -> int:
        Notification.objects.all().delete()
        for n in range(count):
            told(cast, cast.body if n % 2 else None, f"Notice {n}")
        with CaptureQueriesContext(connection) as seen:
            html = client.get(URL).content.decode()
        assert html.count("Notice ") == count
        return len(seen)

    assert queries_with(2) == queries_with(12)


def test_a_long_notice_shows_its_subject_as_the_link_and_its_lines_as_lines(
    cast: Cast, client_for
) -> None:
    text = "Matches found in this run:\n- case VN-1 with case KH-7\n- case VN-2 with case TH-3"
    notify(
        [cast.focal_a], body=cast.body, kind="submitted", subject="2 matches", text=text, link="/x/"
    )

    html = client_for(cast.focal_a).get(URL).content.decode()

    assert '<a href="/x/"><strong>2 matches</strong></a>' in html
    assert "run:<br>- case VN-1 with case KH-7<br>- case VN-2" in html
