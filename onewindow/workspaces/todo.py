"""The to-do counts of each 工作台 and the list behind each count.

Each count comes from the same selector the list page filters with (``cases.selectors``,
``supervision.warning_list``, ``supervision.selectors``, ``supervision.figures``), and its link
opens that list with the same filter, so the number on the tile is the number on the list.
The functions here only assemble; the rules (what is "due", what is red) are those modules'.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from onewindow.cases import selectors as case_selectors
from onewindow.cases.choices import WarningLevel
from onewindow.organisations.choices import Role
from onewindow.supervision import figures as fig
from onewindow.supervision import selectors as supervision_selectors
from onewindow.supervision import warning_list as wl
from onewindow.supervision.choices import UrgingState

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django_stubs_ext import StrPromise

    from onewindow.accounts.models import User
    from onewindow.cases.models import Case

# How many of the most urgent items a workspace lists under its counts.
URGENT_ROWS = 8


@dataclass(frozen=True)
class Tile:
    """One count on a workspace: what it counts, how many, the list it opens."""

    key: str
    label: str | StrPromise
    count: int
    url: str
    # "red" or "yellow" when a non-zero count is a warning; "" otherwise.
    tone: str = ""
    hint: str | StrPromise = ""


def _url(name: str, **query: str) -> str:
    url = reverse(name)
    return f"{url}?{urlencode(query)}" if query else url


def clerk_tiles(user: User, today: datetime.date | None = None) -> list[Tile]:
    """Window clerk: the cases at my windows waiting for me (one query for the lists)."""
    counts = case_selectors.window_counts(user=user, today=today)
    window = "cases:window"
    return [
        Tile(
            "notices_due",
            _("§32 decisions due"),
            counts["notices_due"],
            _url(window, list="notices_due"),
            "red",
            _("Accept or refuse within two days, or the application counts as accepted."),
        ),
        Tile(
            "to_accept",
            _("To accept"),
            counts["to_accept"],
            _url(window, list="to_accept"),
            hint=_("Received at my windows and online, awaiting the acceptance decision."),
        ),
        Tile(
            "correction",
            _("Corrections due back"),
            counts["correction"],
            _url(window, list="correction"),
            hint=_("Applicants told to complete or correct their materials."),
        ),
        Tile(
            "to_deliver",
            _("Results to deliver"),
            counts["to_deliver"],
            _url(window, list="to_deliver"),
        ),
        Tile(
            "refusal_pending",
            _("Refusals awaiting the manager"),
            counts["refusal_pending"],
            _url(window, list="refusal_pending"),
        ),
    ]


def clerk_urgent(user: User) -> QuerySet[Case]:
    """The received cases whose §32 decision is due soonest."""
    return case_selectors.window_lists(user=user)["to_accept"][:URGENT_ROWS]


def _urgings_to_answer(user: User) -> int:
    return supervision_selectors.urgings_visible_to(user).filter(state=UrgingState.SENT).count()


def inbox_tiles(user: User, role: Role) -> list[Tile]:
    """Reviewer or approver: my inbox, its red and yellow cases, the urgings to answer."""
    counts = case_selectors.inbox_counts(user=user, role=role)
    inbox = "cases:inbox"
    return [
        Tile("red", _("Red: past the deadline"), counts["red"], _url(inbox, level="red"), "red"),
        Tile(
            "yellow",
            _("Yellow: deadline close"),
            counts["yellow"],
            _url(inbox, level="yellow"),
            "yellow",
        ),
        Tile("inbox", _("In my inbox"), counts["total"], _url(inbox)),
        Tile(
            "urgings",
            _("Urgings to answer"),
            _urgings_to_answer(user),
            _url("supervision:urgings", state=UrgingState.SENT),
            "red",
        ),
    ]


def inbox_urgent(user: User, role: Role) -> QuerySet[Case]:
    """The inbox with red first, then yellow, each by deadline."""
    return case_selectors.department_inbox(user=user, role=role)[:URGENT_ROWS]


def manager_tiles(user: User, today: datetime.date | None = None) -> list[Tile]:
    """Center manager: refusals to confirm, today's figures, red warnings of the center."""
    today = today or timezone.localdate()
    rows = fig.figures(
        start=today, end=today, group="center", scope_qs=fig.figures_scope(user), today=today
    )
    total = rows[-1]
    figures_url = _url(
        "supervision:figures", start=today.isoformat(), end=today.isoformat(), group="center"
    )
    return [
        Tile(
            "refusals",
            _("Refusals to confirm"),
            case_selectors.manager_refusals(user=user).count(),
            _url("cases:refusals"),
            "yellow",
        ),
        Tile("decided_today", _("Decided today"), total.decided, figures_url),
        Tile(
            "late_today",
            _("Decided late today"),
            total.late,
            figures_url,
            "red",
            _("Today's decisions made after the promised deadline."),
        ),
        Tile(
            "red",
            _("Red warnings now"),
            wl.warning_counts(user)["red"],
            _url("supervision:warnings", level=WarningLevel.RED),
            "red",
        ),
    ]


def supervisor_tiles(user: User) -> list[Tile]:
    """Supervisor: red and yellow cases now, urgings awaiting a reply and those overdue."""
    counts = wl.warning_counts(user)
    urgings = supervision_selectors.urgings_visible_to(user).filter(state=UrgingState.SENT)
    warnings = "supervision:warnings"
    return [
        Tile("red", _("Red warnings"), counts["red"], _url(warnings, level="red"), "red"),
        Tile(
            "yellow",
            _("Yellow warnings"),
            counts["yellow"],
            _url(warnings, level="yellow"),
            "yellow",
        ),
        Tile(
            "urgings_overdue",
            _("Urgings past their reply date"),
            urgings.filter(overdue=True).count(),
            _url("supervision:urgings", state=UrgingState.SENT, overdue="yes"),
            "red",
        ),
        Tile(
            "urgings",
            _("Urgings awaiting a reply"),
            urgings.count(),
            _url("supervision:urgings", state=UrgingState.SENT),
        ),
    ]


def supervisor_urgent(user: User) -> list[wl.WarningRow]:
    """The red cases, longest overdue first."""
    return wl.warning_rows(wl.warning_cases(user, level=WarningLevel.RED), limit=URGENT_ROWS)


def manager_urgent(user: User) -> QuerySet[Case]:
    """The refusals waiting longest for the manager's word."""
    return case_selectors.manager_refusals(user=user)[:URGENT_ROWS]
