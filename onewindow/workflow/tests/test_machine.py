"""The engine's pieces that need no database: tables are checked when declared, revisions
posted by forms are parsed strictly, and every registered machine's docs are current."""

from __future__ import annotations

import pytest
from django.db import models

from onewindow.core.errors import DomainError
from onewindow.workflow.docs import expected_files, machine_markdown
from onewindow.workflow.engine import parse_revision
from onewindow.workflow.machine import NEW, Machine, edge


class Light(models.TextChoices):
    RED = "red", "Red"
    GREEN = "green", "Green"


class Go(models.TextChoices):
    GO = "go", "Go"
    STOP = "stop", "Stop"
    INSTALL = "install", "Install"


def _machine(table: dict) -> Machine:
    return Machine(
        name="light",
        model=models.Model,
        actions=Go,
        states=Light,
        table=table,
        capacities=lambda actor, obj: {"driver"},
        capacity_order=("driver",),
        record=lambda change: {},
    )


def test_a_table_row_must_name_known_states_and_its_own_action():
    with pytest.raises(ValueError, match="unknown states"):
        _machine({"go": edge("go", {"red"}, "amber", {"driver"})})
    with pytest.raises(ValueError, match="is for action"):
        _machine({"stop": edge("go", {"red"}, "green", {"driver"})})
    with pytest.raises(ValueError, match="unknown states"):
        _machine({"go": edge("go", {"red"}, NEW, {"driver"})})


def test_a_creating_row_starts_from_new_and_is_drawn_from_the_start_marker():
    machine = _machine(
        {
            "install": edge("install", {NEW}, "red", {"driver"}, why="a new light starts red"),
            "go": edge("go", {"red"}, "green", {"driver"}, why="GB 14886"),
        }
    )
    text = machine_markdown(machine)
    assert "[*] --> red: install" in text
    assert "| `go` Go | `red` | `green` | driver |  | GB 14886 |" in text


@pytest.mark.parametrize("value", ["3", 3, " 7 "])
def test_a_revision_is_a_whole_number(value):
    assert parse_revision(value) == int(str(value).strip())


@pytest.mark.parametrize("value", ["", None, "abc", "-1", -1, "1.5", "３", True, "1e3"])
def test_a_malformed_revision_is_refused_not_ignored(value):
    with pytest.raises(DomainError):
        parse_revision(value)


def test_every_machine_has_its_current_table_in_docs_states():
    files = expected_files()
    for path, text in files.items():
        assert path.exists(), f"run manage.py workflow_states: {path.name} is missing"
        assert path.read_text() == text, f"run manage.py workflow_states: {path.name} is stale"
