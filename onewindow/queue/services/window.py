"""The window console: log in to a window, breaks, call next, and the ticket's actions.

Call-next is the one place where two windows race for the same rows: it claims the next ticket
with ``SELECT … FOR UPDATE SKIP LOCKED`` (PostgreSQL), so a second window never waits for the
first one's row and never gets it; SQLite serialises writers (``BEGIN IMMEDIATE``). The engine
then re-reads the claimed row under its lock and checks the state again.

The order of the call (docs/guides/queue.md, "Who is called next"): the green channel first;
then the longest wait (the time the ticket was taken; a transfer keeps it), among the tickets of
the categories the window serves and the tickets transferred to this window; the id breaks ties.
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, connection, models, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from onewindow.accounts.models import User
from onewindow.core.errors import DomainError, NotPermitted
from onewindow.organisations import scope
from onewindow.organisations.choices import Role, WindowKind
from onewindow.organisations.models import Window
from onewindow.queue.choices import TicketAction, TicketState
from onewindow.queue.machines import TICKET
from onewindow.queue.models import Category, SessionBreak, Ticket, WindowSession
from onewindow.workflow.engine import transition

CALLING_WINDOW_KINDS = (WindowKind.COMPREHENSIVE, WindowKind.DUTY, WindowKind.DEPARTMENT)


def may_use_window(clerk: User, window: Window) -> bool:
    """A window clerk of the window's place may log in to any of its calling windows."""
    return window.place_id in scope.place_ids(clerk, Role.WINDOW_CLERK)


def session_of(clerk: User, window: Window) -> WindowSession:
    """The clerk's open session at ``window``, or the error a console shows."""
    session = WindowSession.objects.filter(clerk=clerk, ended_at__isnull=True).first()
    if session is None or session.window_id != window.pk:
        raise DomainError(
            _("You are not logged in to window %(number)s: log in to it first.")
            % {"number": window.number}
        )
    return session


def session_login(
    *, clerk: User, window: Window, at: datetime.datetime | None = None
) -> WindowSession:
    at = at or timezone.now()
    if not may_use_window(clerk, window):
        raise NotPermitted(_("You may not log in to a window of another service place."))
    if not window.is_active or window.kind not in CALLING_WINDOW_KINDS:
        raise DomainError(_("This window does not call tickets."))
    try:
        with transaction.atomic():
            return WindowSession.objects.create(
                window=window, clerk=clerk, day=timezone.localdate(at), started_at=at
            )
    except IntegrityError:
        raise DomainError(
            _(
                "Either this window already has a clerk logged in, or you are logged in to "
                "another window: log out there first."
            )
        ) from None


def session_logout(*, clerk: User, window: Window, at: datetime.datetime | None = None) -> None:
    at = at or timezone.now()
    with transaction.atomic():
        session = session_of(clerk, window)
        busy = Ticket.objects.filter(
            window=window, state__in=(TicketState.CALLED, TicketState.SERVING, TicketState.ON_HOLD)
        ).exists()
        if busy:
            raise DomainError(
                _("Finish, transfer or mark no-show the tickets at this window before logging out.")
            )
        SessionBreak.objects.filter(session=session, ended_at__isnull=True).update(ended_at=at)
        session.break_since = None
        session.ended_at = at
        session.save(update_fields=["break_since", "ended_at", "updated_at"])


def session_break(
    *, clerk: User, window: Window, on: bool, at: datetime.datetime | None = None
) -> WindowSession:
    at = at or timezone.now()
    with transaction.atomic():
        session = WindowSession.objects.select_for_update().get(pk=session_of(clerk, window).pk)
        if on and session.break_since is None:
            session.break_since = at
            SessionBreak.objects.create(session=session, started_at=at)
        elif not on and session.break_since is not None:
            session.break_since = None
            SessionBreak.objects.filter(session=session, ended_at__isnull=True).update(ended_at=at)
        session.save(update_fields=["break_since", "updated_at"])
    return session


