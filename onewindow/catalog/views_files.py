"""Blank forms and samples: public download, upload by the department's staff."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from onewindow.accounts.requests import AuthenticatedHttpRequest
from onewindow.catalog.attachments import MAX_BYTES, attachment_upload
from onewindow.catalog.models import Attachment
from onewindow.core.errors import DomainError
from onewindow.organisations import scope
from onewindow.organisations.access import role_required
from onewindow.organisations.choices import Role
from onewindow.organisations.models import Department


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Blank form or sample"))


def download(request: HttpRequest, public_id: str, name: str) -> FileResponse:
    attachment = get_object_or_404(Attachment, public_id=public_id)
    if name != attachment.name:
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, content_type=attachment.content_type, as_attachment=True, filename=attachment.name
    )
    # Published files never change: let browsers and proxies keep them.
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


@role_required(Role.REVIEWER, Role.APPROVER)
def files(request: AuthenticatedHttpRequest) -> HttpResponse:
    departments = scope.department_ids(request.user, Role.REVIEWER, Role.APPROVER)
    department = min(departments)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > MAX_BYTES:
                raise DomainError(_("A file may be at most 10 MB."))
            attachment = attachment_upload(
                actor=request.user,
                department=Department.objects.get(pk=department),
                name=upload.name,
                data=upload.read(),
            )
        except DomainError as exc:
            form.add_error("file", exc.message)
        else:
            messages.success(
                request,
                _("Uploaded. Paste %(path)s into a material's blank form or sample.")
                % {"path": attachment.path},
            )
            return redirect("catalog:files")
    page = Paginator(
        Attachment.objects.filter(department_id__in=departments).select_related("uploaded_by"), 30
    ).get_page(request.GET.get("page"))
    return render(
        request, "catalog/files.html", {"title": _("Forms and samples"), "form": form, "page": page}
    )
