"""The case machine: the table of every action on a case, its guards and its hooks.

The generic engine (:mod:`onewindow.workflow.engine`) applies it: it locks the case, refuses a
stale revision, checks this table, the actor's capacity (``policies.capacities``) and the action's
guard, and then calls the hooks below, which write the ``CaseEvent``, the formal documents, the
audit content, the ``case_transitioned`` signal and the applicant's notification. The services in
``cases/services`` say what an action does to the locked case; the rules of *when* an action is
possible live here, so that the staff page and the portal offer exactly what the engine accepts
(``available_actions``). ``docs/states/case.md`` is generated from this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from django.utils import timezone
from django.utils.translation import gettext as _

from onewindow.cases import policies
from onewindow.cases.choices import (
    STATE_CLOCK,
    Action,
    Actor,
    CaseKind,
    CaseState,
    Channel,
    DeliveryMethod,
    ProcedureKind,
    WarningLevel,
)
from onewindow.cases.choices import MaterialStatus as MS
from onewindow.cases.models import Case, CaseEvent
from onewindow.cases.services import notify, paperwork, steps
from onewindow.cases.signals import case_transitioned
from onewindow.catalog.choices import Necessity
from onewindow.core.errors import DomainError, NotPermitted
from onewindow.workflow.machine import Change, Check, Guard, Machine, Transition, edge, register

if TYPE_CHECKING:
    from onewindow.accounts.models import User
    from onewindow.cases.models import CaseStep

S = CaseState
Do = Action
By = Actor

# Before the decision the applicant may still withdraw (撤回).
BEFORE_DECISION = frozenset(
    {S.RECEIVED, S.CORRECTION, S.REFUSAL_PENDING, S.WAITING, S.IN_REVIEW, S.SUSPENDED}
)
# The window's acceptance of a case (受审分离: a decision must trace back to one of these).
ACCEPTANCE_ACTIONS = (Do.ACCEPT, Do.ACCEPT_DEFERRED, Do.ACCEPT_COMMITMENT, Do.AUTO_ACCEPT)
# §42: an extension of at most 10 working days (15 for joint handling), with approval.
MAX_EXTENSION = {CaseKind.SINGLE: 10, CaseKind.PART: 15}
# When a user holds several capacities the action allows, the event records the most specific.
CAPACITY_ORDER = (By.APPROVER, By.REVIEWER, By.MANAGER, By.CLERK, By.APPLICANT, By.SYSTEM)

_ROWS: list[Transition] = [
    # Intake. A window receipt creates the case in RECEIVED; so does an online submission.
    edge(
        Do.RECEIVE,
        {S.DRAFT},
        S.RECEIVED,
        {By.CLERK},
        event="case.received",
        why="行政许可法 §32 收件: the window records what was handed in; the §32 clock starts",
    ),
    edge(
        Do.SUBMIT,
        {S.DRAFT},
        S.RECEIVED,
        {By.APPLICANT},
        event="case.received",
        why="§29 网上申报: the applicant's own draft, pre-reviewed by the window",
    ),
    edge(
        Do.ROUTE,
        {S.RECEIVED},
        S.RECEIVED,
        {By.CLERK},
        why="通办: received at one center for the competent one, once, with the receipt",
    ),
    # Acceptance decisions at the window (受审分离: only the window accepts).
    edge(
        Do.ACCEPT,
        {S.RECEIVED},
        S.IN_REVIEW,
        {By.CLERK},
        event="case.accepted",
        why="§32 受理; 受审分离: only the window accepts",
    ),
    edge(
        Do.ACCEPT_DEFERRED,
        {S.RECEIVED},
        S.IN_REVIEW,
        {By.CLERK},
        event="case.accepted",
        why="容缺受理: only where the guide marks a material as deferrable",
    ),
    edge(
        Do.ACCEPT_COMMITMENT,
        {S.RECEIVED},
        S.IN_REVIEW,
        {By.CLERK},
        event="case.accepted",
        why="告知承诺制: only where the guide allows approval on commitment",
    ),
    edge(
        Do.AUTO_ACCEPT,
        {S.RECEIVED},
        S.IN_REVIEW,
        {By.SYSTEM},
        event="case.accepted",
        why="§32: no correction notice within five working days counts as accepted",
    ),
    edge(
        Do.REQUEST_CORRECTION,
        {S.RECEIVED},
        S.CORRECTION,
        {By.CLERK},
        event="case.correction",
        why="§32(4) 一次性告知: one notice listing every missing material",
    ),
    edge(
        Do.RESUBMIT,
        {S.CORRECTION},
        (S.RECEIVED, S.IN_REVIEW),
        {By.APPLICANT, By.CLERK},
        event="case.received",
        why="§32(4): the corrections received afresh (before acceptance) or back to review",
    ),
    # 窗口无权否决: the window proposes, the center manager decides.
    edge(
        Do.PROPOSE_REFUSAL,
        {S.RECEIVED},
        S.REFUSAL_PENDING,
        {By.CLERK},
        why="§32 不予受理 with reasons; 窗口无权否决: the window only proposes",
    ),
    edge(
        Do.CONFIRM_REFUSAL,
        {S.REFUSAL_PENDING},
        S.REFUSED,
        {By.MANAGER},
        event="case.refused",
        why="窗口无权否决: the center manager decides a refusal; §38 reasons and appeal rights",
    ),
    edge(
        Do.REJECT_REFUSAL,
        {S.REFUSAL_PENDING},
        S.RECEIVED,
        {By.MANAGER},
        why="窗口无权否决: the manager sends the proposal back to the window",
    ),
    # 即办件: an authorised window accepts and decides on the spot (after ACCEPT in one request).
    edge(
        Do.DECIDE_ON_SPOT,
        {S.IN_REVIEW},
        S.DECIDED,
        {By.CLERK},
        event="case.decided",
        why="§34 即办件: an authorised window decides at once, right after accepting",
    ),
    # Joint applications: later stages wait; the parent is decided when every part is.
    edge(
        Do.ACTIVATE,
        {S.DRAFT, S.WAITING},
        (S.IN_REVIEW, S.WAITING),
        {By.SYSTEM},
        why="§26 一件事: a stage starts when the previous one is approved",
    ),
    edge(
        Do.PARTS_DECIDED,
        {S.IN_REVIEW},
        S.DECIDED,
        {By.SYSTEM},
        event="case.decided",
        why="§26 一件事: the application is decided when every part is",
    ),
    edge(
        Do.CLOSE_PART,
        {S.DECIDED, S.WAITING},
        (S.COMPLETED, S.RETURNED),
        {By.SYSTEM},
        why="§26 一件事: parts end with the joint application",
    ),
    # Back office.
    edge(
        Do.PASS,
        {S.IN_REVIEW},
        S.IN_REVIEW,
        {By.REVIEWER, By.APPROVER},
        event="case.in_review",
        why="§34 审查: the step's role passes it to the next step, never the decision step",
    ),
    edge(
        Do.RETURN,
        {S.IN_REVIEW},
        (S.IN_REVIEW, S.CORRECTION),
        {By.REVIEWER, By.APPROVER},
        event="case.correction",
        why="§34: back one step, or from the first step to the applicant for corrections",
    ),
    edge(
        Do.START_PROCEDURE,
        {S.IN_REVIEW},
        S.SUSPENDED,
        {By.REVIEWER, By.APPROVER},
        event="case.special_procedure",
        why="§45 听证、检验、检测、鉴定: the step's role, as the guide provides; the clock pauses",
    ),
    edge(
        Do.END_PROCEDURE,
        {S.SUSPENDED},
        S.IN_REVIEW,
        {By.REVIEWER, By.APPROVER},
        why="§45: the step's role that started it ends it; the clock runs again",
    ),
    # §42: an extension needs the approver's consent and does not stop the clock.
    edge(
        Do.EXTEND,
        {S.IN_REVIEW, S.SUSPENDED},
        (S.IN_REVIEW, S.SUSPENDED),
        {By.APPROVER},
        event="case.special_procedure",
        why="§42: extended by the approver, at most 10 working days (15 jointly)",
    ),
    edge(
        Do.APPROVE,
        {S.IN_REVIEW},
        S.DECIDED,
        {By.APPROVER},
        event="case.decided",
        why="§37-§39: the approver decides at the last step, after the window's acceptance",
    ),
    edge(
        Do.DENY,
        {S.IN_REVIEW},
        S.DECIDED,
        {By.APPROVER},
        event="case.decided",
        why="§38: not approved, with reasons, legal basis and appeal rights",
    ),
    edge(
        Do.SUPPLY_MATERIAL,
        {S.IN_REVIEW, S.SUSPENDED, S.DECIDED},
        (S.IN_REVIEW, S.SUSPENDED, S.DECIDED),
        {By.CLERK},
        why="容缺受理: a material accepted to follow arrives at the window",
    ),
    # Delivery (统一出件).
    edge(
        Do.READY,
        {S.DECIDED},
        S.READY,
        {By.CLERK},
        event="case.ready_for_pickup",
        why="§44 统一出件: pickup chosen; parts are delivered with their joint application",
    ),
    edge(
        Do.MAIL,
        {S.DECIDED},
        S.MAILED,
        {By.CLERK},
        event="case.mailed",
        why="§44: mail chosen; parts are delivered with their joint application",
    ),
    edge(
        Do.DELIVER,
        {S.READY, S.MAILED},
        S.COMPLETED,
        {By.CLERK},
        event="case.completed",
        why="§44 送达: handed over against the pickup code, or the mail arrived",
    ),
    edge(
        Do.DELIVER_ELECTRONIC,
        {S.DECIDED},
        S.COMPLETED,
        {By.SYSTEM},
        event="case.completed",
        why="§44 电子送达: the system serves the result at the decision",
    ),
    # Ending early.
    edge(
        Do.WITHDRAW,
        {S.DRAFT} | BEFORE_DECISION,
        S.WITHDRAWN,
        {By.APPLICANT, By.CLERK, By.SYSTEM},
        event="case.withdrawn",
        why="撤回 before the decision at the applicant's request; a draft only by its applicant; "
        "parts only with their joint application",
    ),
    edge(
        Do.RETURN_CASE,
        {S.CORRECTION},
        S.RETURNED,
        {By.CLERK},
        event="case.returned",
        why="退件 when the corrections never came; at receipt 窗口无权否决 (propose a refusal)",
    ),
]
TABLE: dict[str, Transition] = {row.action: row for row in _ROWS}


# --- the change a service fills in -------------------------------------------------------------


@dataclass
class CaseChange(Change[Case]):
    """A case's change: the generic fields plus the step, documents and the applicant's note."""

    step_name: str = ""
    documents: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    message: str = ""  # extra sentence for the applicant's notification

    @property
    def case(self) -> Case:
        return self.obj

    def issue(self, kind: str, data: dict[str, Any]) -> None:
        """Queue a formal document; it is written with the event."""
        self.documents.append((kind, data))


# --- guards: when an action is possible beyond the table ----------------------------------------


def _not_joint(case: Case) -> None:
    if case.kind == CaseKind.JOINT:
        raise DomainError(_("A joint application is reviewed in its parts."))


def _step_of_role(case: Case, capacities: frozenset[str]) -> CaseStep:
    """The current step, which only its own role may act on (an approver does not take over a
    reviewer's step: the steps are the guide's division of the work)."""
    step = steps.current_step(case)
    if step is None or str(step.role) not in capacities:
        raise NotPermitted(_("The current step is another role's."))
    return step


def is_last_step(case: Case) -> bool:
    return case.step_index >= len(steps.review_steps(case.filed_version.guide)) - 1


def has_acceptance(case: Case) -> bool:
    """受审分离: a decision must trace back to the window's acceptance."""
    owner = case.parent if case.parent is not None else case
    return owner.events.filter(action__in=ACCEPTANCE_ACTIONS).exists()


