"""Abstract base models shared by every domain app."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Adds ``created_at`` / ``updated_at`` maintained by the database layer."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class PublicIdModel(TimeStampedModel):
    """A model addressed in URLs by an opaque id, never by its integer key.

    Sequential keys in URLs let anyone count and walk other people's records.
    """

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        abstract = True


class AuditEntry(models.Model):
    """One link of the tamper-evident audit chain (see ``core/audit.py``).

    ``hash`` is the SM3 digest of the previous entry's hash and this entry's canonical content, so
    editing, deleting or reordering any row breaks every link after it.
    """

    seq = models.PositiveBigIntegerField(_("sequence"), unique=True)
    at = models.DateTimeField(_("time"))
    kind = models.CharField(_("kind"), max_length=48)
    ref = models.CharField(_("reference"), max_length=64, db_index=True)
    actor = models.CharField(_("actor"), max_length=150)
    content = models.JSONField(_("content"))
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"{self.seq} {self.kind} {self.ref}"


class AuditHead(models.Model):
    """The chain's end: locked to append, and checked so that deleting the last entries shows."""

    count = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = _("audit chain head")

    def __str__(self) -> str:
        return f"{self.count} {self.last_hash[:12]}"
