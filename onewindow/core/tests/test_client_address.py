"""Which address a request comes from, behind a reverse proxy or not (issue 17 item 5)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from onewindow.core.client import client_address
from onewindow.core.env import parse_networks


def _request(remote: str, forwarded: str | None = None):
    extra: dict[str, Any] = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    ("trusted", "remote", "forwarded", "client"),
    [
        ([], "203.0.113.7", "198.51.100.1", "203.0.113.7"),  # no proxy configured: header ignored
        (["10.0.0.1"], "192.0.2.1", "198.51.100.1", "192.0.2.1"),  # not from the proxy
        (["10.0.0.1"], "10.0.0.1", "198.51.100.1", "198.51.100.1"),
        (["10.0.0.0/8"], "10.0.0.1", "1.1.1.1, 198.51.100.1, 10.2.3.4", "198.51.100.1"),
        (["10.0.0.1"], "10.0.0.1", "", "10.0.0.1"),  # the proxy's own request
        (["10.0.0.1"], "10.0.0.1", "junk, 198.51.100.1", "198.51.100.1"),
        (["10.0.0.1"], "10.0.0.1", "198.51.100.1, junk", "10.0.0.1"),
        (["2001:db8::/32"], "2001:db8::1", "2001:db8:ffff::1, 2400:cb00::1", "2400:cb00::1"),
    ],
)
def test_client_address(settings, trusted, remote, forwarded, client):
    settings.TRUSTED_PROXIES = trusted
    assert client_address(_request(remote, forwarded)) == client


def test_a_bad_proxy_entry_stops_the_start_up():
    with pytest.raises(ImproperlyConfigured, match="not-an-ip"):
        parse_networks(["10.0.0.1", "not-an-ip"])
