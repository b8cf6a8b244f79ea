"""How the access test asks: build a URL for an object, request it as a persona, reduce the
answer to one outcome, and take a fingerprint of the database to prove a refused POST changed
nothing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

# Outcomes other than a plain status code.
LOGIN = "login"  # 302 to /accounts/login/?next=…
ADMIN_LOGIN = "admin-login"  # 302 to the Django admin's own sign-in page
REDIRECT = "redirect"  # 302 anywhere else (a form's next page, a lookup page…)

# Tables the fingerprint leaves out: a session is written by signing in, not by the view.
_UNWATCHED = {"sessions.session"}


@dataclass(frozen=True)
class Pattern:
    """One routed URL pattern: its full name ("app:name", or the route when unnamed)."""

    name: str
    route: str


def _walk(resolver: URLResolver, prefix: str, namespace: str) -> Iterator[Pattern]:
    for item in resolver.url_patterns:
        if isinstance(item, URLResolver):
            space = namespace
            if item.namespace:
                space = f"{namespace}{item.namespace}:"
            yield from _walk(item, prefix + str(item.pattern), space)
        elif isinstance(item, URLPattern):
            route = prefix + str(item.pattern)
            name = f"{namespace}{item.name}" if item.name else route
            yield Pattern(name=name, route=route)


def routed_patterns() -> list[Pattern]:
    """Every URL pattern of ``config/urls.py`` and everything it includes."""
    return list(_walk(get_resolver(), "", ""))


def outcome(response) -> int | str:
    if response.status_code in (301, 302):
        location = response["Location"]
        if location.startswith(resolve_url(settings.LOGIN_URL)):
            return LOGIN
        if location.startswith("/admin/login/"):
            return ADMIN_LOGIN
        return REDIRECT
    return response.status_code


def _fingerprint_sql() -> str:
    parts = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.label_lower in _UNWATCHED or meta.proxy or not meta.managed:
            continue
        # Table and column names come from the models, quoted by the backend: no user input.
        table = connection.ops.quote_name(meta.db_table)
        parts.append(f"(SELECT COUNT(*) FROM {table})")  # noqa: S608
        if any(f.name == "updated_at" for f in meta.concrete_fields):
            column = connection.ops.quote_name("updated_at")
            parts.append(f"(SELECT MAX({column}) FROM {table})")  # noqa: S608
    return "SELECT " + ", ".join(parts)


def fingerprint() -> tuple:
    """Row count and latest update of every table the project writes, in one query."""
    with connection.cursor() as cursor:
        cursor.execute(_fingerprint_sql())
        return tuple(cursor.fetchone())


def client_for(session_key: str | None) -> Client:
    client = Client()
    if session_key:
        client.cookies[settings.SESSION_COOKIE_NAME] = session_key
    return client
