"""Catalog pages: search, management, the change workflow, version history, power lists."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.forms import BaseFormSet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from onewindow.accounts.requests import AuthenticatedHttpRequest
from onewindow.catalog import policies, selectors, services
from onewindow.catalog.choices import (
    BUSINESS_THEMES,
    PERSONAL_THEMES,
    ChangeKind,
    ChangeStatus,
    EntryStatus,
    Theme,
)
from onewindow.catalog.diff import guide_diff
from onewindow.catalog.forms import (
    ChangeMetaForm,
    GuideForm,
    MaterialFormSet,
    NewItemForm,
    PartFormSet,
    ReviewForm,
    SearchForm,
    StepFormSet,
    material_initial,
    materials_from,
    step_initial,
    steps_from,
)
from onewindow.catalog.models import ChangeRequest, Entry
from onewindow.catalog.schema import ContentError, Guide
from onewindow.core.errors import DomainError
from onewindow.organisations import scope
from onewindow.organisations.access import role_required
from onewindow.organisations.choices import RegionLevel, Role
from onewindow.organisations.models import Department

CATALOG_STAFF = (Role.REVIEWER, Role.APPROVER, Role.CATALOG_MANAGER)


def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    results: QuerySet[Entry] = Entry.objects.none()
    filters: dict[str, Any] = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {k: v for k, v in data.items() if v}
        results = selectors.entry_search(
            q=data["q"],
            theme=data["theme"],
            category=data["category"],
            department_id=data["department"],
            level=data["level"],
        )
    elif not request.GET:
        results = selectors.entry_search()
    page = Paginator(results, 20).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "catalog/search.html",
        {
            "title": _("Service guides"),
            "form": form,
            "page": page,
            "filters": filters,
            "query": query.urlencode(),
            "personal_themes": [(t.value, t.label) for t in PERSONAL_THEMES],
            "business_themes": [(t.value, t.label) for t in BUSINESS_THEMES],
            "departments": Department.objects.filter(is_active=True, entries__isnull=False)
            .distinct()
            .order_by("name"),
            "levels": [(lv.value, lv.label) for lv in RegionLevel],
            "theme_label": Theme(filters["theme"]).label if filters.get("theme") else "",
        },
    )


@role_required(*CATALOG_STAFF)
def manage(request: AuthenticatedHttpRequest) -> HttpResponse:
    entries = (
        Entry.objects.visible_to(request.user)
        .select_related("department", "current_version", "item")
        .order_by("department__name", "item__basic_code")
    )
    status = request.GET.get("status", "")
    if status in EntryStatus.values:
        entries = entries.filter(status=status)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    departments = Department.objects.filter(
        pk__in=scope.department_ids(request.user, Role.REVIEWER, Role.APPROVER)
    )
    return render(
        request,
        "catalog/manage.html",
        {
            "title": _("Catalog management"),
            "page": page,
            "status": status,
            "statuses": EntryStatus.choices,
            "may_draft": departments.exists(),
            "pending": ChangeRequest.objects.visible_to(request.user)
            .filter(status=ChangeStatus.SUBMITTED)
            .count(),
        },
    )


@role_required(*CATALOG_STAFF)
def change_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    changes = ChangeRequest.objects.visible_to(request.user).select_related(
        "department", "entry", "drafted_by"
    )
    status = request.GET.get("status", "")
    if status in ChangeStatus.values:
        changes = changes.filter(status=status)
    page = Paginator(changes, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "catalog/change_list.html",
        {
            "title": _("Catalog changes"),
            "page": page,
            "status": status,
            "statuses": ChangeStatus.choices,
        },
    )


def _uuids(values: list[str]) -> list[uuid.UUID]:
    """The valid UUIDs among ``values``; a tampered value is ignored, never a 500."""
    result = []
    for value in values:
        try:
            result.append(uuid.UUID(str(value)))
        except ValueError:
            continue
    return result


def _uuid_or_404(value: str | None) -> uuid.UUID:
    found = _uuids([value or ""])
    if not found:
        raise Http404
    return found[0]


def _own_department(request: AuthenticatedHttpRequest) -> Department:
    ids = scope.department_ids(request.user, Role.REVIEWER, Role.APPROVER)
    if not ids:
        raise PermissionDenied
    wanted = request.GET.get("department") or request.POST.get("department")
    if wanted and wanted.isdigit() and int(wanted) in ids:
        return Department.objects.select_related("region").get(pk=int(wanted))
    return Department.objects.select_related("region").get(pk=min(ids))


@role_required(Role.REVIEWER, Role.APPROVER)
def change_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Draft a change. ``?kind=`` picks the kind, ``?entry=`` the entry it applies to."""
    department = _own_department(request)
    kind = request.GET.get("kind", ChangeKind.CHANGE)
    if kind not in ChangeKind.values:
        raise Http404
    entry = None
    own_entries = Entry.objects.filter(department=department).exclude(status=EntryStatus.CANCELLED)
    if kind in (ChangeKind.CHANGE, ChangeKind.SPLIT, ChangeKind.SUSPEND, ChangeKind.CANCEL):
        entry = get_object_or_404(
            own_entries.select_related("current_version"),
            public_id=_uuid_or_404(request.GET.get("entry")),
        )
    base = entry.current_version.guide if entry and entry.current_version else None
    post = request.POST if request.method == "POST" else None
    meta = ChangeMetaForm(post)
    item_form = NewItemForm(post) if kind in (ChangeKind.NEW, ChangeKind.MERGE) else None
    edits_guide = kind in (ChangeKind.NEW, ChangeKind.CHANGE, ChangeKind.MERGE)
    guide = GuideForm(post, initial=GuideForm.initial_from(base)) if edits_guide else None
    materials = (
        MaterialFormSet(post, prefix="m", initial=material_initial(base)) if edits_guide else None
    )
    steps = StepFormSet(post, prefix="s", initial=step_initial(base)) if edits_guide else None
    parts = PartFormSet(post, prefix="p") if kind == ChangeKind.SPLIT else None
    merge_choices = own_entries.order_by("name") if kind == ChangeKind.MERGE else None
    problems: list[str] = []
    forms_ok = all(
        f is None or f.is_valid() for f in (meta, item_form, guide, materials, steps, parts)
    )
    if post is not None and forms_ok:
        merged = (
            list(own_entries.filter(public_id__in=_uuids(request.POST.getlist("merged"))))
            if merge_choices is not None
            else []
        )
        proposal = _proposal(kind, base, item_form, guide, materials, steps, parts, merged)
        try:
            change = services.change_draft(
                actor=request.user,
                kind=kind,
                department=department,
                entry=entry,
                proposal=proposal,
                merged_entries=merged,
                reason=meta.cleaned_data["reason"],
                effective_date=meta.cleaned_data["effective_date"],
            )
        except ContentError as exc:
            problems = [str(p) for p in exc.problems]
        except DomainError as exc:
            problems = [str(exc.message)]
        else:
            messages.success(
                request, _("The change is saved as a draft. Submit it for review when ready.")
            )
            return redirect("catalog:change", public_id=change.public_id)
    return render(
        request,
        "catalog/change_form.html",
        {
            "title": _("Draft a change: %(kind)s") % {"kind": ChangeKind(kind).label},
            "kind": kind,
            "entry": entry,
            "department": department,
            "meta": meta,
            "item_form": item_form,
            "guide": guide,
            "materials": materials,
            "steps": steps,
            "parts": parts,
            "merge_choices": merge_choices,
            "problems": problems,
            "questions": base.questions if base else (),
        },
    )


