"""The queue's enumerations: ticket states and actions, visit kinds, the green channel."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TicketState(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    CALLED = "called", _("Called")
    SERVING = "serving", _("Being served")
    ON_HOLD = "on_hold", _("On hold")
    DONE = "done", _("Finished")
    NO_SHOW = "no_show", _("No-show")


FINAL_TICKET_STATES = frozenset({TicketState.DONE, TicketState.NO_SHOW})
# The states in which a ticket belongs to a window (its current visit is at that window).
AT_WINDOW_STATES = frozenset({TicketState.CALLED, TicketState.SERVING, TicketState.ON_HOLD})


class TicketAction(models.TextChoices):
    TAKE = "take", _("Take a ticket")
    CALL = "call", _("Call")
    RECALL = "recall", _("Call again")
    START = "start", _("Start service")
    HOLD = "hold", _("Put on hold")
    RESUME = "resume", _("Resume")
    TRANSFER = "transfer", _("Transfer")
    FINISH = "finish", _("Finish service")
    NO_SHOW = "no_show", _("Mark no-show")
    CLOSE_DAY = "close_day", _("Close the day")


class VisitKind(models.TextChoices):
    """One period of a ticket's life (as TheQ's periods); statistics are computed from them."""

    WAITING = "waiting", _("Waiting")
    CALLED = "called", _("Called, walking to the window")
    SERVING = "serving", _("Served")
    ON_HOLD = "on_hold", _("On hold")


class ApplicantKind(models.TextChoices):
    PERSON = "person", _("Resident ID number")
    ORGANISATION = "organisation", _("Unified social credit code")


class Priority(models.TextChoices):
    """The green channel (绿色通道): served first, oldest first among them."""

    NONE = "", _("None")
    ELDERLY = "elderly", _("Elderly")
    DISABLED = "disabled", _("Disabled")
    MILITARY = "military", _("Military or veteran")
    PREGNANT = "pregnant", _("Pregnant")


class CallKind(models.TextChoices):
    CALL = "call", _("Call")
    RECALL = "recall", _("Recall")
