"""The case state machine as data: which action moves a case from which states, by whom.

``docs/case-states.md`` is generated from this table (``manage.py case_states``) and a test keeps
the two equal. ``engine.case_transition`` is the only code that applies it.
"""

from __future__ import annotations

from dataclasses import dataclass

from onewindow.cases.choices import Action, Actor, CaseState

S = CaseState
A = Actor


@dataclass(frozen=True)
class Rule:
    sources: frozenset[CaseState]
    # Where the action leads. Several targets: the service picks one (e.g. a pass moves to the
    # next step or, at the last step, is not allowed; a return goes to a step or to the window).
    targets: tuple[CaseState, ...]
    actors: frozenset[Actor]
    # The notification event sent to the applicant, if any.
    event: str = ""


def rule(sources: set, targets: tuple | CaseState, actors: set, event: str = "") -> Rule:
    if isinstance(targets, CaseState):
        targets = (targets,)
    return Rule(frozenset(sources), targets, frozenset(actors), event)


_BEFORE_DECISION = {
    S.RECEIVED,
    S.CORRECTION,
    S.REFUSAL_PENDING,
    S.WAITING,
    S.IN_REVIEW,
    S.SUSPENDED,
}

TRANSITIONS: dict[Action, Rule] = {
    # Intake. A window receipt creates the case in RECEIVED; so does an online submission.
    Action.RECEIVE: rule({S.DRAFT}, S.RECEIVED, {A.CLERK}, "case.received"),
    Action.SUBMIT: rule({S.DRAFT}, S.RECEIVED, {A.APPLICANT}, "case.received"),
    Action.ROUTE: rule({S.RECEIVED}, S.RECEIVED, {A.CLERK}),
    # Acceptance decisions at the window (受审分离: only the window accepts).
    Action.ACCEPT: rule({S.RECEIVED}, S.IN_REVIEW, {A.CLERK}, "case.accepted"),
    Action.ACCEPT_DEFERRED: rule({S.RECEIVED}, S.IN_REVIEW, {A.CLERK}, "case.accepted"),
    Action.ACCEPT_COMMITMENT: rule({S.RECEIVED}, S.IN_REVIEW, {A.CLERK}, "case.accepted"),
    Action.AUTO_ACCEPT: rule({S.RECEIVED}, S.IN_REVIEW, {A.SYSTEM}, "case.accepted"),
    Action.REQUEST_CORRECTION: rule({S.RECEIVED}, S.CORRECTION, {A.CLERK}, "case.correction"),
    Action.RESUBMIT: rule(
        {S.CORRECTION}, (S.RECEIVED, S.IN_REVIEW), {A.APPLICANT, A.CLERK}, "case.received"
    ),
    # 窗口无权否决: the window proposes, the center manager decides.
    Action.PROPOSE_REFUSAL: rule({S.RECEIVED}, S.REFUSAL_PENDING, {A.CLERK}),
    Action.CONFIRM_REFUSAL: rule({S.REFUSAL_PENDING}, S.REFUSED, {A.MANAGER}, "case.refused"),
    Action.REJECT_REFUSAL: rule({S.REFUSAL_PENDING}, S.RECEIVED, {A.MANAGER}),
    # 即办件: an authorised window accepts and decides on the spot (after ACCEPT in one request).
    Action.DECIDE_ON_SPOT: rule({S.IN_REVIEW}, S.DECIDED, {A.CLERK}, "case.decided"),
    # Joint applications: later stages wait; the parent is decided when every part is.
    Action.ACTIVATE: rule({S.DRAFT, S.WAITING}, (S.IN_REVIEW, S.WAITING), {A.SYSTEM}),
    Action.PARTS_DECIDED: rule({S.IN_REVIEW}, S.DECIDED, {A.SYSTEM}, "case.decided"),
    Action.CLOSE_PART: rule({S.DECIDED, S.WAITING}, (S.COMPLETED, S.RETURNED), {A.SYSTEM}),
    # Back office.
    Action.PASS: rule({S.IN_REVIEW}, S.IN_REVIEW, {A.REVIEWER, A.APPROVER}, "case.in_review"),
    Action.RETURN: rule(
        {S.IN_REVIEW}, (S.IN_REVIEW, S.CORRECTION), {A.REVIEWER, A.APPROVER}, "case.correction"
    ),
    Action.START_PROCEDURE: rule(
        {S.IN_REVIEW}, S.SUSPENDED, {A.REVIEWER, A.APPROVER}, "case.special_procedure"
    ),
    Action.END_PROCEDURE: rule({S.SUSPENDED}, S.IN_REVIEW, {A.REVIEWER, A.APPROVER}),
    # §42: an extension needs the approver's consent and does not stop the clock.
    Action.EXTEND: rule(
        {S.IN_REVIEW, S.SUSPENDED},
        (S.IN_REVIEW, S.SUSPENDED),
        {A.APPROVER},
        "case.special_procedure",
    ),
    Action.APPROVE: rule({S.IN_REVIEW}, S.DECIDED, {A.APPROVER}, "case.decided"),
    Action.DENY: rule({S.IN_REVIEW}, S.DECIDED, {A.APPROVER}, "case.decided"),
    Action.SUPPLY_MATERIAL: rule(
        {S.IN_REVIEW, S.SUSPENDED, S.DECIDED},
        (S.IN_REVIEW, S.SUSPENDED, S.DECIDED),
        {A.CLERK},
    ),
    # Delivery (统一出件).
    Action.READY: rule({S.DECIDED}, S.READY, {A.CLERK}, "case.ready_for_pickup"),
    Action.MAIL: rule({S.DECIDED}, S.MAILED, {A.CLERK}, "case.mailed"),
    Action.DELIVER: rule({S.READY, S.MAILED}, S.COMPLETED, {A.CLERK}, "case.completed"),
    Action.DELIVER_ELECTRONIC: rule(
        {S.DECIDED}, S.COMPLETED, {A.SYSTEM, A.CLERK}, "case.completed"
    ),
    # Ending early.
    Action.WITHDRAW: rule(
        {S.DRAFT} | _BEFORE_DECISION,
        S.WITHDRAWN,
        {A.APPLICANT, A.CLERK, A.SYSTEM},
        "case.withdrawn",
    ),
    Action.RETURN_CASE: rule({S.RECEIVED, S.CORRECTION}, S.RETURNED, {A.CLERK}, "case.returned"),
}