def _proposal(
    kind: str,
    base: Guide | None,
    item_form: NewItemForm | None,
    guide: GuideForm | None,
    materials: BaseFormSet | None,
    steps: BaseFormSet | None,
    parts: BaseFormSet | None,
    merged: list[Entry],
) -> dict[str, Any]:
    if kind == ChangeKind.SPLIT and parts is not None:
        # Each part starts as a copy of the entry's guide under its own name.
        base_content = base.to_content() if base else {}
        return {
            "parts": [
                {
                    "basic_code": p.cleaned_data["basic_code"].upper(),
                    "content": {**base_content, "name": p.cleaned_data["name"]},
                }
                for p in parts
                if p.cleaned_data
            ]
        }
    # The guide, materials and steps forms come together (the kinds that edit the guide).
    if guide is None or materials is None or steps is None:
        return {}
    start = base or (
        merged[0].current_version.guide if merged and merged[0].current_version else None
    )
    content = guide.content_over(start)
    content["materials"] = materials_from(materials, start.materials if start else ())
    content["steps"] = steps_from(steps)
    proposal: dict[str, Any] = {"content": content}
    if item_form is not None:
        proposal.update(
            basic_code=item_form.cleaned_data["basic_code"].upper(),
            category=item_form.cleaned_data["category"],
            themes=item_form.cleaned_data["themes"],
        )
    return proposal


