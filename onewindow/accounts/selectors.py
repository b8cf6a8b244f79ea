"""What kind of user an account belongs to."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from onewindow.accounts.models import User


def is_applicant(user: User) -> bool:
    """An account is an applicant's when a person or organisation record of the registries points
    at it. Read through the reverse relations' names, so that accounts, the lowest app with the
    User, needs no import of registries."""
    return hasattr(user, "natural_person") or hasattr(user, "legal_person")
