"""The client's address behind a reverse proxy.

Behind Caddy or nginx every request comes from the proxy, so login throttling (django-axes and
the spray limit of ``members.signin``) and the audit log would see one address for everybody.
``LINTAS_TRUSTED_PROXIES`` names the proxies (addresses or networks); when a request comes from
one of them, ``REMOTE_ADDR`` becomes the right-most address of ``X-Forwarded-For`` that is not
itself a trusted proxy: the last hop a trusted proxy saw. A request from anywhere else keeps its
own address whatever headers it sends, so nobody can choose the address they are counted under.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Sequence

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(values: Sequence[str], *, name: str = "LINTAS_TRUSTED_PROXIES") -> list[Network]:
    networks: list[Network] = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value.strip(), strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"{name}: {value!r} is not an IP address or network (e.g. 127.0.0.1, 10.0.0.0/8)."
            ) from None
    return networks


def _trusted(address: str, networks: Sequence[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in net for net in networks)


def client_address(remote: str, forwarded_for: str, networks: Sequence[Network]) -> str:
    """The address a request is counted under (see the module's text)."""
    if not networks or not _trusted(remote, networks):
        return remote
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, networks):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote  # a malformed hop: keep the proxy's own address
    return remote


class TrustedProxyMiddleware:
    """Sets ``REMOTE_ADDR`` to the client's address for requests from a trusted proxy; first in
    the middleware, so every later reader sees the same address."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.networks = parse_networks(settings.LINTAS_TRUSTED_PROXIES)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self.networks:
            request.META["REMOTE_ADDR"] = client_address(
                request.META.get("REMOTE_ADDR", ""),
                request.META.get("HTTP_X_FORWARDED_FOR", ""),
                self.networks,
            )
        return self.get_response(request)
