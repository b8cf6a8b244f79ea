"""Domain errors: raised by services, shown to the user as a message, never as a 500."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # The lazy-string type gettext_lazy returns (Promise itself is too wide for Django's stubs).
    from django_stubs_ext import StrPromise


class DomainError(Exception):
    """A business rule refused an action. ``message`` is translatable and safe to show."""

    def __init__(self, message: str | StrPromise, *, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field


class NotPermitted(DomainError):
    """The actor may not perform the action on this object (distinct from "not found")."""