def procedure_kinds(case: Case) -> list[str]:
    """The §45 procedures the case's guide provides for (an extension is §42, not started)."""
    kinds = case.version.guide.special_procedures if case.version is not None else []
    return [k for k in kinds if k != ProcedureKind.EXTENSION]


def extension_left(case: Case) -> int:
    return MAX_EXTENSION.get(CaseKind(case.kind), 10) - case.extension_days


def on_spot_allowed(actor: User | None, case: Case) -> bool:
    """即办件 decided at a window authorised to decide on the spot."""
    return bool(
        case.version is not None
        and case.version.guide.case_type == "1"
        and actor is not None
        and policies.may_decide_on_spot(actor, case)
    )


def _guard_receive(case: Case, actor: User | None, capacities: frozenset[str]) -> None:
    if case.channel != Channel.WINDOW:
        raise DomainError(_("An online application is submitted by the applicant."))


def _guard_submit(case: Case, actor: User | None, capacities: frozenset[str]) -> None:
    if case.channel == Channel.WINDOW:
        raise DomainError(_("This application is received at the window."))


def _guard_route(case: Case, actor: User | None, capacities: frozenset[str]) -> None:
    if case.place_id == case.home_place_id or case.events.filter(action=Do.ROUTE).exists():
        raise DomainError(_("The case is already at the competent center."))


