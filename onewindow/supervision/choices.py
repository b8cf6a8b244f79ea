"""Enumerations of electronic supervision (电子监察)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Clock(models.TextChoices):
    """The statutory clocks a case runs against, one at a time (plus the per-step limit)."""

    ACCEPTANCE = "acceptance", _("Acceptance notice (§32, 5 working days)")
    DECISION = "decision", _("Promised limit")
    STEP = "step", _("Step limit")
    DELIVERY = "delivery", _("Result served (§44, 10 working days)")
    URGING = "urging", _("Reply to an urging")


class UrgingState(models.TextChoices):
    SENT = "sent", _("Awaiting reply")
    REPLIED = "replied", _("Replied")
    CLOSED = "closed", _("Closed")


class UrgingAction(models.TextChoices):
    """What can happen to an urging (the rows of ``machines.URGING``)."""

    SEND = "send", _("Urge")
    REPLY = "reply", _("Reply")
    CLOSE = "close", _("Close the urging")
    MARK_OVERDUE = "mark_overdue", _("Mark the reply overdue")


class CardColour(models.TextChoices):
    YELLOW = "yellow", _("Yellow card")
    RED = "red", _("Red card")


class CardRuleKind(models.TextChoices):
    """What a department is carded for (黄牌 / 红牌)."""

    OVERDUE = "overdue", _("Overdue cases")
    REFUSAL_WITHOUT_REASONS = "refusal_reasons", _("Refusals without adequate reasons")
    RETURN_OUTSIDE_CHECKLIST = "outside_checklist", _("Materials asked for outside the checklist")
    IRREGULAR_FEE = "irregular_fee", _("Irregular fees")
    OTHER = "other", _("Other (issued by a supervisor)")


class CardState(models.TextChoices):
    ISSUED = "issued", _("Issued, awaiting rectification")
    RECTIFIED = "rectified", _("Rectification reported")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class CardAction(models.TextChoices):
    """What can happen to a card (the rows of ``machines.CARD``)."""

    ISSUE_BY_RULE = "issue_by_rule", _("Issue by a rule")
    ISSUE = "issue", _("Issue a card")
    REPORT = "report", _("Report the rectification")
    CLOSE = "close", _("Close the card")
    WITHDRAW = "withdraw", _("Withdraw the card")
