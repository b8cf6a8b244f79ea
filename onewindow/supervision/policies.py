"""Who may do what in electronic supervision.

Supervisors act on the departments and cases of their region (urge, card, set the rules);
administrators of a region may look but not act. The staff of a department (reviewers and
approvers) answer urgings on their cases; only its approvers (the department's heads) report a
card's rectification. Center managers see what concerns the cases of their center.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeGuard

from onewindow.organisations import scope
from onewindow.organisations.choices import Role
from onewindow.organisations.models import Department

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from onewindow.accounts.models import User

WATCHING_ROLES = (Role.SUPERVISOR, Role.ADMINISTRATOR)
DEPARTMENT_ROLES = (Role.REVIEWER, Role.APPROVER)


def _active(user: User | None) -> TypeGuard[User]:
    return bool(user is not None and user.is_authenticated and user.is_active)


def supervised_departments(user: User | None) -> QuerySet[Department]:
    """Departments a supervisor may urge and card: those of the supervisor's regions."""
    if not _active(user):
        return Department.objects.none()
    if user.is_superuser:
        return Department.objects.all()
    return Department.objects.in_regions(scope.region_prefixes(user, Role.SUPERVISOR))


def may_supervise(user: User | None, department: Department | None) -> bool:
    if department is None:
        return False
    return supervised_departments(user).filter(pk=department.pk).exists()


def watched_departments(user: User | None) -> QuerySet[Department]:
    """Departments whose supervision lists and figures the user may read."""
    if not _active(user):
        return Department.objects.none()
    if user.is_superuser:
        return Department.objects.all()
    return Department.objects.in_regions(scope.region_prefixes(user, *WATCHING_ROLES))


def answering_department_ids(user: User | None) -> set[int]:
    """Departments on whose behalf the user replies to urgings."""
    return scope.department_ids(user, *DEPARTMENT_ROLES) if _active(user) else set()


def may_answer(user: User | None, department_id: int) -> bool:
    return department_id in answering_department_ids(user)


def may_report_rectification(user: User | None, department_id: int) -> bool:
    return _active(user) and department_id in scope.department_ids(user, Role.APPROVER)


def may_supervise_region(user: User | None, region_code: str) -> bool:
    """Whether ``region_code`` lies in one of the user's supervised regions."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    return any(region_code.startswith(p) for p in scope.region_prefixes(user, Role.SUPERVISOR))


def may_manage_rules(user: User | None) -> bool:
    """Rules apply everywhere; supervisors set them, administrators only read them."""
    if not _active(user):
        return False
    return user.is_superuser or scope.has_role(user, Role.SUPERVISOR)
