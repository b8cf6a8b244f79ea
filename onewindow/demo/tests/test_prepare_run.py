"""`make run`'s preparation skips what is done: migrations, static files, the demo county."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from django.core.management import call_command

from onewindow.demo import loader
from onewindow.demo.management.commands import load_demo as load_demo_command
from onewindow.demo.management.commands import prepare_run

PLAIN_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Copies only: the compressing storage would take many seconds and decides nothing here.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


@pytest.fixture
def static(settings, tmp_path: Path, monkeypatch) -> Path:
    """A static root of its own, a source folder of its own, and the demo counted as loaded."""
    source = tmp_path / "source"
    source.mkdir()
    (source / "site.css").write_text("body { color: black; }\n")
    settings.STATICFILES_DIRS = [source]
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = PLAIN_STORAGES
    monkeypatch.setattr(load_demo_command, "is_loaded", lambda: True)
    return source


def _collections(monkeypatch) -> list[str]:
    """Record the commands prepare_run calls, and still run them."""
    called: list[str] = []
    real = prepare_run.call_command

    def spy(name: str, *args: object, **kwargs: object) -> None:
        called.append(name)
        real(name, *args, **kwargs)

    monkeypatch.setattr(prepare_run, "call_command", spy)
    return called


def test_a_migrated_database_has_nothing_to_apply(db):
    assert prepare_run.unapplied_migrations() == 0


def test_static_files_are_collected_once_until_a_source_changes(db, static, settings, monkeypatch):
    called = _collections(monkeypatch)

    call_command("prepare_run", "--quiet-logins")
    assert called == ["collectstatic", "load_demo"]
    assert (settings.STATIC_ROOT / "site.css").exists()

    called.clear()
    call_command("prepare_run", "--quiet-logins")
    assert called == ["load_demo"]  # nothing to migrate, nothing changed, demo there

    css = static / "site.css"
    css.write_text("body { color: red; }\n")
    later = time.time() + 5  # an edit made after the collection, as in life
    os.utime(css, (later, later))
    called.clear()
    call_command("prepare_run", "--quiet-logins")
    assert called == ["collectstatic", "load_demo"]
    assert "red" in (settings.STATIC_ROOT / "site.css").read_text()


def test_an_added_source_or_a_lost_collection_collects_again(db, static, settings, monkeypatch):
    called = _collections(monkeypatch)
    call_command("prepare_run", "--quiet-logins")
    digest = prepare_run.static_sources_digest()

    (static / "new.js").write_text("//\n")
    assert prepare_run.static_sources_digest() != digest

    called.clear()
    (static / "new.js").unlink()
    (settings.STATIC_ROOT / prepare_run.STAMP_NAME).unlink()  # var/static deleted, say
    call_command("prepare_run", "--quiet-logins")
    assert called == ["collectstatic", "load_demo"]


def test_unapplied_migrations_are_applied(db, static, monkeypatch):
    called = _collections(monkeypatch)
    monkeypatch.setattr(prepare_run, "unapplied_migrations", lambda: 1)
    call_command("prepare_run", "--quiet-logins")

    assert called[0] == "migrate"


def test_the_demo_is_loaded_when_missing(db, static, monkeypatch, capsys):
    calls: list[dict] = []
    monkeypatch.setattr(load_demo_command, "is_loaded", lambda: False)

    def load_demo(**kwargs):
        calls.append(kwargs)
        return loader.DemoSummary(True)

    monkeypatch.setattr(loader, "load_demo", load_demo)

    call_command("prepare_run", "--quiet-logins")

    assert len(calls) == 1
    assert "Demo county loaded" in capsys.readouterr().out
