"""The workspace each role lands on, and the landing redirect after sign-in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from onewindow.accounts.models import User
from onewindow.accounts.requests import AuthenticatedHttpRequest
from onewindow.organisations import scope
from onewindow.organisations.access import role_required
from onewindow.organisations.choices import PlaceKind, Role
from onewindow.organisations.models import Department, ServicePlace
from onewindow.organisations.selectors import (
    department_overview,
    place_overview,
    region_summary,
    root_regions_for,
    staff_roster,
)
from onewindow.registries.forms import LookupForm
from onewindow.workspaces import todo
from onewindow.workspaces.navigation import workspaces_for

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


@login_required
def workspace(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Send the user to their first workspace; explain when they have none."""
    spaces = workspaces_for(request.user)
    if spaces:
        return redirect(spaces[0].url)
    if request.user.is_superuser:
        return redirect("admin:index")
    return render(request, "workspaces/no_role.html", status=403)


def _departments_of(user: User, *roles: Role) -> list[Department]:
    ids = scope.department_ids(user, *roles)
    return list(Department.objects.filter(pk__in=ids).select_related("region").order_by("name"))


def _places_of(user: User, *roles: Role) -> list[ServicePlace]:
    ids = scope.place_ids(user, *roles)
    return list(ServicePlace.objects.filter(pk__in=ids).select_related("region").order_by("name"))


@role_required(Role.WINDOW_CLERK)
def ws_window(request: AuthenticatedHttpRequest) -> HttpResponse:
    posts = scope.with_roles(request.user, (Role.WINDOW_CLERK,))
    return render(
        request,
        "workspaces/ws_window.html",
        {
            "title": _("Window desk"),
            "tiles": todo.clerk_tiles(request.user),
            "urgent": todo.clerk_urgent(request.user),
            "urgent_title": _("Soonest §32 decisions"),
            "urgent_more": reverse("cases:window"),
            "posts": posts,
            "overviews": [
                place_overview(place=p) for p in _places_of(request.user, Role.WINDOW_CLERK)
            ],
            "lookup_form": LookupForm(),
        },
    )


def _department_workspace(
    request: AuthenticatedHttpRequest, role: Role, title: str | StrPromise, template: str
) -> HttpResponse:
    return render(
        request,
        template,
        {
            "title": title,
            "tiles": todo.inbox_tiles(request.user, role),
            "urgent": todo.inbox_urgent(request.user, role),
            "urgent_title": _("My inbox, red and yellow first"),
            "urgent_more": reverse("cases:inbox"),
            "overviews": [
                department_overview(department=d) for d in _departments_of(request.user, role)
            ],
        },
    )


@role_required(Role.REVIEWER)
def ws_review(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _department_workspace(
        request, Role.REVIEWER, _("Back-office review"), "workspaces/ws_review.html"
    )


@role_required(Role.APPROVER)
def ws_approve(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _department_workspace(
        request, Role.APPROVER, _("Approval"), "workspaces/ws_approve.html"
    )


@role_required(Role.CENTER_MANAGER)
def ws_center(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "workspaces/ws_center.html",
        {
            "title": _("Center management"),
            "tiles": todo.manager_tiles(request.user),
            "urgent": todo.manager_urgent(request.user),
            "urgent_title": _("Refusals to confirm, oldest first"),
            "urgent_more": reverse("cases:refusals"),
            "overviews": [
                place_overview(place=p) for p in _places_of(request.user, Role.CENTER_MANAGER)
            ],
        },
    )


@role_required(Role.SUPERVISOR)
def ws_supervision(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "workspaces/ws_supervision.html",
        {
            "title": _("Supervision"),
            "tiles": todo.supervisor_tiles(request.user),
            "warning_rows": todo.supervisor_urgent(request.user),
            "summaries": [region_summary(region=r) for r in root_regions_for(user=request.user)],
        },
    )


@role_required(Role.HOTLINE_AGENT)
def ws_hotline(request: AuthenticatedHttpRequest) -> HttpResponse:
    prefixes = scope.region_prefixes(request.user, Role.HOTLINE_AGENT)
    return render(
        request,
        "workspaces/ws_hotline.html",
        {
            "title": _("Hotline desk"),
            "lookup_form": LookupForm(),
            "departments": Department.objects.in_regions(prefixes)
            .filter(is_active=True)
            .order_by("name"),
            "places": ServicePlace.objects.public()
            .in_regions(prefixes)
            .exclude(kind=PlaceKind.CONVENIENCE_STATION)
            .select_related("region")
            .order_by("region__code"),
        },
    )


@role_required(Role.ADMINISTRATOR)
def ws_admin(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "workspaces/ws_admin.html",
        {
            "title": _("Administration"),
            "summaries": [region_summary(region=r) for r in root_regions_for(user=request.user)],
            "staff_count": staff_roster(user=request.user).count(),
        },
    )
