"""What a signed-in user is entitled to: their role assignments, read once per request.

Every ``visible_to(user)`` queryset and every policy asks these helpers, so the rules that map a
role to the objects it reaches live here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from onewindow.organisations.choices import Role

if TYPE_CHECKING:
    from onewindow.accounts.models import User
    from onewindow.organisations.models import Assignment

_CACHE_ATTR = "_onewindow_assignments"


def assignments_of(user: User | None) -> list[Assignment]:
    """The active assignments of an active staff user (cached on the user object)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        from onewindow.organisations.models import Assignment

        cached = list(
            Assignment.objects.filter(staff__user=user).select_related(
                "region", "place", "place__region", "department", "department__region", "window"
            )
        )
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_assignments(user: User) -> None:
    """Drop the cache after the user's assignments changed within the same request."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def roles_of(user: User | None) -> set[str]:
    return {a.role for a in assignments_of(user)}


def has_role(user: User | None, *roles: Role | str) -> bool:
    wanted = {str(r) for r in roles}
    return any(a.role in wanted for a in assignments_of(user))


def with_roles(user: User | None, roles: Iterable[Role | str]) -> list[Assignment]:
    wanted = {str(r) for r in roles}
    return [a for a in assignments_of(user) if a.role in wanted]


def region_prefixes(user: User | None, *roles: Role | str) -> list[str]:
    """Code prefixes of the region subtrees the user reaches through the given roles."""
    return [a.region.prefix for a in with_roles(user, roles) if a.region is not None]


def place_ids(user: User | None, *roles: Role | str) -> set[int]:
    return {a.place_id for a in with_roles(user, roles) if a.place_id}


def department_ids(user: User | None, *roles: Role | str) -> set[int]:
    return {a.department_id for a in with_roles(user, roles) if a.department_id}
