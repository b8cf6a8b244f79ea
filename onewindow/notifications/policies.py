"""Who may do what with the outbox."""

from __future__ import annotations

from typing import TYPE_CHECKING

from onewindow.notifications.querysets import PLACE_ROLES, REGION_ROLES
from onewindow.organisations import scope
from onewindow.organisations.choices import Role

if TYPE_CHECKING:
    from onewindow.accounts.models import User
    from onewindow.notifications.models import Message

# Roles that open the message log (each sees its own place or region subtree).
LOG_ROLES = (*PLACE_ROLES, *REGION_ROLES)


def may_read_log(user: User) -> bool:
    return scope.has_role(user, *LOG_ROLES)


def may_retry(user: User | None, message: Message) -> bool:
    """Administrators put failed messages of their region subtree back in the outbox."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(
        message.region_code.startswith(prefix)
        for prefix in scope.region_prefixes(user, Role.ADMINISTRATOR)
    )
