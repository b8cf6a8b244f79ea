"""The hall's queue: business categories, window sessions, tickets, their periods, call events.

A day's queue is nothing but these rows: a restarted server reads the same queue (no in-memory
state), and the display boards catch up from ``CallEvent`` by its id.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from onewindow.core.masking import mask_id_number
from onewindow.core.models import PublicIdModel, TimeStampedModel
from onewindow.organisations.choices import BusinessCategory
from onewindow.queue.choices import (
    ApplicantKind,
    CallKind,
    Priority,
    TicketState,
    VisitKind,
)


def new_token() -> str:
    """The my-ticket page's address: 128 random bits, unguessable, unrelated to the number."""
    return secrets.token_urlsafe(16)


class Category(TimeStampedModel):
    """A business category of one center's queue (综合窗口的业务分类), with its ticket letter."""

    place = models.ForeignKey(
        "organisations.ServicePlace",
        verbose_name=_("service place"),
        on_delete=models.CASCADE,
        related_name="queue_categories",
    )
    letter = models.CharField(_("letter"), max_length=1)
    name = models.CharField(_("name"), max_length=64)
    business = models.CharField(
        _("business category"), max_length=24, choices=BusinessCategory.choices, blank=True
    )
    # Which windows call this category's tickets, and which items a ticket of it may name.
    windows = models.ManyToManyField(
        "organisations.Window", verbose_name=_("windows"), related_name="queue_categories"
    )
    entries = models.ManyToManyField(
        "catalog.Entry", verbose_name=_("items"), related_name="queue_categories", blank=True
    )
    # The service time assumed for the estimated wait before any service has been measured today.
    minutes = models.PositiveSmallIntegerField(_("typical service minutes"), default=6)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["place", "position", "letter"]
        verbose_name = _("queue category")
        verbose_name_plural = _("queue categories")
        constraints = [
            models.UniqueConstraint(fields=["place", "letter"], name="queue_category_letter"),
            models.CheckConstraint(
                condition=Q(letter__regex=r"^[A-Z]$"), name="queue_category_letter_az"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.letter} {self.name}"


class WindowSession(TimeStampedModel):
    """A clerk logged in to a window for one day: calls are made only through an open session."""

    window = models.ForeignKey(
        "organisations.Window",
        verbose_name=_("window"),
        on_delete=models.PROTECT,
        related_name="queue_sessions",
    )
    clerk = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("clerk"),
        on_delete=models.PROTECT,
        related_name="queue_sessions",
    )
    day = models.DateField(_("day"))
    started_at = models.DateTimeField(_("logged in at"))
    ended_at = models.DateTimeField(_("logged out at"), null=True, blank=True)
    break_since = models.DateTimeField(_("on a break since"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("window session")
        verbose_name_plural = _("window sessions")
        constraints = [
            # One clerk per window and one window per clerk at a time.
            models.UniqueConstraint(
                fields=["window"], condition=Q(ended_at__isnull=True), name="queue_session_window"
            ),
            models.UniqueConstraint(
                fields=["clerk"], condition=Q(ended_at__isnull=True), name="queue_session_clerk"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.window} {self.day}"

    @property
    def is_open(self) -> bool:
        return self.ended_at is None


class SessionBreak(models.Model):
    """A break of a window session (a period the window calls nobody)."""

    session = models.ForeignKey(
        WindowSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="breaks"
    )
    started_at = models.DateTimeField(_("started at"))
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    class Meta:
        ordering = ["started_at"]
        verbose_name = _("break")
        verbose_name_plural = _("breaks")

    def __str__(self) -> str:
        return f"{self.session_id} {self.started_at}"


class TicketCounter(models.Model):
    """The last serial used per category and day; incremented under its row lock."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="counters")
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["category", "day"], name="queue_counter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.category_id} {self.day} {self.last}"


class Ticket(PublicIdModel):
    """One walk-in's place in the queue of one day."""

    place = models.ForeignKey(
        "organisations.ServicePlace",
        verbose_name=_("service place"),
        on_delete=models.PROTECT,
        related_name="queue_tickets",
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="tickets"
    )
    day = models.DateField(_("day"))
    serial = models.PositiveIntegerField(_("serial"))
    number = models.CharField(_("ticket number"), max_length=8)
    token = models.CharField(_("token"), max_length=32, unique=True, default=new_token)
    state = models.CharField(
        _("state"), max_length=12, choices=TicketState.choices, default=TicketState.WAITING
    )
    revision = models.PositiveIntegerField(_("revision"), default=0)
    applicant_kind = models.CharField(
        _("applicant kind"), max_length=12, choices=ApplicantKind.choices
    )
    # The resident ID number or USCC typed at the kiosk: shown masked, never put in a URL.
    id_number = models.CharField(_("ID number"), max_length=18)
    entry = models.ForeignKey(
        "catalog.Entry",
        verbose_name=_("item"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="queue_tickets",
    )
    priority = models.CharField(
        _("green channel"), max_length=12, choices=Priority.choices, blank=True, default=""
    )
    taken_at = models.DateTimeField(_("taken at"))
    # Its place in the line: the time it was taken (kept by a transfer, so a transferred visitor
    # does not start over at the end).
    queued_at = models.DateTimeField(_("queued at"))
    # A transfer to one window: only that window calls it.
    target_window = models.ForeignKey(
        "organisations.Window",
        verbose_name=_("transferred to window"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The window it is at (called, served or held there) or was last at.
    window = models.ForeignKey(
        "organisations.Window",
        verbose_name=_("window"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="queue_tickets",
    )
    clerk = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("clerk"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    called_at = models.DateTimeField(_("called at"), null=True, blank=True)
    calls = models.PositiveSmallIntegerField(_("times called"), default=0)
    note = models.CharField(_("note"), max_length=200, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    class Meta:
        ordering = ["day", "queued_at", "id"]
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")
        constraints = [
            # The number (letter + serial of the category it was taken for) is unique in its
            # hall and day; a transfer changes the category, never the number.
            models.UniqueConstraint(
                fields=["place", "day", "number"], name="queue_ticket_number_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["place", "day", "state"], name="queue_ticket_line"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def masked_id(self) -> str:
        return mask_id_number(self.id_number)


class Visit(models.Model):
    """One period of a ticket: waiting, called, served or on hold, at which window, by whom."""

    ticket = models.ForeignKey(
        Ticket, verbose_name=_("ticket"), on_delete=models.CASCADE, related_name="visits"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=VisitKind.choices)
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    window = models.ForeignKey(
        "organisations.Window",
        verbose_name=_("window"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    clerk = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("clerk"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    started_at = models.DateTimeField(_("started at"))
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    # How the period ended (the action that closed it).
    ended_by = models.CharField(_("ended by"), max_length=12, blank=True)

    class Meta:
        ordering = ["started_at", "id"]
        verbose_name = _("visit period")
        verbose_name_plural = _("visit periods")
        constraints = [
            # A ticket is in exactly one open period until it ends.
            models.UniqueConstraint(
                fields=["ticket"], condition=Q(ended_at__isnull=True), name="queue_visit_open"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ticket_id} {self.kind}"


class CallEvent(models.Model):
    """A call shown on the hall's boards; its id is the SSE event id a board catches up from."""

    place = models.ForeignKey(
        "organisations.ServicePlace", on_delete=models.CASCADE, related_name="queue_calls"
    )
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="call_events")
    kind = models.CharField(max_length=8, choices=CallKind.choices)
    number = models.CharField(max_length=8)
    window_number = models.CharField(max_length=8)
    window_name = models.CharField(max_length=100)
    at = models.DateTimeField()

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["place", "id"], name="queue_call_place")]

    def __str__(self) -> str:
        return f"{self.number} → {self.window_number}"


class TicketCase(models.Model):
    """The case a ticket started (a ticket may start several; a case has at most one ticket).

    The link lives in the queue, above cases (decision 0008): a case knows nothing of tickets,
    the reports join through this table.
    """

    ticket = models.ForeignKey(Ticket, on_delete=models.PROTECT, related_name="case_links")
    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, related_name="queue_ticket_link"
    )
    at = models.DateTimeField()

    class Meta:
        verbose_name = _("case of a ticket")
        verbose_name_plural = _("cases of tickets")

    def __str__(self) -> str:
        return f"{self.ticket_id} {self.case_id}"
