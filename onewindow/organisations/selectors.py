"""Reads of the organisation domain for pages: each returns what one page needs, in few queries."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch, QuerySet

from onewindow.organisations import scope
from onewindow.organisations.choices import PREFIX_LENGTH, RegionLevel, Role
from onewindow.organisations.models import (
    Assignment,
    Department,
    Region,
    ServicePlace,
    Staff,
    Window,
)

if TYPE_CHECKING:
    from onewindow.accounts.models import User


@dataclass
class RegionRow:
    region: Region
    places: int = 0
    windows: int = 0
    departments: int = 0
    staff: int = 0
    villages: int = 0


@dataclass
class RegionSummary:
    region: Region
    ancestors: list[Region]
    rows: list[RegionRow] = field(default_factory=list)
    places: list[ServicePlace] = field(default_factory=list)
    departments: list[Department] = field(default_factory=list)

    @property
    def totals(self) -> RegionRow:
        total = RegionRow(region=self.region)
        for row in self.rows:
            total.places += row.places
            total.windows += row.windows
            total.departments += row.departments
            total.staff += row.staff
            total.villages += row.villages
        return total


def region_summary(*, region: Region) -> RegionSummary:
    """The region's own places and departments, and per child region the counts of its subtree.

    Counts are grouped in Python by code prefix: five grouped queries whatever the tree's size.
    """
    children = list(region.children.order_by("code"))
    summary = RegionSummary(
        region=region,
        ancestors=region.ancestors(),
        rows=[RegionRow(region=c) for c in children],
        places=list(region.places.annotate(window_count=Count("windows")).order_by("kind", "name")),
        departments=list(region.departments.order_by("name")),
    )
    if not children:
        return summary
    child_len = PREFIX_LENGTH[RegionLevel(children[0].level)]
    rows = {row.region.code[:child_len]: row for row in summary.rows}
    prefix = region.prefix

    def add(code_counts: QuerySet, attr: str) -> None:
        for code, n in code_counts:
            row = rows.get(code[:child_len])
            if row is not None:
                setattr(row, attr, getattr(row, attr) + n)

    add(
        ServicePlace.objects.filter(region__code__startswith=prefix)
        .values_list("region__code")
        .annotate(n=Count("id")),
        "places",
    )
    add(
        Window.objects.filter(place__region__code__startswith=prefix)
        .values_list("place__region__code")
        .annotate(n=Count("id")),
        "windows",
    )
    add(
        Department.objects.filter(region__code__startswith=prefix)
        .values_list("region__code")
        .annotate(n=Count("id")),
        "departments",
    )
    add(
        Assignment.objects.filter(place__region__code__startswith=prefix)
        .values_list("place__region__code")
        .annotate(n=Count("staff", distinct=True)),
        "staff",
    )
    add(
        Region.objects.filter(code__startswith=prefix, level=RegionLevel.VILLAGE)
        .values_list("code")
        .annotate(n=Count("id")),
        "villages",
    )
    return summary


def place_overview(*, place: ServicePlace) -> dict[str, object]:
    """A place with its windows (and the clerks posted at each) and stationed departments."""
    clerks = Assignment.objects.filter(role=Role.WINDOW_CLERK).select_related("staff__user")
    windows = list(
        place.windows.select_related("department")
        .prefetch_related(Prefetch("assignments", queryset=clerks, to_attr="clerks"))
        .order_by("number")
    )
    return {
        "place": place,
        "windows": windows,
        "departments": list(place.departments.order_by("name")),
        "managers": list(
            Staff.objects.filter(
                assignments__place=place, assignments__role=Role.CENTER_MANAGER
            ).select_related("user")
        ),
    }


def department_overview(*, department: Department) -> dict[str, object]:
    staff = list(
        Staff.objects.filter(assignments__department=department)
        .select_related("user")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.filter(department=department),
                to_attr="department_roles",
            )
        )
        .distinct()
        .order_by("employee_no")
    )
    return {
        "department": department,
        "staff": staff,
        "places": list(department.places.order_by("name")),
        "windows": list(department.windows.select_related("place").order_by("place", "number")),
    }


def staff_roster(*, user: User, role: str = "") -> QuerySet[Staff]:
    """Colleagues the user may see, with their assignments in one extra query."""
    qs = Staff.objects.visible_to(user)
    if role:
        qs = qs.filter(pk__in=Assignment.objects.filter(role=role).values("staff_id"))
    return (
        qs.select_related("user")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.select_related(
                    "region", "place", "department", "window"
                ),
            )
        )
        .order_by("employee_no")
    )


def root_regions_for(*, user: User) -> list[Region]:
    """The top regions of the user's visible tree: the regions of their scope."""
    if user.is_superuser:
        return list(Region.objects.filter(parent__isnull=True).order_by("code"))
    regions = {
        a.region.code: a.region
        for a in scope.with_roles(user, (Role.ADMINISTRATOR, Role.SUPERVISOR))
        if a.region is not None
    }
    return [regions[code] for code in sorted(regions)]


def unique_users(users: Iterable[User]) -> list[User]:
    """Users once each, in first-seen order (a person may hold several assignments)."""
    seen: dict[int, User] = {}
    for user in users:
        seen.setdefault(user.pk, user)
    return list(seen.values())


def users_in_roles(
    *roles: Role | str, department_id: int | None = None, place_id: int | None = None
) -> list[User]:
    """The active users holding one of ``roles`` for a department or a service place."""
    rows = Assignment.objects.filter(role__in=roles, staff__user__is_active=True)
    if department_id is not None:
        rows = rows.filter(department_id=department_id)
    if place_id is not None:
        rows = rows.filter(place_id=place_id)
    return unique_users(a.staff.user for a in rows.select_related("staff__user"))


def supervisors_of(region_code: str) -> list[User]:
    """The active supervisors whose region holds ``region_code``. Supervisors are few, so the
    prefixes are compared in Python rather than in SQL."""
    rows = Assignment.objects.filter(
        role=Role.SUPERVISOR, region__isnull=False, staff__user__is_active=True
    ).select_related("region", "staff__user")
    return unique_users(
        a.staff.user
        for a in rows
        if a.region is not None and region_code.startswith(a.region.prefix)
    )
