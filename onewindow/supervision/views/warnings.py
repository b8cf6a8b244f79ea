"""The yellow and red lists, by department and center, for every clock and open step."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from onewindow.accounts.requests import AuthenticatedHttpRequest
from onewindow.cases.choices import CaseState, WarningLevel
from onewindow.cases.models import Case, CaseStep
from onewindow.organisations.access import role_required
from onewindow.organisations.choices import Role
from onewindow.supervision import warning_list as wl


def _tally(rows: Iterable[Mapping[str, Any]], key: str) -> list[tuple[str, dict[str, int]]]:
    table: dict[str, dict[str, int]] = {}
    for row in rows:
        # A joint application (一件事) has no department of its own: its parts carry theirs.
        name = row[key] or str(_("Joint applications (一件事)"))
        table.setdefault(name, {})[row["warning_level"]] = row["n"]
    return sorted(table.items())


ROWS = 200


@role_required(Role.SUPERVISOR, Role.CENTER_MANAGER, Role.ADMINISTRATOR)
def warnings_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    level = request.GET.get("level") or WarningLevel.RED
    if level not in wl.LEVELS:
        level = WarningLevel.RED
    clock = request.GET.get("clock") or ""
    if clock not in {c.value for c in wl.CASE_CLOCKS}:
        clock = ""
    visible = Case.objects.visible_to(request.user)
    flagged = wl.warning_cases(request.user, level=level, clock=clock)
    warned = wl.warned_cases(request.user).exclude(warning_level=WarningLevel.NORMAL)
    by_clock = wl.clock_counts(request.user, level=level)
    steps = (
        CaseStep.objects.filter(
            finished_at__isnull=True,
            warning_level=level,
            case__in=visible.filter(state=CaseState.IN_REVIEW),
        )
        .select_related("case", "case__department")
        .order_by("due_date", "pk")[:ROWS]
    )
    return render(
        request,
        "supervision/warnings.html",
        {
            "title": _("Deadline warnings"),
            "level": level,
            "levels": [(value, value.label) for value in wl.LEVELS],
            "counts": wl.warning_counts(request.user),
            "clock": clock,
            "clocks": [(c.value, c.label, by_clock[c.value]) for c in wl.CASE_CLOCKS],
            "total": sum(by_clock.values()) if not clock else by_clock[clock],
            "rows": wl.warning_rows(flagged, limit=ROWS),
            "row_limit": ROWS,
            "steps": steps,
            "departments": _tally(
                list(warned.values("department__name", "warning_level").annotate(n=Count("pk"))),
                "department__name",
            ),
            "centers": _tally(
                list(warned.values("home_place__name", "warning_level").annotate(n=Count("pk"))),
                "home_place__name",
            ),
        },
    )
