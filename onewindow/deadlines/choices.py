"""Enumerations of the working-day calendar."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DayKind(models.TextChoices):
    """What an exception row says about its day. A day without a row follows the weekday rule."""

    HOLIDAY = "holiday", _("Statutory holiday")
    WORKDAY = "workday", _("Make-up working day")
    CLOSED = "closed", _("Extra day off")


# Kinds on which the hall is closed, whatever the weekday.
OFF_KINDS = frozenset({DayKind.HOLIDAY.value, DayKind.CLOSED.value})


class CalendarSource(models.TextChoices):
    LIBRARY = "library", _("Library (official schedule)")
    PROVISIONAL = "provisional", _("Library, provisional (no make-up working days)")
    ADMIN = "admin", _("Entered by an administrator")


# Sources an administrator has to check against the State Council notice.
REVIEW_SOURCES = frozenset({CalendarSource.PROVISIONAL.value})


class ChangeAction(models.TextChoices):
    SEED = "seed", _("Loaded from the library")
    SCHEDULE = "schedule", _("Year's schedule entered")
    DAY = "day", _("Day changed")
    CONFIRM = "confirm", _("Year confirmed as reviewed")


class Unit(models.TextChoices):
    """Same values as the catalog's time-limit units (``catalog.choices.LimitUnit``)."""

    WORKING = "working", _("working days")
    CALENDAR = "calendar", _("calendar days")


class Reason(models.TextChoices):
    """Why a day was or was not counted, for "why is my deadline this day?"."""

    START = "start", _("Start day (not counted)")
    WORKDAY = "workday", _("Working day")
    WEEKEND = "weekend", _("Weekend")
    HOLIDAY = "holiday", _("Statutory holiday")
    MAKEUP = "makeup", _("Make-up working day")
    CLOSED = "closed", _("Extra day off")
    PAUSED = "paused", _("Clock paused")
    CALENDAR_DAY = "calendar_day", _("Calendar day")
    # 民法典 §203: the last day of a period falling on a day off moves to the next working day.
    ROLLED = "rolled", _("Last day was a day off: moved to the next working day")
