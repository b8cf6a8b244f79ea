"""The two workflows of electronic supervision, declared on ``onewindow.workflow``.

督办 (``URGING``): a supervisor of the department's region urges the responsible department on a
case; its reviewers and approvers reply; a supervisor closes it, with or without a reply. The
system marks a reply overdue once its day has passed.

黄牌 / 红牌 (``CARD``): a card is issued by a rule (the daily evaluation) or by a supervisor; the
department's approver reports the rectification; a supervisor closes it, or withdraws it.

The services in ``urging.py`` and ``cards.py`` check what people wrote and fill the fields; the
engine locks, checks this table, the actor's capacity and the guards, bumps the revision, and
the hooks below write the audit content and the notices in the same transaction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from onewindow.cases.choices import FINAL_STATES, CaseState
from onewindow.core.errors import DomainError
from onewindow.notifications.choices import Event
from onewindow.organisations.choices import Role
from onewindow.organisations.selectors import supervisors_of, unique_users, users_in_roles
from onewindow.supervision import policies
from onewindow.supervision.choices import (
    CardAction,
    CardColour,
    CardState,
    UrgingAction,
    UrgingState,
)
from onewindow.supervision.common import clip, notify, site_language
from onewindow.supervision.models import Card, Urging
from onewindow.workflow.machine import NEW, SYSTEM, Change, Machine, Transition, edge, register

if TYPE_CHECKING:
    from onewindow.accounts.models import User

M = TypeVar("M", bound=Urging | Card)

# Capacities (see ``capacity_labels`` below).
SUPERVISOR = "supervisor"
DEPARTMENT = "department"
APPROVER = "approver"

U, US = UrgingAction, UrgingState
C, CS = CardAction, CardState


def _machine(
    name: str, model: type[M], rows: list[Transition], kinds: dict[str, str], **hooks: Any
) -> Machine[M]:
    """Register a supervision machine. Its audit kinds keep the names the audit chain has
    always had: ``supervision.<name>.<kinds[action]>`` (``supervision.urging.sent``…)."""
    return register(
        Machine(
            name=name,
            model=model,
            table={row.action: row for row in rows},
            audit_kind=lambda row: f"supervision.{name}.{kinds[row.action]}",
            **hooks,
        )
    )


# --- urgings ---------------------------------------------------------------------------------


def _urging_capacities(actor: User | None, urging: Urging) -> set[str]:
    if actor is None:
        return {SYSTEM}
    held = set()
    if urging.department_id is None:
        # A case without a department: its region's supervisors are told why it cannot be urged.
        if policies.may_supervise_region(actor, urging.case.region_code):
            held.add(SUPERVISOR)
    else:
        if policies.may_supervise(actor, urging.department):
            held.add(SUPERVISOR)
        if policies.may_answer(actor, urging.department_id):
            held.add(DEPARTMENT)
    return held


def _may_send(urging: Urging, actor: User | None, capacities: frozenset[str]) -> None:
    case = urging.case
    if case.department_id is None:
        raise DomainError(_("This case has no responsible department that could be urged."))
    if case.state in FINAL_STATES:
        raise DomainError(_("This case is closed; it can no longer be urged."))
    if case.state == CaseState.DRAFT:
        raise DomainError(_("This application has not been submitted; it cannot be urged."))
    if Urging.objects.filter(case_id=case.pk, state=US.SENT).exists():
        raise DomainError(
            _(
                "An urging on this case is still awaiting the department's reply; close it "
                "before sending another."
            )
        )


def _not_yet_overdue(urging: Urging, actor: User | None, capacities: frozenset[str]) -> None:
    if urging.overdue:
        raise DomainError(_("This urging is already marked overdue."))


def _urging_record(change: Change[Urging]) -> dict[str, Any]:
    urging, action = change.obj, change.action
    content: dict[str, Any] = {"urging": str(urging.public_id), "department": urging.department_id}
    if action == U.SEND:
        content |= {
            "record": urging.record_id,
            "message": urging.message,
            "days": change.extra["days"],
            "reply_due": urging.reply_due,
        }
    elif action == U.REPLY:
        content |= {"reply": urging.reply, "late": change.extra["late"]}
    elif action == U.CLOSE:
        content |= {
            "result": urging.result,
            "replied": change.source == US.REPLIED,
            "overdue": urging.overdue,
        }
    elif action == U.MARK_OVERDUE:
        content |= {"reply_due": urging.reply_due, "today": change.extra["today"]}
    return content


def _department_staff(department_id: int) -> list[User]:
    return users_in_roles(*policies.DEPARTMENT_ROLES, department_id=department_id)


def _urging_notice(change: Change[Urging]) -> tuple[list[User], str, str]:
    """Who is told of the change, with the subject and the body."""
    urging, action = change.obj, change.action
    facts = {
        "number": urging.case.number,
        "title": urging.case.title,
        "department": urging.department.name,
        "due": urging.reply_due.isoformat(),
    }
    staff = _department_staff(urging.department_id)
    if action == U.SEND:
        subject = _("Urging: reply by %(due)s") % facts
        body = _(
            "Electronic supervision urges %(department)s on case %(number)s “%(title)s”: "
            "%(message)s Reply by %(due)s."
        ) % {**facts, "message": clip(urging.message)}
        return staff, subject, body
    if action == U.REPLY:
        body = _(
            "%(department)s replied to the urging on case %(number)s “%(title)s”: %(reply)s"
        ) % {**facts, "reply": clip(urging.reply)}
        supervisors = [urging.sent_by, *supervisors_of(urging.department.region.code)]
        return unique_users(supervisors), _("Urging replied"), body
    if action == U.CLOSE:
        body = _("The urging on case %(number)s “%(title)s” was closed: %(result)s") % {
            **facts,
            "result": clip(urging.result),
        }
        return staff, _("Urging closed"), body
    body = (
        _(
            "The reply of %(department)s to the urging on case %(number)s “%(title)s” "
            "was due %(due)s and has not come."
        )
        % facts
    )
    return unique_users([*staff, urging.sent_by]), _("Urging reply overdue"), body


def _urging_after(change: Change[Urging]) -> None:
    with site_language():
        users, subject, body = _urging_notice(change)
    case = change.obj.case
    notify(
        users,
        event=Event.SUPERVISION_URGING,
        subject=subject,
        body=body,
        case_number=case.number,
        place=case.home_place,
        region_code=case.region_code,
    )


URGING: Machine[Urging] = _machine(
    "urging",
    Urging,
    [
        edge(
            U.SEND,
            {NEW},
            US.SENT,
            {SUPERVISOR},
            why="A supervisor of the department's region urges the case's responsible "
            "department and wants a reply within 1 to 10 working days (default 2), counted on "
            "the calendar of the case's home center. Not on a draft or a final case, not while "
            "another urging of the case awaits its reply.",
            denied=gettext_lazy(
                "Only the supervisors of the department's region can urge it on this case."
            ),
        ),
        edge(
            U.REPLY,
            {US.SENT},
            US.REPLIED,
            {DEPARTMENT},
            why="The urged department answers, by one of its reviewers or approvers; a reply "
            "after the reply day is late and the urging stays overdue.",
            denied=gettext_lazy(
                "Only the reviewers and approvers of the urged department can reply to it."
            ),
        ),
        edge(
            U.CLOSE,
            {US.SENT, US.REPLIED},
            US.CLOSED,
            {SUPERVISOR},
            why="A supervisor of the department's region closes it with its result; without a "
            "reply, the result says why it is closed anyway.",
            denied=gettext_lazy("Only the supervisors of the department's region can close it."),
        ),
        edge(
            U.MARK_OVERDUE,
            {US.SENT},
            US.SENT,
            {SYSTEM},
            why="The daily run marks an urging still awaiting its reply after the reply day, "
            "once (the run picks the urgings due); the department and the sender are told.",
        ),
    ],
    {U.SEND: "sent", U.REPLY: "replied", U.CLOSE: "closed", U.MARK_OVERDUE: "overdue"},
    actions=UrgingAction,
    states=UrgingState,
    capacities=_urging_capacities,
    capacity_order=(SUPERVISOR, DEPARTMENT, SYSTEM),
    record=_urging_record,
    after=_urging_after,
    guards={U.SEND: _may_send, U.MARK_OVERDUE: _not_yet_overdue},
    ref=lambda urging: urging.case.number,
    lock_related=("case__home_place", "department__region", "sent_by"),
    capacity_labels={
        SUPERVISOR: "a supervisor of a region holding the urged department",
        DEPARTMENT: "a reviewer or an approver of the urged department",
        SYSTEM: "the daily supervision run",
    },
    description="督办. Readers: the supervisors and administrators of the region, the urged "
    "department's reviewers and approvers, and the managers of the case's centers; anyone "
    "else gets a 404. Audit entries reference the case number.",
)


# --- cards -----------------------------------------------------------------------------------


def _card_capacities(actor: User | None, card: Card) -> set[str]:
    if actor is None:
        return {SYSTEM}
    held = set()
    if policies.may_supervise(actor, card.department):
        held.add(SUPERVISOR)
    if card.department_id is not None and policies.may_report_rectification(
        actor, card.department_id
    ):
        held.add(APPROVER)
    return held


def _card_record(change: Change[Card]) -> dict[str, Any]:
    card, action = change.obj, change.action
    content: dict[str, Any] = {"department": card.department_id}
    if action in (C.ISSUE, C.ISSUE_BY_RULE):
        case_ids = sorted(change.extra["case_ids"])
        card.cases.set(case_ids)
        content |= {"rule": card.rule_id, "kind": card.kind, "colour": card.colour}
        if action == C.ISSUE_BY_RULE:
            content |= {
                "threshold": change.extra["threshold"],
                "period": [card.period_start.isoformat(), card.period_end.isoformat()],
                "count": card.count,
            }
        else:
            content["reason"] = card.reason
        content["cases"] = case_ids
    elif action == C.REPORT:
        content["response"] = card.response
    else:
        content["note"] = card.closing_note
    return content


def _card_after(change: Change[Card]) -> None:
    card, action = change.obj, change.action
    department = card.department
    with site_language():
        subject = str(CardColour(card.colour).label)
        if action in (C.ISSUE, C.ISSUE_BY_RULE):
            text = card.reason
        elif action == C.REPORT:
            text = _("Rectification reported: %(text)s") % {"text": card.response}
        else:
            text = card.closing_note
        body = _("%(card)s to %(department)s: %(text)s") % {
            "card": subject,
            "department": department.name,
            "text": text,
        }
    supervisors = supervisors_of(department.region.code)
    if action == C.REPORT:
        users = supervisors
    else:  # the department's approvers and the supervisors whose region holds it
        users = unique_users(
            [*users_in_roles(Role.APPROVER, department_id=department.pk), *supervisors]
        )
    notify(
        users,
        event=Event.SUPERVISION_CARD,
        subject=subject,
        body=body,
        exclude=change.actor,
        region_code=department.region.code,
    )


_SUPERVISOR_ONLY = gettext_lazy("Only a supervisor of the department's region may do this.")

CARD: Machine[Card] = _machine(
    "card",
    Card,
    [
        edge(
            C.ISSUE_BY_RULE,
            {NEW},
            CS.ISSUED,
            {SYSTEM},
            why="The daily evaluation: a department reaching an active rule's number of "
            "findings in a calendar month gets that rule's card for the month, once.",
        ),
        edge(
            C.ISSUE,
            {NEW},
            CS.ISSUED,
            {SUPERVISOR},
            why="A supervisor cards a department of the supervisor's region (finding "
            "“other”), with a reason and up to 50 of the department's cases.",
            denied=gettext_lazy("You may not card this department."),
        ),
        edge(
            C.REPORT,
            {CS.ISSUED},
            CS.RECTIFIED,
            {APPROVER},
            why="An approver of the department (its head) reports what was put right.",
            denied=gettext_lazy("Only an approver of the department reports its rectification."),
        ),
        edge(
            C.CLOSE,
            {CS.RECTIFIED},
            CS.CLOSED,
            {SUPERVISOR},
            why="A supervisor of the department's region accepts the reported rectification.",
            denied=_SUPERVISOR_ONLY,
        ),
        edge(
            C.WITHDRAW,
            {CS.ISSUED, CS.RECTIFIED},
            CS.WITHDRAWN,
            {SUPERVISOR},
            why="A supervisor of the department's region withdraws a card issued in error, "
            "before it is closed.",
            denied=_SUPERVISOR_ONLY,
        ),
    ],
    {
        C.ISSUE_BY_RULE: "issued",
        C.ISSUE: "issued",
        C.REPORT: "rectified",
        C.CLOSE: "closed",
        C.WITHDRAW: "withdrawn",
    },
    actions=CardAction,
    states=CardState,
    capacities=_card_capacities,
    capacity_order=(SUPERVISOR, APPROVER, SYSTEM),
    record=_card_record,
    after=_card_after,
    ref=lambda card: str(card.public_id),
    lock_related=("department__region",),
    capacity_labels={
        SUPERVISOR: "a supervisor of a region holding the department",
        APPROVER: "an approver of the department",
        SYSTEM: "the daily card evaluation",
    },
    description="黄牌 / 红牌. Readers: the supervisors and administrators of the region, the "
    "department's reviewers and approvers, and the managers of the centers it is stationed "
    "at. Audit entries reference the card's public id.",
)
