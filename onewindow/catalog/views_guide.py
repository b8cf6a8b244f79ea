"""Public service guides: the current guide of an entry, any published version, and their PDFs.

The current guide is for entries in use only. A version stays readable after the entry is
suspended or cancelled, because every case keeps the guide it was filed under and links to it.
"""

from __future__ import annotations

import uuid

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from onewindow.catalog.choices import EntryStatus
from onewindow.catalog.guide import answers_from, apply_answers, guide_context
from onewindow.catalog.models import Entry, EntryVersion
from onewindow.catalog.pdf import guide_pdf as render_guide_pdf
from onewindow.core.network import public_url

# Statuses of entries that were published at some time; a draft never was.
_ONCE_PUBLIC = (EntryStatus.IN_USE, EntryStatus.SUSPENDED, EntryStatus.CANCELLED)
_RELATED = ("item", "department", "region")


def _current_version(public_id: uuid.UUID) -> EntryVersion:
    entry = get_object_or_404(
        Entry.objects.public().select_related(*_RELATED, "current_version"),
        public_id=public_id,
    )
    version = entry.current_version
    if version is None:  # public() entries have one; this only narrows the type
        raise Http404
    version.entry = entry  # already loaded: spare the query
    return version


def _version(public_id: uuid.UUID, number: int) -> EntryVersion:
    entry = get_object_or_404(
        Entry.objects.filter(status__in=_ONCE_PUBLIC).select_related(*_RELATED),
        public_id=public_id,
    )
    version = get_object_or_404(entry.versions, number=number)
    version.entry = entry
    return version


def _page(request: HttpRequest, version: EntryVersion, *, pinned: bool) -> HttpResponse:
    context = guide_context(version)
    entry = version.entry
    answers = answers_from(request.GET, context)
    public_id, number = entry.public_id, version.number
    if pinned:
        pdf_url = reverse("catalog:guide-version-pdf", args=[public_id, number])
    else:
        pdf_url = reverse("catalog:guide-pdf", args=[public_id])
    is_public = entry.status == EntryStatus.IN_USE and entry.current_version_id is not None
    context.update(
        {
            "title": context["name"],
            "pinned": pinned,
            "answers": answers,
            **apply_answers(context, answers),
            "pdf_url": pdf_url,
            "version_url": reverse("catalog:guide-version", args=[public_id, number]),
            # From an older version, point the reader to the guide in force today.
            "current_url": reverse("catalog:guide", args=[public_id])
            if is_public and not context["is_current"]
            else "",
            "entry_withdrawn": entry.status != EntryStatus.IN_USE,
            "entry_status": entry.get_status_display(),
        }
    )
    return render(request, "catalog/guide.html", context)


def _pdf(request: HttpRequest, version: EntryVersion, page_url: str) -> HttpResponse:
    pdf = render_guide_pdf(version, public_url(request, page_url))
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"guide-{version.entry.item.basic_code}-v{version.number}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def guide(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    return _page(request, _current_version(public_id), pinned=False)


@require_GET
def guide_version(request: HttpRequest, public_id: uuid.UUID, number: int) -> HttpResponse:
    return _page(request, _version(public_id, number), pinned=True)


@require_GET
def guide_pdf(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    version = _current_version(public_id)
    # The QR code opens the current guide: a printed sheet stays a way in to what applies today.
    return _pdf(request, version, reverse("catalog:guide", args=[public_id]))


@require_GET
def guide_version_pdf(request: HttpRequest, public_id: uuid.UUID, number: int) -> HttpResponse:
    version = _version(public_id, number)
    return _pdf(request, version, reverse("catalog:guide-version", args=[public_id, number]))
