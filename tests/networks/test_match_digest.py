"""Hit / no-hit notices come as one digest per unit and run, and a match is told once."""

from __future__ import annotations

from django.core import mail

from lintas.networks import services
from lintas.notices.models import Notification
from tests.conftest import Cast
from tests.networks.conftest import person, record

PHONE_AB = "+84 91 234 5678"
HANDLE_AC = "telegram: @viec_lam_thai"
PHONE_BIG = "+855 12 345 678"


def test_a_unit_matched_with_two_units_in_one_run_gets_one_digest_naming_both(
    cast: Cast, django_capture_on_commit_callbacks, run_queued_notices
) -> None:
    record(cast, cast.unit_a, "A-1", person("recruiter", "", phones=[PHONE_AB]))
    record(cast, cast.unit_a, "A-2", person("recruiter", "", social=[HANDLE_AC]))
    record(cast, cast.unit_b, "B-1", person("recruiter", "", phones=["0912345678"]))
    record(cast, cast.unit_c, "C-1", person("recruiter", "", social=["t.me/viec_lam_thai"]))
    with django_capture_on_commit_callbacks(execute=True):
        run = services.relink_now(body=cast.body)
    run_queued_notices()  # the worker sends the e-mails
    notices = Notification.objects.filter(user=cast.focal_a, kind="network_match")
    assert notices.count() == 1
    text = notices.get().text
    assert "A-1" in text and "A-2" in text and "Agency B" in text and "Agency C" in text
    to_a = [m for m in mail.outbox if m.to == ["a@example.org"]]
    assert len(to_a) == 1 and "2 other units" in to_a[0].subject
    assert "B-1" not in to_a[0].body and "C-1" not in to_a[0].body
    assert run.notices == 3  # one focal point in each unit, once


def test_a_network_that_grows_tells_only_its_new_matches(
    cast: Cast, django_capture_on_commit_callbacks
) -> None:
    record(cast, cast.unit_a, "A-1", person("recruiter", "", phones=[PHONE_BIG]))
    record(cast, cast.unit_b, "B-1", person("recruiter", "", phones=[PHONE_BIG]))
    with django_capture_on_commit_callbacks(execute=True):
        services.relink_now(body=cast.body)
    assert Notification.objects.filter(kind="network_match").count() == 2
    for n in range(2, 6):  # the network grows by B's cases: A hears of them in one digest a run
        record(cast, cast.unit_b, f"B-{n}", person("recruiter", "", phones=[PHONE_BIG]))
    with django_capture_on_commit_callbacks(execute=True):
        services.relink_now(body=cast.body)
    to_a = Notification.objects.filter(user=cast.focal_a).order_by("pk")
    assert to_a.count() == 2
    to_b = Notification.objects.filter(user=cast.focal_b).order_by("pk")
    assert to_b.count() == 2 and "B-1" not in to_b.last().text  # type: ignore[union-attr]  # told already
    assert "B-2" in to_b.last().text and "B-5" in to_b.last().text  # type: ignore[union-attr]
    with django_capture_on_commit_callbacks(execute=True):
        run = services.relink_now(body=cast.body)
    assert run.notices == 0
