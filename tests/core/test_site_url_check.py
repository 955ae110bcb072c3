"""Every link in an e-mail starts with SITE_URL, so its host must be one the site answers to:
system check lintas.W003 says so at start, as lintas.W004 does for an address that is no web
address."""

from __future__ import annotations

import pytest
from django.core.checks.registry import registry
from django.test import override_settings

from lintas.core.checks import check_site_url


def _ids(**settings: object) -> list[str]:
    with override_settings(DEBUG=False, **settings):
        return [problem.id for problem in check_site_url(None)]


def test_it_warns_when_the_host_of_site_url_is_not_an_allowed_host() -> None:
    with override_settings(
        DEBUG=False, SITE_URL="https://lintas.example.org", ALLOWED_HOSTS=["intranet.example.org"]
    ):
        problems = check_site_url(None)

    assert [p.id for p in problems] == ["lintas.W003"]
    assert "lintas.example.org" in problems[0].msg
    assert "Add lintas.example.org to ALLOWED_HOSTS" in (problems[0].hint or "")


def test_it_runs_with_every_system_check_not_only_the_deploy_ones() -> None:
    assert check_site_url in registry.get_checks(include_deployment_checks=False)


@pytest.mark.parametrize(
    ("site_url", "allowed"),
    [
        ("https://lintas.example.org", ["lintas.example.org"]),
        ("https://lintas.example.org/", ["other.example", "LINTAS.example.org"]),
        ("https://lintas.example.org:8443/lintas/", ["lintas.example.org"]),
        ("https://lintas.example.org", ["*"]),
        ("https://lintas.example.org", [".example.org"]),
        ("https://example.org", [".example.org"]),
        ("http://[::1]:8000", ["[::1]"]),
    ],
)
def test_it_is_silent_when_the_host_is_allowed(site_url: str, allowed: list[str]) -> None:
    assert _ids(SITE_URL=site_url, ALLOWED_HOSTS=allowed) == []


@pytest.mark.parametrize(
    ("site_url", "allowed"),
    [
        ("https://lintas.example.org", []),
        ("https://lintas.example.org", [".example.com"]),
        ("https://lintas.example.org.evil.test", [".example.org"]),
        ("https://badexample.org", [".example.org"]),
    ],
)
def test_a_wildcard_allows_only_the_domain_and_its_subdomains(
    site_url: str, allowed: list[str]
) -> None:
    assert _ids(SITE_URL=site_url, ALLOWED_HOSTS=allowed) == ["lintas.W003"]


def test_in_debug_an_empty_allowed_hosts_allows_the_local_addresses_as_django_does() -> None:
    with override_settings(DEBUG=True, SITE_URL="http://127.0.0.1:8000", ALLOWED_HOSTS=[]):
        assert check_site_url(None) == []
    with override_settings(DEBUG=True, SITE_URL="https://lintas.example.org", ALLOWED_HOSTS=[]):
        assert [p.id for p in check_site_url(None)] == ["lintas.W003"]


@pytest.mark.parametrize("site_url", ["lintas.example.org", "ftp://lintas.example.org", "https://"])
def test_it_warns_when_site_url_is_not_a_web_address(site_url: str) -> None:
    assert _ids(SITE_URL=site_url, ALLOWED_HOSTS=["*"]) == ["lintas.W004"]
