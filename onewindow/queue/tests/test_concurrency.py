"""Many windows press "call next" at the same instant: every ticket is called exactly once.

Needs real concurrent transactions, so it runs on PostgreSQL (``make test-pg``); there the claim
is ``SELECT … FOR UPDATE SKIP LOCKED``. The in-memory SQLite test database is one connection.
"""

from __future__ import annotations

import threading

import pytest
from django.db import close_old_connections, connection

from onewindow.core.errors import DomainError
from onewindow.organisations.choices import Role
from onewindow.organisations.factories import AssignmentFactory, StaffFactory, UserFactory
from onewindow.queue.models import CallEvent, Ticket
from onewindow.queue.services.window import call_next

from .factories import category, logged_in, take, window_at

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs concurrent transactions (PostgreSQL)"
)

WINDOWS, TICKETS = 8, 20


@pytest.mark.django_db(transaction=True)
def test_concurrent_calls_never_share_a_ticket(world):
    windows = [window_at(world.center_a, f"D{i:02d}") for i in range(WINDOWS)]
    a = category(world.center_a, "A", "个人事务", *windows)
    clerks = []
    for i, w in enumerate(windows):
        staff = StaffFactory(user=UserFactory(username=f"caller{i}"))
        AssignmentFactory(staff=staff, role=Role.WINDOW_CLERK, place=world.center_a)
        logged_in(staff.user, w)
        clerks.append(staff.user)
    for minute in range(TICKETS):
        take(a, minute)
    barrier = threading.Barrier(WINDOWS)
    called: list[str] = []
    empty: list[int] = []
    lock = threading.Lock()

    def window_loop(clerk, w) -> None:
        try:
            barrier.wait(timeout=20)
            while True:
                try:
                    ticket = call_next(clerk=clerk, window=w)
                except DomainError:
                    with lock:
                        empty.append(w.pk)
                    return
                with lock:
                    called.append(ticket.number)
                # Free the window for its next call: the visitor did not come.
                from onewindow.queue.choices import TicketAction
                from onewindow.queue.services.window import ticket_act

                ticket_act(
                    clerk=clerk,
                    window=w,
                    ticket=ticket,
                    action=TicketAction.NO_SHOW,
                    expected_revision=ticket.revision,
                )
        finally:
            close_old_connections()

    threads = [
        threading.Thread(target=window_loop, args=(c, w))
        for c, w in zip(clerks, windows, strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)

    assert len(called) == TICKETS, called
    assert len(set(called)) == TICKETS, "a ticket was called twice"
    assert sorted(empty) == sorted(w.pk for w in windows)
    assert CallEvent.objects.count() == TICKETS
    assert not Ticket.objects.filter(state="waiting").exists()
