"""Domain errors: raised by services, shown to the user as a message, never as a 500."""

from __future__ import annotations

from django.utils.functional import Promise


class DomainError(Exception):
    """A business rule refused an action. ``message`` is translatable and safe to show."""

    def __init__(self, message: str | Promise, *, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field


class NotPermitted(DomainError):
    """The actor may not perform the action on this object (distinct from "not found")."""
