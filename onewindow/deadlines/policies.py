"""Who may change the working-day calendar.

Administrators keep the calendar. The national schedule (national days, a year loaded, entered
or confirmed) is the State Council's and moves every center's deadlines and §32 automatic
acceptances, so only a national or provincial role sets it: a superuser, or an administrator whose
region is a whole province (issue 17 item 7). A county's administrator changes only the
exceptions of the centers in its region.
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


# A province's region code has 2 significant digits; nothing wider exists below the State Council.
PROVINCE_PREFIX_LENGTH = 2


def may_set_national_calendar(user: User | None) -> bool:
    """A national or provincial role: the national schedule is set for everyone at once."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(
        len(prefix) <= PROVINCE_PREFIX_LENGTH
        for prefix in scope.region_prefixes(user, Role.ADMINISTRATOR)
    )


def calendar_places(user: User | None) -> QuerySet[ServicePlace]:
    """Service places whose exceptions the user may see and change."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ServicePlace.objects.none()
    if user.is_superuser:
        return ServicePlace.objects.all()
    return ServicePlace.objects.in_regions(scope.region_prefixes(user, Role.ADMINISTRATOR))


def may_change_place_calendar(user: User | None, place: ServicePlace) -> bool:
    return calendar_places(user).filter(pk=place.pk).exists()
