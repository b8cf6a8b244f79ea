"""The supervisor's yellow and red lists, by department and center."""

from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from onewindow.accounts.access import role_required
from onewindow.cases.choices import RUNNING_STATES, WarningLevel
from onewindow.cases.models import Case
from onewindow.organisations.choices import Role


@role_required(Role.SUPERVISOR, Role.CENTER_MANAGER, Role.ADMINISTRATOR)
def warnings_list(request: HttpRequest) -> HttpResponse:
    level = request.GET.get("level") or WarningLevel.RED
    if level not in (WarningLevel.YELLOW, WarningLevel.RED):
        level = WarningLevel.RED
    running = Case.objects.visible_to(request.user).filter(state__in=RUNNING_STATES)
    flagged = running.filter(warning_level=level)
    by_department = (
        running.exclude(warning_level=WarningLevel.NORMAL)
        .values("department__name", "warning_level")
        .annotate(n=Count("pk"))
        .order_by("department__name")
    )
    table: dict[str, dict[str, int]] = {}
    for row in by_department:
        table.setdefault(row["department__name"] or "—", {})[row["warning_level"]] = row["n"]
    return render(
        request,
        "deadlines/warnings.html",
        {
            "title": _("Deadline warnings"),
            "level": level,
            "levels": [
                (WarningLevel.RED, WarningLevel.RED.label),
                (WarningLevel.YELLOW, WarningLevel.YELLOW.label),
            ],
            "cases": flagged.select_related("department", "home_place").order_by("due_date")[:200],
            "departments": sorted(table.items()),
        },
    )
