"""The staff case page and its actions. Each action parses one small form and calls one
service; a refused action shows the service's message and changes nothing."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from onewindow.cases import clock, policies, selectors
from onewindow.cases.choices import Actor, CaseKind, CaseState
from onewindow.cases.choices import MaterialStatus as MS
from onewindow.cases.forms import (
    COUNTER_STATUSES,
    DecideForm,
    DecisionForm,
    ExtendForm,
    FeeForm,
    MailForm,
    OpinionForm,
    PickupForm,
    ProcedureForm,
    ReasonForm,
    ResultForm,
    ReturnForm,
    lines_of,
    materials_from_post,
)
from onewindow.cases.models import Case
from onewindow.cases.services import acceptance, backoffice, delivery, fees, steps
from onewindow.cases.transitions import TRANSITIONS
from onewindow.cases.views.intake import decide, rows_from_materials
from onewindow.core.errors import DomainError
from onewindow.organisations import scope
from onewindow.supervision import selectors as supervision
from onewindow.supervision.urging import urging_panel

BEFORE_DECISION = {
    CaseState.RECEIVED,
    CaseState.CORRECTION,
    CaseState.REFUSAL_PENDING,
    CaseState.WAITING,
    CaseState.IN_REVIEW,
    CaseState.SUSPENDED,
}


def _staff_only(request: HttpRequest) -> None:
    if not scope.assignments_of(request.user) and not request.user.is_superuser:
        raise Http404


def _panels(case: Case, capacities: set[Actor], materials: list) -> set[str]:
    """Which action forms the page offers (the services check again on submit)."""
    state = CaseState(case.state)
    step = steps.current_step(case) if state in (CaseState.IN_REVIEW, CaseState.SUSPENDED) else None
    step_role = Actor(step.role) if step else None
    panels: set[str] = set()
    if Actor.CLERK in capacities:
        if state == CaseState.RECEIVED:
            panels.add("window_decision")
        if state == CaseState.CORRECTION:
            panels |= {"resubmit", "return_case"}
        if state == CaseState.DECIDED and case.delivery_method != "electronic":
            panels.add("deliver_" + case.delivery_method)
        if state in (CaseState.READY, CaseState.MAILED):
            panels.add("handover")
        if state in BEFORE_DECISION and not case.parent_id:
            panels.add("withdraw")
        if any(m.status == MS.DEFERRED for m in materials) and not case.is_joint:
            panels.add("supply")
    if Actor.MANAGER in capacities and state == CaseState.REFUSAL_PENDING:
        panels.add("refusal_review")
    if step_role and step_role in capacities and case.kind != CaseKind.JOINT:
        if state == CaseState.IN_REVIEW:
            last = case.step_index >= len(steps.review_steps(case.version.guide)) - 1
            panels.add("decide" if last and step_role == Actor.APPROVER else "pass")
            panels.add("return")
            if any(k != "extension" for k in case.version.guide.special_procedures):
                panels.add("procedure")
        else:
            panels.add("end_procedure")
    if Actor.APPROVER in capacities and state in (CaseState.IN_REVIEW, CaseState.SUSPENDED):
        panels.add("extend")
    return panels


@login_required
def case_detail(request: HttpRequest, number: str) -> HttpResponse:
    _staff_only(request)
    case = selectors.case_get_for_user(user=request.user, number=number)
    capacities = policies.capacities(request.user, case)
    materials = list(case.materials.all())
    panels = _panels(case, capacities, materials)
    return render(
        request,
        "cases/detail.html",
        {
            "title": case.title,
            "case": case,
            "panels": panels,
            # The checklist table needs the page's full width.
            "wide_actions": bool(panels & {"window_decision", "resubmit"}),
            "materials": materials,
            "checklist_rows": rows_from_materials(case, materials),
            "statuses": COUNTER_STATUSES,
            "events": selectors.timeline(case),
            "documents": case.documents.all(),
            "procedures": case.procedures.all(),
            "deadline_notes": clock.case_deadline_explanation(case),
            "clocks": supervision.case_clocks(case),
            "records": supervision.case_records(case),
            **urging_panel(case, request.user),
            "review_steps": selectors.expected_steps(case),
            "parts": case.parts.select_related("department").order_by("stage", "pk")
            if case.is_joint
            else [],
            "may_decide_on_spot": Actor.CLERK in capacities
            and policies.may_decide_on_spot(request.user, case),
            "decision_form": DecisionForm(),
            "opinion_form": OpinionForm(),
            "return_form": ReturnForm(choices=[(m.position, m.name) for m in materials]),
            "decide_form": DecideForm(),
            "procedure_form": ProcedureForm(
                kinds=case.version.guide.special_procedures if case.version else []
            ),
            "extend_form": ExtendForm(),
            "result_form": ResultForm(),
            "reason_form": ReasonForm(),
            "mail_form": MailForm(),
            "pickup_form": PickupForm(),
            "transitions": TRANSITIONS,
            "fees": case.fees.select_related("charged_by"),
            "fee_form": FeeForm()
            if case.state not in fees.NO_FEE_STATES and fees.may_record_fee(request.user, case)
            else None,
            "fee_names": [f.name for f in fees.published_fees(case)],
        },
    )


@require_POST
@login_required
def case_fee_add(request: HttpRequest, number: str) -> HttpResponse:
    """Record a fee charged in the case (收费); an irregular one is recorded and flagged."""
    _staff_only(request)
    case = selectors.case_get_for_user(user=request.user, number=number)
    try:
        data = _valid(FeeForm(request.POST))
        fee = fees.case_fee_record(
            case=case,
            actor=request.user,
            name=data["name"],
            amount=data["amount"],
            receipt_number=data["receipt_number"],
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if fee.irregularity:
            messages.warning(
                request,
                _("The fee is recorded and reported to supervision: %(why)s")
                % {"why": fee.irregularity},
            )
        else:
            messages.success(request, _("The fee is recorded."))
    return redirect("cases:detail", number=case.number)


# --- actions -----------------------------------------------------------------------------------


def _valid(form) -> dict:
    if not form.is_valid():
        first = next(iter(form.errors.values()))[0]
        raise DomainError(first)
    return form.cleaned_data


def _window_decision(request: HttpRequest, case: Case, revision: int) -> None:
    data = _valid(DecisionForm(request.POST))
    positions = list(case.materials.values_list("position", flat=True))
    decide(
        request, case, data, materials=materials_from_post(request, positions), revision=revision
    )


def _resubmit(request: HttpRequest, case: Case, revision: int) -> None:
    positions = list(case.materials.values_list("position", flat=True))
    acceptance.case_resubmit(
        case=case, actor=request.user, materials=materials_from_post(request, positions)
    )


def _refusal_review(request: HttpRequest, case: Case, revision: int) -> None:
    opinion = _valid(OpinionForm(request.POST))["opinion"]
    if request.POST.get("confirm") == "1":
        acceptance.case_confirm_refusal(case=case, actor=request.user, opinion=opinion)
    else:
        acceptance.case_reject_refusal(case=case, actor=request.user, opinion=opinion)


def _pass(request: HttpRequest, case: Case, revision: int) -> None:
    opinion = _valid(OpinionForm(request.POST))["opinion"]
    backoffice.case_step_pass(
        case=case, actor=request.user, opinion=opinion, expected_revision=revision
    )


def _return(request: HttpRequest, case: Case, revision: int) -> None:
    form = ReturnForm(request.POST, choices=[(m.position, m.name) for m in case.materials.all()])
    data = _valid(form)
    backoffice.case_step_return(
        case=case,
        actor=request.user,
        opinion=data["opinion"],
        materials=data["materials"],
        extra_materials=lines_of(data["extra_materials"]),
        expected_revision=revision,
    )


def _decide(request: HttpRequest, case: Case, revision: int) -> None:
    data = _valid(DecideForm(request.POST))
    backoffice.case_decide(
        case=case,
        actor=request.user,
        approved=data["approved"],
        opinion=data["opinion"],
        reason=data["reason"],
        basis=data["basis"],
        expected_revision=revision,
    )


def _procedure(request: HttpRequest, case: Case, revision: int) -> None:
    kinds = case.version.guide.special_procedures
    data = _valid(ProcedureForm(request.POST, kinds=kinds))
    backoffice.case_procedure_start(case=case, actor=request.user, **data)


def _end_procedure(request: HttpRequest, case: Case, revision: int) -> None:
    data = _valid(ResultForm(request.POST))
    backoffice.case_procedure_end(case=case, actor=request.user, result=data["result"])


def _extend(request: HttpRequest, case: Case, revision: int) -> None:
    data = _valid(ExtendForm(request.POST))
    backoffice.case_extend(case=case, actor=request.user, days=data["days"], reason=data["reason"])


def _ready(request: HttpRequest, case: Case, revision: int) -> None:
    delivery.case_ready(case=case, actor=request.user)


def _mail(request: HttpRequest, case: Case, revision: int) -> None:
    data = _valid(MailForm(request.POST))
    delivery.case_mail(case=case, actor=request.user, tracking_number=data["tracking_number"])


def _handover(request: HttpRequest, case: Case, revision: int) -> None:
    data = _valid(PickupForm(request.POST))
    delivery.case_deliver(
        case=case,
        actor=request.user,
        pickup_code=data["pickup_code"],
        recipient_name=data["recipient_name"],
    )


def _withdraw(request: HttpRequest, case: Case, revision: int) -> None:
    data = _valid(ReasonForm(request.POST))
    delivery.case_withdraw(case=case, actor=request.user, reason=data["reason"])


def _return_case(request: HttpRequest, case: Case, revision: int) -> None:
    data = _valid(ReasonForm(request.POST))
    delivery.case_return(case=case, actor=request.user, reason=data["reason"])


def _supply(request: HttpRequest, case: Case, revision: int) -> None:
    try:
        position = int(request.POST.get("position", ""))
    except ValueError as exc:
        raise DomainError(_("Choose the material.")) from exc
    delivery.case_material_supply(
        case=case, actor=request.user, position=position, upload=request.FILES.get("file")
    )


ACTIONS: dict[str, Callable[[HttpRequest, Case, int], None]] = {
    "window_decision": _window_decision,
    "resubmit": _resubmit,
    "refusal_review": _refusal_review,
    "pass": _pass,
    "return": _return,
    "decide": _decide,
    "procedure": _procedure,
    "end_procedure": _end_procedure,
    "extend": _extend,
    "deliver_pickup": _ready,
    "deliver_mail": _mail,
    "handover": _handover,
    "withdraw": _withdraw,
    "return_case": _return_case,
    "supply": _supply,
}


@require_POST
@login_required
def case_act(request: HttpRequest, number: str, action: str) -> HttpResponse:
    _staff_only(request)
    case = selectors.case_get_for_user(user=request.user, number=number)
    handler = ACTIONS.get(action)
    if handler is None:
        raise Http404
    try:
        revision = int(request.POST.get("revision", ""))
    except ValueError:
        revision = case.revision
    try:
        handler(request, case, revision)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        case.refresh_from_db()
        messages.success(
            request,
            _("Done. The case is now “%(state)s”.") % {"state": case.get_state_display()},
        )
    return redirect("cases:detail", number=case.number)
