"""Writes to the catalog: publishing versions and the change-request workflow.

Every change goes draft → submitted → approved (published) or rejected. Approval applies the change
in the same transaction that records the decision, so the catalog never shows half a change.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from onewindow.catalog import policies
from onewindow.catalog.choices import ChangeKind, ChangeStatus, EntryStatus, Theme
from onewindow.catalog.models import CatalogItem, ChangeRequest, Entry, EntryVersion, ItemTheme
from onewindow.catalog.schema import (
    ContentError,
    Guide,
    Problem,
    clean_content,
    validate_basic_code,
)
from onewindow.catalog.search_text import keywords_of, pinyin_forms
from onewindow.core.errors import DomainError, NotPermitted
from onewindow.organisations.choices import BusinessCategory

if TYPE_CHECKING:
    from onewindow.accounts.models import User
    from onewindow.organisations.models import Department, Region


def implementation_code(*, department: Department, region: Region, basic_code: str) -> str:
    """实施编码: implementing body's credit code + level digit + basic code (31 characters)."""
    return f"{department.uscc}{region.level}{basic_code}"


def item_ensure(
    *, basic_code: str, name: str, item_type: str, category: str, themes: list[str] | tuple = ()
) -> CatalogItem:
    """Return the catalog item with this basic code, creating it (with its themes) if new."""
    code = validate_basic_code(basic_code)
    problems = []
    if category not in BusinessCategory.values:
        problems.append(
            Problem("category", _("Unknown business category “%(c)s”.") % {"c": category})
        )
    bad = [t for t in themes if t not in Theme.values]
    if bad:
        problems.append(Problem("themes", _("Unknown themes: %(t)s.") % {"t": "、".join(bad)}))
    if problems:
        raise ContentError(problems)
    item, created = CatalogItem.objects.get_or_create(
        basic_code=code, defaults={"name": name, "item_type": item_type, "category": category}
    )
    if created:
        ItemTheme.objects.bulk_create(
            [ItemTheme(item=item, theme=t) for t in dict.fromkeys(themes)]
        )
    return item


def entry_refresh(*, entry: Entry, today: datetime.date | None = None) -> Entry:
    """Point the entry at its newest version in effect and copy the searchable fields."""
    today = today or timezone.localdate()
    version = entry.versions.filter(effective_date__lte=today).order_by("-number").first()
    if version is None:
        return entry
    guide = version.guide
    entry.current_version = version
    entry.name = guide.name
    entry.pinyin, entry.initials = pinyin_forms(guide.name)
    entry.keywords = keywords_of(guide.result_name)
    entry.case_type = guide.case_type
    entry.promised_days = guide.promised_days
    entry.visits = guide.visits or 0
    entry.save(
        update_fields=[
            "current_version",
            "name",
            "pinyin",
            "initials",
            "keywords",
            "case_type",
            "promised_days",
            "visits",
            "updated_at",
        ]
    )
    return entry


