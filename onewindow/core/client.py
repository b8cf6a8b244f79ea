"""The client's address, believing a reverse proxy's ``X-Forwarded-For`` only from a proxy the
deployment names (``settings.TRUSTED_PROXIES``: addresses or CIDR networks).

Behind the documented reverse proxy every request arrives from the proxy's address, so a throttle
keyed on ``REMOTE_ADDR`` alone puts every citizen in one bucket; believing the header from anyone
would let a client pick a fresh address for every try. So the header is read only when the
connection comes from a trusted proxy, and then from the right: the first address that is not
itself a trusted proxy is the client (the left part of the header is what the client sent and can
be forged). The sign-in lockout reads the same setting.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

from onewindow.core.env import Network, parse_networks


@lru_cache(maxsize=8)
def _trusted(values: tuple[str, ...]) -> tuple[Network, ...]:
    return parse_networks(values)


def _is_trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(request: HttpRequest) -> str:
    """The address of the client this request came from ("unknown" if there is none)."""
    remote = (request.META.get("REMOTE_ADDR") or "").strip()
    networks = _trusted(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))
    if not remote or not networks or not _is_trusted(remote, networks):
        return remote or "unknown"
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            # A malformed hop: what lies left of it cannot be trusted either.
            return remote
        if not _is_trusted(hop, networks):
            return hop
    # Only proxies (or no header): the innermost one is the client as far as we can tell.
    return hops[0] if hops else remote
