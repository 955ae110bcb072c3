"""The language switch every page shows: a cookie for everyone, and the person's profile for
whoever is signed in."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from lintas.audit.models import AuditEntry
from lintas.members.models import User
from tests.conftest import Cast, ClientFor


def test_a_signed_in_person_keeps_the_language_they_choose(
    cast: Cast, client_for: ClientFor
) -> None:
    client = client_for(cast.focal_a)

    response = client.post(reverse("set-language"), {"language": "id", "next": "/account/"})

    assert response.status_code == 302
    assert response["Location"] == "/account/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "id"
    assert User.objects.get(pk=cast.focal_a.pk).language == "id"
    entry = AuditEntry.objects.get(action="members.person.updated", actor=cast.focal_a)
    assert entry.data == {"language": "id"}


def test_a_visitor_gets_the_cookie_only(cast: Cast, client_for: ClientFor) -> None:
    response = client_for(None).post(reverse("set-language"), {"language": "vi"})

    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "vi"
    assert not AuditEntry.objects.filter(action="members.person.updated").exists()


def test_an_unknown_language_changes_nothing(cast: Cast, client_for: ClientFor) -> None:
    response = client_for(cast.focal_a).post(reverse("set-language"), {"language": "xx"})

    assert response.status_code == 302
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert User.objects.get(pk=cast.focal_a.pk).language == "en"