def _guard_deferred(case: Case, actor: User | None, capacities: frozenset[str]) -> None:
    if not case.materials.filter(necessity=Necessity.DEFERRABLE).exists():
        raise DomainError(_("The guide of this item marks no material as deferrable."))


def _guard_commitment(case: Case, actor: User | None, capacities: frozenset[str]) -> None:
    if not case.filed_version.guide.allows_commitment:
        raise DomainError(_("The guide of this item does not allow approval on commitment."))


def _guard_on_spot(case: Case, actor: User | None, capacities: frozenset[str]) -> None:
    if not on_spot_allowed(actor, case):
        raise NotPermitted(_("This window is not authorised to decide on the spot."))
    last = case.events.order_by("-at", "-id").first()
    if last is None or last.action != Do.ACCEPT:
        raise DomainError(_("Only a case just accepted at the window is decided on the spot."))


def _guard_pass(case: Case, actor: User | None, capacities: frozenset[str]) -> None:
    _not_joint(case)
    _step_of_role(case, capacities)
    if is_last_step(case):
        raise DomainError(_("This is the decision step: approve or do not approve."))


def _guard_return(case: Case, actor: User | None, capacities: frozenset[str]) -> None:
    _not_joint(case)
    _step_of_role(case, capacities)


def _guard_start_procedure(case: Case, actor: User | None, capacities: frozenset[str]) -> None:
    _not_joint(case)
    _step_of_role(case, capacities)
    if not procedure_kinds(case):
        raise DomainError(_("The guide of this item provides for no special procedure."))


