"""后台审批: the implementing department's steps, special procedures and the decision.

The steps come from the guide the case was filed under: everything between the window's
acceptance step and the delivery step. The last of them is the decision, taken by an approver;
the others by reviewers of the same department.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from onewindow.cases import clock
from onewindow.cases.choices import (
    Action,
    Actor,
    CaseKind,
    CaseState,
    DeliveryMethod,
    Outcome,
    ProcedureKind,
)
from onewindow.cases.choices import MaterialStatus as MS
from onewindow.cases.machines import MAX_EXTENSION, has_acceptance
from onewindow.cases.models import Case, SpecialProcedure
from onewindow.cases.services import delivery, joint, numbering, paperwork, steps
from onewindow.cases.services.engine import Change, case_transition
from onewindow.cases.services.outside import extra_materials_clean
from onewindow.cases.services.paperwork import materials_data
from onewindow.catalog.choices import ItemType
from onewindow.core.errors import DomainError
from onewindow.core.validators import checked, clean_text
from onewindow.documents.choices import DocumentKind

if TYPE_CHECKING:
    from onewindow.accounts.models import User

DECISION_ACTIONS = (Action.APPROVE, Action.DENY, Action.DECIDE_ON_SPOT)


def _step_capacity(case: Case) -> Actor:
    step = steps.current_step(case)
    return Actor(step.role) if step else Actor.APPROVER


def _need_opinion(opinion: str) -> str:
    opinion = (opinion or "").strip()
    if not opinion:
        raise DomainError(_("Write an opinion."), field="opinion")
    return opinion


def case_step_pass(
    *,
    case: Case,
    actor: User,
    opinion: str,
    expected_revision: int | None,
    at: datetime.datetime | None = None,
) -> Case:
    """通过: the step is done and the next one starts."""
    with case_transition(
        case=case,
        action=Action.PASS,
        actor=actor,
        capacity=_step_capacity(case),
        expected_revision=expected_revision,
        at=at,
    ) as change:
        c = change.case
        change.opinion = _need_opinion(opinion)
        step = steps.close_step(c, change)
        change.step_name = step.name if step else ""
        steps.open_step(c, c.step_index + 1, change.at)
    return case


def case_step_return(
    *,
    case: Case,
    actor: User,
    opinion: str,
    materials: list[int] | None = None,
    extra_materials: list[str] | None = None,
    expected_revision: int | None,
    at: datetime.datetime | None = None,
) -> Case:
    """退回: to the previous step, or from the first step to the applicant. From the first step
    the reviewer names lines of the case's checklist and may name materials outside it (the
    guide may be incomplete); those are printed on the notice and kept for supervision."""
    with case_transition(
        case=case,
        action=Action.RETURN,
        actor=actor,
        capacity=_step_capacity(case),
        expected_revision=expected_revision,
        at=at,
    ) as change:
        c = change.case
        change.opinion = _need_opinion(opinion)
        extra = extra_materials_clean(extra_materials, c)
        step = steps.close_step(c, change)
        change.step_name = step.name if step else ""
        if c.step_index > 0:
            if extra:
                raise DomainError(
                    _("Only a return from the first step to the applicant can ask for materials."),
                    field="extra_materials",
                )
            change.target = CaseState.IN_REVIEW
            change.notify = False
            change.data = {"to_step": c.step_index - 1}
            steps.open_step(c, c.step_index - 1, change.at)
        else:
            rows = {m.position: m for m in c.materials.all()}
            wanted = [rows[p] for p in materials or [] if p in rows]
            if (not wanted and not extra) or len(wanted) != len(set(materials or [])):
                raise DomainError(
                    _("Pick the checklist materials the applicant must correct."),
                    field="materials",
                )
            for m in wanted:
                m.status, m.note = MS.DEFECTIVE, change.opinion[:300]
                m.save(update_fields=["status", "note", "updated_at"])
            change.target = CaseState.CORRECTION
            change.data = {"materials": [m.name for m in wanted], "reason": change.opinion}
            notice = {
                "materials": materials_data(c, only={MS.DEFECTIVE}),
                "opinion": change.opinion,
            }
            if extra:
                change.data["extra"] = notice["extra"] = extra
            change.issue(DocumentKind.CORRECTION, notice)
    return case


def case_procedure_start(
    *,
    case: Case,
    actor: User,
    kind: str,
    reason: str,
    basis: str,
    expected_end: datetime.date | None = None,
    expected_revision: int | None,
    at: datetime.datetime | None = None,
) -> SpecialProcedure:
    """特别程序 (§45): the clock pauses; the applicant is told in writing."""
    if kind == ProcedureKind.EXTENSION:
        raise DomainError(_("An extension is granted by the approver, not started as a procedure."))
    if kind not in ProcedureKind.values:
        raise DomainError(_("Choose the kind of special procedure."), field="kind")
    reason, basis = (reason or "").strip(), (basis or "").strip()
    if not reason or not basis:
        raise DomainError(_("A special procedure needs a reason and its legal basis."))
    with case_transition(
        case=case,
        action=Action.START_PROCEDURE,
        actor=actor,
        capacity=_step_capacity(case),
        expected_revision=expected_revision,
        at=at,
    ) as change:
        c = change.case
        if kind not in c.filed_version.guide.special_procedures:
            raise DomainError(
                _("The guide of this item does not provide for “%(kind)s”.")
                % {"kind": ProcedureKind(kind).label}
            )
        procedure = SpecialProcedure.objects.create(
            case=c,
            kind=kind,
            reason=reason,
            basis=basis,
            started_on=timezone.localdate(change.at),
            expected_end=expected_end,
            started_by=actor,
        )
        change.opinion = reason
        change.data = {"kind": kind, "basis": basis}
        change.issue(
            DocumentKind.SPECIAL_PROCEDURE,
            {
                "procedure_kind": kind,
                "procedure_kind_label": str(ProcedureKind(kind).label),
                "reason": reason,
                "basis": basis,
                "started_at": procedure.started_on.isoformat(),
                "expected_end": expected_end.isoformat() if expected_end else None,
            },
        )
    return procedure


def case_procedure_end(
    *,
    case: Case,
    actor: User,
    result: str,
    expected_revision: int | None,
    at: datetime.datetime | None = None,
) -> SpecialProcedure:
    """The §45 procedure is over: the clock runs again from its end."""
    with case_transition(
        case=case,
        action=Action.END_PROCEDURE,
        actor=actor,
        capacity=_step_capacity(case),
        expected_revision=expected_revision,
        at=at,
    ) as change:
        c = change.case
        procedure = (
            c.procedures.filter(ended_on__isnull=True).exclude(kind=ProcedureKind.EXTENSION).first()
        )
        if procedure is None:
            raise DomainError(_("No special procedure is running."))
        procedure.ended_on = max(timezone.localdate(change.at), procedure.started_on)
        procedure.result = checked(
            clean_text, result, field="result", label=_("Result of the procedure"), max_length=300
        )
        procedure.ended_by = actor
        procedure.save()
        change.opinion = procedure.result
        c.due_date = clock.case_due_date(c, today=procedure.ended_on)
    return procedure


LICENSING_EXTENSION_BASIS = "《中华人民共和国行政许可法》第四十二条"


def _default_extension_basis(case: Case) -> str:
    legal = paperwork.legal_data(case)
    if legal["item_type"] == ItemType.LICENSING:
        return LICENSING_EXTENSION_BASIS
    return legal["item_basis"]


def case_extend(
    *,
    case: Case,
    actor: User,
    days: int,
    reason: str,
    basis: str = "",
    expected_revision: int | None,
    at: datetime.datetime | None = None,
) -> SpecialProcedure:
    """§42 extension, granted by the department's approver; the applicant is told why.

    Without a basis given, a 行政许可 item's extension cites 行政许可法 §42; any other item's
    cites its own catalog basis (行政许可法 governs licences only)."""
    reason = (reason or "").strip()
    basis = (basis or "").strip() or _default_extension_basis(case)
    if not reason:
        raise DomainError(_("An extension needs a reason."), field="reason")
    with case_transition(
        case=case,
        action=Action.EXTEND,
        actor=actor,
        expected_revision=expected_revision,
        at=at,
    ) as change:
        c = change.case
        limit = MAX_EXTENSION.get(CaseKind(c.kind), 10)
        if days is None or days < 1 or c.extension_days + days > limit:
            raise DomainError(
                _("The limit can be extended by at most %(n)d days in all.") % {"n": limit},
                field="days",
            )
        today = timezone.localdate(change.at)
        procedure = SpecialProcedure.objects.create(
            case=c,
            kind=ProcedureKind.EXTENSION,
            reason=reason,
            basis=basis,
            started_on=today,
            ended_on=today,
            extension_days=days,
            started_by=actor,
            ended_by=actor,
        )
        c.extension_days += days
        c.due_date = clock.case_due_date(c)
        change.target = CaseState(c.state)
        change.opinion = reason
        change.data = {"days": days}
        change.issue(
            DocumentKind.SPECIAL_PROCEDURE,
            {
                "procedure_kind": ProcedureKind.EXTENSION,
                "procedure_kind_label": str(ProcedureKind.EXTENSION.label),
                "reason": reason,
                "basis": basis,
                "started_at": today.isoformat(),
                "extension_days": days,
            },
        )
    return procedure


def _result_number(case: Case, number: str, at: datetime.datetime) -> str:
    """The licence number: from the counter of the department's prefix, or the one given."""
    if not number:
        prefix = (case.department.short_name if case.department else "") or "R"
        return numbering.licence_number(prefix, at)
    if Case.objects.filter(result_number=number).exclude(pk=case.pk).exists():
        raise DomainError(_("The number %(n)s is already in use.") % {"n": number})
    return number


