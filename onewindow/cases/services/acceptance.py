"""The window's decision on a received application (行政许可法 §32).

受理, 补齐补正 (one notice listing everything), 不予受理 (proposed by the window, decided by the
center manager), 容缺受理, 告知承诺, and the automatic acceptance when no notice was given within
five working days.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from onewindow.cases import clock, policies
from onewindow.cases.choices import IN_HAND, Action, Actor, CaseKind, CaseState
from onewindow.cases.choices import MaterialStatus as MS
from onewindow.cases.models import Case
from onewindow.cases.services import backoffice, joint, steps
from onewindow.cases.services.engine import Change, case_transition
from onewindow.cases.services.files import material_file_check
from onewindow.cases.services.intake import MaterialInput, material_given
from onewindow.cases.services.outside import extra_materials_clean
from onewindow.cases.services.paperwork import materials_data
from onewindow.catalog.choices import Necessity
from onewindow.core.errors import DomainError, NotPermitted
from onewindow.documents.choices import DocumentKind

if TYPE_CHECKING:
    from onewindow.accounts.models import User

# 告知承诺: when the department checks that the applicant kept the commitment.
COMMITMENT_CHECK_DAYS = 60


def _update_materials(case: Case, inputs: list[MaterialInput] | None) -> None:
    """The clerk's latest check of each line (at pre-review, or on the applicant's return)."""
    if not inputs:
        return
    rows = {m.position: m for m in case.materials.all()}
    for given in inputs:
        row = rows.get(given.position)
        if row is None:
            raise DomainError(_("Only materials of the published checklist can be recorded."))
        if row.status == MS.FETCHED:
            continue
        if given.status not in (MS.RECEIVED, MS.MISSING, MS.DEFECTIVE, MS.NOT_PROVIDED):
            raise DomainError(_("Unknown material status."))
        if given.status == MS.NOT_PROVIDED and row.necessity != Necessity.OPTIONAL:
            raise DomainError(
                _("“%(name)s” is required and cannot be marked as not provided.")
                % {"name": row.name}
            )
        if given.upload is not None:
            material_file_check(given.upload)
        material_given(row, given, given.status)
        row.save()


def _lacking(case: Case) -> list:
    """Required lines not in hand (optional lines may be left out)."""
    return [
        m
        for m in case.materials.all()
        if m.necessity != Necessity.OPTIONAL and m.status not in IN_HAND
    ]


def _accepted(change: Change, *, on: datetime.datetime | None = None) -> None:
    case = change.case
    case.accepted_at = on or change.at
    if case.kind == CaseKind.JOINT:
        joint.parts_spawn(change)
    else:
        steps.open_step(case, 0, change.at)
    deadline = clock.case_deadline(case)
    case.due_date = deadline.due
    # A notice never carries a deadline silently: provisional or to be set, it says so and why.
    change.issue(
        DocumentKind.ACCEPTANCE,
        {"materials": materials_data(case), **clock.deadline_snapshot(deadline)},
    )


def case_accept(
    *,
    case: Case,
    actor: User,
    materials: list[MaterialInput] | None = None,
    expected_revision: int | None,
    at: datetime.datetime | None = None,
) -> Case:
    """受理: every required material is in hand; the promised deadline starts."""
    with case_transition(
        case=case, action=Action.ACCEPT, actor=actor, expected_revision=expected_revision, at=at
    ) as change:
        _update_materials(change.case, materials)
        lacking = _lacking(change.case)
        if lacking:
            raise DomainError(
                _(
                    "Not every required material is in hand (%(names)s): request corrections, "
                    "or accept with materials to follow where the guide allows it."
                )
                % {"names": "、".join(m.name for m in lacking)}
            )
        _accepted(change)
    return case


def case_accept_deferred(
    *,
    case: Case,
    actor: User,
    due_date: datetime.date | None,  # None is refused with a message
    materials: list[MaterialInput] | None = None,
    expected_revision: int | None,
    at: datetime.datetime | None = None,
) -> Case:
    """容缺受理: allowed only when every missing line is marked 容缺后补 in the guide; the
    applicant signs a commitment to supply them by ``due_date``."""
    with case_transition(
        case=case,
        action=Action.ACCEPT_DEFERRED,
        actor=actor,
        expected_revision=expected_revision,
        at=at,
    ) as change:
        _update_materials(change.case, materials)
        lacking = _lacking(change.case)
        if not lacking:
            raise DomainError(_("Nothing is missing: accept the application normally."))
        key = [m.name for m in lacking if m.necessity != Necessity.DEFERRABLE]
        if key:
            raise DomainError(
                _("These materials cannot be supplied after acceptance: %(names)s.")
                % {"names": "、".join(key)}
            )
        if due_date is None or due_date <= timezone.localdate(change.at):
            raise DomainError(_("Set a due date after today for the missing materials."))
        for m in lacking:
            m.status, m.due_date = MS.DEFERRED, due_date
            m.save(update_fields=["status", "due_date", "updated_at"])
        change.case.deferred = True
        change.data = {"due_date": due_date.isoformat(), "materials": [m.name for m in lacking]}
        _accepted(change)
        change.issue(
            DocumentKind.DEFERRAL_COMMITMENT,
            {
                "materials": materials_data(change.case, only={MS.DEFERRED}),
                "due_date": due_date.isoformat(),
            },
        )
    return case


def case_accept_commitment(
    *,
    case: Case,
    actor: User,
    materials: list[MaterialInput] | None = None,
    expected_revision: int | None,
    at: datetime.datetime | None = None,
) -> Case:
    """告知承诺: where the guide allows it, the applicant's signed commitment stands in for proof
    of the conditions; the case is marked for a later check."""
    with case_transition(
        case=case,
        action=Action.ACCEPT_COMMITMENT,
        actor=actor,
        expected_revision=expected_revision,
        at=at,
    ) as change:
        c = change.case
        _update_materials(c, materials)
        c.commitment = True
        c.commitment_check_due = timezone.localdate(change.at) + datetime.timedelta(
            days=COMMITMENT_CHECK_DAYS
        )
        _accepted(change)
        change.issue(
            DocumentKind.NOTIFICATION_COMMITMENT,
            {
                "conditions": c.filed_version.guide.conditions,
                "check_due": c.commitment_check_due.isoformat(),
                "materials": materials_data(c),
            },
        )
    return case


def case_request_correction(
    *,
    case: Case,
    actor: User,
    materials: list[MaterialInput] | None = None,
    opinion: str = "",
    extra_materials: list[str] | None = None,
    expected_revision: int | None,
    at: datetime.datetime | None = None,
) -> Case:
    """补齐补正: ONE notice listing every missing or defective material (一次性告知), and any
    material asked for outside the checklist (recorded for supervision)."""
    with case_transition(
        case=case,
        action=Action.REQUEST_CORRECTION,
        actor=actor,
        expected_revision=expected_revision,
        at=at,
    ) as change:
        _update_materials(change.case, materials)
        extra = extra_materials_clean(extra_materials, change.case)
        wanted = {MS.MISSING, MS.DEFECTIVE}
        lacking = [m for m in change.case.materials.all() if m.status in wanted]
        if not lacking and not extra:
            raise DomainError(
                _("Mark the missing or defective materials: the notice must list them all.")
            )
        change.opinion = opinion.strip()
        change.data = {"materials": [{"name": m.name, "note": m.note} for m in lacking]}
        notice = {"materials": materials_data(change.case, only=wanted), "opinion": change.opinion}
        if extra:
            change.data["extra"] = notice["extra"] = extra
        change.issue(DocumentKind.CORRECTION, notice)
    return case


def case_resubmit(
    *,
    case: Case,
    actor: User,
    materials: list[MaterialInput] | None = None,
    expected_revision: int | None,
    at: datetime.datetime | None = None,
) -> Case:
    """The applicant supplies the corrections (online or at the window). Before acceptance the
    application is received afresh; after a back-office return it goes back to review."""
    with case_transition(
        case=case,
        action=Action.RESUBMIT,
        actor=actor,
        expected_revision=expected_revision,
        at=at,
    ) as change:
        c = change.case
        _update_materials(c, materials)
        if c.accepted_at is None:
            c.received_at = change.at
            c.acceptance_due = clock.acceptance_due(c)
            change.target = CaseState.RECEIVED
        else:
            change.target = CaseState.IN_REVIEW
            steps.review_resume(change)
    return case


def case_propose_refusal(
    *,
    case: Case,
    actor: User,
    reason: str,
    basis: str,
    expected_revision: int | None,
    at: datetime.datetime | None = None,
) -> Case:
    """不予受理 is proposed by the window with its reason and legal basis; the window cannot
    refuse alone (窗口无权否决)."""
    reason, basis = (reason or "").strip(), (basis or "").strip()
    if not reason or not basis:
        raise DomainError(_("A refusal needs a reason and its legal basis."), field="reason")
    with case_transition(
        case=case,
        action=Action.PROPOSE_REFUSAL,
        actor=actor,
        expected_revision=expected_revision,
        at=at,
    ) as change:
        change.opinion = reason
        change.data = {"reason": reason, "basis": basis}
    return case


def _pending_refusal(case: Case) -> dict:
    event = case.events.filter(action=Action.PROPOSE_REFUSAL).order_by("-at", "-id").first()
    return event.data if event else {}


def case_confirm_refusal(
    *,
    case: Case,
    actor: User,
    opinion: str = "",
    expected_revision: int | None,
    at: datetime.datetime | None = None,
) -> Case:
    """The center manager confirms the refusal: the notice states reasons and appeal rights."""
    with case_transition(
        case=case,
        action=Action.CONFIRM_REFUSAL,
        actor=actor,
        expected_revision=expected_revision,
        at=at,
    ) as change:
        proposal = _pending_refusal(change.case)
        change.opinion = opinion.strip()
        change.data = proposal
        change.case.decision_reason = proposal.get("reason", "")
        change.issue(
            DocumentKind.REFUSAL,
            {"reason": proposal.get("reason", ""), "basis": proposal.get("basis", "")},
        )
    return case


def case_reject_refusal(
    *,
    case: Case,
    actor: User,
    opinion: str,
    expected_revision: int | None,
    at: datetime.datetime | None = None,
) -> Case:
    """The manager sends the proposal back: the window decides again."""
    if not (opinion or "").strip():
        raise DomainError(_("Say why the refusal is sent back."), field="opinion")
    with case_transition(
        case=case,
        action=Action.REJECT_REFUSAL,
        actor=actor,
        expected_revision=expected_revision,
        at=at,
    ) as change:
        change.opinion = opinion.strip()
    return case


def case_auto_accept_due(*, today: datetime.date | None = None) -> list[Case]:
    """§32: no correction notice within five working days of receipt means the application
    counts as accepted from the day it was received. Run daily."""
    today = today or timezone.localdate()
    accepted = []
    due = Case.objects.filter(state=CaseState.RECEIVED, acceptance_due__lt=today).order_by("pk")
    for case in due:
        with case_transition(
            case=case, action=Action.AUTO_ACCEPT, actor=None, expected_revision=None
        ) as change:
            change.case.auto_accepted = True
            day = change.case.acceptance_due  # set: the query selected the case by it
            change.data = {"acceptance_due": day.isoformat() if day else None}
            change.opinion = _(
                "No correction notice was issued within five working days of receipt "
                "(行政许可法 §32): accepted from the day of receipt."
            )
            _accepted(change, on=change.case.received_at)
        accepted.append(case)
    return accepted


def case_decide_on_spot(
    *,
    case: Case,
    actor: User,
    materials: list | None = None,
    expected_revision: int | None,
    at: datetime.datetime | None = None,
) -> Case:
    """即办件: an authorised window accepts and approves in one sitting."""
    if case.filed_version.guide.case_type != "1":
        raise DomainError(_("Only items done on the spot (即办件) can be decided at the window."))
    if actor is None or not policies.may_decide_on_spot(actor, case):
        raise NotPermitted(_("This window is not authorised to decide on the spot."))
    with transaction.atomic():
        case_accept(
            case=case,
            actor=actor,
            materials=materials,
            expected_revision=expected_revision,
            at=at,
        )
        # The same request has just accepted it: no other revision to compare with.
        with case_transition(
            case=case,
            action=Action.DECIDE_ON_SPOT,
            actor=actor,
            capacity=Actor.CLERK,
            expected_revision=None,
            at=at,
        ) as change:
            change.opinion = _("Decided on the spot at the window.")
            change.case.decided_on_spot = True
            step = steps.close_step(change.case, change)
            change.step_name = step.name if step else ""
            backoffice.decision_record(change, approved=True, reason="", basis="", number="")
        backoffice.after_decision(case, at=at)
    return case