def _guard_end_procedure(case: Case, actor: User | None, capacities: frozenset[str]) -> None:
    _not_joint(case)
    _step_of_role(case, capacities)
    running = case.procedures.filter(ended_on__isnull=True).exclude(kind=ProcedureKind.EXTENSION)
    if not running.exists():
        raise DomainError(_("No special procedure is running."))


def _guard_extend(case: Case, actor: User | None, capacities: frozenset[str]) -> None:
    _not_joint(case)
    if extension_left(case) < 1:
        raise DomainError(
            _("The limit can be extended by at most %(n)d days in all.")
            % {"n": MAX_EXTENSION.get(CaseKind(case.kind), 10)}
        )


def _guard_decide(case: Case, actor: User | None, capacities: frozenset[str]) -> None:
    _not_joint(case)
    _step_of_role(case, capacities)
    if not is_last_step(case):
        raise DomainError(_("The earlier steps must be passed before the decision."))
    if not has_acceptance(case):
        raise DomainError(
            _("No acceptance at the window is on record for this case: it cannot be decided.")
        )


def _guard_supply(case: Case, actor: User | None, capacities: frozenset[str]) -> None:
    _not_joint(case)
    if not case.materials.filter(status=MS.DEFERRED).exists():
        raise DomainError(_("No material is awaited."))


def _delivery_guard(method: str) -> Guard:
    def guard(case: Case, actor: User | None, capacities: frozenset[str]) -> None:
        if case.parent_id:
            raise DomainError(_("A part is delivered with its joint application."))
        if case.delivery_method != method:
            raise DomainError(
                _("The applicant chose “%(method)s” for this result.")
                % {"method": case.get_delivery_method_display()}
            )

    return guard


def _guard_withdraw(case: Case, actor: User | None, capacities: frozenset[str]) -> None:
    if By.SYSTEM in capacities:
        return
    if case.parent_id:
        raise DomainError(_("A part is withdrawn with its joint application."))
    if case.state == S.DRAFT and By.APPLICANT not in capacities:
        raise NotPermitted(_("Only the applicant discards a draft."))


def _check_resubmit(change: Change[Case]) -> None:
    """§32(4): a resubmission brings what the correction notice asked for. Every line the notice
    listed (missing or defective, the back office's returned lines included) must be in hand once
    the service has recorded the corrections (an optional line may instead be recorded as not
    provided). An empty resubmission would restart the §32 clock with nothing corrected."""
    still = [m.name for m in change.obj.materials.all() if m.status in (MS.MISSING, MS.DEFECTIVE)]
    if still:
        raise DomainError(
            _(
                "The corrections asked for are not all here: %(names)s. Record each corrected "
                "material as received (or upload it) before resubmitting."
            )
            % {"names": "、".join(still)},
            field="materials",
        )


CHECKS: dict[str, Check] = {Do.RESUBMIT: _check_resubmit}


