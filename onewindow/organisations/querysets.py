"""Scoped querysets: ``Model.objects.visible_to(user)`` is the only way views list objects.

Deny by default: an anonymous user, a user without assignments, or a role not named below sees
nothing. Superusers (the platform operator) see everything.
"""

from __future__ import annotations

from functools import reduce
from operator import or_
from typing import TYPE_CHECKING, Self

from django.db import models
from django.db.models import Q

from onewindow.organisations import scope
from onewindow.organisations.choices import Role

if TYPE_CHECKING:
    from onewindow.accounts.models import User

# Roles that administer or watch a whole region subtree.
REGION_ROLES = (Role.ADMINISTRATOR, Role.SUPERVISOR)


def _any(qs: list[Q]) -> Q | None:
    return reduce(or_, qs) if qs else None


def _prefix_q(field: str, prefixes: list[str]) -> Q | None:
    return _any([Q(**{f"{field}__startswith": p}) for p in prefixes])


class _ScopedQuerySet(models.QuerySet):
    def _scoped(self, user: User | None, condition: Q | None) -> Self:
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        if condition is None:
            return self.none()
        return self.filter(condition)


class RegionQuerySet(_ScopedQuerySet):
    def subtree_of(self, prefix: str) -> RegionQuerySet:
        return self.filter(code__startswith=prefix)

    def visible_to(self, user: User | None) -> RegionQuerySet:
        return self._scoped(user, _prefix_q("code", scope.region_prefixes(user, *REGION_ROLES)))


class PlaceQuerySet(_ScopedQuerySet):
    def in_regions(self, prefixes: list[str]) -> PlaceQuerySet:
        condition = _prefix_q("region__code", prefixes)
        return self.filter(condition) if condition is not None else self.none()

    def public(self) -> PlaceQuerySet:
        """Service places are published to citizens; inactive ones are not."""
        return self.filter(is_active=True)

    def visible_to(self, user: User | None) -> PlaceQuerySet:
        """Places a user may manage or watch: their region subtree, or their own center."""
        conditions = [
            _prefix_q("region__code", scope.region_prefixes(user, *REGION_ROLES)),
            _any([Q(pk=pk) for pk in scope.place_ids(user, Role.CENTER_MANAGER)]),
        ]
        return self._scoped(user, _any([c for c in conditions if c is not None]))


class DepartmentQuerySet(_ScopedQuerySet):
    def in_regions(self, prefixes: list[str]) -> DepartmentQuerySet:
        condition = _prefix_q("region__code", prefixes)
        return self.filter(condition) if condition is not None else self.none()

    def visible_to(self, user: User | None) -> DepartmentQuerySet:
        conditions = [
            _prefix_q("region__code", scope.region_prefixes(user, *REGION_ROLES)),
            _any([Q(pk=pk) for pk in scope.department_ids(user, Role.REVIEWER, Role.APPROVER)]),
            _any([Q(places__pk=pk) for pk in scope.place_ids(user, Role.CENTER_MANAGER)]),
        ]
        return self._scoped(user, _any([c for c in conditions if c is not None])).distinct()

    def directory_for(self, user: User | None) -> DepartmentQuerySet:
        """Departments whose directory page a user may open: those they may see, and for a
        hotline agent every department of the region they answer for (a caller is routed to
        the department's phones, halls and windows; docs/guides/hotline-agent.md)."""
        conditions = [
            _prefix_q("region__code", scope.region_prefixes(user, *REGION_ROLES)),
            _prefix_q("region__code", scope.region_prefixes(user, Role.HOTLINE_AGENT)),
            _any([Q(pk=pk) for pk in scope.department_ids(user, Role.REVIEWER, Role.APPROVER)]),
            _any([Q(places__pk=pk) for pk in scope.place_ids(user, Role.CENTER_MANAGER)]),
        ]
        return self._scoped(user, _any([c for c in conditions if c is not None])).distinct()


class WindowQuerySet(_ScopedQuerySet):
    def visible_to(self, user: User | None) -> WindowQuerySet:
        conditions = [
            _prefix_q("place__region__code", scope.region_prefixes(user, *REGION_ROLES)),
            _any(
                [
                    Q(place_id=pk)
                    for pk in scope.place_ids(user, Role.CENTER_MANAGER, Role.WINDOW_CLERK)
                ]
            ),
            _any(
                [
                    Q(department_id=pk)
                    for pk in scope.department_ids(user, Role.REVIEWER, Role.APPROVER)
                ]
            ),
        ]
        return self._scoped(user, _any([c for c in conditions if c is not None]))


class StaffQuerySet(_ScopedQuerySet):
    def visible_to(self, user: User | None) -> StaffQuerySet:
        """Colleagues a user may see in rosters.

        Administrators and supervisors: everyone posted in their region subtree. Center managers
        and clerks: the people of their center. Reviewers and approvers: their department.
        Everyone sees themselves.
        """
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        prefixes = scope.region_prefixes(user, *REGION_ROLES)
        conditions = [
            _prefix_q("assignments__region__code", prefixes),
            _prefix_q("assignments__place__region__code", prefixes),
            _prefix_q("assignments__department__region__code", prefixes),
            _any(
                [
                    Q(assignments__place_id=pk)
                    for pk in scope.place_ids(user, Role.CENTER_MANAGER, Role.WINDOW_CLERK)
                ]
            ),
            _any(
                [
                    Q(assignments__department_id=pk)
                    for pk in scope.department_ids(user, Role.REVIEWER, Role.APPROVER)
                ]
            ),
            Q(user=user),
        ]
        condition = _any([c for c in conditions if c is not None])
        if user.is_superuser:
            return self.all()
        # A subquery instead of .distinct(): the joins through assignments repeat rows.
        return self.filter(pk__in=self.model._default_manager.filter(condition).values("pk"))
