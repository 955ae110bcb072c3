"""Each person chooses, per kind of notice, e-mail at once, a daily digest or the app only; on
their own page, for themselves only."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from lintas.audit.models import AuditEntry
from lintas.core.errors import LintasError
from lintas.notices import selectors, services
from lintas.notices.models import Kind, Notification, Preference
from tests.conftest import Cast
from tests.notices.conftest import tell

URL = reverse("notices:preferences")
ALL_AT_ONCE = {kind.value: "immediately" for kind in Kind}


def test_the_page_lists_every_kind_with_three_choices_and_the_current_one(
    cast: Cast,
    client_for,
) -> None:
    services.set_preferences(cast.focal_a, choices={"reminder": "daily"}, by=cast.focal_a)

    html = client_for(cast.focal_a).get(URL).content.decode()

    for kind in Kind:
        assert str(kind.label).replace("'", "&#x27;") in html
        for how in ("immediately", "daily", "in_app"):
            assert f'name="{kind.value}" value="{how}"' in html
    assert html.count('type="radio"') == 3 * len(Kind)
    checked = dict(
        re.findall(r'<input type="radio" name="(\w+)" value="(\w+)"[^>]* checked>', html)
    )
    assert checked == {
        **ALL_AT_ONCE,
        "reminder": "daily",
        # reports submitted and reports ready were only ever shown in the app: so by default
        "submitted": "in_app",
        "synthesis": "in_app",
    }


def test_a_person_saves_their_choices_and_only_theirs(
    cast: Cast,
    client_for,
) -> None:
    choices = {**ALL_AT_ONCE, "reminder": "daily", "referral": "in_app"}

    answer = client_for(cast.focal_a).post(URL, {**choices, "user": cast.focal_b.pk})

    assert answer.status_code == 302 and answer["Location"] == URL
    mine = selectors.preferences_of(cast.focal_a)
    assert (mine["reminder"], mine["referral"], mine["submitted"]) == (
        "daily",
        "in_app",
        "immediately",
    )
    assert not Preference.objects.filter(user=cast.focal_b).exists()
    entry = AuditEntry.objects.get(action="notices.preference.changed")
    assert entry.actor == cast.focal_a
    assert entry.data == {
        "reminder": "daily",
        "referral": "in_app",
        "submitted": "immediately",
        "synthesis": "immediately",
    }


def test_a_choice_applies_to_the_next_notices(
    cast: Cast,
    client_for,
) -> None:
    client_for(cast.focal_a).post(URL, {**ALL_AT_ONCE, "reminder": "in_app"})

    [notice] = tell(cast, [cast.focal_a])

    assert notice.email == Notification.Email.NONE


def test_a_choice_back_to_the_default_leaves_no_row(cast: Cast) -> None:
    person = cast.focal_a
    services.set_preferences(person, choices={"reminder": "daily"}, by=person)
    changed = services.set_preferences(person, choices={"reminder": "immediately"}, by=person)

    assert changed == {"reminder": "immediately"}
    assert not Preference.objects.filter(user=person).exists()
    assert services.set_preferences(person, choices={"reminder": "immediately"}, by=person) == {}


def test_an_unknown_choice_is_refused_and_nothing_is_saved(
    cast: Cast,
    client_for,
) -> None:
    answer = client_for(cast.focal_a).post(URL, {**ALL_AT_ONCE, "escalation": "by pigeon"})

    assert answer.status_code == 200
    assert "Select a valid choice" in answer.content.decode()
    assert not Preference.objects.exists()


def test_the_service_refuses_to_choose_for_someone_else(cast: Cast) -> None:
    with pytest.raises(LintasError, match="your own notices"):
        services.set_preferences(cast.focal_b, choices={"reminder": "in_app"}, by=cast.focal_a)
    with pytest.raises(LintasError, match="Unknown kind of notice: birthday"):
        services.set_preferences(cast.focal_a, choices={"birthday": "in_app"}, by=cast.focal_a)
    with pytest.raises(LintasError, match="a daily digest or the app only for “Reminders"):
        services.set_preferences(cast.focal_a, choices={"reminder": "pigeon"}, by=cast.focal_a)
    assert not Preference.objects.exists()


def test_the_page_needs_a_signed_in_person(
    cast: Cast,
    client_for,
) -> None:
    answer = client_for(None).post(URL, {**ALL_AT_ONCE, "reminder": "in_app"})

    assert answer.status_code == 302 and answer["Location"].startswith(reverse("login"))
    assert not Preference.objects.exists()


def test_the_account_page_links_to_the_choices(
    cast: Cast,
    client_for,
) -> None:
    html = client_for(cast.focal_a).get(reverse("account")).content.decode()
    assert f'href="{URL}"' in html
