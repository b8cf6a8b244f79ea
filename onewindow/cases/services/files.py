"""Scanned materials: the bytes must be what the extension says, like every upload."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from onewindow.core.errors import DomainError

MAX_BYTES = 10 * 1024 * 1024
SCAN_KINDS: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
}


def material_file_check(upload: UploadedFile) -> None:
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in SCAN_KINDS:
        raise DomainError(
            _("Scanned materials must be PDF, PNG or JPEG files: “%(name)s” is not.")
            % {"name": name}
        )
    if upload.size is None or upload.size == 0:
        raise DomainError(_("The file “%(name)s” is empty.") % {"name": name})
    if upload.size > MAX_BYTES:
        raise DomainError(_("A file may be at most 10 MB."))
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(magic) for magic in SCAN_KINDS[extension]):
        raise DomainError(
            _("The content of “%(name)s” is not a %(kind)s file.")
            % {"name": name, "kind": extension.upper()}
        )
