"""The client's address, read so that a client cannot choose it.

``X-Forwarded-For`` is written by whoever sends the request, so it is believed only when the
request comes from one of ``settings.TRUSTED_PROXIES`` (addresses or networks of the reverse
proxies in front of the server). The forwarded chain is then read from the right: each trusted
proxy appends the address it received from, and the first address that is not a trusted proxy is
the client. Without a configured proxy the address is the socket's (``REMOTE_ADDR``).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from onewindow.core.client import client_address


def client_ip(request: HttpRequest) -> str:
    """The client's address for the sign-in lockout: the same reading as every throttle
    (``core.client``), but empty rather than "unknown" when there is none, since django-axes
    stores it in an IP address column (PostgreSQL refuses a word there)."""
    address = client_address(request)
    return "" if address == "unknown" else address


def public_url(request: HttpRequest, location: str) -> str:
    """The absolute address of ``location`` for use outside the page (a QR code printed on a
    document): https whenever the site runs behind TLS (``settings.TLS``), even when the request
    reached this process as plain http from a TLS-terminating proxy."""
    url = request.build_absolute_uri(location)
    if getattr(settings, "TLS", False) and url.startswith("http://"):
        url = "https://" + url.removeprefix("http://")
    return url
