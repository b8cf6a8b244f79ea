"""Panels other apps contribute to the staff case page, so that ``cases`` imports none of them.

An app that watches cases (supervision: clocks, records, urgings) registers a callable in its
``AppConfig.ready``; the page renders each panel's template with the context it returns. Cases
stay below the apps that build on them (decision 0007).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from onewindow.accounts.models import User
    from onewindow.cases.models import Case


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict[str, Any]


PanelSource = Callable[["Case", "User"], "Panel | None"]
_SOURCES: list[PanelSource] = []


def register(source: PanelSource) -> PanelSource:
    """Add a panel to the case page (idempotent: ``ready`` may run twice in tests)."""
    if source not in _SOURCES:
        _SOURCES.append(source)
    return source


def case_panels(case: Case, user: User) -> list[Panel]:
    """The contributed panels for ``user`` on ``case``, in registration order."""
    panels = []
    for source in _SOURCES:
        panel = source(case, user)
        if panel is not None:
            panels.append(panel)
    return panels
