"""Behind a trusted reverse proxy, each client is counted under its own address; a request from
anywhere else cannot choose its address with X-Forwarded-For."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from lintas.core.proxy import TrustedProxyMiddleware, client_address, parse_networks

PROXIES = parse_networks(["127.0.0.1", "10.0.0.0/8"])


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        ("127.0.0.1", "203.0.113.7", "203.0.113.7"),  # the proxy names the client
        ("127.0.0.1", "198.51.100.1, 203.0.113.7", "203.0.113.7"),  # the client's own header
        ("127.0.0.1", "203.0.113.7, 10.1.2.3", "203.0.113.7"),  # two trusted hops
        ("203.0.113.9", "198.51.100.1", "203.0.113.9"),  # not a proxy: its header is ignored
        ("127.0.0.1", "", "127.0.0.1"),  # the proxy itself
        ("127.0.0.1", "not-an-address", "127.0.0.1"),
        ("127.0.0.1", "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_address_is_the_last_hop_a_trusted_proxy_saw(
    remote: str, forwarded: str, expected: str
) -> None:
    assert client_address(remote, forwarded, PROXIES) == expected


def test_without_trusted_proxies_the_header_changes_nothing() -> None:
    assert client_address("127.0.0.1", "203.0.113.7", []) == "127.0.0.1"


def test_a_proxy_setting_that_is_no_address_is_refused_naming_the_variable() -> None:
    with pytest.raises(ImproperlyConfigured, match=r"LINTAS_TRUSTED_PROXIES: 'proxy\.example'"):
        parse_networks(["proxy.example"])


def test_the_middleware_sets_the_address_every_later_reader_sees(settings) -> None:
    settings.LINTAS_TRUSTED_PROXIES = ["127.0.0.1"]
    seen: list[str] = []

    def view(request: HttpRequest) -> HttpResponse:
        seen.append(request.META["REMOTE_ADDR"])
        return HttpResponse()

    middleware = TrustedProxyMiddleware(view)
    factory = RequestFactory()
    middleware(factory.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7"))
    middleware(factory.get("/", REMOTE_ADDR="198.51.100.4", HTTP_X_FORWARDED_FOR="203.0.113.7"))
    assert seen == ["203.0.113.7", "198.51.100.4"]
