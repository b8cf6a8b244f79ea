"""Who may do what with applicant records.

Full personal numbers are shown only to those who need them: the window clerk, who checks the
card against the record, and the person themselves. Everyone else sees them masked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from onewindow.organisations import scope
from onewindow.organisations.choices import Role

if TYPE_CHECKING:
    from onewindow.accounts.models import User
    from onewindow.registries.models import LegalPerson, NaturalPerson


def may_look_up(user: User) -> bool:
    return scope.has_role(user, Role.WINDOW_CLERK, Role.HOTLINE_AGENT, Role.ADMINISTRATOR)


def may_register(user: User) -> bool:
    return scope.has_role(user, Role.WINDOW_CLERK)


def may_read_personal_numbers(user: User, subject: NaturalPerson | LegalPerson) -> bool:
    if not user.is_authenticated:
        return False
    if subject.user_id is not None and subject.user_id == user.pk:
        return True
    return scope.has_role(user, Role.WINDOW_CLERK)