def decision_record(
    change: Change, *, approved: bool, reason: str, basis: str, number: str
) -> None:
    c = change.case
    if not has_acceptance(c):
        raise DomainError(
            _("No acceptance at the window is on record for this case: it cannot be decided.")
        )
    c.outcome = Outcome.APPROVED if approved else Outcome.DENIED
    clock.record_decision(c, change.at)
    c.decision_reason = reason
    if approved:
        c.result_name = c.filed_version.guide.result_name or c.title
        c.result_number = _result_number(c, number, change.at)
        change.issue(
            DocumentKind.APPROVAL,
            {
                "result_name": c.result_name,
                "licence_number": c.result_number,
                "decision": change.opinion,
            },
        )
    else:
        change.issue(DocumentKind.DENIAL, {"reason": reason, "basis": basis})
    change.issue(
        DocumentKind.COMPLETION,
        {
            "outcome_label": str(Outcome(c.outcome).label),
            "decided_at": change.at.isoformat(timespec="seconds"),
            "delivery_method_label": str(DeliveryMethod(c.delivery_method).label),
            "pickup_place": c.home_place.name,
        },
    )


def case_decide(
    *,
    case: Case,
    actor: User,
    approved: bool,
    opinion: str,
    reason: str = "",
    basis: str = "",
    result_number: str = "",
    expected_revision: int | None,
    at: datetime.datetime | None = None,
) -> Case:
    """决定 at the last step: approved (result document) or not approved (reasons, appeal)."""
    action = Action.APPROVE if approved else Action.DENY
    reason, basis = (reason or "").strip(), (basis or "").strip()
    if not approved and (not reason or not basis):
        raise DomainError(_("A decision not to approve needs reasons and their legal basis."))
    with transaction.atomic():
        with case_transition(
            case=case,
            action=action,
            actor=actor,
            capacity=Actor.APPROVER,
            expected_revision=expected_revision,
            at=at,
        ) as change:
            c = change.case
            change.opinion = _need_opinion(opinion)
            step = steps.close_step(c, change)
            change.step_name = step.name if step else ""
            decision_record(
                change, approved=approved, reason=reason, basis=basis, number=result_number
            )
        after_decision(case, at=at)
    return case


def after_decision(case: Case, *, at: datetime.datetime | None) -> None:
    if case.parent_id:
        joint.part_decided(case, at=at)
    elif case.delivery_method == DeliveryMethod.ELECTRONIC:
        delivery.deliver_electronic(case, at=at)
