"""May this user act on this case, and as what?

A user acts on a case in one or more capacities (``Actor``): the applicant, a clerk of the place
that received it or of the competent center, the center's manager, or a reviewer / approver of the
implementing department. The transition table says which capacities each action needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from onewindow.cases.choices import Actor
from onewindow.organisations import scope
from onewindow.organisations.choices import Role

if TYPE_CHECKING:
    from onewindow.accounts.models import User
    from onewindow.cases.models import Case
    from onewindow.organisations.models import Window


# Staff roles that may open the case lists (each list narrows to the user's scope).
CASE_ROLES = (
    Role.WINDOW_CLERK,
    Role.REVIEWER,
    Role.APPROVER,
    Role.CENTER_MANAGER,
    Role.SUPERVISOR,
    Role.HOTLINE_AGENT,
    Role.ADMINISTRATOR,
)


def is_applicant_of(user: User, case: Case) -> bool:
    if not user.is_authenticated:
        return False
    if case.submitted_by_id == user.pk:
        return True
    if case.applicant_person is not None and case.applicant_person.user_id == user.pk:
        return True
    return bool(case.applicant_org is not None and case.applicant_org.user_id == user.pk)


def capacities(user: User | None, case: Case) -> set[Actor]:
    """Every capacity in which ``user`` may act on ``case`` (empty: none)."""
    if user is None:
        return {Actor.SYSTEM}
    if not user.is_authenticated or not user.is_active:
        return set()
    result: set[Actor] = set()
    if is_applicant_of(user, case):
        result.add(Actor.APPLICANT)
    places = {case.place_id, case.home_place_id}
    if places & scope.place_ids(user, Role.WINDOW_CLERK):
        result.add(Actor.CLERK)
    if places & scope.place_ids(user, Role.CENTER_MANAGER):
        result.add(Actor.MANAGER)
    if case.department_id:
        if case.department_id in scope.department_ids(user, Role.REVIEWER):
            result.add(Actor.REVIEWER)
        if case.department_id in scope.department_ids(user, Role.APPROVER):
            result.add(Actor.APPROVER)
    return result


def clerk_window(user: User, case: Case) -> Window | None:
    """The window the clerk is posted at in one of the case's places (None: no fixed window)."""
    for assignment in scope.with_roles(user, (Role.WINDOW_CLERK,)):
        if assignment.place_id in {case.place_id, case.home_place_id} and assignment.window_id:
            return assignment.window
    return None


def may_decide_on_spot(user: User, case: Case) -> bool:
    """即办件 are decided at the window only by a clerk posted at an authorised window."""
    window = clerk_window(user, case)
    return bool(window and window.decides_on_spot)


# Who may open the raw scans of a case's materials (PIPL: personal data only to those who need
# it): the applicant, the window that received the case (or its competent center), and the
# reviewers and approvers of the department handling it. Managers, supervisors, hotline agents
# and administrators see that a scan is on file, not the scan.
SCAN_CAPACITIES = frozenset({Actor.APPLICANT, Actor.CLERK, Actor.REVIEWER, Actor.APPROVER})


def scan_capacities(user: User, case: Case) -> set[Actor]:
    """The capacities in which ``user`` may open the case's scans (empty: may not)."""
    return capacities(user, case) & SCAN_CAPACITIES


def may_open_scans(user: User, case: Case) -> bool:
    return bool(scan_capacities(user, case))
