"""``{% calendar_warnings as warnings %}`` for pages that are not the calendar's own."""

from __future__ import annotations

from django import template

from onewindow.deadlines.selectors import calendar_warnings as _calendar_warnings

register = template.Library()


@register.simple_tag
def calendar_warnings() -> list[str]:
    return _calendar_warnings()
