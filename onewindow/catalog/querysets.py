"""Who sees which entries and change requests."""

from __future__ import annotations

from functools import reduce
from operator import or_
from typing import TYPE_CHECKING, Self

from django.db import models
from django.db.models import Q

from onewindow.catalog.choices import EntryStatus
from onewindow.organisations import scope
from onewindow.organisations.choices import Role

if TYPE_CHECKING:
    from onewindow.accounts.models import User

DEPARTMENT_ROLES = (Role.REVIEWER, Role.APPROVER)
REGION_ROLES = (Role.CATALOG_MANAGER, Role.ADMINISTRATOR, Role.SUPERVISOR)


def _management_scope(user: User | None, department_field: str) -> Q | None:
    """Departments a user manages catalog data for: their own, or every one in their region."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    conditions = [
        Q(**{f"{department_field}__region__code__startswith": prefix})
        for prefix in scope.region_prefixes(user, *REGION_ROLES)
    ] + [
        Q(**{f"{department_field}_id": pk}) for pk in scope.department_ids(user, *DEPARTMENT_ROLES)
    ]
    return reduce(or_, conditions) if conditions else None


class EntryQuerySet(models.QuerySet):
    def public(self) -> Self:
        """What citizens see: entries in use with a published version."""
        return self.filter(status=EntryStatus.IN_USE, current_version__isnull=False)

    def visible_to(self, user: User | None) -> Self:
        """Entries a staff member manages (all statuses). Citizens use ``public()``."""
        if user is not None and user.is_authenticated and user.is_superuser:
            return self.all()
        condition = _management_scope(user, "department")
        return self.filter(condition) if condition is not None else self.none()


class ChangeRequestQuerySet(models.QuerySet):
    def visible_to(self, user: User | None) -> ChangeRequestQuerySet:
        if user is not None and user.is_authenticated and user.is_superuser:
            return self.all()
        condition = _management_scope(user, "department")
        return self.filter(condition) if condition is not None else self.none()