@role_required(*CATALOG_STAFF)
def change_detail(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    change = get_object_or_404(
        ChangeRequest.objects.visible_to(request.user).select_related(
            "department__region", "entry__current_version", "drafted_by", "reviewed_by"
        ),
        public_id=public_id,
    )
    review = ReviewForm(request.POST or None)
    if request.method == "POST":
        action = request.POST.get("action")
        opinion = review.data.get("opinion", "")
        actions = {
            "submit": lambda: services.change_submit(change=change, actor=request.user),
            "approve": lambda: services.change_approve(
                change=change, actor=request.user, opinion=opinion
            ),
            "reject": lambda: services.change_reject(
                change=change, actor=request.user, opinion=opinion
            ),
        }
        if action not in actions:
            messages.error(request, _("Unknown action."))
        else:
            try:
                actions[action]()
            except ContentError as exc:
                messages.error(request, "；".join(str(p) for p in exc.problems))
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("Done."))
                return redirect("catalog:change", public_id=change.public_id)
    old = (
        change.entry.current_version.guide
        if change.entry and change.entry.current_version
        else None
    )
    diffs = []
    proposed = change.proposed_guide
    if change.kind in (ChangeKind.NEW, ChangeKind.CHANGE, ChangeKind.MERGE) and proposed:
        diffs = guide_diff(old if change.kind == ChangeKind.CHANGE else None, proposed)
    return render(
        request,
        "catalog/change_detail.html",
        {
            "title": str(change),
            "change": change,
            "diffs": diffs,
            "review": review,
            "may_submit": change.status == ChangeStatus.DRAFT
            and policies.may_draft(request.user, change.department),
            "may_review": change.status == ChangeStatus.SUBMITTED
            and policies.may_review(request.user, change.department),
        },
    )


def versions(request: HttpRequest, public_id: str) -> HttpResponse:
    """Public version history: every published version with what changed from the one before."""
    entry = get_object_or_404(
        Entry.objects.filter(current_version__isnull=False).select_related("department", "item"),
        public_id=public_id,
    )
    history = selectors.entry_versions(entry=entry)
    rows = []
    for i, version in enumerate(history):
        previous = history[i + 1].guide if i + 1 < len(history) else None
        rows.append(
            {
                "version": version,
                "diffs": guide_diff(previous, version.guide) if previous else [],
            }
        )
    return render(
        request, "catalog/versions.html", {"title": entry.name, "entry": entry, "rows": rows}
    )


def power_lists(request: HttpRequest) -> HttpResponse:
    departments = (
        Department.objects.filter(is_active=True)
        .annotate(
            powers=Count(
                "entries",
                filter=Q(entries__status=EntryStatus.IN_USE) & ~Q(entries__item__item_type="20"),
            )
        )
        .filter(powers__gt=0)
        .order_by("name")
    )
    return render(
        request,
        "catalog/power_lists.html",
        {"title": _("Power and responsibility lists"), "departments": departments},
    )


def power_list(request: HttpRequest, department_pk: int) -> HttpResponse:
    department = get_object_or_404(Department.objects.filter(is_active=True), pk=department_pk)
    groups = selectors.power_list(department_id=department.pk)
    if not groups:
        raise Http404
    return render(
        request,
        "catalog/power_list.html",
        {
            "title": _("Power and responsibility list of %(d)s") % {"d": department.name},
            "department": department,
            "groups": groups,
        },
    )
