"""统一出件 and the ways a case ends early: withdrawal (撤回) and return (退件).

§44: the result is served within ten days of the decision, at the delivery window (with a pickup
code and a signed receipt), by mail (tracking number), or electronically.
"""

from __future__ import annotations

import datetime
import secrets
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from onewindow.cases.choices import Action, CaseKind, CaseState, DeliveryMethod
from onewindow.cases.choices import MaterialStatus as MS
from onewindow.cases.models import Case
from onewindow.cases.services import joint
from onewindow.cases.services.engine import Change, case_transition
from onewindow.cases.services.files import material_file_check
from onewindow.cases.services.paperwork import materials_data
from onewindow.core.errors import DomainError
from onewindow.core.validators import checked, clean_person_name
from onewindow.documents.choices import DocumentKind

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from onewindow.accounts.models import User


def case_ready(
    *, case: Case, actor: User, expected_revision: int | None, at: datetime.datetime | None = None
) -> Case:
    """The result is at the delivery window; the applicant gets a pickup code by SMS."""
    with case_transition(
        case=case, action=Action.READY, actor=actor, expected_revision=expected_revision, at=at
    ) as change:
        change.case.pickup_code = f"{secrets.randbelow(10**6):06d}"
    return case


def case_mail(
    *,
    case: Case,
    actor: User,
    tracking_number: str,
    expected_revision: int | None,
    at: datetime.datetime | None = None,
) -> Case:
    tracking_number = (tracking_number or "").strip()
    if not tracking_number or len(tracking_number) > 40:
        raise DomainError(_("Enter the tracking number of the mail."), field="tracking_number")
    with case_transition(
        case=case, action=Action.MAIL, actor=actor, expected_revision=expected_revision, at=at
    ) as change:
        change.case.tracking_number = tracking_number
        change.data = {"tracking_number": tracking_number}
    return case


def _delivered(change: Change, recipient: str) -> None:
    c = change.case
    c.completed_at = change.at
    change.issue(
        DocumentKind.DELIVERY_RECEIPT,
        {
            "delivery_method_label": str(DeliveryMethod(c.delivery_method).label),
            "delivered_at": change.at.isoformat(timespec="seconds"),
            "recipient_name": recipient or c.applicant_name,
            "tracking_number": c.tracking_number,
            "result_name": c.result_name,
        },
    )


def case_deliver(
    *,
    case: Case,
    actor: User,
    pickup_code: str = "",
    recipient_name: str = "",
    expected_revision: int | None,
    at: datetime.datetime | None = None,
) -> Case:
    """Handed over at the window (the pickup code must match) or the mail arrived: 办结."""
    with transaction.atomic():
        with case_transition(
            case=case,
            action=Action.DELIVER,
            actor=actor,
            expected_revision=expected_revision,
            at=at,
        ) as change:
            c = change.case
            if c.state == CaseState.READY and (pickup_code or "").strip() != c.pickup_code:
                raise DomainError(_("The pickup code does not match."), field="pickup_code")
            recipient = checked(
                clean_person_name,
                recipient_name,
                field="recipient_name",
                label=_("Received by"),
                required=False,
            )
            _delivered(change, recipient)
        if case.kind == CaseKind.JOINT:
            joint.parts_close(case, at=at)
    return case


def deliver_electronic(case: Case, *, at: datetime.datetime | None) -> None:
    with case_transition(
        case=case, action=Action.DELIVER_ELECTRONIC, actor=None, expected_revision=None, at=at
    ) as change:
        _delivered(change, "")
    if case.kind == CaseKind.JOINT:
        joint.parts_close(case, at=at)


def case_withdraw(
    *,
    case: Case,
    actor: User | None,
    reason: str,
    expected_revision: int | None,
    at: datetime.datetime | None = None,
) -> Case:
    """撤回 before the decision, at the applicant's request (online, or in writing at a window)."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for withdrawing."), field="reason")
    with transaction.atomic():
        with case_transition(
            case=case,
            action=Action.WITHDRAW,
            actor=actor,
            expected_revision=expected_revision,
            at=at,
        ) as change:
            change.opinion = reason
            if change.source != CaseState.DRAFT:
                change.issue(
                    DocumentKind.WITHDRAWAL,
                    {"reason": reason, "materials": materials_data(change.case)},
                )
        running = [CaseState.WAITING, CaseState.IN_REVIEW, CaseState.SUSPENDED]
        for part in case.parts.filter(state__in=running):
            with case_transition(
                case=part, action=Action.WITHDRAW, actor=None, expected_revision=None, at=at
            ) as ch:
                ch.opinion = reason
    return case


def case_return(
    *,
    case: Case,
    actor: User,
    reason: str,
    expected_revision: int | None,
    at: datetime.datetime | None = None,
) -> Case:
    """退件: the window returns an application that cannot proceed (e.g. corrections never came)."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for returning the application."), field="reason")
    with case_transition(
        case=case,
        action=Action.RETURN_CASE,
        actor=actor,
        expected_revision=expected_revision,
        at=at,
    ) as change:
        change.opinion = reason
        change.issue(
            DocumentKind.WITHDRAWAL, {"reason": reason, "materials": materials_data(change.case)}
        )
    return case


def case_material_supply(
    *,
    case: Case,
    actor: User,
    position: int,
    upload: UploadedFile | None = None,
    expected_revision: int | None,
    at: datetime.datetime | None = None,
) -> Case:
    """A material accepted under 容缺 arrives: the commitment is kept for that line."""
    if upload is not None:
        material_file_check(upload)
    with case_transition(
        case=case,
        action=Action.SUPPLY_MATERIAL,
        actor=actor,
        expected_revision=expected_revision,
        at=at,
    ) as change:
        c = change.case
        row = c.materials.filter(position=position, status=MS.DEFERRED).first()
        if row is None:
            raise DomainError(_("That material is not awaited."))
        row.status, row.supplied_at = MS.SUPPLIED, change.at
        if upload is not None:
            row.file.save(upload.name or "", upload, save=False)
            row.file_name = (upload.name or "")[:200]
        row.save()
        change.target = CaseState(c.state)
        change.data = {
            "material": row.name,
            "late": bool(row.due_date and row.due_date < timezone.localdate(change.at)),
        }
        change.opinion = row.name
    return case
