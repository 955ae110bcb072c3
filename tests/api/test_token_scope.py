"""Personal API tokens may end by themselves and may be limited to reading."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from lintas.members import services
from lintas.members.models import ApiToken
from tests.api.conftest import ApiClient
from tests.conftest import Cast, ClientFor

pytestmark = pytest.mark.django_db


def test_an_expired_token_is_refused(cast: Cast) -> None:
    _token, key = services.create_api_token(cast.focal_a, name="cron", by=cast.focal_a, days=30)
    api = ApiClient(key)
    assert api.get("bodies").status_code == 200
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=31)):
        assert api.get("bodies").status_code == 401


def test_a_read_only_token_reads_and_changes_nothing(cast: Cast) -> None:
    _token, key = services.create_api_token(
        cast.focal_a, name="dashboard", by=cast.focal_a, read_only=True
    )
    api = ApiClient(key)
    assert api.get(f"bodies/{cast.body.slug}/cases").status_code == 200
    refused = api.post(
        f"bodies/{cast.body.slug}/cases",
        {"owner_unit_id": cast.unit_a.pk, "reference": "RO-1", "opened_on": "2024-03-01"},
    )
    assert refused.status_code == 403 and "only read" in refused.json()["detail"]
    from lintas.cases.models import Case

    assert not Case.objects.filter(reference="RO-1").exists()


def test_a_token_is_made_on_the_account_page_with_its_expiry_and_scope(
    cast: Cast, client_for: ClientFor
) -> None:
    page = client_for(cast.focal_a)
    page.post(reverse("api-token-create"), {"name": "nightly", "days": "30", "read_only": "on"})
    token = ApiToken.objects.get(name="nightly")
    assert token.read_only and token.expires_at is not None
    assert dt.timedelta(days=29) < token.expires_at - token.created_at <= dt.timedelta(days=30)
    html = page.get(reverse("account")).content.decode()
    assert "read only" in html and "expires" in html


def test_the_api_refuses_in_the_language_of_the_profile_or_of_accept_language(
    cast: Cast,
) -> None:
    cast.focal_a.language = "vi"
    cast.focal_a.save(update_fields=["language"])
    _token, key = services.create_api_token(
        cast.focal_a, name="dashboard", by=cast.focal_a, read_only=True
    )
    api = ApiClient(key)
    case = {"owner_unit_id": cast.unit_a.pk, "reference": "RO-1", "opened_on": "2024-03-01"}
    english = "This token may only read (GET)."
    in_vietnamese = api.post(f"bodies/{cast.body.slug}/cases", case).json()["detail"]
    assert in_vietnamese and in_vietnamese != english
    api.headers["Accept-Language"] = "en"
    assert api.post(f"bodies/{cast.body.slug}/cases", case).json()["detail"] == english
