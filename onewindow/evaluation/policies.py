"""Who may do what with ratings and their 差评 loops.

The unit that served answers a 差评: the manager of the center that received the case and the
reviewers and approvers of its department. Supervisors of the region decide appeals and close
loops; administrators of the region read. A department sees only its own 差评; nobody edits a
rating.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.db.models import Model, Q, QuerySet

from onewindow.organisations import scope
from onewindow.organisations.choices import Role

if TYPE_CHECKING:
    from onewindow.accounts.models import User
    from onewindow.evaluation.models import Review

M = TypeVar("M", bound=Model)

UNIT = "unit"
SUPERVISOR = "supervisor"
DEPARTMENT_ROLES = (Role.REVIEWER, Role.APPROVER)
READER_ROLES = (
    Role.CENTER_MANAGER,
    Role.REVIEWER,
    Role.APPROVER,
    Role.SUPERVISOR,
    Role.ADMINISTRATOR,
)


def _active(user: User | None) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def unit_q(user: User | None) -> Q | None:
    """The 差评 the user answers for (as manager of the center or staff of the department)."""
    if not _active(user):
        return None
    places = scope.place_ids(user, Role.CENTER_MANAGER)
    departments = scope.department_ids(user, *DEPARTMENT_ROLES)
    if not places and not departments:
        return None
    return Q(place_id__in=places) | Q(department_id__in=departments)


def region_q(user: User | None, *roles: Role) -> Q | None:
    prefixes = scope.region_prefixes(user, *roles) if _active(user) else []
    if not prefixes:
        return None
    condition = Q()
    for prefix in prefixes:
        condition |= Q(region_code__startswith=prefix)
    return condition


def reviews_visible_to(user: User | None, queryset: QuerySet[M]) -> QuerySet[M]:
    """Reviews or ratings (both carry place, department and region) the user may read."""
    if user is None or not _active(user):
        return queryset.none()
    if user.is_superuser:
        return queryset
    conditions = [
        c
        for c in (unit_q(user), region_q(user, Role.SUPERVISOR, Role.ADMINISTRATOR))
        if c is not None
    ]
    if not conditions:
        return queryset.none()
    condition = conditions[0]
    for c in conditions[1:]:
        condition |= c
    return queryset.filter(condition)


def review_capacities(user: User | None, review: Review) -> set[str]:
    if user is None:
        return {"system"}
    if not _active(user):
        return set()
    held: set[str] = set()
    if review.place_id in scope.place_ids(user, Role.CENTER_MANAGER) or (
        review.department_id is not None
        and review.department_id in scope.department_ids(user, *DEPARTMENT_ROLES)
    ):
        held.add(UNIT)
    if user.is_superuser or any(
        review.region_code.startswith(p) for p in scope.region_prefixes(user, Role.SUPERVISOR)
    ):
        held.add(SUPERVISOR)
    return held


def may_read_reviews(user: User | None) -> bool:
    return _active(user) and (
        bool(user and user.is_superuser) or scope.has_role(user, *READER_ROLES)
    )


# --- complaints ------------------------------------------------------------------------------

HANDLER = "handler"
COMPLAINANT = "complainant"
CLERK = "clerk"
AGENT = "agent"
COMPLAINT_READER_ROLES = (Role.CENTER_MANAGER, Role.SUPERVISOR, Role.ADMINISTRATOR)
FILING_ROLES = (Role.WINDOW_CLERK, Role.HOTLINE_AGENT)


def complaints_visible_to(user: User | None, queryset: QuerySet[M]) -> QuerySet[M]:
    """The center's managers and the region's supervisors and administrators read a complaint;
    the staff member complained about never does, whatever their role."""
    if user is None or not _active(user):
        return queryset.none()
    if user.is_superuser:
        return queryset
    condition = region_q(user, Role.SUPERVISOR, Role.ADMINISTRATOR)
    places = scope.place_ids(user, Role.CENTER_MANAGER)
    if places:
        condition = (
            Q(place_id__in=places) if condition is None else condition | Q(place_id__in=places)
        )
    if condition is None:
        return queryset.none()
    return queryset.filter(condition).exclude(staff_user=user)


def complaint_capacities(user: User | None, complaint: Any) -> set[str]:
    if user is None:
        return {"system"}
    if not _active(user):
        return set()
    held: set[str] = set()
    if complaint.pk is None:  # filing: who may take it down, on which channel
        if complaint.channel == "portal" and complaint.complainant_user_id == user.pk:
            held.add(COMPLAINANT)
        if complaint.channel == "window" and complaint.place_id in scope.place_ids(
            user, Role.WINDOW_CLERK
        ):
            held.add(CLERK)
        if complaint.channel == "hotline" and any(
            complaint.region_code.startswith(p)
            for p in scope.region_prefixes(user, Role.HOTLINE_AGENT)
        ):
            held.add(AGENT)
        return held
    if complaint.staff_user_id == user.pk:
        return held  # nobody handles a complaint about themselves
    if complaint.place_id in scope.place_ids(user, Role.CENTER_MANAGER):
        held.add(HANDLER)
    if user.is_superuser or any(
        complaint.region_code.startswith(p) for p in scope.region_prefixes(user, Role.SUPERVISOR)
    ):
        held.add(SUPERVISOR)
    return held