def callable_tickets(window: Window, day: datetime.date) -> QuerySet[Ticket]:
    """The tickets ``window`` may call on ``day``, in the order it calls them."""
    served = Category.objects.filter(windows=window, is_active=True).values("pk")
    return (
        Ticket.objects.filter(
            Q(target_window__isnull=True, category__in=served) | Q(target_window=window),
            place_id=window.place_id,
            day=day,
            state=TicketState.WAITING,
        )
        .annotate(
            # The green channel first (0), whatever its reason; then everyone else (1).
            queue_class=models.Case(
                models.When(priority="", then=models.Value(1)), default=models.Value(0)
            )
        )
        .order_by("queue_class", "queued_at", "id")
    )


def _claim(window: Window, day: datetime.date) -> Ticket | None:
    """Lock the next callable ticket, skipping rows another window holds."""
    query = callable_tickets(window, day)
    if connection.features.has_select_for_update_skip_locked:
        query = query.select_for_update(skip_locked=True, of=("self",))
    # With LIMIT, PostgreSQL may return fewer rows when one it found changed meanwhile: take a
    # few and use the first that is still waiting.
    for ticket in query[:5]:
        if ticket.state == TicketState.WAITING:
            return ticket
    return None


def call_next(*, clerk: User, window: Window, at: datetime.datetime | None = None) -> Ticket:
    """Claim and call the next ticket for ``window`` (the clerk must be logged in to it)."""
    at = at or timezone.now()
    with transaction.atomic():
        session = session_of(clerk, window)
        if session.break_since is not None:
            raise DomainError(_("Your window is on a break: end the break before calling."))
        ticket = _claim(window, timezone.localdate(at))
        if ticket is None:
            raise DomainError(_("Nobody is waiting for this window."))
        with transition(
            TICKET, ticket, TicketAction.CALL, actor=clerk, expected_revision=ticket.revision, at=at
        ) as change:
            change.extra["session"] = session
            t = change.obj
            t.window, t.clerk, t.called_at = window, clerk, at
            t.calls = 1
            t.target_window = None
        return change.obj


def ticket_act(
    *,
    clerk: User,
    window: Window,
    ticket: Ticket,
    action: str,
    expected_revision: int,
    at: datetime.datetime | None = None,
) -> Ticket:
    """Recall, start, hold, resume, finish or no-show a ticket at the clerk's window."""
    if action not in (
        TicketAction.RECALL,
        TicketAction.START,
        TicketAction.HOLD,
        TicketAction.RESUME,
        TicketAction.FINISH,
        TicketAction.NO_SHOW,
    ):
        raise AssertionError(f"not a window action: {action}")
    with transaction.atomic():
        session = session_of(clerk, window)
        with transition(
            TICKET, ticket, action, actor=clerk, expected_revision=expected_revision, at=at
        ) as change:
            change.extra["session"] = session
            t = change.obj
            if action == TicketAction.RECALL:
                t.calls += 1
                t.called_at = change.at
            elif action in (TicketAction.FINISH, TicketAction.NO_SHOW):
                t.ended_at = change.at
        return change.obj


def ticket_transfer(
    *,
    clerk: User,
    window: Window,
    ticket: Ticket,
    expected_revision: int,
    category: Category | None = None,
    target_window: Window | None = None,
    note: str = "",
    at: datetime.datetime | None = None,
) -> Ticket:
    """Send the visitor to another category or to one window, with a note; the ticket waits
    again with its number and its place in the line."""
    note = note.strip()
    if (category is None) == (target_window is None):
        raise DomainError(_("Choose either another business category or another window."))
    if len(note) > 200:
        raise DomainError(_("The note is too long: at most 200 characters."), field="note")
    if category is not None and (category.place_id != ticket.place_id or not category.is_active):
        raise DomainError(_("This business category is not offered at this service place."))
    if target_window is not None:
        if target_window.place_id != ticket.place_id or not target_window.is_active:
            raise DomainError(_("That window is not a window of this service place."))
        if target_window.pk == window.pk:
            raise DomainError(_("The ticket is already at this window."))
    with transaction.atomic():
        session = session_of(clerk, window)
        with transition(
            TICKET,
            ticket,
            TicketAction.TRANSFER,
            actor=clerk,
            expected_revision=expected_revision,
            at=at,
        ) as change:
            change.extra["session"] = session
            t = change.obj
            if category is not None:
                t.category = category
                t.target_window = None
            else:
                t.target_window = target_window
            t.note = note
            t.window = None
            t.clerk = None
        return change.obj