def transition_table_markdown() -> str:
    """The table as Markdown for docs/case-states.md."""
    lines = [
        "# Case states and transitions",
        "",
        "Generated from `onewindow/cases/transitions.py` by `manage.py case_states`; a test fails",
        "when this file and the code disagree. Every change of state goes through",
        "`cases.services.engine.case_transition`, which locks the case, checks this table and the",
        "actor's role and scope, writes the event and queues the notification in one transaction.",
        "",
        "| action | from | to | who | notifies |",
        "|---|---|---|---|---|",
    ]
    for action, r in TRANSITIONS.items():
        lines.append(
            "| `{}` {} | {} | {} | {} | {} |".format(
                action.value,
                action.label,
                ", ".join(f"`{s.value}`" for s in sorted(r.sources)),
                ", ".join(f"`{t.value}`" for t in r.targets),
                ", ".join(sorted(a.value for a in r.actors)),
                f"`{r.event}`" if r.event else "",
            )
        )
    lines += ["", "```mermaid", "stateDiagram-v2"]
    seen = set()
    for action, r in TRANSITIONS.items():
        for source in sorted(r.sources):
            for target in r.targets:
                edge = (source.value, target.value, action.value)
                if edge not in seen:
                    seen.add(edge)
                    lines.append(f"    {source.value} --> {target.value}: {action.value}")
    lines += ["```", ""]
    return "\n".join(lines)
