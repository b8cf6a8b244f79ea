"""Who sees which cases. Deny by default; a case outside the user's scope is a 404."""

from __future__ import annotations

from functools import reduce
from operator import or_
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q

from onewindow.organisations import scope
from onewindow.organisations.choices import Role

if TYPE_CHECKING:
    from onewindow.accounts.models import User

# Roles that watch every case of a region subtree (read only, personal numbers masked).
REGION_ROLES = (Role.SUPERVISOR, Role.ADMINISTRATOR, Role.HOTLINE_AGENT)
PLACE_ROLES = (Role.WINDOW_CLERK, Role.CENTER_MANAGER)
DEPARTMENT_ROLES = (Role.REVIEWER, Role.APPROVER)


def applicant_q(user: User) -> Q:
    """Cases the user applied for, as a person, as an organisation's account, or submitted."""
    return Q(applicant_person__user=user) | Q(applicant_org__user=user) | Q(submitted_by=user)


def staff_q(user: User | None) -> Q | None:
    conditions: list[Q] = [
        Q(region_code__startswith=prefix) for prefix in scope.region_prefixes(user, *REGION_ROLES)
    ]
    places = scope.place_ids(user, *PLACE_ROLES)
    if places:
        conditions.append(Q(place_id__in=places) | Q(home_place_id__in=places))
    departments = scope.department_ids(user, *DEPARTMENT_ROLES)
    if departments:
        conditions.append(Q(department_id__in=departments))
    return reduce(or_, conditions) if conditions else None


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user: User | None) -> CaseQuerySet:
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        condition = applicant_q(user)
        staff = staff_q(user)
        if staff is not None:
            # Staff never see an applicant's unsubmitted draft.
            condition |= staff & ~Q(state="draft")
        return self.filter(condition)

    def of_applicant(self, user: User) -> CaseQuerySet:
        return self.filter(applicant_q(user))
