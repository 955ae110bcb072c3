"""``notify``: one notice per person, in each one's language, in a fixed number of queries; the
e-mail leaves from the worker after the commit, never inside the request."""

from __future__ import annotations

import io
import itertools
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django_tasks_db.models import DBTaskResult

from lintas.cases.models import TLP
from lintas.notices.models import Notification
from lintas.notices.services import notify, per_language
from lintas.notices.tasks import send_emails
from tests.cases.conftest import shared_case
from tests.conftest import Cast, make_person
from tests.notices.conftest import SUBJECT, TEXT, tell

OnCommit = Callable[..., AbstractContextManager[Any]]
Queries = Callable[[int], AbstractContextManager[Any]]


def test_each_person_gets_one_notice_in_their_own_language(cast: Cast) -> None:
    cast.focal_a.language = "vi"
    cast.focal_b.language = "id"
    templates = {"en": "Monthly report", "vi": "Báo cáo tháng", "id": "Laporan bulanan"}
    made = tell(
        cast,
        [cast.focal_a, cast.focal_b, cast.focal_c],
        template=per_language(lambda: templates[get_language() or "en"]),
    )

    assert len(made) == 3
    by_person = {n.user_id: n for n in Notification.objects.all()}
    vi, id_, en = (by_person[p.pk] for p in (cast.focal_a, cast.focal_b, cast.focal_c))
    assert vi.subject == "Sắp đến hạn nộp (Ngày 10 tháng 4 năm 2024): Báo cáo tháng, 2024-03"
    assert id_.subject == "Tenggat 10 April 2024: Laporan bulanan, 2024-03"
    assert en.subject == "Report due 10 April 2024: Monthly report, 2024-03"
    assert vi.text.startswith("Báo cáo tháng của Agency A kỳ 2024-03: hạn nộp là Ngày 10 tháng 4")
    assert en.text.startswith("Monthly report of Agency A for 2024-03: the deadline is 10 April")
    for notice in (vi, id_, en):  # no word said twice in a row ("report report")
        words = notice.text.lower().split()
        assert not any(a == b for a, b in itertools.pairwise(words)), notice.text
    assert {n.body_id for n in made} == {cast.body.pk}
    assert {n.link for n in made} == {"/b/twg/reports/mine/"}


def test_a_lazy_value_is_written_in_each_recipients_language(cast: Cast) -> None:
    cast.focal_a.language = "vi"
    notify(
        [cast.focal_a, cast.focal_b],
        body=cast.body,
        kind="referral_requested",
        subject=SUBJECT,
        text="%(kind)s",
        values={"kind": gettext_lazy("Transfer"), "due": "", "template": "", "period": ""},
    )
    texts = dict(Notification.objects.values_list("user_id", "text"))
    assert texts[cast.focal_b.pk] == "Transfer"
    assert texts[cast.focal_a.pk] not in {"", "Transfer"}


@pytest.mark.parametrize("count", [2, 12])
def test_notify_takes_two_queries_whatever_the_number_of_people(
    cast: Cast, count: int, django_assert_num_queries: Queries
) -> None:
    people = [
        make_person(f"p{n}@example.org", f"Person {n}", "vi" if n % 2 else "id")
        for n in range(count)
    ]

    # the people's choices for this kind, then one insert of every notice
    with django_assert_num_queries(2):
        made = tell(cast, people)

    assert len(made) == count
    assert Notification.objects.filter(kind="reminder").count() == count


def test_a_person_named_twice_is_told_once(cast: Cast) -> None:
    made = tell(cast, [cast.focal_a, cast.focal_a, cast.secretariat])
    assert len(made) == 2
    assert Notification.objects.filter(user=cast.focal_a).count() == 1


def test_an_unknown_kind_is_refused_before_anything_is_saved(cast: Cast) -> None:
    with pytest.raises(ValueError, match="Unknown kind of notice 'birthday'"):
        tell(cast, [cast.focal_a], kind="birthday")
    assert not Notification.objects.exists()


def test_no_email_leaves_inside_the_request_and_one_leaves_from_the_worker(
    cast: Cast,
    client_for,
    django_capture_on_commit_callbacks: OnCommit,
    worker_keeps_connection: None,
) -> None:
    case = shared_case(cast, TLP.AMBER)
    mail.outbox.clear()
    url = reverse("cases:break-glass", args=[cast.body.slug, case.pk])

    with django_capture_on_commit_callbacks(execute=True):
        answer = client_for(cast.focal_c).post(url, {"reason": "Victim in danger", "hours": 2})
        assert answer.status_code == 302
        assert mail.outbox == []  # not inside the request
    assert mail.outbox == []  # nor when it commits: the e-mail is queued for the worker
    notice = Notification.objects.get(kind="glass_broken")
    assert (notice.user, notice.email) == (cast.focal_a, Notification.Email.NOW)
    assert DBTaskResult.objects.filter(task_path=send_emails.module_path).count() == 1

    call_command("worker", "--batch", "--no-periodic", stdout=io.StringIO(), stderr=io.StringIO())

    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    message = mail.outbox[0]
    assert message.subject == f"Emergency access to {case.reference}"
    assert "case #" not in f"{message.subject} {message.body}"
    assert "Victim in danger" in message.body
    assert f"/b/twg/cases/{case.pk}/access/" in message.body
    notice.refresh_from_db()
    assert (notice.email, notice.email_attempts) == (Notification.Email.SENT, 1)
    assert notice.emailed_at is not None


def test_a_notice_kept_in_the_app_sends_no_email_whatever_the_choice(
    cast: Cast, django_capture_on_commit_callbacks: OnCommit, run_queued_notices: Callable[[], int]
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            [cast.focal_a],
            body=cast.body,
            kind="network_match",
            subject=SUBJECT,
            text=TEXT,
            values={"template": "", "unit": "", "period": "", "due": ""},
            email=False,
        )
    assert run_queued_notices() == 0
    assert mail.outbox == []
    assert Notification.objects.get().email == Notification.Email.NONE
