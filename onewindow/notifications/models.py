"""The notification outbox: one row per message and channel, written in the caller's transaction."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onewindow.core.masking import mask_phone
from onewindow.core.models import PublicIdModel
from onewindow.notifications.choices import Event, MessageStatus
from onewindow.notifications.querysets import MessageQuerySet


class Message(PublicIdModel):
    """A message waiting in, or already sent from, the outbox.

    ``recipient_phone`` is kept in full because the SMS gateway needs it; pages, ``__str__`` and
    logs only ever show it masked. ``place`` and ``region_code`` decide who reads the message log.
    """

    event = models.CharField(_("event"), max_length=64, choices=Event.choices)
    channel = models.CharField(_("channel"), max_length=32)
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
    )
    recipient_phone = models.CharField(_("mobile phone"), max_length=32, blank=True)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("text"))
    case_number = models.CharField(_("case number"), max_length=50, blank=True)
    place = models.ForeignKey(
        "organisations.ServicePlace",
        verbose_name=_("service place"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notifications",
    )
    region_code = models.CharField(_("region code"), max_length=12, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=MessageStatus.choices, default=MessageStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [
            # The dispatcher's "due pending rows": status = pending AND next_attempt_at <= now.
            models.Index(fields=["status", "next_attempt_at"], name="notif_due_idx"),
            # The message log, newest first, per place or region subtree, and by case number.
            models.Index(fields=["place", "-created_at"], name="notif_place_idx"),
            models.Index(fields=["region_code", "-created_at"], name="notif_region_idx"),
            models.Index(fields=["case_number"], name="notif_case_idx"),
            # A staff member's inbox.
            models.Index(
                fields=["recipient_user", "channel", "-created_at"], name="notif_inbox_idx"
            ),
        ]

    def __str__(self) -> str:
        recipient = mask_phone(self.recipient_phone) or str(self.recipient_user or "")
        return f"{self.event} → {recipient} ({self.channel})"
