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
    """One link of the tamper-evident audit chains (see ``core/audit.py``).

    ``hash`` is the SM3 digest of the previous entry's hash (in the same chain, ``partition``)
    and this entry's canonical content, so editing, deleting, reordering or moving any row breaks
    every link after it.
    """

    # Which chain (0: the single chain written before partitions, decision 0011).
    partition = models.SmallIntegerField(_("chain"), default=0)
    seq = models.PositiveBigIntegerField(_("sequence"))
    at = models.DateTimeField(_("time"))
    kind = models.CharField(_("kind"), max_length=48)
    ref = models.CharField(_("reference"), max_length=64, db_index=True)
    actor = models.CharField(_("actor"), max_length=150)
    content = models.JSONField(_("content"))
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)

    class Meta:
        ordering = ["partition", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["partition", "seq"], name="audit_entry_chain_seq")
        ]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"{self.partition}/{self.seq} {self.kind} {self.ref}"


class AuditHead(models.Model):
    """A chain's end: locked to append, and checked so that deleting the last entries shows.

    One row per chain (``partition``); the row of partition -1 is the anchors' chain."""

    partition = models.SmallIntegerField(_("chain"), unique=True, default=0)
    count = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = _("audit chain head")

    def __str__(self) -> str:
        return f"{self.partition}: {self.count} {self.last_hash[:12]}"


class AuditAnchor(models.Model):
    """The heads of the chains that moved since the anchor before, chained in turn (the top
    chain): a chain's tail deleted and its head rewritten to match still contradicts it."""

    seq = models.PositiveBigIntegerField(_("sequence"), unique=True)
    at = models.DateTimeField(_("time"))
    # {partition: [count, last hash]}
    heads = models.JSONField(_("heads"))
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]
        verbose_name = _("audit anchor")
        verbose_name_plural = _("audit anchors")

    def __str__(self) -> str:
        return f"anchor {self.seq}"