GUARDS: dict[str, Guard] = {
    Do.RECEIVE: _guard_receive,
    Do.SUBMIT: _guard_submit,
    Do.ROUTE: _guard_route,
    Do.ACCEPT_DEFERRED: _guard_deferred,
    Do.ACCEPT_COMMITMENT: _guard_commitment,
    Do.DECIDE_ON_SPOT: _guard_on_spot,
    Do.PASS: _guard_pass,
    Do.RETURN: _guard_return,
    Do.START_PROCEDURE: _guard_start_procedure,
    Do.END_PROCEDURE: _guard_end_procedure,
    Do.EXTEND: _guard_extend,
    Do.APPROVE: _guard_decide,
    Do.DENY: _guard_decide,
    Do.SUPPLY_MATERIAL: _guard_supply,
    Do.READY: _delivery_guard(DeliveryMethod.PICKUP),
    Do.MAIL: _delivery_guard(DeliveryMethod.MAIL),
    Do.WITHDRAW: _guard_withdraw,
}


# --- hooks: what every case transition writes ---------------------------------------------------


def _prepare(change: Change[Case]) -> None:
    case, target = change.obj, str(change.target)
    # A clock may have started or its deadline moved: the supervision sweep looks again today.
    # A new clock starts at normal, so its own yellow and red are recorded.
    clock = STATE_CLOCK.get(CaseState(target))
    change.extra["previous_level"] = case.warning_level
    case.next_level_change = timezone.localdate(change.at) if clock else None
    source = CaseState(change.source) if change.source in CaseState.values else None
    if clock and (source is None or STATE_CLOCK.get(source, clock) != clock):
        case.warning_level = WarningLevel.NORMAL


def _record(change: Change[Case]) -> dict[str, Any]:
    change = cast(CaseChange, change)  # the machine's change_class
    case, actor = change.obj, change.actor
    if change.target is None:  # the engine sets the target before it records
        raise AssertionError(f"case.{change.action}: recorded without a target")
    event = CaseEvent.objects.create(
        case=case,
        action=change.action,
        from_state=change.source,
        to_state=change.target,
        at=change.at,
        actor=actor,
        actor_name=(actor.name or actor.username) if actor else _("System"),
        actor_role=change.capacity,
        department=case.department if change.capacity in (By.REVIEWER, By.APPROVER) else None,
        place=case.place if change.capacity in (By.CLERK, By.MANAGER) else None,
        step_name=change.step_name,
        opinion=change.opinion,
        data=change.data,
    )
    documents = [
        paperwork.document_create(case=case, kind=kind, data=data, event=event)
        for kind, data in change.documents
    ]
    change.extra["event"] = event
    return {
        "event": event.pk,
        "step": change.step_name,
        "opinion": change.opinion,
        "data": change.data,
        "documents": [{"kind": d.kind, "number": d.number} for d in documents],
    }


def _after(change: Change[Case]) -> None:
    change = cast(CaseChange, change)  # the machine's change_class
    case = change.obj
    case_transitioned.send(
        sender=Case,
        case=case,
        event=change.extra["event"],
        source=change.source,
        target=change.target,
        previous_level=change.extra["previous_level"],
    )
    row = change.transition
    if change.notify and row.event:
        notify.case_notify(
            case=case,
            event=row.event,
            action=Action(change.action),
            extra=change.message,
        )


CASE: Machine[Case] = register(
    Machine(
        name="case",
        model=Case,
        actions=Action,
        states=CaseState,
        table=TABLE,
        # set[Actor] for set[str]: the set is invariant, but an Actor is its str value.
        capacities=policies.capacities,  # type: ignore[arg-type]
        capacity_order=tuple(str(c) for c in CAPACITY_ORDER),
        record=_record,
        prepare=_prepare,
        after=_after,
        guards=GUARDS,
        checks=CHECKS,
        ref=lambda case: case.number,
        lock_related=(
            "entry",
            "version",
            "department",
            "department__region",
            "place",
            "home_place",
            "applicant_person",
            "applicant_org",
        ),
        change_class=CaseChange,
        capacity_labels={str(a.value): a.label for a in Actor},
        description=(
            "A case (办件) from receipt to delivery under the 行政许可法. The window receives and "
            "accepts (受审分离), refusals are the center manager's (窗口无权否决), the back office "
            "works through the guide's steps — each step by its own role, the last one the "
            "approver's decision — and the result is served at one delivery window (统一出件). "
            "Guards: `cases/machines.py`."
        ),
    )
)
