"""The ticket's workflow, declared on ``onewindow.workflow`` (table in ``docs/states/ticket.md``).

waiting → called → serving → (on hold / transferred back to waiting) → done, or no-show. The
services in ``services/`` pick the ticket (call-next claims it with ``SKIP LOCKED``) and check
what the clerk typed; the engine locks the row, checks this table, the clerk's capacity and the
guards, bumps the revision; the hooks below close the ticket's current period and open the next
(the statistics are computed from the periods), write the board's call event and publish it once
the transaction commits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from onewindow.core.errors import DomainError
from onewindow.organisations import scope
from onewindow.organisations.choices import Role
from onewindow.queue import live
from onewindow.queue.choices import CallKind, TicketAction, TicketState, VisitKind
from onewindow.queue.models import CallEvent, Ticket, Visit, WindowSession
from onewindow.workflow.machine import NEW, SYSTEM, Change, Machine, Transition, edge, register

if TYPE_CHECKING:
    from onewindow.accounts.models import User

A, S = TicketAction, TicketState
CLERK = "clerk"

# The period a ticket is in after each state (done and no-show end the last period).
_PERIOD_OF = {
    S.WAITING: VisitKind.WAITING,
    S.CALLED: VisitKind.CALLED,
    S.SERVING: VisitKind.SERVING,
    S.ON_HOLD: VisitKind.ON_HOLD,
}


def _capacities(actor: User | None, ticket: Ticket) -> set[str]:
    if actor is None:
        return {SYSTEM}
    if ticket.place_id in scope.place_ids(actor, Role.WINDOW_CLERK):
        return {CLERK}
    return set()


def open_session(actor: User | None) -> WindowSession | None:
    """The actor's open window session, if they are logged in to a window."""
    if actor is None:
        return None
    return (
        WindowSession.objects.select_related("window")
        .filter(clerk=actor, ended_at__isnull=True)
        .first()
    )


def _session_at(actor: User | None, ticket: Ticket) -> WindowSession:
    session = open_session(actor)
    if session is None:
        raise DomainError(_("You are not logged in to a window: log in to a window first."))
    if session.window.place_id != ticket.place_id:
        raise DomainError(_("This ticket belongs to another service place."))
    return session


def _may_call(ticket: Ticket, actor: User | None, capacities: frozenset[str]) -> None:
    session = _session_at(actor, ticket)
    if session.break_since is not None:
        raise DomainError(_("Your window is on a break: end the break before calling."))
    if ticket.target_window_id is not None:
        if ticket.target_window_id != session.window_id:
            raise DomainError(_("This ticket was transferred to another window."))
    elif not ticket.category.windows.filter(pk=session.window_id).exists():
        raise DomainError(_("Your window does not serve this ticket's category."))


def _at_my_window(ticket: Ticket, actor: User | None, capacities: frozenset[str]) -> None:
    session = _session_at(actor, ticket)
    if ticket.window_id != session.window_id:
        raise DomainError(
            _("Ticket %(number)s is at another window, not at the window you are logged in to.")
            % {"number": ticket.number}
        )


def _record(change: Change[Ticket]) -> dict[str, Any]:
    """Close the ticket's open period and open the next one; a call writes the board's event."""
    ticket, action, at = change.obj, change.action, change.at
    session: WindowSession | None = change.extra.get("session")
    window = session.window if session is not None else None
    clerk = change.actor if session is not None else None
    if change.source != NEW:
        Visit.objects.filter(ticket=ticket, ended_at__isnull=True).update(
            ended_at=at, ended_by=action
        )
    kind = _PERIOD_OF.get(S(change.target)) if change.target else None
    if kind is not None:
        # A recall closes the "called" period and opens another at the same window.
        at_window = kind != VisitKind.WAITING
        Visit.objects.create(
            ticket=ticket,
            kind=kind,
            category=ticket.category,
            window=window if at_window else None,
            clerk=clerk if at_window else None,
            started_at=at,
        )
    content: dict[str, Any] = {"number": ticket.number, "category": ticket.category.letter}
    if window is not None:
        content["window"] = window.number
    if action in (A.CALL, A.RECALL) and window is not None:
        event = CallEvent.objects.create(
            place_id=ticket.place_id,
            ticket=ticket,
            kind=CallKind.CALL if action == A.CALL else CallKind.RECALL,
            number=ticket.number,
            window_number=window.number,
            window_name=window.name,
            at=at,
        )
        change.extra["event_id"] = event.pk
    if action == A.TRANSFER:
        content |= {
            "to_category": ticket.category.letter,
            "to_window": ticket.target_window.number if ticket.target_window else None,
            "note": ticket.note,
        }
    if action == A.TAKE:
        content |= {"priority": ticket.priority, "entry": ticket.entry_id}
    return content


