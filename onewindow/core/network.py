"""The client's address, read so that a client cannot choose it.

``X-Forwarded-For`` is written by whoever sends the request, so it is believed only when the
request comes from one of ``settings.TRUSTED_PROXIES`` (addresses or networks of the reverse
proxies in front of the server). The forwarded chain is then read from the right: each trusted
proxy appends the address it received from, and the first address that is not a trusted proxy is
the client. Without a configured proxy the address is the socket's (``REMOTE_ADDR``).
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _is_trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_ip(request: HttpRequest) -> str:
    """The address of the client that sent ``request``, as far as it can be trusted."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))
    if not networks or not _is_trusted(remote, networks):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            # A malformed entry: nothing to the left of it can be trusted either.
            return remote
        if not _is_trusted(hop, networks):
            return hop
    return hops[0] if hops else remote


def public_url(request: HttpRequest, location: str) -> str:
    """The absolute address of ``location`` for use outside the page (a QR code printed on a
    document): https whenever the site runs behind TLS (``settings.TLS``), even when the request
    reached this process as plain http from a TLS-terminating proxy."""
    url = request.build_absolute_uri(location)
    if getattr(settings, "TLS", False) and url.startswith("http://"):
        url = "https://" + url.removeprefix("http://")
    return url
