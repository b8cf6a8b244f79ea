"""Who may change the catalog.

Department staff (reviewers and approvers) draft changes to their own department's entries; the
catalog manager of a region reviews changes of the departments in it and imports lists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from onewindow.organisations import scope
from onewindow.organisations.choices import Role

if TYPE_CHECKING:
    from onewindow.accounts.models import User
    from onewindow.organisations.models import Department


def may_draft(user: User, department: Department) -> bool:
    return department.pk in scope.department_ids(user, Role.REVIEWER, Role.APPROVER)


def may_review(user: User, department: Department) -> bool:
    code = department.region.code
    return any(code.startswith(p) for p in scope.region_prefixes(user, Role.CATALOG_MANAGER))


def may_manage_lists(user: User) -> bool:
    return scope.has_role(user, Role.CATALOG_MANAGER)
