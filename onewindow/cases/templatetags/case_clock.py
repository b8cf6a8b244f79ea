"""The case deadline as every page shows it: paused, provisional, pending or capped, said
alongside the date (issue 11 items 3–5)."""

from __future__ import annotations

import datetime
from typing import Any

from django import template

from onewindow.cases import clock
from onewindow.cases.models import Case

register = template.Library()


@register.inclusion_tag("cases/includes/due.html")
def case_due(
    case: Case, full: bool = False, deadline: clock.Deadline | None = None
) -> dict[str, Any]:
    """``full`` (a case page) computes everything and says why; a list row reads the stored
    date unless the clock is paused or the date unknown."""
    if deadline is None:
        deadline = clock.case_deadline(case) if full else clock.deadline_shown(case)
    return {"d": deadline, "full": full, "case": case}


@register.simple_tag
def case_deadline(case: Case, today: datetime.date | None = None) -> clock.Deadline:
    return clock.case_deadline(case, today)
