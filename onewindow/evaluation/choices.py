"""The vocabulary of 好差评 (the national service-evaluation rules, summarised in the shared
domain notes; GB/T 39734-2020 structures the evaluation)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.IntegerChoices):
    """Five levels; 4 and 5 are 差评."""

    VERY_SATISFIED = 1, _("Very satisfied")
    SATISFIED = 2, _("Satisfied")
    BASICALLY_SATISFIED = 3, _("Basically satisfied")
    DISSATISFIED = 4, _("Dissatisfied")
    VERY_DISSATISFIED = 5, _("Very dissatisfied")


BAD_LEVELS = frozenset({Level.DISSATISFIED, Level.VERY_DISSATISFIED})


class RatingChannel(models.TextChoices):
    """Where the rating was given (the national channel list)."""

    PC = "pc", _("Website")
    MOBILE = "mobile", _("Mobile")
    QR = "qr", _("QR code")
    TABLET = "tablet", _("Rating tablet at the window")
    TERMINAL = "terminal", _("Other hall terminal")
    PHONE = "phone", _("Telephone")
    SMS = "sms", _("SMS link")
    DEFAULT = "default", _("Default (not rated in time)")


# Channels on which the applicant served in the hall rates; the others rate an online service.
HALL_CHANNELS = frozenset({RatingChannel.TABLET, RatingChannel.TERMINAL})


class Index(models.TextChoices):
    """Content indices: in person — efficiency, skill, attitude; online — guide accuracy,
    convenience, usability (and efficiency)."""

    EFFICIENCY = "efficiency", _("Efficiency")
    SKILL = "skill", _("Professional skill")
    ATTITUDE = "attitude", _("Attitude")
    GUIDE = "guide", _("Accuracy of the guide")
    CONVENIENCE = "convenience", _("Convenience")
    USABILITY = "usability", _("Ease of use")


HALL_INDICES = (Index.EFFICIENCY, Index.SKILL, Index.ATTITUDE)
ONLINE_INDICES = (Index.GUIDE, Index.CONVENIENCE, Index.USABILITY, Index.EFFICIENCY)


class Reason(models.TextChoices):
    """Reason tags of a 差评."""

    SLOW = "slow", _("Slow handling")
    ATTITUDE = "attitude", _("Poor attitude")
    GUIDE = "guide", _("The guide was inaccurate")
    TRIPS = "trips", _("Had to come more than once")
    MATERIALS = "materials", _("Too many materials asked for")
    SYSTEM = "system", _("The system was hard to use")
    FEES = "fees", _("Unexpected fees")
    OTHER = "other", _("Other")


class RatingState(models.TextChoices):
    RATED = "rated", _("Rated")


class RatingAction(models.TextChoices):
    RATE = "rate", _("Rate")
    DEFAULT = "default", _("Rate by default")


class ReviewState(models.TextChoices):
    """A 差评 on its loop: 核实 → 整改 → 答复 → 回访 → 办结 (or void after an upheld appeal)."""

    VERIFYING = "verifying", _("To be verified")
    APPEALED = "appealed", _("Appealed")
    RECTIFYING = "rectifying", _("Being rectified")
    REPLIED = "replied", _("Replied")
    REVISITED = "revisited", _("Revisited")
    CLOSED = "closed", _("Closed")
    VOID = "void", _("Void (appeal upheld)")


class ReviewAction(models.TextChoices):
    OPEN = "open", _("Open")
    CONFIRM = "confirm", _("Confirm and rectify")
    APPEAL = "appeal", _("Appeal")
    UPHOLD_APPEAL = "uphold_appeal", _("Uphold the appeal")
    DISMISS_APPEAL = "dismiss_appeal", _("Dismiss the appeal")
    REPLY = "reply", _("Reply to the applicant")
    REVISIT = "revisit", _("Record the revisit")
    CLOSE = "close", _("Close")
    MARK_OVERDUE = "mark_overdue", _("Mark overdue")


class Appeal(models.TextChoices):
    """Why the unit holds a 差评 not to be a true account of its service."""

    MISTAKEN = "mistaken", _("Mistaken (wrong unit, wrong service, misunderstanding)")
    MALICIOUS = "malicious", _("Malicious (abuse, extortion, unrelated grievance)")


class RevisitResult(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied with the rectification")
    BASICALLY = "basically", _("Basically satisfied")
    DISSATISFIED = "dissatisfied", _("Still dissatisfied")
    UNREACHABLE = "unreachable", _("Could not be reached")


class ComplaintChannel(models.TextChoices):
    WINDOW = "window", _("Complaint window")
    PORTAL = "portal", _("Online")
    HOTLINE = "hotline", _("12345 hotline")


class ComplaintAbout(models.TextChoices):
    SERVICE = "service", _("A service or case")
    STAFF = "staff", _("A staff member")
    OTHER = "other", _("Something else in the hall")


class ComplaintState(models.TextChoices):
    """GB/T 36113: 受理 → 调查 → 处置 → 反馈 → 归档 (or not accepted, with the reason)."""

    RECEIVED = "received", _("Received")
    INVESTIGATING = "investigating", _("Under investigation")
    HANDLED = "handled", _("Handled")
    ANSWERED = "answered", _("Answered")
    ARCHIVED = "archived", _("Archived")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")


class ComplaintAction(models.TextChoices):
    FILE = "file", _("File")
    ACCEPT = "accept", _("Accept and investigate")
    NOT_ACCEPT = "not_accept", _("Do not accept")
    HANDLE = "handle", _("Record the findings and the handling")
    ANSWER = "answer", _("Answer the complainant")
    ARCHIVE = "archive", _("Archive")
