"""The staff case page and its actions. Each action parses one small form and calls one
service; a refused action shows the service's message and changes nothing."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from onewindow.accounts.requests import AuthenticatedHttpRequest
from onewindow.cases import clock, policies, selectors
from onewindow.cases.choices import Action
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
from onewindow.cases.machines import CASE, on_spot_allowed, procedure_kinds
from onewindow.cases.models import Case
from onewindow.cases.panels import case_panels
from onewindow.cases.services import acceptance, backoffice, delivery, fees, window
from onewindow.cases.views.intake import rows_from_materials
from onewindow.core.errors import DomainError
from onewindow.organisations import scope
from onewindow.workflow.engine import available_actions, parse_revision

# Which form of the page takes which actions of the case machine. The engine decides what is
# offered (``available_actions``); this only names the form that carries each action.
PANEL_ACTIONS: dict[str, tuple[Action, ...]] = {
    "window_decision": (
        Action.ACCEPT,
        Action.ACCEPT_DEFERRED,
        Action.ACCEPT_COMMITMENT,
        Action.REQUEST_CORRECTION,
        Action.PROPOSE_REFUSAL,
    ),
    "resubmit": (Action.RESUBMIT,),
    "refusal_review": (Action.CONFIRM_REFUSAL, Action.REJECT_REFUSAL),
    "pass": (Action.PASS,),
    "return": (Action.RETURN,),
    "decide": (Action.APPROVE, Action.DENY),
    "procedure": (Action.START_PROCEDURE,),
    "end_procedure": (Action.END_PROCEDURE,),
    "extend": (Action.EXTEND,),
    "deliver_pickup": (Action.READY,),
    "deliver_mail": (Action.MAIL,),
    "handover": (Action.DELIVER,),
    "withdraw": (Action.WITHDRAW,),
    "return_case": (Action.RETURN_CASE,),
    "supply": (Action.SUPPLY_MATERIAL,),
}


def _staff_only(request: AuthenticatedHttpRequest) -> None:
    if not scope.assignments_of(request.user) and not request.user.is_superuser:
        raise Http404


def panels_for(offered: set[str]) -> set[str]:
    """The forms the page shows: those carrying at least one action the engine offers."""
    return {panel for panel, actions in PANEL_ACTIONS.items() if offered & set(actions)}


@login_required
def case_detail(request: AuthenticatedHttpRequest, number: str) -> HttpResponse:
    _staff_only(request)
    case = selectors.case_get_for_user(user=request.user, number=number)
    offered = set(available_actions(CASE, request.user, case))
    materials = list(case.materials.all())
    panels = panels_for(offered)
    may_open_scans = policies.may_open_scans(request.user, case)
    deadline = clock.case_deadline(case)
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
            "checklist_rows": rows_from_materials(case, materials, scans=may_open_scans),
            "may_open_scans": may_open_scans,
            "statuses": COUNTER_STATUSES,
            "events": selectors.timeline(case),
            "documents": case.documents.all(),
            "procedures": case.procedures.all(),
            "deadline": deadline,
            "deadline_notes": clock.case_deadline_explanation(case, deadline=deadline),
            # Panels other apps contribute (supervision's clocks and urgings): cases imports none.
            "extra_panels": [
                render_to_string(p.template, {"case": case, **p.context}, request=request)
                for p in case_panels(case, request.user)
            ],
            "review_steps": selectors.expected_steps(case),
            "parts": case.parts.select_related("department").order_by("stage", "pk")
            if case.is_joint
            else [],
            # The window decision's buttons: only the ways of deciding the engine offers.
            "offered": offered,
            "on_spot": "1"
            if Action.ACCEPT in offered and on_spot_allowed(request.user, case)
            else "",
            "decision_form": DecisionForm(),
            "opinion_form": OpinionForm(),
            "return_form": ReturnForm(choices=[(m.position, m.name) for m in materials]),
            "decide_form": DecideForm(),
            "procedure_form": ProcedureForm(kinds=procedure_kinds(case)),
            "extend_form": ExtendForm(),
            "result_form": ResultForm(),
            "reason_form": ReasonForm(),
            "mail_form": MailForm(),
            "pickup_form": PickupForm(),
            "fees": case.fees.select_related("charged_by"),
            "fee_form": FeeForm()
            if case.state not in fees.NO_FEE_STATES and fees.may_record_fee(request.user, case)
            else None,
            "fee_names": [f.name for f in fees.published_fees(case)],
        },
    )


@require_POST
@login_required
def case_fee_add(request: AuthenticatedHttpRequest, number: str) -> HttpResponse:
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


def _valid(form: forms.BaseForm) -> dict:
    if not form.is_valid():
        first = next(iter(form.errors.values()))[0]
        raise DomainError(str(first))  # ErrorList items read as strings
    return form.cleaned_data


def _window_decision(request: AuthenticatedHttpRequest, case: Case, revision: int) -> None:
    data = _valid(DecisionForm(request.POST))
    positions = list(case.materials.values_list("position", flat=True))
    window.case_window_decide(
        case=case,
        actor=request.user,
        decision=window.WindowDecision.from_form(data),
        materials=materials_from_post(request, positions),
        expected_revision=revision,
    )


def _resubmit(request: AuthenticatedHttpRequest, case: Case, revision: int) -> None:
    positions = list(case.materials.values_list("position", flat=True))
    acceptance.case_resubmit(
        case=case,
        actor=request.user,
        materials=materials_from_post(request, positions),
        expected_revision=revision,
    )


def _refusal_review(request: AuthenticatedHttpRequest, case: Case, revision: int) -> None:
    opinion = _valid(OpinionForm(request.POST))["opinion"]
    if request.POST.get("confirm") == "1":
        acceptance.case_confirm_refusal(
            case=case, actor=request.user, opinion=opinion, expected_revision=revision
        )
    else:
        acceptance.case_reject_refusal(
            case=case, actor=request.user, opinion=opinion, expected_revision=revision
        )


def _pass(request: AuthenticatedHttpRequest, case: Case, revision: int) -> None:
    opinion = _valid(OpinionForm(request.POST))["opinion"]
    backoffice.case_step_pass(
        case=case, actor=request.user, opinion=opinion, expected_revision=revision
    )


def _return(request: AuthenticatedHttpRequest, case: Case, revision: int) -> None:
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


def _decide(request: AuthenticatedHttpRequest, case: Case, revision: int) -> None:
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


def _procedure(request: AuthenticatedHttpRequest, case: Case, revision: int) -> None:
    data = _valid(ProcedureForm(request.POST, kinds=procedure_kinds(case)))
    backoffice.case_procedure_start(
        case=case, actor=request.user, expected_revision=revision, **data
    )


def _end_procedure(request: AuthenticatedHttpRequest, case: Case, revision: int) -> None:
    data = _valid(ResultForm(request.POST))
    backoffice.case_procedure_end(
        case=case, actor=request.user, result=data["result"], expected_revision=revision
    )


def _extend(request: AuthenticatedHttpRequest, case: Case, revision: int) -> None:
    data = _valid(ExtendForm(request.POST))
    backoffice.case_extend(
        case=case,
        actor=request.user,
        days=data["days"],
        reason=data["reason"],
        expected_revision=revision,
    )


def _ready(request: AuthenticatedHttpRequest, case: Case, revision: int) -> None:
    delivery.case_ready(case=case, actor=request.user, expected_revision=revision)


def _mail(request: AuthenticatedHttpRequest, case: Case, revision: int) -> None:
    data = _valid(MailForm(request.POST))
    delivery.case_mail(
        case=case,
        actor=request.user,
        tracking_number=data["tracking_number"],
        expected_revision=revision,
    )


def _handover(request: AuthenticatedHttpRequest, case: Case, revision: int) -> None:
    data = _valid(PickupForm(request.POST))
    delivery.case_deliver(
        case=case,
        actor=request.user,
        pickup_code=data["pickup_code"],
        recipient_name=data["recipient_name"],
        expected_revision=revision,
    )


def _withdraw(request: AuthenticatedHttpRequest, case: Case, revision: int) -> None:
    data = _valid(ReasonForm(request.POST))
    delivery.case_withdraw(
        case=case, actor=request.user, reason=data["reason"], expected_revision=revision
    )


def _return_case(request: AuthenticatedHttpRequest, case: Case, revision: int) -> None:
    data = _valid(ReasonForm(request.POST))
    delivery.case_return(
        case=case, actor=request.user, reason=data["reason"], expected_revision=revision
    )


def _supply(request: AuthenticatedHttpRequest, case: Case, revision: int) -> None:
    try:
        position = int(request.POST.get("position", ""))
    except ValueError as exc:
        raise DomainError(_("Choose the material.")) from exc
    delivery.case_material_supply(
        case=case,
        actor=request.user,
        position=position,
        upload=request.FILES.get("file"),
        expected_revision=revision,
    )


ACTIONS: dict[str, Callable[[AuthenticatedHttpRequest, Case, int], None]] = {
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
def case_act(request: AuthenticatedHttpRequest, number: str, action: str) -> HttpResponse:
    _staff_only(request)
    case = selectors.case_get_for_user(user=request.user, number=number)
    handler = ACTIONS.get(action)
    if handler is None:
        raise Http404
    try:
        # The revision the page was rendered at: a missing or malformed one is refused.
        handler(request, case, parse_revision(request.POST.get("revision")))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        case.refresh_from_db()
        messages.success(
            request,
            _("Done. The case is now “%(state)s”.") % {"state": case.get_state_display()},
        )
    return redirect("cases:detail", number=case.number)
