"""Implementation lists as workbooks: import, export and the blank template (catalog managers)."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from onewindow.accounts.requests import AuthenticatedHttpRequest
from onewindow.catalog import services_import, xlsx
from onewindow.catalog.choices import EntryStatus
from onewindow.catalog.models import Entry
from onewindow.catalog.querysets import EntryQuerySet
from onewindow.core.forms import IsoDateInput
from onewindow.organisations.access import role_required
from onewindow.organisations.choices import Role
from onewindow.organisations.models import Department

MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # about 7,000 entries; parsing takes ~3 ms an entry
# A zip of a list with its blank forms and samples (each form at most 10 MB).
MAX_BUNDLE_UPLOAD_BYTES = 50 * 1024 * 1024


class ListImportForm(forms.Form):
    """Parses the upload only; the import service decides."""

    workbook = forms.FileField(
        label=gettext_lazy("Workbook (.xlsx)"),
        help_text=gettext_lazy(
            "Or a .zip of the workbook with the blank forms and samples in folders: a form cell "
            "that gives a file's path in the archive links that file."
        ),
        widget=forms.FileInput(attrs={"accept": f".xlsx,.zip,{xlsx.XLSX_CONTENT_TYPE}"}),
    )
    effective_date = forms.DateField(
        label=gettext_lazy("Changes take effect on"), widget=IsoDateInput()
    )

    def clean_workbook(self) -> bytes:
        upload = self.cleaned_data["workbook"]
        limit = (
            MAX_BUNDLE_UPLOAD_BYTES
            if (upload.name or "").lower().endswith(".zip")
            else MAX_UPLOAD_BYTES
        )
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(n)d MB.") % {"n": limit // 1024 // 1024}
            )
        return upload.read()


def _exportable(request: AuthenticatedHttpRequest) -> EntryQuerySet:
    return Entry.objects.visible_to(request.user).exclude(status=EntryStatus.CANCELLED)


@role_required(Role.CATALOG_MANAGER)
def lists_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    posted = request.method == "POST"
    form = ListImportForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        initial={"effective_date": timezone.localdate()},
    )
    context: dict[str, object] = {
        "title": _("Import and export implementation lists"),
        "form": form,
        "departments": Department.objects.filter(
            pk__in=_exportable(request).values("department")
        ).order_by("name"),
        "documentation": xlsx.documentation(),
        "notes": xlsx.notes(),
    }
    if posted and form.is_valid():
        try:
            context["result"] = services_import.catalog_list_import(
                actor=request.user,
                data=form.cleaned_data["workbook"],
                effective_date=form.cleaned_data["effective_date"],
            )
        except services_import.ListRejected as exc:
            context["rejection"] = exc
    return render(request, "catalog/lists_import.html", context)


def _download(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=xlsx.XLSX_CONTENT_TYPE)
    # A Chinese file name, sent the RFC 6266 way (filename*=utf-8'').
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@require_GET
@role_required(Role.CATALOG_MANAGER)
def lists_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    entries = _exportable(request)
    if request.GET.get("department"):
        entries = entries.filter(department__uscc=request.GET["department"])
    today = timezone.localdate().strftime("%Y%m%d")
    return _download(xlsx.export_workbook(entries), f"实施清单-{today}.xlsx")


@require_GET
@role_required(Role.CATALOG_MANAGER)
def lists_template(request: HttpRequest) -> HttpResponse:
    return _download(xlsx.template_workbook(), "实施清单模板.xlsx")
