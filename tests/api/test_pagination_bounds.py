"""The paged lists of the API take any ``offset`` and ``limit`` a script sends: past the end of
the list is an empty page, below zero is the first page, and what is no whole number is a 422.
Never a server error, whatever the database (an OFFSET past 2**63 overflows both)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from lintas.members.models import User
from tests.api.conftest import ApiClient
from tests.cases.conftest import new_case
from tests.conftest import Cast

ApiAs = Callable[[User], ApiClient]

HUGE = [2**63, 2**64, 10**30, 2**63 - 1]


def _lists(cast: Cast) -> dict[str, tuple[str, str]]:
    """Each paged list: its path and the key of its items in the answer ("" for a bare list)."""
    case = new_case(cast)
    return {
        "cases": ("bodies/twg/cases", "items"),
        "submissions": ("bodies/twg/submissions", ""),
        "access": (f"bodies/twg/cases/{case.pk}/access", "entries"),
    }


def _items(response: Any, key: str) -> list[Any]:
    answer = response.json()
    return answer[key] if key else answer


@pytest.mark.parametrize("name", ["cases", "submissions", "access"])
@pytest.mark.parametrize("offset", HUGE)
def test_an_offset_past_any_list_gives_an_empty_page(
    cast: Cast, api_as: ApiAs, name: str, offset: int
) -> None:
    path, key = _lists(cast)[name]

    response = api_as(cast.focal_a).get(path, {"offset": str(offset), "limit": str(offset)})

    assert response.status_code == 200, response.content
    assert _items(response, key) == []


@pytest.mark.parametrize("name", ["cases", "access"])
def test_a_negative_offset_or_limit_gives_the_first_page(
    cast: Cast, api_as: ApiAs, name: str
) -> None:
    path, key = _lists(cast)[name]
    api = api_as(cast.focal_a)

    first = api.get(path)
    negative = api.get(path, {"offset": "-5", "limit": "-1"})

    assert negative.status_code == 200
    assert len(_items(first, key)) >= 1
    assert _items(negative, key) == _items(first, key)[:1]


@pytest.mark.parametrize("name", ["cases", "submissions", "access"])
@pytest.mark.parametrize("offset", ["abc", "1e3", "", "9" * 5000])
def test_an_offset_that_is_no_whole_number_is_a_422(
    cast: Cast, api_as: ApiAs, name: str, offset: str
) -> None:
    path, _key = _lists(cast)[name]

    response = api_as(cast.focal_a).get(path, {"offset": offset})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "offset"]
