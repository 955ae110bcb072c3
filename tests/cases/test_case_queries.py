"""The case page and the case API read a viewer's access to a case once, whatever the number of
persons: the same number of queries with twelve persons as with two, for every way of reading a
case."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lintas.cases.models import TLP, Case
from lintas.cases.services import emergency
from lintas.members.models import User
from tests.api.conftest import ApiClient, new_key
from tests.cases.conftest import SUSPECT_NAME, case_with_persons
from tests.conftest import Cast

# viewer → (the case's label, who reads it, whether a victim without consent is shown)
VIEWERS = {
    "owner unit": (TLP.AMBER, "focal_a", True),
    "unit shared with": (TLP.AMBER, "focal_b", False),
    "named reader": (TLP.RED, "focal_b", True),
    "emergency access": (TLP.AMBER, "focal_c", True),
}


def viewer_of(cast: Cast, how: str, count: int) -> tuple[Case, User]:
    label, who, _all = VIEWERS[how]
    case = case_with_persons(cast, count, label=label)
    user: User = getattr(cast, who)
    if how == "emergency access":
        emergency.break_glass(case, user=user, reason="A child at risk tonight", hours=2)
    return case, user


def shown_names(count: int, *, all_victims: bool) -> tuple[set[str], set[str]]:
    """The victims' names the viewer reads, and those withheld from them."""
    shown: set[str] = set()
    withheld: set[str] = set()
    for n in range(count):
        if n % 3 == 1:
            continue
        name = f"Victim {n:02d}"
        (shown if n % 3 == 0 or all_victims else withheld).add(name)
    return shown, withheld


def count_queries(get: Callable[[], str]) -> tuple[int, str]:
    get()  # warm the session, the token's day of use and the role cache
    with CaptureQueriesContext(connection) as captured:
        content = get()
    return len(captured), content


@pytest.mark.parametrize("how", list(VIEWERS))
def test_the_case_page_takes_as_many_queries_for_twelve_persons_as_for_two(
    cast: Cast,
    client_for: Callable[[User], Client],
    how: str,
) -> None:
    def page(count: int) -> int:
        case, user = viewer_of(cast, how, count)
        client = client_for(user)
        url = reverse("cases:detail", args=[cast.body.slug, case.pk])

        def get() -> str:
            response = client.get(url)
            assert response.status_code == 200
            return response.content.decode()

        queries, html = count_queries(get)
        shown, withheld = shown_names(count, all_victims=VIEWERS[how][2])
        assert all(name in html for name in shown), how
        assert not any(name in html for name in withheld), how
        assert html.count(SUSPECT_NAME) == count // 3 + (count % 3 == 2)
        return queries

    assert page(2) == page(12)


@pytest.mark.parametrize("how", list(VIEWERS))
def test_the_case_api_takes_as_many_queries_for_twelve_persons_as_for_two(
    cast: Cast, how: str
) -> None:
    def read(count: int) -> int:
        case, user = viewer_of(cast, how, count)
        client = ApiClient(new_key(user))

        def get() -> str:
            response = client.get(f"bodies/{cast.body.slug}/cases/{case.pk}")
            assert response.status_code == 200
            return response.content.decode()

        queries, content = count_queries(get)
        shown, withheld = shown_names(count, all_victims=VIEWERS[how][2])
        assert all(name in content for name in shown), how
        assert not any(name in content for name in withheld), how
        return queries

    assert read(2) == read(12)
