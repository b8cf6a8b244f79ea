"""好差评: one rating per service, and the 差评 loop that follows a bad one."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from onewindow.core.models import PublicIdModel
from onewindow.evaluation.choices import (
    BAD_LEVELS,
    Appeal,
    ComplaintAbout,
    ComplaintChannel,
    ComplaintState,
    Level,
    RatingChannel,
    RatingState,
    ReviewState,
    RevisitResult,
)


class Rating(PublicIdModel):
    """The applicant's verdict on one service. Never changed once given: the engine creates it
    and no action edits it (a unit that disagrees appeals; it does not edit)."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="ratings"
    )
    # The unit that served: the place that received the case, its department and clerk.
    place = models.ForeignKey(
        "organisations.ServicePlace", on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        "organisations.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    window = models.ForeignKey(
        "organisations.Window", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    clerk = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("clerk"),
    )
    region_code = models.CharField(_("region"), max_length=12, db_index=True)

    state = models.CharField(
        _("state"), max_length=12, choices=RatingState.choices, default=RatingState.RATED
    )
    revision = models.PositiveIntegerField(_("revision"), default=0)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    channel = models.CharField(_("channel"), max_length=10, choices=RatingChannel.choices)
    # Content index → level (1–5) on the channel's indices.
    indices = models.JSONField(_("content indices"), default=dict, blank=True)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    is_default = models.BooleanField(_("default rating"), default=False)
    # Real-name: the applicant is known (signed in, or the case's own SMS link); anonymous
    # ratings are kept apart in the figures.
    real_name = models.BooleanField(_("real-name"), default=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    rated_at = models.DateTimeField(_("rated at"), db_index=True)

    class Meta:
        ordering = ["-rated_at", "-id"]
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            # One rating per service.
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(case__isnull=False), name="rating_one_per_case"
            ),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=5), name="rating_level_1_to_5"
            ),
        ]
        indexes = [models.Index(fields=["place", "rated_at"], name="rating_place_idx")]

    def __str__(self) -> str:
        return f"{self.get_level_display()} ({self.public_id})"

    @property
    def is_bad(self) -> bool:
        return self.level in BAD_LEVELS


class Review(PublicIdModel):
    """The 差评 loop of one bad rating: the unit that served verifies it (or appeals), rectifies
    within its working days, replies to the applicant and revisits; a supervisor closes it."""

    rating = models.OneToOneField(Rating, on_delete=models.PROTECT, related_name="review")
    state = models.CharField(
        _("state"), max_length=12, choices=ReviewState.choices, default=ReviewState.VERIFYING
    )
    revision = models.PositiveIntegerField(_("revision"), default=0)
    # Copied from the rating: the lists filter on them.
    place = models.ForeignKey(
        "organisations.ServicePlace", on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        "organisations.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    region_code = models.CharField(_("region"), max_length=12, db_index=True)
    due_date = models.DateField(_("rectify by"))
    overdue = models.BooleanField(_("overdue"), default=False)

    finding = models.TextField(_("verification"), blank=True)
    appeal_kind = models.CharField(_("appeal"), max_length=10, choices=Appeal.choices, blank=True)
    appeal_reason = models.TextField(_("appeal reason and evidence"), blank=True)
    appeal_decision = models.TextField(_("decision on the appeal"), blank=True)
    rectification = models.TextField(_("rectification"), blank=True)
    reply = models.TextField(_("reply to the applicant"), blank=True)
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    revisit_result = models.CharField(
        _("revisit result"), max_length=12, choices=RevisitResult.choices, blank=True
    )
    revisit_note = models.TextField(_("revisit note"), blank=True)
    closing_note = models.TextField(_("closing note"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["due_date", "-id"]
        verbose_name = _("bad rating follow-up")
        verbose_name_plural = _("bad rating follow-ups")
        indexes = [models.Index(fields=["state", "due_date"], name="review_state_due_idx")]

    def __str__(self) -> str:
        return f"{self.get_state_display()} ({self.public_id})"


class Complaint(PublicIdModel):
    """投诉 (GB/T 36113): about a service, a staff member or the hall, handled by the center's
    manager — never by the staff member complained about, who does not see it at all."""

    state = models.CharField(
        _("state"),
        max_length=14,
        choices=ComplaintState.choices,
        default=ComplaintState.RECEIVED,
    )
    revision = models.PositiveIntegerField(_("revision"), default=0)
    channel = models.CharField(_("channel"), max_length=8, choices=ComplaintChannel.choices)
    about = models.CharField(_("about"), max_length=8, choices=ComplaintAbout.choices)
    place = models.ForeignKey(
        "organisations.ServicePlace", on_delete=models.PROTECT, related_name="+"
    )
    region_code = models.CharField(_("region"), max_length=12, db_index=True)
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    staff_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("staff member complained about"),
    )
    # The complainant: real name and a number to answer; shown masked to the handlers.
    complainant_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    complainant_name = models.CharField(_("complainant"), max_length=50)
    complainant_phone = models.CharField(_("phone"), max_length=20)
    content = models.TextField(_("complaint"))
    evidence = models.TextField(_("evidence"), blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    filed_at = models.DateTimeField(_("filed at"))
    due_date = models.DateField(_("answer by"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    investigation = models.TextField(_("investigation"), blank=True)
    handling = models.TextField(_("handling"), blank=True)
    answer = models.TextField(_("answer to the complainant"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    not_accepted_reason = models.TextField(_("reason for not accepting"), blank=True)

    class Meta:
        ordering = ["due_date", "-id"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")

    def __str__(self) -> str:
        return f"{self.get_state_display()} ({self.public_id})"
