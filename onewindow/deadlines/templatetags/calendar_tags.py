"""``{% calendar_warnings as warnings %}`` for pages that are not the calendar's own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import template

from onewindow.deadlines.policies import may_set_national_calendar
from onewindow.deadlines.selectors import calendar_warnings as _calendar_warnings
from onewindow.deadlines.selectors import schedule_prompt_year

if TYPE_CHECKING:
    from onewindow.accounts.models import User

register = template.Library()


@register.simple_tag
def calendar_warnings() -> list[str]:
    return _calendar_warnings()


@register.simple_tag
def schedule_prompt(user: User | None) -> int | None:
    """The year whose schedule this administrator is asked to enter (from 1 November): only a
    national or provincial one may enter it."""
    return schedule_prompt_year() if may_set_national_calendar(user) else None
