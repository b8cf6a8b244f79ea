"""The access test's data set, built once per module inside a transaction rolled back at the end.

Each test still runs in its own savepoint (pytest-django's ``db``), so a POST that does change
something is undone before the next test, and the tests may run in any order or split across
xdist workers (each worker builds its own copy in its own database).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import transaction
from django.test import override_settings

from .world import ANONYMOUS, PERSONAS, AccessWorld, build


def _session_for(user) -> str:
    # What Client.force_login stores, written once here instead of once per request.
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


@pytest.fixture(scope="module")
def access_world(
    django_db_setup: None, django_db_blocker, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[AccessWorld]:
    # The same folder the suite's autouse settings give every test (conftest.py), so the
    # uploads made here are found when a test downloads them.
    media = tmp_path_factory.getbasetemp() / "media"
    fast = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        STORAGES={
            "default": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(media)},
            },
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    )
    with fast, django_db_blocker.unblock(), transaction.atomic():
        world = build()
        world.sessions = {  # type: ignore[attr-defined]
            name: (_session_for(world.users[name]) if name != ANONYMOUS else None)
            for name in PERSONAS
        }
        yield world
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _quiet_and_quick(monkeypatch: pytest.MonkeyPatch) -> None:
    # Access is decided before anything is rendered to PDF: the page's HTML is still built (so a
    # template error still shows as a 500), only WeasyPrint's second or so per page is skipped.
    stub = lambda html: b"%PDF-1.4\n%%EOF\n"  # noqa: E731
    monkeypatch.setattr("onewindow.catalog.pdf.write_pdf", stub)
    monkeypatch.setattr("onewindow.documents.render.write_pdf", stub)
    # Thousands of expected 403/404/405 would each log a warning with its traceback.
    monkeypatch.setattr(logging.getLogger("django.request"), "level", logging.ERROR)
