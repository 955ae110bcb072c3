"""The home page lists the bodies the policy lets a person see, with their roles in each."""

from __future__ import annotations

from django.urls import reverse

from tests.conftest import Cast, make_person


def _bodies(client) -> list[str]:
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return [body.slug for body, _memberships in response.context["bodies"]]


def test_the_home_page_lists_a_persons_bodies_and_every_body_for_an_instance_administrator(
    cast: Cast, client_for
) -> None:
    root = make_person("root@example.org", "Root")
    root.is_superuser = True
    root.save()

    assert _bodies(client_for(cast.focal_a)) == ["twg"]
    assert _bodies(client_for(cast.focal_c)) == ["other", "twg"]
    assert _bodies(client_for(root)) == ["other", "twg"]
    html = client_for(root).get(reverse("home")).content.decode()
    assert "Instance administrator" in html
