"""`make run`'s preparation skips what is done: migrations, static files, the demo county."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

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
    settings.VAR_DIR = tmp_path  # the migrations stamp
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


# --- the migrations stamp (issue 11 item 15) ------------------------------------------------------


def _loader_calls(monkeypatch) -> list[int]:
    """Count the times the migration loader is asked (the slow path the stamp avoids)."""
    asked: list[int] = []
    real = prepare_run.unapplied_migrations

    def spy(database: str = "default") -> int:
        n = real(database)
        asked.append(n)
        return n

    monkeypatch.setattr(prepare_run, "unapplied_migrations", spy)
    return asked


def test_a_second_start_skips_the_migration_loader(db, static, monkeypatch):
    asked = _loader_calls(monkeypatch)
    called = _collections(monkeypatch)

    call_command("prepare_run", "--quiet-logins")
    assert asked == [0]  # first start: the loader is asked, finds nothing, the stamp is written
    assert prepare_run.migrations_are_current()

    asked.clear()
    called.clear()
    call_command("prepare_run", "--quiet-logins")
    assert asked == []  # second start: the stamp answers
    assert called == ["load_demo"]


def test_a_changed_migration_file_or_history_asks_the_loader_again(
    db, static, monkeypatch, tmp_path
):
    call_command("prepare_run", "--quiet-logins")
    assert prepare_run.migrations_are_current()

    # A migration file edited (or added, or touched): the digest of the files changes.
    folder = next(path for label, path in prepare_run._migration_dirs() if label == "cases")
    newest = max(folder.glob("0*.py"))
    stat = newest.stat()
    try:
        later = stat.st_mtime + 5
        os.utime(newest, (later, later))
        assert not prepare_run.migrations_are_current()
    finally:
        os.utime(newest, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert prepare_run.migrations_are_current()

    # The history changed behind its back (a migration unapplied by hand): the count differs.
    recorder = MigrationRecorder(connection)
    recorder.record_unapplied("cases", newest.stem)
    assert not prepare_run.migrations_are_current()
    assert prepare_run.unapplied_migrations() == 1
    recorder.record_applied("cases", newest.stem)
    assert prepare_run.migrations_are_current()

    # Another database (DATABASE_URL changed): the stamp is about the one it was written for.
    settings_dict = connection.settings_dict
    monkeypatch.setitem(settings_dict, "NAME", str(settings_dict["NAME"]) + "-other")
    assert not prepare_run.migrations_are_current()


def test_no_stamp_or_no_history_table_is_not_current(db, static, settings, tmp_path):
    assert not prepare_run.migrations_are_current()  # no stamp written yet
    prepare_run.stamp_migrations()
    assert prepare_run.migrations_are_current()
    (tmp_path / prepare_run.MIGRATIONS_STAMP_NAME).write_text("garbage\n")
    assert not prepare_run.migrations_are_current()
