"""Events in a case: recorded by the owner, described in encrypted text, shown to readers of the
case with the description only where its personal data is shared, and audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse

from lintas.audit.models import AuditEntry
from lintas.cases import services
from lintas.cases.models import TLP, CaseEvent
from lintas.core.errors import LintasError
from tests.cases.conftest import shared_case

pytestmark = pytest.mark.django_db

SECRET = "Met the recruiter Tran Van Hung at the Moc Bai border gate"


def _event(cast, case):
    return services.add_event(
        case,
        by=cast.focal_a,
        kind="border_crossing",
        occurred_on=dt.date(2025, 4, 2),
        country="kh",
        place="Bavet",
        description=SECRET,
    )


def test_the_owner_records_an_event_whose_description_is_unreadable_in_the_database(cast):
    case = shared_case(cast, TLP.AMBER)
    event = _event(cast, case)
    assert event.country == "KH"
    with connection.cursor() as cursor:
        cursor.execute("SELECT description FROM cases_caseevent WHERE id = %s", [event.pk])
        raw = cursor.fetchone()[0]
    assert "Hung" not in raw and "Moc Bai" not in raw
    assert CaseEvent.objects.get(pk=event.pk).description == SECRET
    entry = AuditEntry.objects.get(action="cases.event.added")
    assert SECRET not in str(entry.data) and entry.data["kind"] == "border_crossing"


def test_an_event_in_the_future_or_in_an_unknown_country_is_refused_and_nothing_is_saved(cast):
    case = shared_case(cast, TLP.AMBER)
    with pytest.raises(LintasError) as future:
        services.add_event(case, by=cast.focal_a, kind="arrest", occurred_on=dt.date(2999, 1, 1))
    assert future.value.field == "occurred_on"
    with pytest.raises(LintasError) as country:
        services.add_event(
            case, by=cast.focal_a, kind="arrest", occurred_on=dt.date(2025, 1, 1), country="Viet"
        )
    assert country.value.field == "country"
    assert not CaseEvent.objects.filter(case=case).exists()


def test_a_unit_the_case_is_shared_with_reads_the_event_and_its_reading_is_audited(cast, client):
    case = shared_case(cast, TLP.AMBER)
    _event(cast, case)
    client.force_login(cast.focal_b)
    page = client.get(reverse("cases:detail", args=[cast.body.slug, case.pk]))
    assert page.status_code == 200
    assert "Bavet" in page.text
    assert AuditEntry.objects.filter(action="cases.events.viewed", actor=cast.focal_b).exists()


def test_a_reader_without_personal_data_sees_the_event_but_not_its_description(cast, client):
    case = shared_case(cast, TLP.GREEN)
    _event(cast, case)
    client.force_login(cast.focal_c)
    page = client.get(reverse("cases:detail", args=[cast.body.slug, case.pk]))
    assert page.status_code == 200
    assert "Bavet" in page.text and "Moc Bai" not in page.text
    assert not AuditEntry.objects.filter(action="cases.events.viewed").exists()


def test_the_owner_adds_and_removes_an_event_from_the_pages(cast, client):
    case = shared_case(cast, TLP.AMBER)
    client.force_login(cast.focal_a)
    url = reverse("cases:event-create", args=[cast.body.slug, case.pk])
    bad = client.post(url, {"kind": "arrest", "occurred_on": "2999-01-01"})
    assert bad.status_code == 200 and "future" in bad.text
    ok = client.post(url, {"kind": "arrest", "occurred_on": "2025-05-06", "place": "Sihanoukville"})
    assert ok.status_code == 302
    event = CaseEvent.objects.get(case=case)
    client.post(reverse("cases:event-remove", args=[cast.body.slug, case.pk, event.pk]))
    assert not CaseEvent.objects.filter(case=case).exists()
    assert AuditEntry.objects.filter(action="cases.event.removed").exists()


def test_the_unit_the_case_is_shared_with_may_not_add_events(cast, client):
    case = shared_case(cast, TLP.AMBER)
    client.force_login(cast.focal_b)
    url = reverse("cases:event-create", args=[cast.body.slug, case.pk])
    assert client.post(url, {"kind": "arrest", "occurred_on": "2025-05-06"}).status_code == 403
    assert not CaseEvent.objects.exists()
