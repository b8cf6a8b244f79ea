"""Opening the raw scan of a case's material: allowed to the roles that handle the case, refused
to everyone else, and every opening appended to the audit chain with who, in what capacity, and
why (``ScanPurpose`` and an optional note). A scan whose file is gone from storage is a clear
``ScanMissing``, never a server error."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from onewindow.cases import policies
from onewindow.cases.choices import ScanPurpose
from onewindow.core.audit import audit_append
from onewindow.core.errors import DomainError, NotPermitted
from onewindow.core.masking import mask_text

if TYPE_CHECKING:
    from onewindow.accounts.models import User
    from onewindow.cases.models import Case, CaseMaterial

logger = logging.getLogger(__name__)

NOTE_MAX = 200
AUDIT_KIND = "case.scan_opened"


class ScanMissing(DomainError):
    """The material records a scan, but its file is not in storage."""


def scan_refusal() -> str:
    return _(
        "Scans are personal data: only the window that received the case, the department "
        "handling it and the applicant may open them. You can see that a scan is on file."
    )


def scan_open(
    *, case: Case, material: CaseMaterial, user: User, purpose: str, note: str = ""
) -> File:
    """The open scan of ``material`` for ``user``; the opening is on the audit chain.

    Raises ``NotPermitted`` for a user who may not open the case's scans, ``DomainError`` for a
    purpose that is missing or unexplained, ``ScanMissing`` when the stored file is gone (nothing
    is logged then: nothing was opened)."""
    held = policies.scan_capacities(user, case)
    if not held:
        raise NotPermitted(scan_refusal())
    if material.case_id != case.pk or not material.file:
        raise DomainError(_("This material has no scan."))
    note = (note or "").strip()
    if purpose not in ScanPurpose.values:
        raise DomainError(_("Say why you open this scan."), field="purpose")
    if purpose == ScanPurpose.OTHER and not note:
        raise DomainError(_("Say why you open this scan."), field="note")
    if len(note) > NOTE_MAX:
        raise DomainError(
            _("The reason has %(n)d characters; at most %(max)d are allowed.")
            % {"n": len(note), "max": NOTE_MAX},
            field="note",
        )
    try:
        handle = material.file.open("rb")
    except OSError as exc:  # FileNotFoundError and the storage's other read failures
        logger.error(
            "scan file missing: case %s material %s (%s)", case.number, material.position, exc
        )
        raise ScanMissing(
            _(
                "The scan of “%(name)s” is recorded, but its file is missing from storage. "
                "Nothing was opened. Tell the system administrator: the file has to be restored "
                "from the backup (or the applicant asked for it again)."
            )
            % {"name": material.name}
        ) from exc
    with transaction.atomic():
        audit_append(
            kind=AUDIT_KIND,
            ref=case.number,
            actor=user.username,
            content={
                "material": material.name,
                "position": material.position,
                "as": sorted(str(c) for c in held),
                "purpose": purpose,
                # Typed by staff: a personal number written into it is masked like in the logs.
                "note": mask_text(note),
            },
        )
    return handle
