"""Who may change the working-day calendar.

Administrators keep the calendar. The national schedule is the State Council's, the same for the
whole deployment, so every administrator may load or enter it (the change log names who did);
a center's own exceptions are changed only by an administrator whose region covers the center.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from onewindow.organisations import scope
from onewindow.organisations.choices import Role
from onewindow.organisations.models import ServicePlace

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from onewindow.accounts.models import User


def may_keep_calendar(user: User | None) -> bool:
    if user is None:
        return False
    return bool(user.is_superuser) or scope.has_role(user, Role.ADMINISTRATOR)


def calendar_places(user: User | None) -> QuerySet[ServicePlace]:
    """Service places whose exceptions the user may see and change."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ServicePlace.objects.none()
    if user.is_superuser:
        return ServicePlace.objects.all()
    return ServicePlace.objects.in_regions(scope.region_prefixes(user, Role.ADMINISTRATOR))


def may_change_place_calendar(user: User | None, place: ServicePlace) -> bool:
    return calendar_places(user).filter(pk=place.pk).exists()
