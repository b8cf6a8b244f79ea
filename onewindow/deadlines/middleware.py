"""The working-day calendar held for the length of a request (see ``calendar.calendar_held``)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

from onewindow.deadlines.calendar import calendar_held


def calendar_per_request(
    get_response: Callable[[HttpRequest], HttpResponseBase],
) -> Callable[[HttpRequest], HttpResponseBase]:
    """An intake computes four deadlines; each used to re-read the calendar's version."""

    def middleware(request: HttpRequest) -> HttpResponseBase:
        with calendar_held():
            return get_response(request)

    return middleware
