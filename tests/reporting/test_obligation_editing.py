"""Changing an obligation: its periods, deadlines, lock, validation, reminders and units."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from lintas.core.errors import LintasError
from lintas.reporting import services
from lintas.reporting.models import Obligation
from tests.conftest import sign_in
from tests.reporting.conftest import Regime

pytestmark = pytest.mark.django_db


def test_the_secretariat_changes_deadlines_lock_and_schedule(regime: Regime) -> None:
    cast = regime.cast
    services.change_obligation(
        regime.obligation,
        by=cast.secretariat,
        units=[cast.unit_a],
        due_days=12,
        timely_days=14,
        expiry_days=40,
        requires_validation=True,
        reminder_days_before=[3],
        reminder_days_after=[],
        escalation_days=21,
    )
    o = Obligation.objects.get(pk=regime.obligation.pk)
    assert (o.due_days, o.timely_days, o.expiry_days) == (12, 14, 40)
    assert o.requires_validation
    assert (o.reminder_days_before, o.reminder_days_after, o.escalation_days) == ([3], [], 21)
    assert list(o.units.all()) == [cast.unit_a]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"due_days": -1}, "due_days"),
        ({"due_days": 40, "expiry_days": 30}, "expiry_days"),
        ({"reminder_days_before": [7, -2]}, "reminder_days_before"),
        ({"reminder_days_after": ["soon"]}, "reminder_days_after"),
        ({"template_id": 1}, "template_id"),
    ],
)
def test_bad_changes_are_refused_naming_the_field_and_nothing_is_saved(
    regime: Regime, changes: dict[str, Any], field: str
) -> None:
    with pytest.raises(LintasError) as caught:
        services.change_obligation(
            regime.obligation, by=regime.cast.secretariat, units=[regime.cast.unit_a], **changes
        )
    assert caught.value.field == field
    o = Obligation.objects.get(pk=regime.obligation.pk)
    assert (o.due_days, o.expiry_days, o.reminder_days_before) == (10, 30, [7, 1])
    assert o.units.count() == 3


def test_only_the_secretariat_may_change_an_obligation(regime: Regime) -> None:
    with pytest.raises(PermissionDenied):
        services.change_obligation(regime.obligation, by=regime.cast.focal_a, due_days=1)
    assert Obligation.objects.get(pk=regime.obligation.pk).due_days == 10


def _form(regime: Regime, **overrides: Any) -> dict[str, Any]:
    cast = regime.cast
    data: dict[str, Any] = {
        "units": [cast.unit_a.pk, cast.unit_b.pk],
        "period_type": "quarterly",
        "starts_on": "2024-01-01",
        "due_days": "20",
        "timely_days": "",
        "expiry_days": "45",
        "reminder_days_before": "10, 2",
        "reminder_days_after": "3",
        "escalation_days": "14",
        "is_active": "on",
    }
    data.update(overrides)
    return data


def test_the_edit_page_saves_the_obligation_and_its_schedule(regime: Regime) -> None:
    client = sign_in(Client(), regime.cast.secretariat)
    url = reverse("reporting:obligation-edit", args=[regime.cast.body.slug, regime.obligation.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'value="7, 1"' in page.content.decode()
    response = client.post(url, _form(regime))
    assert response.status_code == 302
    o = Obligation.objects.get(pk=regime.obligation.pk)
    assert (o.period_type, o.due_days, o.timely_days, o.expiry_days) == ("quarterly", 20, 20, 45)
    assert (o.reminder_days_before, o.reminder_days_after, o.escalation_days) == ([10, 2], [3], 14)
    assert o.units.count() == 2
    matrix = client.get(response["Location"]).content.decode()
    assert "10, 2 days before the deadline" in matrix


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"due_days": "-3"}, "due_days", "greater than or equal to 0"),
        ({"reminder_days_before": "7, tomorrow"}, "reminder_days_before", "tomorrow"),
        ({"expiry_days": "5"}, "expiry_days", "lock cannot come before the deadline"),
    ],
)
def test_the_edit_page_refuses_bad_input_next_to_the_field(
    regime: Regime, overrides: dict[str, Any], field: str, words: str
) -> None:
    client = sign_in(Client(), regime.cast.secretariat)
    url = reverse("reporting:obligation-edit", args=[regime.cast.body.slug, regime.obligation.pk])
    response = client.post(url, _form(regime, **overrides))
    assert response.status_code == 200
    assert words in str(response.context["form"].errors[field])
    o = Obligation.objects.get(pk=regime.obligation.pk)
    assert (o.period_type, o.due_days, o.reminder_days_before) == ("monthly", 10, [7, 1])


def test_a_new_obligation_takes_its_reminder_schedule_from_the_form(regime: Regime) -> None:
    client = sign_in(Client(), regime.cast.secretariat)
    data = _form(regime, template=regime.template.pk, reminder_days_after="")
    response = client.post(
        reverse("reporting:obligation-create", args=[regime.cast.body.slug]), data
    )
    assert response.status_code == 302
    o = Obligation.objects.exclude(pk=regime.obligation.pk).get()
    assert (o.reminder_days_before, o.reminder_days_after, o.escalation_days) == ([10, 2], [], 14)


def test_an_ended_obligation_leaves_the_overview_for_a_list_of_ended_ones(regime: Regime) -> None:
    ended = Obligation.objects.get(pk=regime.obligation.pk)
    ended.pk = None
    ended.name = {"en": "Old quarterly return"}
    ended.ends_on = dt.date(2020, 12, 31)
    ended.save()
    client = sign_in(Client(), regime.cast.secretariat)

    page = client.get(reverse("reporting:home", args=[regime.cast.body.slug])).content.decode()

    current, _, history = page.partition('id="ended"')
    assert regime.obligation.display_name in current
    assert "Old quarterly return" not in current
    assert "1 obligation has ended" in history and "Old quarterly return" in history
