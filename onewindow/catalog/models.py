"""The service item catalog: basic items, implementation entries and their published versions.

A published ``EntryVersion`` is immutable. Changes are drafted as ``ChangeRequest`` rows, reviewed,
and on approval become a new version with an effective date.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from onewindow.catalog.choices import (
    CaseType,
    ChangeKind,
    ChangeStatus,
    EntryStatus,
    ItemType,
    Theme,
)
from onewindow.catalog.querysets import ChangeRequestQuerySet, EntryQuerySet
from onewindow.catalog.schema import Guide
from onewindow.core.models import PublicIdModel, TimeStampedModel
from onewindow.organisations.choices import BusinessCategory


class CatalogItem(TimeStampedModel):
    """基本目录: one item of the catalog, shared by every implementing body that carries it out."""

    basic_code = models.CharField(_("basic code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=200)
    item_type = models.CharField(_("item type"), max_length=2, choices=ItemType.choices)
    category = models.CharField(
        _("business category"), max_length=24, choices=BusinessCategory.choices
    )

    class Meta:
        ordering = ["basic_code"]
        verbose_name = _("catalog item")
        verbose_name_plural = _("catalog items")

    def __str__(self) -> str:
        return f"{self.basic_code} {self.name}"


class ItemTheme(models.Model):
    """A life event or company stage an item belongs to (an item may have several)."""

    item = models.ForeignKey(CatalogItem, on_delete=models.CASCADE, related_name="themes")
    theme = models.CharField(_("theme"), max_length=24, choices=Theme.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "theme"], name="item_theme_unique")]
        indexes = [models.Index(fields=["theme", "item"])]

    def __str__(self) -> str:
        return self.get_theme_display()


class Entry(PublicIdModel):
    """实施清单: an item as carried out by one implementing body at one region."""

    item = models.ForeignKey(
        CatalogItem,
        verbose_name=_("catalog item"),
        on_delete=models.PROTECT,
        related_name="entries",
    )
    department = models.ForeignKey(
        "organisations.Department",
        verbose_name=_("implementing body"),
        on_delete=models.PROTECT,
        related_name="entries",
    )
    region = models.ForeignKey(
        "organisations.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="entries",
    )
    code = models.CharField(_("implementation code"), max_length=40, unique=True)
    local_code = models.CharField(_("local code"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=EntryStatus.choices, default=EntryStatus.IN_USE
    )
    current_version = models.ForeignKey(
        "EntryVersion",
        verbose_name=_("current version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Copied from the current version so lists and search need no JSON: kept by entry_refresh.
    name = models.CharField(_("name"), max_length=200, db_index=True)
    pinyin = models.CharField(_("pinyin"), max_length=800, blank=True)
    initials = models.CharField(_("pinyin initials"), max_length=200, blank=True)
    # What the item produces (its result's name) and the words people use for it, so that a
    # search for 营业执照 finds 个体工商户设立登记: kept by entry_refresh (search_text.keywords_of).
    keywords = models.CharField(_("search keywords"), max_length=500, blank=True)
    case_type = models.CharField(
        _("case type"), max_length=1, choices=CaseType.choices, default=CaseType.PROMISED
    )
    promised_days = models.PositiveIntegerField(_("promised limit (days)"), default=0)
    visits = models.PositiveSmallIntegerField(_("visits required"), default=1)

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["item__basic_code", "department__name"]
        verbose_name = _("implementation entry")
        verbose_name_plural = _("implementation entries")
        indexes = [
            models.Index(fields=["status", "department"]),
            models.Index(fields=["initials"]),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def effective_version(self) -> EntryVersion:
        """The version in effect of an entry that has one, as every public entry has."""
        if self.current_version is None:
            raise ValueError(f"entry {self.code} has no version in effect")
        return self.current_version


class EntryVersion(TimeStampedModel):
    """A published, immutable snapshot of an entry's guide."""

    entry = models.ForeignKey(
        Entry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    content = models.JSONField(_("content"))
    effective_date = models.DateField(_("effective date"))
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    change_request = models.ForeignKey(
        "ChangeRequest",
        verbose_name=_("change request"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="versions",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["entry", "-number"]
        verbose_name = _("entry version")
        verbose_name_plural = _("entry versions")
        constraints = [
            models.UniqueConstraint(fields=["entry", "number"], name="entry_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.entry.code} v{self.number}"

    def save(self, *args: object, **kwargs: object) -> None:
        # Integrity guard, not a business rule: a published guide is evidence for every case
        # filed under it and must never change in place.
        if self.pk is not None:
            raise ValueError("A published entry version is immutable; publish a new version.")
        super().save(*args, **kwargs)

    def is_effective(self, on: datetime.date) -> bool:
        return self.effective_date <= on

    @cached_property
    def guide(self) -> Guide:
        """The guide, typed: code reads ``version.guide.materials``, never ``content[...]``.

        Cached per instance: a published version never changes (see ``save``).
        """
        return Guide.from_content(self.content)


class ChangeRequest(PublicIdModel):
    """A drafted change to the catalog (new, change, split, merge, suspend, cancel)."""

    kind = models.CharField(_("kind of change"), max_length=8, choices=ChangeKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=ChangeStatus.choices, default=ChangeStatus.DRAFT
    )
    department = models.ForeignKey(
        "organisations.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="catalog_changes",
    )
    entry = models.ForeignKey(
        Entry,
        verbose_name=_("entry"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="change_requests",
    )
    item = models.ForeignKey(
        CatalogItem,
        verbose_name=_("catalog item"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="change_requests",
    )
    merged_entries = models.ManyToManyField(
        Entry, verbose_name=_("entries merged"), blank=True, related_name="merged_by"
    )
    # For new/change/merge: one guide; for split: a list of guides (one per resulting entry).
    proposal = models.JSONField(_("proposed content"), default=dict, blank=True)
    reason = models.TextField(_("reason for the change"))
    effective_date = models.DateField(_("effective date"))
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_opinion = models.TextField(_("review opinion"), blank=True)

    objects = ChangeRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("catalog change request")
        verbose_name_plural = _("catalog change requests")
        indexes = [models.Index(fields=["status", "department"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.entry or self.item or ''}"

    @property
    def proposed_guide(self) -> Guide | None:
        """The proposed guide of a new entry, a change or a merge (a split proposes parts)."""
        content = self.proposal.get("content")
        return Guide.from_content(content) if content else None


class Attachment(PublicIdModel):
    """A blank form or a filled-in sample published with a guide. Never changed once uploaded:
    guides of old versions keep linking to exactly what they showed."""

    department = models.ForeignKey(
        "organisations.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="catalog_files",
    )
    file = models.FileField(_("file"), upload_to="catalog/%Y/%m/")
    name = models.CharField(_("file name"), max_length=120)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("guide attachment")
        verbose_name_plural = _("guide attachments")

    def __str__(self) -> str:
        return self.name

    @property
    def path(self) -> str:
        """The site path materials refer to; its last segment is the name shown in the guide."""
        return f"/catalog/files/{self.public_id}/{self.name}"
