"""Cases (办件): an application from receipt through review and decision to delivery.

A case changes state only through ``cases.services.engine.case_transition``, which writes a
``CaseEvent`` for every change. Materials, special procedures and formal documents hang off the
case; a joint application ("一件事") is a parent case whose parts are ordinary cases.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from onewindow.cases.choices import (
    Action,
    CaseKind,
    CaseState,
    Channel,
    DeliveryMethod,
    MaterialStatus,
    Outcome,
    ProcedureKind,
    WarningLevel,
)
from onewindow.cases.querysets import CaseQuerySet
from onewindow.catalog.choices import LimitUnit
from onewindow.core.models import PublicIdModel, TimeStampedModel
from onewindow.documents.choices import DocumentKind

if TYPE_CHECKING:
    from onewindow.catalog.models import EntryVersion


class JointService(TimeStampedModel):
    """An "一件事": several items applied for together, in stages (one stage runs in parallel)."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    region = models.ForeignKey(
        "organisations.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="joint_services",
    )
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("joint service")
        verbose_name_plural = _("joint services")

    def __str__(self) -> str:
        return self.name


class JointServiceItem(models.Model):
    joint = models.ForeignKey(JointService, on_delete=models.CASCADE, related_name="items")
    entry = models.ForeignKey(
        "catalog.Entry", verbose_name=_("entry"), on_delete=models.PROTECT, related_name="+"
    )
    stage = models.PositiveSmallIntegerField(_("stage"), default=1)

    class Meta:
        ordering = ["joint", "stage", "id"]
        constraints = [
            models.UniqueConstraint(fields=["joint", "entry"], name="joint_item_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.stage} · {self.entry}"


class Case(PublicIdModel):
    """One application. Personal data is reached through the applicant registry rows."""

    number = models.CharField(_("case number"), max_length=50, unique=True)
    kind = models.CharField(
        _("kind"), max_length=8, choices=CaseKind.choices, default=CaseKind.SINGLE
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("joint application"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="parts",
    )
    stage = models.PositiveSmallIntegerField(_("stage"), default=1)
    joint = models.ForeignKey(
        JointService,
        verbose_name=_("joint service"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    entry = models.ForeignKey(
        "catalog.Entry",
        verbose_name=_("service item"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    # The guide the application was filed under: the checklist and limits never move under it.
    version = models.ForeignKey(
        "catalog.EntryVersion",
        verbose_name=_("guide version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    title = models.CharField(_("title"), max_length=200)
    department = models.ForeignKey(
        "organisations.Department",
        verbose_name=_("implementing body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    # Where the application was received, and the center of the competent body (differs for 通办).
    place = models.ForeignKey(
        "organisations.ServicePlace",
        verbose_name=_("received at"),
        on_delete=models.PROTECT,
        related_name="received_cases",
    )
    home_place = models.ForeignKey(
        "organisations.ServicePlace",
        verbose_name=_("competent center"),
        on_delete=models.PROTECT,
        related_name="home_cases",
    )
    window = models.ForeignKey(
        "organisations.Window",
        verbose_name=_("window"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
    )
    region_code = models.CharField(_("region code"), max_length=12, db_index=True)
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)

    applicant_person = models.ForeignKey(
        "registries.NaturalPerson",
        verbose_name=_("applicant (person)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    applicant_org = models.ForeignKey(
        "registries.LegalPerson",
        verbose_name=_("applicant (organisation)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    agent = models.ForeignKey(
        "registries.NaturalPerson",
        verbose_name=_("agent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agent_cases",
    )
    applicant_name = models.CharField(_("applicant"), max_length=200)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submitted_cases",
    )
    # An online form's one-time key: a second POST of the same form finds the same draft.
    submission_key = models.UUIDField(_("submission key"), null=True, blank=True, unique=True)

    answers = models.JSONField(_("situation answers"), default=list, blank=True)
    form_data = models.JSONField(_("application form"), default=dict, blank=True)

    state = models.CharField(
        _("state"), max_length=16, choices=CaseState.choices, default=CaseState.DRAFT
    )
    # Bumped by every transition: a form posted against an older revision is refused.
    revision = models.PositiveIntegerField(_("revision"), default=0)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    step_index = models.PositiveSmallIntegerField(_("current step"), default=0)
    deferred = models.BooleanField(_("accepted with materials to follow"), default=False)
    commitment = models.BooleanField(_("approved on commitment"), default=False)
    commitment_check_due = models.DateField(_("commitment check due"), null=True, blank=True)
    auto_accepted = models.BooleanField(_("accepted by law (§32)"), default=False)

    promised_days = models.PositiveIntegerField(_("promised limit"), default=0)
    limit_unit = models.CharField(
        _("limit unit"), max_length=10, choices=LimitUnit.choices, default=LimitUnit.WORKING_DAYS
    )
    extension_days = models.PositiveIntegerField(_("extension (days)"), default=0)
    due_date = models.DateField(_("promised deadline"), null=True, blank=True, db_index=True)
    acceptance_due = models.DateField(_("acceptance notice due (§32)"), null=True, blank=True)
    # 行政许可法 §44: the result is issued or served within ten working days of the decision.
    delivery_due = models.DateField(_("result due (§44)"), null=True, blank=True)
    warning_level = models.CharField(
        _("warning"), max_length=8, choices=WarningLevel.choices, default=WarningLevel.NORMAL
    )
    # The day the warning level may next change: the supervision sweep reads only cases due for
    # a look, so its cost follows the changes, not the number of open cases.
    next_level_change = models.DateField(_("next warning check"), null=True, blank=True)

    # Kept at the decision so period figures are sums in SQL, not calendar walks per case.
    # Days between acceptance and decision in the limit's unit, paused days left out.
    days_used = models.PositiveIntegerField(_("days used"), null=True, blank=True)
    paused_days = models.PositiveIntegerField(_("working days paused"), default=0)
    decided_on_spot = models.BooleanField(_("decided on the spot (即办)"), default=False)

    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    delivery_method = models.CharField(
        _("delivery"),
        max_length=12,
        choices=DeliveryMethod.choices,
        default=DeliveryMethod.PICKUP,
    )
    delivery_address = models.CharField(_("mailing address"), max_length=200, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=40, blank=True)
    pickup_code = models.CharField(_("pickup code"), max_length=8, blank=True)

    result_name = models.CharField(_("result"), max_length=200, blank=True)
    result_number = models.CharField(_("licence or document number"), max_length=64, blank=True)
    decision_reason = models.TextField(_("reasons of the decision"), blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["department", "state"]),
            models.Index(fields=["place", "state"]),
            models.Index(fields=["home_place", "state"]),
            models.Index(fields=["state", "acceptance_due"]),
            models.Index(fields=["next_level_change"], name="case_next_level_idx"),
            models.Index(fields=["warning_level", "department"], name="case_warning_idx"),
            models.Index(fields=["applicant_person", "state"]),
            models.Index(fields=["applicant_org", "state"]),
            models.Index(fields=["department", "decided_at"], name="case_dept_decided_idx"),
            models.Index(fields=["department", "due_date"], name="case_dept_due_idx"),
        ]
        constraints = [
            # A licence number names one licence: numbers come from ``DocumentCounter``.
            models.UniqueConstraint(
                fields=["result_number"],
                condition=~models.Q(result_number=""),
                name="case_result_number_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def short_number(self) -> str:
        """The case number as tables show it: see ``short_case_number``."""
        return short_case_number(self.number)

    @property
    def is_joint(self) -> bool:
        return self.kind == CaseKind.JOINT

    @property
    def filed_version(self) -> EntryVersion:
        """The guide version of a case that has one: every case but a joint parent."""
        if self.version is None:
            raise ValueError(f"case {self.number} has no guide version (a joint parent?)")
        return self.version

    @property
    def id_number(self) -> str:
        """The applicant's identity number (ID or USCC): for matching, never for display."""
        if self.applicant_person is not None:
            return self.applicant_person.id_number
        if self.applicant_org is not None:
            return self.applicant_org.uscc
        return ""


# A case number is the entry's code (up to 36 characters), the receipt day and a serial of six
# digits (``services.numbering.next_number``). Tables show the day and the serial only; the item
# column beside it says which entry, the title attribute and the case page hold the whole number.
SHORT_NUMBER_DIGITS = 14


def short_case_number(number: str) -> str:
    """``…20261202-000042`` for a number ending in a day and a serial; anything else (an old or
    imported number) whole, so nothing is hidden that the reader cannot recognise."""
    tail = number[-SHORT_NUMBER_DIGITS:]
    if len(number) <= SHORT_NUMBER_DIGITS + 1 or not tail.isdigit():
        return number
    return f"…{tail[:8]}-{tail[8:]}"


def number_search_text(text: str) -> str:
    """What a typed or pasted part of a case number is matched as: without the marks the short
    form adds and without spaces, in upper case (entry codes end in letters such as X or Y)."""
    return "".join(ch for ch in text if ch not in "…-· \t").upper()


class CaseCounter(models.Model):
    """The last sequence number used per numbering prefix and day."""

    prefix = models.CharField(max_length=40)
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "day"], name="case_counter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.prefix} {self.day} {self.last}"


class DocumentCounter(models.Model):
    """The last serial used per document-number prefix and year (licence numbers…).

    Incremented under the row's lock (``services.numbering``), so concurrent decisions never
    share a number; the numbered fields have unique constraints as well.
    """

    prefix = models.CharField(max_length=40)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="document_counter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.prefix} {self.year} {self.last}"


def material_upload_to(instance: CaseMaterial, filename: str) -> str:
    return f"cases/{instance.case.public_id}/{filename}"


class CaseMaterial(TimeStampedModel):
    """One line of the checklist as it applied to this case, with what was handed in."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="materials")
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("material"), max_length=200)
    kind = models.CharField(_("original or copy"), max_length=12)
    necessity = models.CharField(_("necessity"), max_length=1)
    form = models.CharField(_("form"), max_length=12, blank=True)
    copies_required = models.PositiveSmallIntegerField(_("copies required"), default=1)
    copies_received = models.PositiveSmallIntegerField(_("copies received"), default=0)
    original_seen = models.BooleanField(_("original checked"), default=False)
    status = models.CharField(
        _("status"), max_length=14, choices=MaterialStatus.choices, default=MaterialStatus.MISSING
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    file = models.FileField(_("scanned file"), upload_to=material_upload_to, blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    due_date = models.DateField(_("supply by"), null=True, blank=True)
    supplied_at = models.DateTimeField(_("supplied at"), null=True, blank=True)

    class Meta:
        ordering = ["case", "position"]
        verbose_name = _("case material")
        verbose_name_plural = _("case materials")
        constraints = [
            models.UniqueConstraint(fields=["case", "position"], name="case_material_unique"),
        ]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self) -> str:
        return self.name


class CaseEvent(models.Model):
    """The transition record: who did what to the case, when, with which opinion."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=24, choices=Action.choices)
    from_state = models.CharField(_("from"), max_length=16, choices=CaseState.choices, blank=True)
    to_state = models.CharField(_("to"), max_length=16, choices=CaseState.choices)
    at = models.DateTimeField(_("time"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="case_events",
    )
    actor_name = models.CharField(_("by"), max_length=100, blank=True)
    actor_role = models.CharField(_("as"), max_length=16, blank=True)
    department = models.ForeignKey(
        "organisations.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    place = models.ForeignKey(
        "organisations.ServicePlace",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    step_name = models.CharField(_("step"), max_length=100, blank=True)
    opinion = models.TextField(_("opinion"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["case", "at", "id"]
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        indexes = [models.Index(fields=["action", "at"])]

    def __str__(self) -> str:
        return f"{self.case_id} {self.action}"


class CaseStep(models.Model):
    """A back-office step of one case (审查, 决定 …) with its own limit: the per-step clock."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="steps")
    index = models.PositiveSmallIntegerField(_("step"))
    name = models.CharField(_("name"), max_length=100)
    role = models.CharField(_("role"), max_length=16)
    limit_days = models.PositiveIntegerField(_("step limit"), default=0)
    started_at = models.DateTimeField(_("started at"))
    due_date = models.DateField(_("step deadline"), null=True, blank=True)
    warning_level = models.CharField(
        _("warning"), max_length=8, choices=WarningLevel.choices, default=WarningLevel.NORMAL
    )
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=24, choices=Action.choices, blank=True)
    opinion = models.TextField(_("opinion"), blank=True)

    class Meta:
        ordering = ["case", "started_at", "id"]
        verbose_name = _("case step")
        verbose_name_plural = _("case steps")

    def __str__(self) -> str:
        return self.name


class SpecialProcedure(TimeStampedModel):
    """特别程序: a §45 procedure (its days are not counted) or a §42 extension (adds days)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="procedures")
    kind = models.CharField(_("kind"), max_length=16, choices=ProcedureKind.choices)
    reason = models.TextField(_("reason"))
    basis = models.CharField(_("legal basis"), max_length=300)
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    expected_end = models.DateField(_("expected end"), null=True, blank=True)
    extension_days = models.PositiveIntegerField(_("extension (days)"), default=0)
    result = models.CharField(_("result"), max_length=300, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["case", "started_on", "id"]
        verbose_name = _("special procedure")
        verbose_name_plural = _("special procedures")

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def pauses_clock(self) -> bool:
        return self.kind != ProcedureKind.EXTENSION


class CaseDocument(TimeStampedModel):
    """A formal document issued in the case; ``data`` is the snapshot it is rendered from."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=32, choices=DocumentKind.choices)
    number = models.CharField(_("document number"), max_length=64)
    title = models.CharField(_("title"), max_length=100)
    data = models.JSONField(_("content"))
    event = models.ForeignKey(
        CaseEvent, on_delete=models.SET_NULL, null=True, blank=True, related_name="documents"
    )

    class Meta:
        ordering = ["case", "created_at", "id"]
        constraints = [
            # ``<case number>-<ordinal>``, numbered under the case's row lock.
            models.UniqueConstraint(fields=["number"], name="case_document_number_unique"),
        ]
        verbose_name = _("case document")
        verbose_name_plural = _("case documents")

    def __str__(self) -> str:
        return f"{self.title} {self.number}"


class CaseFee(TimeStampedModel):
    """A fee charged in the case, checked against the guide's published fees (收费公示)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="fees")
    name = models.CharField(_("fee"), max_length=200)
    amount = models.DecimalField(_("amount (yuan)"), max_digits=10, decimal_places=2)
    receipt_number = models.CharField(_("receipt number"), max_length=64, blank=True)
    charged_at = models.DateTimeField(_("charged at"), db_index=True)
    charged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Why the fee breaks the published list (empty when it matches): read by the card rules.
    irregularity = models.CharField(_("irregularity"), max_length=300, blank=True)

    class Meta:
        ordering = ["case", "charged_at", "id"]
        verbose_name = _("case fee")
        verbose_name_plural = _("case fees")

    def __str__(self) -> str:
        return f"{self.name} {self.amount}"
