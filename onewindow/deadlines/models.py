"""The working-day calendar: loaded years, exception days, the change log and the cache version.

Only exceptions are stored. Inside a loaded year a day without a row is a working day exactly when
it is Monday to Friday; a row makes it a statutory holiday, a make-up working day (调休上班) or an
extra day off. A row with a service place overrides the national row of the same date for that
place only. Writes go through ``services.py``; ``calendar.py`` does the arithmetic.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from onewindow.core.models import TimeStampedModel
from onewindow.deadlines.choices import REVIEW_SOURCES, CalendarSource, ChangeAction, DayKind


class CalendarYear(TimeStampedModel):
    """Marks a year as loaded: its national schedule is in ``CalendarDay``.

    Deadlines falling into a year without this row cannot be computed (``CalendarNotLoaded``).
    """

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    source = models.CharField(_("source"), max_length=16, choices=CalendarSource.choices)
    loaded_at = models.DateTimeField(_("loaded at"))
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("loaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("calendar year")
        verbose_name_plural = _("calendar years")

    def __str__(self) -> str:
        return str(self.year)

    @property
    def needs_review(self) -> bool:
        return self.source in REVIEW_SOURCES


class CalendarDay(TimeStampedModel):
    """One exception to the weekday rule, national (no place) or for one service place."""

    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=16, choices=DayKind.choices)
    name = models.CharField(_("name"), max_length=60, blank=True)
    place = models.ForeignKey(
        "organisations.ServicePlace",
        verbose_name=_("service place"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calendar_days",
    )
    source = models.CharField(_("source"), max_length=16, choices=CalendarSource.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        # Two constraints because SQL treats NULLs as distinct: one national row per date, and
        # one row per date and place.
        constraints = [
            models.UniqueConstraint(
                fields=["date"], condition=Q(place__isnull=True), name="calendarday_national_unique"
            ),
            models.UniqueConstraint(
                fields=["date", "place"],
                condition=Q(place__isnull=False),
                name="calendarday_place_unique",
            ),
        ]
        indexes = [models.Index(fields=["date"], name="calendarday_date_idx")]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.name}".strip()


class CalendarChange(models.Model):
    """Who changed which days of the calendar, when and how. Written by every change service."""

    created_at = models.DateTimeField(_("changed at"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=16, choices=ChangeAction.choices)
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    place = models.ForeignKey(
        "organisations.ServicePlace",
        verbose_name=_("service place"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    description = models.TextField(_("description"))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("calendar change")
        verbose_name_plural = _("calendar changes")

    def __str__(self) -> str:
        return f"{self.first_day}–{self.last_day} {self.get_action_display()}"


class CalendarState(models.Model):
    """A single row whose token changes with every calendar change.

    Each process keeps the exception sets in memory under the token it loaded them with and
    compares it with this row (one primary-key read) before reusing them. The token is random
    rather than a counter so that a change rolled back in one process can never be confused
    with a later change committed by another process under the same number.
    """

    SINGLETON = 1

    version = models.PositiveIntegerField(_("version"), default=0)
    token = models.UUIDField(_("token"), default=uuid.uuid4)
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("calendar version")
        verbose_name_plural = _("calendar versions")

    def __str__(self) -> str:
        return str(self.version)
