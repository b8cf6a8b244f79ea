"""Every machine's table as Markdown for ``docs/states/`` (``manage.py workflow_states``).

A test keeps each file equal to the code, so the documentation cannot drift from the engine.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import override

from onewindow.workflow.machine import NEW, Machine, machines

DOCS_DIR = Path(settings.BASE_DIR) / "docs" / "states"


def _state(machine: Machine[Any], value: str) -> str:
    return "*(new)*" if value == NEW else f"`{value}`"


def machine_markdown(machine: Machine[Any]) -> str:
    """The table of ``machine`` with a Mermaid state diagram."""
    with override("en"):
        lines = [
            f"# {machine.name}: states and transitions",
            "",
            f"Generated from the `{machine.name}` machine (`{machine.model.__module__}`) by",
            "`manage.py workflow_states`; a test fails when this file and the code disagree. Every",
            "change of state goes through `onewindow.workflow.engine.transition`, which locks the",
            "row, refuses a stale revision, checks this table, the actor's capacity and the",
            "action's guard, records the transition, appends it to the audit chain and queues the",
            "notifications in one transaction. *guarded*: yes — a guard decides when the action",
            "is possible (and so offered); checked — a check judges what the action brought",
            "before anything is written.",
            "",
        ]
        if machine.description:
            lines += [machine.description, ""]
        lines += ["## States", "", "| state | meaning |", "|---|---|"]
        lines += [f"| `{value}` | {label} |" for value, label in machine.states.choices]
        lines += [
            "",
            "## Transitions",
            "",
            "| action | from | to | who | guarded | why |",
            "|---|---|---|---|---|---|",
        ]
        for action, row in machine.table.items():
            lines.append(
                "| `{}` {} | {} | {} | {} | {} | {} |".format(
                    action,
                    machine.action_label(action),
                    ", ".join(_state(machine, s) for s in sorted(row.sources)),
                    ", ".join(_state(machine, t) for t in row.targets),
                    ", ".join(sorted(row.actors)),
                    ", ".join(
                        word
                        for word, held in (
                            ("yes", action in machine.guards),
                            ("checked", action in machine.checks),
                        )
                        if held
                    ),
                    row.why.replace("|", "\\|"),
                )
            )
        if machine.capacity_labels:
            lines += ["", "## Capacities", "", "| capacity | who |", "|---|---|"]
            lines += [f"| `{k}` | {v} |" for k, v in machine.capacity_labels.items()]
        lines += ["", "```mermaid", "stateDiagram-v2"]
        seen = set()
        for action, row in machine.table.items():
            for source in sorted(row.sources):
                for target in row.targets:
                    edge = (source, target, action)
                    if edge in seen:
                        continue
                    seen.add(edge)
                    left = "[*]" if source == NEW else source
                    lines.append(f"    {left} --> {target}: {action}")
        lines += ["```", ""]
    return "\n".join(lines)


def expected_files() -> dict[Path, str]:
    """Every file ``docs/states/`` should hold, with its content."""
    return {DOCS_DIR / f"{m.name}.md": machine_markdown(m) for m in machines()}