def _after(change: Change[Ticket]) -> None:
    place_id = change.obj.place_id
    event_id = change.extra.get("event_id")
    # Boards hear of it only once it is committed: a rolled-back call is never announced.
    transaction.on_commit(lambda: live.publish(place_id, event_id))


_CLERK_ONLY = gettext_lazy("Only a window clerk of this service place may do this.")


def _row(
    action: str, sources: set[str], target: str, why: str, actors: set[str] | None = None
) -> Transition:
    return edge(action, sources, target, actors or {CLERK}, why=why, denied=_CLERK_ONLY)


TICKET: Machine[Ticket] = register(
    Machine(
        name="ticket",
        model=Ticket,
        table={
            row.action: row
            for row in [
                _row(
                    A.TAKE,
                    {NEW},
                    S.WAITING,
                    "A visitor takes a ticket at the kiosk with a valid resident ID number or "
                    "USCC, for a business category of the center; the number restarts daily per "
                    "category (A001, B001…).",
                    {SYSTEM},
                ),
                _row(
                    A.CALL,
                    {S.WAITING},
                    S.CALLED,
                    "The clerk logged in to a window calls the next ticket (docs/guides/"
                    "queue.md: green channel first, then the longest wait among the categories "
                    "the window serves and the tickets transferred to it); the board shows and "
                    "speaks it.",
                ),
                _row(
                    A.RECALL,
                    {S.CALLED},
                    S.CALLED,
                    "The same window calls the visitor again; the board repeats the call.",
                ),
                _row(
                    A.START,
                    {S.CALLED},
                    S.SERVING,
                    "The visitor has come to the window: service starts.",
                ),
                _row(
                    A.HOLD,
                    {S.SERVING},
                    S.ON_HOLD,
                    "Service pauses (a material is fetched, a form filled in); the window may "
                    "call the next meanwhile.",
                ),
                _row(
                    A.RESUME,
                    {S.ON_HOLD},
                    S.SERVING,
                    "The window that held the ticket resumes it.",
                ),
                _row(
                    A.TRANSFER,
                    {S.CALLED, S.SERVING, S.ON_HOLD},
                    S.WAITING,
                    "The window sends the visitor to another category or to one window, with a "
                    "note; the ticket keeps its number and its place in the line (the time it "
                    "was taken).",
                ),
                _row(
                    A.FINISH,
                    {S.SERVING},
                    S.DONE,
                    "Service is finished (the cases started from the ticket are linked to it).",
                ),
                _row(
                    A.NO_SHOW,
                    {S.CALLED},
                    S.NO_SHOW,
                    "The called visitor did not come to the window.",
                ),
                _row(
                    A.CLOSE_DAY,
                    {S.WAITING, S.CALLED, S.ON_HOLD},
                    S.NO_SHOW,
                    "After the day (the next day's first ticket or the nightly run), tickets "
                    "still open are closed as not served.",
                    {SYSTEM},
                ),
            ]
        },
        actions=TicketAction,
        states=TicketState,
        capacities=_capacities,
        capacity_order=(CLERK, SYSTEM),
        record=_record,
        after=_after,
        guards={
            A.CALL: _may_call,
            A.RECALL: _at_my_window,
            A.START: _at_my_window,
            A.HOLD: _at_my_window,
            A.RESUME: _at_my_window,
            A.TRANSFER: _at_my_window,
            A.FINISH: _at_my_window,
            A.NO_SHOW: _at_my_window,
        },
        ref=lambda ticket: f"{ticket.day.isoformat()}/{ticket.place_id}/{ticket.number}",
        lock_related=("category",),
        capacity_labels={
            CLERK: "a window clerk of the ticket's service place, logged in to a window",
            SYSTEM: "the kiosk (anyone in the hall) or the daily close",
        },
        description="取号叫号. Readers: the clerks of the center (the console); the visitor by the "
        "ticket's unguessable token (my-ticket page); the boards show only numbers and windows. "
        "The ID number is shown masked. Audit entries reference day/place/number.",
    )
)
