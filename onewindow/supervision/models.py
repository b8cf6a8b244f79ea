"""Electronic supervision: warning records, urgings (督办) and cards (黄牌/红牌) to departments.

Records are written by the sweep (``sweep.py``); urgings and cards change only through their
workflow machines (``machines.py``), applied by their services (``urging.py``, ``cards.py``).
Every supervision action is also appended to the audit chain.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from onewindow.core.models import PublicIdModel, TimeStampedModel
from onewindow.supervision.choices import CardColour, CardRuleKind, CardState, Clock, UrgingState

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


def _who(label: StrPromise) -> models.ForeignKey:
    """Who answered or closed an urging or a card (empty until then)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=label,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )


def _when(label: StrPromise) -> models.DateTimeField:
    return models.DateTimeField(label, null=True, blank=True)


def _revision() -> models.PositiveIntegerField:
    # Bumped by every transition of ``onewindow.workflow``: a form posted against an older
    # revision is refused. The creating transition leaves a new row at 1, so existing rows
    # (which were all created) start at 1 as well.
    return models.PositiveIntegerField(_("revision"), default=1)


class SupervisionRecord(models.Model):
    """电子监察 record: a warning on a case (rule, type, content, responsible unit, result)."""

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="supervision"
    )
    step = models.ForeignKey(
        "cases.CaseStep",
        verbose_name=_("step"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    clock = models.CharField(
        _("clock"), max_length=12, choices=Clock.choices, default=Clock.DECISION
    )
    rule = models.CharField(_("rule"), max_length=32)
    level = models.CharField(_("warning"), max_length=8)
    content = models.CharField(_("content"), max_length=300)
    department = models.ForeignKey(
        "organisations.Department",
        verbose_name=_("responsible department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supervision_records",
    )
    place = models.ForeignKey(
        "organisations.ServicePlace",
        verbose_name=_("service place"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible staff"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    due_date = models.DateField(_("deadline"), null=True, blank=True)
    raised_on = models.DateField(_("raised on"))
    result = models.CharField(_("result"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-raised_on", "-id"]
        verbose_name = _("supervision record")
        verbose_name_plural = _("supervision records")
        indexes = [
            models.Index(fields=["level", "raised_on"], name="suprecord_level_idx"),
            models.Index(fields=["department", "raised_on"], name="suprecord_dept_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.clock} {self.level}"


class Urging(PublicIdModel):
    """督办: a supervisor urges the responsible department on a case and wants a reply by a day."""

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="urgings"
    )
    record = models.ForeignKey(
        SupervisionRecord,
        verbose_name=_("warning"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="urgings",
    )
    department = models.ForeignKey(
        "organisations.Department",
        verbose_name=_("urged department"),
        on_delete=models.PROTECT,
        related_name="urgings",
    )
    message = models.TextField(_("urging"))
    reply_due = models.DateField(_("reply due"))
    state = models.CharField(
        _("state"), max_length=8, choices=UrgingState.choices, default=UrgingState.SENT
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent at"))
    reply = models.TextField(_("reply"), blank=True)
    replied_by = _who(_("replied by"))
    replied_at = _when(_("replied at"))
    # Set when the reply day passed without a reply (the sweep), kept after a late reply.
    overdue = models.BooleanField(_("reply overdue"), default=False)
    result = models.TextField(_("result"), blank=True)
    closed_by = _who(_("closed by"))
    closed_at = _when(_("closed at"))
    revision = _revision()

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("urging")
        verbose_name_plural = _("urgings")
        indexes = [
            models.Index(fields=["state", "reply_due"], name="urging_due_idx"),
            models.Index(fields=["department", "state"], name="urging_dept_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.get_state_display()}"


class CardRule(TimeStampedModel):
    """A configurable rule: this many findings of a kind in a calendar month earn this card."""

    kind = models.CharField(_("finding"), max_length=20, choices=CardRuleKind.choices)
    colour = models.CharField(_("card"), max_length=8, choices=CardColour.choices)
    threshold = models.PositiveSmallIntegerField(_("findings per month"), default=1)
    # Refusal rule only: reasons shorter than this do not tell the applicant why.
    min_reason_chars = models.PositiveSmallIntegerField(_("minimum reason length"), default=15)
    is_active = models.BooleanField(_("active"), default=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["kind", "colour"]
        verbose_name = _("card rule")
        verbose_name_plural = _("card rules")
        constraints = [
            models.UniqueConstraint(fields=["kind", "colour"], name="cardrule_kind_colour_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ≥ {self.threshold} → {self.get_colour_display()}"


class Card(PublicIdModel):
    """A yellow or red card to a department, by a rule over a month or by a supervisor."""

    department = models.ForeignKey(
        "organisations.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="cards",
    )
    rule = models.ForeignKey(
        CardRule,
        verbose_name=_("rule"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cards",
    )
    kind = models.CharField(_("finding"), max_length=20, choices=CardRuleKind.choices)
    colour = models.CharField(_("card"), max_length=8, choices=CardColour.choices)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    count = models.PositiveIntegerField(_("findings"), default=0)
    cases = models.ManyToManyField(
        "cases.Case", verbose_name=_("cases"), blank=True, related_name="cards"
    )
    reason = models.TextField(_("reason"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("issued at"))
    state = models.CharField(
        _("state"), max_length=10, choices=CardState.choices, default=CardState.ISSUED
    )
    response = models.TextField(_("rectification"), blank=True)
    responded_by = _who(_("reported by"))
    responded_at = _when(_("reported at"))
    closing_note = models.TextField(_("closing note"), blank=True)
    closed_by = _who(_("closed by"))
    closed_at = _when(_("closed at"))
    revision = _revision()

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("card")
        verbose_name_plural = _("cards")
        constraints = [
            # A rule cards a department once per month; supervisors' own cards are not limited.
            models.UniqueConstraint(
                fields=["department", "rule", "period_start"],
                condition=Q(rule__isnull=False),
                name="card_rule_month_unique",
            ),
        ]
        indexes = [models.Index(fields=["department", "state"], name="card_dept_idx")]

    def __str__(self) -> str:
        return f"{self.get_colour_display()} {self.department_id} {self.period_start}"
