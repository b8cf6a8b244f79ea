"""Organisation directory for staff: the region tree, places, departments and the roster."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from onewindow.accounts.requests import AuthenticatedHttpRequest
from onewindow.organisations import scope
from onewindow.organisations.access import role_required
from onewindow.organisations.choices import Role
from onewindow.organisations.models import Department, Region, ServicePlace
from onewindow.organisations.selectors import (
    department_overview,
    place_overview,
    region_summary,
    root_regions_for,
    staff_roster,
)

TREE_ROLES = (Role.ADMINISTRATOR, Role.SUPERVISOR, Role.CENTER_MANAGER)


@role_required(*TREE_ROLES)
def regions(request: AuthenticatedHttpRequest) -> HttpResponse:
    roots = root_regions_for(user=request.user)
    if len(roots) == 1:
        return redirect("organisations:region", code=roots[0].code)
    if not roots:
        # A center manager's tree is their own center.
        places = scope.place_ids(request.user, Role.CENTER_MANAGER)
        if places:
            return redirect("organisations:place", pk=min(places))
    return render(request, "organisations/regions.html", {"title": _("Regions"), "roots": roots})


@role_required(*TREE_ROLES)
def region_detail(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    region = get_object_or_404(Region.objects.visible_to(request.user), code=code)
    summary = region_summary(region=region)
    visible_codes = set(
        Region.objects.visible_to(request.user)
        .filter(code__in=[a.code for a in summary.ancestors])
        .values_list("code", flat=True)
    )
    return render(
        request,
        "organisations/region_detail.html",
        {"title": region.name, "summary": summary, "linkable_ancestors": visible_codes},
    )


@role_required(*TREE_ROLES)
def place_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    place = get_object_or_404(
        ServicePlace.objects.visible_to(request.user).select_related("region"), pk=pk
    )
    return render(
        request,
        "organisations/place_detail.html",
        {"title": place.name, "ov": place_overview(place=place)},
    )


# The hotline agent routes callers with the department directory (its guide says so).
@role_required(*TREE_ROLES, Role.REVIEWER, Role.APPROVER, Role.HOTLINE_AGENT)
def department_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    department = get_object_or_404(
        Department.objects.directory_for(request.user).select_related("region"), pk=pk
    )
    return render(
        request,
        "organisations/department_detail.html",
        {"title": department.name, "ov": department_overview(department=department)},
    )


@role_required(*Role)
def staff(request: AuthenticatedHttpRequest) -> HttpResponse:
    role = request.GET.get("role", "")
    if role not in Role.values:
        role = ""
    page = Paginator(staff_roster(user=request.user, role=role), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "organisations/staff.html",
        {"title": _("Staff roster"), "page": page, "role": role, "roles": Role.choices},
    )
