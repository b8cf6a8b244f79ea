"""The yellow and red lists, by department and center, for every clock and open step."""

from __future__ import annotations

from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from onewindow.accounts.requests import AuthenticatedHttpRequest
from onewindow.cases.choices import CLOCKED_STATES, STATE_CLOCK, CaseState, WarningLevel
from onewindow.cases.models import Case, CaseStep
from onewindow.organisations.access import role_required
from onewindow.organisations.choices import Role
from onewindow.supervision.choices import Clock
from onewindow.supervision.sweep import clock_of


def _tally(rows: list[dict], key: str) -> list[tuple[str, dict[str, int]]]:
    table: dict[str, dict[str, int]] = {}
    for row in rows:
        table.setdefault(row[key] or "—", {})[row["warning_level"]] = row["n"]
    return sorted(table.items())


@role_required(Role.SUPERVISOR, Role.CENTER_MANAGER, Role.ADMINISTRATOR)
def warnings_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    level = request.GET.get("level") or WarningLevel.RED
    if level not in (WarningLevel.YELLOW, WarningLevel.RED):
        level = WarningLevel.RED
    clocks = [c for c in Clock if c not in (Clock.STEP, Clock.URGING)]
    clock = request.GET.get("clock") or ""
    if clock not in {c.value for c in clocks}:
        clock = ""
    visible = Case.objects.visible_to(request.user)
    clocked = visible.filter(state__in=CLOCKED_STATES)
    flagged = clocked.filter(warning_level=level)
    if clock:
        flagged = flagged.filter(state__in=[s for s, c in STATE_CLOCK.items() if c == clock])
    warned = clocked.exclude(warning_level=WarningLevel.NORMAL).values("warning_level")
    cases = list(
        flagged.select_related("department", "home_place").order_by("due_date", "pk")[:200]
    )
    rows = [(case, *clock_of(case)) for case in cases]
    steps = (
        CaseStep.objects.filter(
            finished_at__isnull=True,
            warning_level=level,
            case__in=visible.filter(state=CaseState.IN_REVIEW),
        )
        .select_related("case", "case__department")
        .order_by("due_date", "pk")[:200]
    )
    return render(
        request,
        "supervision/warnings.html",
        {
            "title": _("Deadline warnings"),
            "level": level,
            "levels": [
                (WarningLevel.RED, WarningLevel.RED.label),
                (WarningLevel.YELLOW, WarningLevel.YELLOW.label),
            ],
            "clock": clock,
            "clocks": [(c.value, c.label) for c in clocks],
            "rows": [(case, Clock(c).label if c else "—", due) for case, c, due in rows],
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