def version_publish(
    *,
    entry: Entry,
    content: dict[str, Any],
    effective_date: datetime.date,
    actor: User | None,
    change_request: ChangeRequest | None = None,
    note: str = "",
) -> EntryVersion:
    cleaned = clean_content(content)
    number = (entry.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = EntryVersion.objects.create(
        entry=entry,
        number=number,
        content=cleaned,
        effective_date=effective_date,
        published_at=timezone.now(),
        published_by=actor,
        change_request=change_request,
        note=note,
    )
    entry_refresh(entry=entry)
    return version


@transaction.atomic
def entry_create(
    *,
    item: CatalogItem,
    department: Department,
    region: Region,
    content: dict[str, Any],
    effective_date: datetime.date,
    actor: User | None,
    local_code: str = "",
    change_request: ChangeRequest | None = None,
) -> Entry:
    code = implementation_code(department=department, region=region, basic_code=item.basic_code)
    if Entry.objects.filter(code=code).exists():
        raise ContentError(
            [
                Problem(
                    "basic_code",
                    _("This body already carries out item %(c)s.") % {"c": item.basic_code},
                )
            ]
        )
    cleaned = clean_content(content)
    entry = Entry.objects.create(
        item=item,
        department=department,
        region=region,
        code=code,
        local_code=local_code,
        name=cleaned["name"],
        status=EntryStatus.IN_USE,
    )
    version_publish(
        entry=entry,
        content=cleaned,
        effective_date=effective_date,
        actor=actor,
        change_request=change_request,
    )
    return entry


# --- the change workflow ------------------------------------------------------------------------


def _clean_proposal(kind: str, proposal: dict[str, Any]) -> dict[str, Any]:
    """Validate the proposed content now, so a reviewer never approves an invalid guide."""
    if kind in (ChangeKind.SUSPEND, ChangeKind.CANCEL):
        return {}
    if kind == ChangeKind.SPLIT:
        parts = proposal.get("parts") or []
        if len(parts) < 2:
            raise ContentError([Problem("parts", _("A split produces at least two entries."))])
        cleaned, problems = [], []
        for i, part in enumerate(parts):
            try:
                validate_basic_code(part.get("basic_code", ""))
                cleaned.append({**part, "content": clean_content(part.get("content") or {})})
            except ContentError as exc:
                problems += [Problem(f"parts[{i}].{p.path}", p.message) for p in exc.problems]
        if problems:
            raise ContentError(problems)
        return {"parts": cleaned}
    result = dict(proposal)
    if kind in (ChangeKind.NEW, ChangeKind.MERGE):
        validate_basic_code(proposal.get("basic_code", ""))
    result["content"] = clean_content(proposal.get("content") or {})
    return result


@transaction.atomic
def change_draft(
    *,
    actor: User,
    kind: ChangeKind | str,
    department: Department,
    reason: str,
    effective_date: datetime.date,
    proposal: dict[str, Any] | None = None,
    entry: Entry | None = None,
    merged_entries: list[Entry] | tuple = (),
) -> ChangeRequest:
    if not policies.may_draft(actor, department):
        raise NotPermitted(_("Only staff of the department may draft changes to its items."))
    if kind not in ChangeKind.values:
        raise DomainError(_("Unknown kind of change."))
    needs_entry = kind in (
        ChangeKind.CHANGE,
        ChangeKind.SPLIT,
        ChangeKind.SUSPEND,
        ChangeKind.CANCEL,
    )
    if needs_entry and (entry is None or entry.department_id != department.pk):
        raise NotPermitted(_("Choose an entry of your own department."))
    foreign = any(e.department_id != department.pk for e in merged_entries)
    if kind == ChangeKind.MERGE and (len(merged_entries) < 2 or foreign):
        raise DomainError(_("A merge combines at least two entries of your department."))
    if not (reason or "").strip():
        raise DomainError(_("Give the reason for the change."), field="reason")
    change = ChangeRequest.objects.create(
        kind=kind,
        department=department,
        entry=entry,
        proposal=_clean_proposal(kind, proposal or {}),
        reason=reason.strip(),
        effective_date=effective_date,
        drafted_by=actor,
    )
    if merged_entries:
        change.merged_entries.set(merged_entries)
    return change


def _locked(change: ChangeRequest) -> ChangeRequest:
    return (
        ChangeRequest.objects.select_for_update()
        .select_related("department__region")
        .get(pk=change.pk)
    )


@transaction.atomic
def change_submit(*, change: ChangeRequest, actor: User) -> ChangeRequest:
    change = _locked(change)
    if not policies.may_draft(actor, change.department):
        raise NotPermitted(_("Only staff of the department may submit its changes."))
    if change.status != ChangeStatus.DRAFT:
        raise DomainError(_("Only a draft can be submitted."))
    change.status = ChangeStatus.SUBMITTED
    change.submitted_at = timezone.now()
    change.save(update_fields=["status", "submitted_at", "updated_at"])
    return change


@transaction.atomic
def change_reject(*, change: ChangeRequest, actor: User, opinion: str) -> ChangeRequest:
    change = _locked(change)
    if not policies.may_review(actor, change.department):
        raise NotPermitted(_("Only the catalog manager of the region reviews this change."))
    if change.status != ChangeStatus.SUBMITTED:
        raise DomainError(_("Only a submitted change can be reviewed."))
    if not (opinion or "").strip():
        raise DomainError(_("A rejection states its reason."), field="opinion")
    change.status = ChangeStatus.REJECTED
    change.reviewed_by, change.reviewed_at = actor, timezone.now()
    change.review_opinion = opinion.strip()
    change.save(
        update_fields=["status", "reviewed_by", "reviewed_at", "review_opinion", "updated_at"]
    )
    return change


@transaction.atomic
def change_approve(*, change: ChangeRequest, actor: User, opinion: str = "") -> ChangeRequest:
    """Approve and publish: the change takes effect on its effective date."""
    change = _locked(change)
    if not policies.may_review(actor, change.department):
        raise NotPermitted(_("Only the catalog manager of the region reviews this change."))
    if change.status != ChangeStatus.SUBMITTED:
        raise DomainError(_("Only a submitted change can be reviewed."))
    _apply(change, actor)
    change.status = ChangeStatus.APPROVED
    change.reviewed_by, change.reviewed_at = actor, timezone.now()
    change.review_opinion = (opinion or "").strip()
    change.save(
        update_fields=["status", "reviewed_by", "reviewed_at", "review_opinion", "updated_at"]
    )
    return change


def _new_entry(change: ChangeRequest, actor: User, spec: dict[str, Any], region: Region) -> Entry:
    content = spec["content"]
    guide = Guide.from_content(content)
    item = item_ensure(
        basic_code=spec["basic_code"],
        name=guide.name,
        item_type=guide.item_type,
        category=spec.get("category") or BusinessCategory.PERSONAL,
        themes=spec.get("themes") or [],
    )
    return entry_create(
        item=item,
        department=change.department,
        region=region,
        content=content,
        effective_date=change.effective_date,
        actor=actor,
        change_request=change,
    )


def _apply(change: ChangeRequest, actor: User) -> None:
    kind, entry = change.kind, change.entry
    region = entry.region if entry else change.department.region
    if kind == ChangeKind.NEW:
        change.entry = _new_entry(change, actor, change.proposal, region)
        change.save(update_fields=["entry"])
    elif kind == ChangeKind.MERGE:
        sources = list(change.merged_entries.all())
        _new_entry(change, actor, change.proposal, sources[0].region)
        for source in sources:
            _set_status(source, EntryStatus.CANCELLED)
    elif entry is None:
        # Every remaining kind acts on the entry the change was drafted for.
        raise ValueError(f"change {change.pk} ({kind}) names no entry")
    elif kind == ChangeKind.CHANGE:
        if entry.status == EntryStatus.CANCELLED:
            raise DomainError(_("A cancelled entry cannot be changed."))
        version_publish(
            entry=entry,
            content=change.proposal["content"],
            effective_date=change.effective_date,
            actor=actor,
            change_request=change,
        )
    elif kind == ChangeKind.SPLIT:
        for part in change.proposal["parts"]:
            _new_entry(change, actor, part, region)
        _set_status(entry, EntryStatus.CANCELLED)
    elif kind == ChangeKind.SUSPEND:
        _set_status(entry, EntryStatus.SUSPENDED)
    elif kind == ChangeKind.CANCEL:
        _set_status(entry, EntryStatus.CANCELLED)


def _set_status(entry: Entry, status: str) -> None:
    entry.status = status
    entry.save(update_fields=["status", "updated_at"])
