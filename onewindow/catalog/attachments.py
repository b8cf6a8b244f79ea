"""Uploading blank forms and samples for guides: checked by content, stored once per department."""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from onewindow.catalog import policies
from onewindow.catalog.models import Attachment
from onewindow.core.errors import DomainError, NotPermitted

if TYPE_CHECKING:
    from onewindow.accounts.models import User
    from onewindow.organisations.models import Department

MAX_BYTES = 10 * 1024 * 1024

# Extension → (content type, accepted leading bytes). The bytes decide: a renamed file is refused.
KINDS: dict[str, tuple[str, tuple[bytes, ...]]] = {
    "pdf": ("application/pdf", (b"%PDF",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "doc": ("application/msword", (b"\xd0\xcf\x11\xe0",)),
    "xls": ("application/vnd.ms-excel", (b"\xd0\xcf\x11\xe0",)),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
}


def _safe_name(name: str) -> str:
    """Keep Chinese and ordinary characters; path separators and control characters go."""
    stem = re.sub(r"[\\/:*?\"<>|\x00-\x1f]+", "_", (name or "").strip()).strip(". ")
    return stem[-120:] or "file"


def attachment_upload(
    *, actor: User | None, department: Department, name: str, data: bytes
) -> Attachment:
    """Store a form or sample; the same bytes uploaded again return the existing attachment."""
    # The catalog manager publishes a department's forms when importing its list with them.
    if actor is not None and not (
        policies.may_draft(actor, department) or policies.may_review(actor, department)
    ):
        raise NotPermitted(_("Only staff of the department may publish its forms."))
    name = _safe_name(name)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in KINDS:
        raise DomainError(
            _("Only these files are accepted: %(kinds)s.") % {"kinds": ", ".join(sorted(KINDS))}
        )
    if not data:
        raise DomainError(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise DomainError(_("A file may be at most 10 MB."))
    content_type, magics = KINDS[extension]
    if not data.startswith(magics):
        raise DomainError(_("The file's content is not a .%(ext)s file.") % {"ext": extension})
    digest = hashlib.sha256(data).hexdigest()
    existing = Attachment.objects.filter(department=department, sha256=digest, name=name).first()
    if existing is not None:
        return existing
    attachment = Attachment(
        department=department,
        name=name,
        content_type=content_type,
        size=len(data),
        sha256=digest,
        uploaded_by=actor,
    )
    attachment.file.save(f"{digest[:16]}.{extension}", ContentFile(data), save=False)
    attachment.save()
    return attachment
