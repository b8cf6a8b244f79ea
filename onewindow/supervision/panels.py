"""Supervision's panel on the staff case page: the statutory clocks, the warning records and the
urgings (registered with ``cases.panels`` so that cases need not know supervision)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from onewindow.cases.panels import Panel
from onewindow.supervision import selectors
from onewindow.supervision.urging import urging_panel

if TYPE_CHECKING:
    from onewindow.accounts.models import User
    from onewindow.cases.models import Case


def case_page_panel(case: Case, user: User) -> Panel:
    return Panel(
        template="supervision/case_panel.html",
        context={
            "clocks": selectors.case_clocks(case),
            "records": selectors.case_records(case),
            **urging_panel(case, user),
        },
    )
