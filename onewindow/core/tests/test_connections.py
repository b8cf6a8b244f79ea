"""Issue 17 item 12: a kept database connection that the server dropped (restart, killed backend)
is replaced before a request uses it, instead of giving that request a 500."""

from __future__ import annotations

from typing import Any, cast
from wsgiref.util import setup_testing_defaults

import psycopg
import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test.utils import CaptureQueriesContext


def test_kept_connections_are_checked_before_use():
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def _terminate(pid: int) -> None:
    """pg_terminate_backend from a connection of our own, as a server restart would."""
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    params.pop("prepare_threshold", None)
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])


def _get(path: str) -> int:
    """A GET through Django's WSGI handler as a server thread runs it, returning the status.

    Django's test client is no use here: it keeps the request signals from checking or closing
    connections (``close_old_connections``), which is exactly what is tested."""
    environ: dict[str, object] = {"PATH_INFO": path}
    setup_testing_defaults(environ)
    status: list[str] = []

    def start_response(line: str, headers: object, exc_info: object = None) -> None:
        status.append(line)

    response = WSGIHandler()(environ, cast(Any, start_response))
    try:
        b"".join(response)
    finally:
        response.close()  # request_finished, as a server sends it
    return int(status[0].split()[0])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="kills a PostgreSQL backend")
@pytest.mark.django_db(transaction=True)
def test_a_killed_connection_does_not_fail_the_next_request(monkeypatch):
    # Connections kept for a minute, as docs/deployment.md recommends for production; the setting
    # is read when a connection opens, so start from a closed one.
    connection.close()
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 60)
    with CaptureQueriesContext(connection) as queries:
        assert _get("/") == 200
    assert queries  # the page reads the database
    assert connection.connection is not None  # kept after the request
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()

    _terminate(pid)

    assert _get("/") == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != pid  # a new connection served it
