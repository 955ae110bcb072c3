"""The referral inbox in the body's menu, with the number of requests waiting for an answer."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lintas.cases import selectors, services
from lintas.cases.models import Case
from lintas.cases.services import referrals
from tests.cases.conftest import new_case
from tests.cases.test_referrals import DUE
from tests.conftest import Cast


def _menu_entry(html: str) -> str | None:
    match = re.search(r'<a href="[^"]*/referrals/"[^>]*>(.*?)</a>', html)
    return match.group(1) if match else None


def test_the_receiver_sees_the_inbox_in_the_menu_with_what_waits(cast: Cast, client_for) -> None:
    url = reverse("cases:list", args=[cast.body.slug])
    assert _menu_entry(client_for(cast.focal_c).get(url).content.decode()) == "Referrals"
    first, second = new_case(cast), new_case(cast, reference="A-2024-002")
    for case in (first, second):
        referrals.request_referral(case, to_unit=cast.unit_c, by=cast.focal_a, due_on=DUE)
    entry = _menu_entry(client_for(cast.focal_c).get(url).content.decode())
    assert entry is not None and ">2</span>" in entry
    answered = first.referrals.get()
    referrals.accept_referral(answered, by=cast.focal_c)
    entry = _menu_entry(client_for(cast.focal_c).get(url).content.decode())
    assert entry is not None and ">1</span>" in entry
    # The sender's own request does not wait for the sender.
    assert _menu_entry(client_for(cast.focal_a).get(url).content.decode()) == "Referrals"


def test_people_who_answer_for_no_unit_have_no_inbox_in_the_menu(cast: Cast, client_for) -> None:
    url = reverse("cases:list", args=[cast.body.slug])
    html = client_for(cast.secretariat).get(url).content.decode()
    assert _menu_entry(html) is None
    assert selectors.waiting_referral_count(cast.secretariat, cast.body) is None


def test_a_red_case_counts_only_for_its_named_readers(cast: Cast) -> None:
    case = new_case(cast)
    referrals.request_referral(case, to_unit=cast.unit_c, by=cast.focal_a, due_on=DUE)
    assert selectors.waiting_referral_count(cast.focal_c, cast.body) == 1
    services.change_label(Case.objects.get(pk=case.pk), tlp="red", by=cast.focal_a)
    assert selectors.waiting_referral_count(cast.focal_c, cast.body) == 0


def test_the_count_costs_one_query(cast: Cast) -> None:
    for n in range(3):
        referrals.request_referral(
            new_case(cast, reference=f"A-2024-00{n}"),
            to_unit=cast.unit_c,
            by=cast.focal_a,
            due_on=DUE,
        )
    selectors.waiting_referral_count(cast.focal_c, cast.body)  # the units, read once a request
    with CaptureQueriesContext(connection) as queries:
        assert selectors.waiting_referral_count(cast.focal_c, cast.body) == 3
    assert len(queries) == 1
