"""Enumerations of the notification outbox."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    """What a message is about. Apps may queue other codes too; these have labels and filters."""

    CASE_RECEIVED = "case.received", _("Application received")
    CASE_ACCEPTED = "case.accepted", _("Application accepted")
    CASE_CORRECTION = "case.correction", _("Corrections requested")
    CASE_REFUSED = "case.refused", _("Application not accepted")
    CASE_IN_REVIEW = "case.in_review", _("Under review")
    CASE_SPECIAL_PROCEDURE = "case.special_procedure", _("Special procedure")
    CASE_DECIDED = "case.decided", _("Decision made")
    CASE_READY_FOR_PICKUP = "case.ready_for_pickup", _("Result ready for pickup")
    CASE_MAILED = "case.mailed", _("Result mailed")
    CASE_COMPLETED = "case.completed", _("Case completed")
    CASE_WITHDRAWN = "case.withdrawn", _("Application withdrawn")
    CASE_RETURNED = "case.returned", _("Application returned")
    CASE_DEADLINE_MOVED = "case.deadline_moved", _("Deadline moved with the calendar")
    SUPERVISION_WARNING = "supervision.warning", _("Supervision warning")
    SUPERVISION_CARD = "supervision.card", _("Yellow or red card")
    SUPERVISION_URGING = "supervision.urging", _("Supervision urging")


class MessageStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
