"""Django admin: the calendar is read-only here.

Changes go through the calendar pages (``/calendar/``) and their services, which log the change,
refresh every process's cache and notify the deadline recomputation; an admin form would do none
of that.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.http import HttpRequest

from onewindow.deadlines.models import CalendarChange, CalendarDay, CalendarYear
from onewindow.deadlines.policies import may_keep_calendar


class ReadOnly(admin.ModelAdmin):
    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_authenticated and may_keep_calendar(request.user)

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return request.user.is_authenticated and may_keep_calendar(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(CalendarYear)
class CalendarYearAdmin(ReadOnly):
    list_display = ["year", "source", "loaded_at", "loaded_by", "note"]
    list_filter = ["source"]


@admin.register(CalendarDay)
class CalendarDayAdmin(ReadOnly):
    list_display = ["date", "kind", "name", "place", "source", "created_by"]
    list_filter = ["kind", "source"]
    date_hierarchy = "date"
    list_select_related = ["place", "created_by"]

    def get_changelist_instance(self, request: HttpRequest) -> ChangeList:
        # A year or month out of the date range (?date__year=99999…) overflows in Django's date
        # hierarchy: treat it like any other bad filter (the admin shows the list with ?e=1).
        try:
            return super().get_changelist_instance(request)
        except (OverflowError, ValueError) as exc:
            raise IncorrectLookupParameters(exc) from exc


@admin.register(CalendarChange)
class CalendarChangeAdmin(ReadOnly):
    list_display = ["created_at", "action", "first_day", "last_day", "place", "actor"]
    list_filter = ["action"]
    list_select_related = ["place", "actor"]
