"""The window console's services: call-next order, recall, hold, transfer, no-show, sessions."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.utils import translation

from onewindow.core.errors import DomainError, NotPermitted
from onewindow.queue.choices import Priority, TicketAction, TicketState, VisitKind
from onewindow.queue.models import CallEvent, Visit
from onewindow.queue.services import window as svc
from onewindow.queue.services.window import call_next, ticket_act, ticket_transfer

from .factories import T0, category, logged_in, take, window_at


def at(minute: float) -> datetime.datetime:
    return T0 + datetime.timedelta(minutes=minute)


@pytest.fixture
def hall(world):
    """Window C01 serves A and B, C02 serves only B; clerk_a sits at C01."""
    c02 = window_at(world.center_a, "C02")
    a = category(world.center_a, "A", "个人事务", world.window_a)
    b = category(world.center_a, "B", "企业开办", world.window_a, c02)
    logged_in(world.clerk_a, world.window_a)
    return a, b, c02


def _call(world, minute: float = 30):
    return call_next(clerk=world.clerk_a, window=world.window_a, at=at(minute))


def _act(world, ticket, action, minute: float = 31):
    ticket.refresh_from_db()
    return ticket_act(
        clerk=world.clerk_a,
        window=world.window_a,
        ticket=ticket,
        action=action,
        expected_revision=ticket.revision,
        at=at(minute),
    )


def test_call_next_takes_the_longest_wait_across_the_windows_categories(world, hall):
    a, b, _c02 = hall
    first_b = take(b, 1)
    first_a = take(a, 2)
    second_b = take(b, 3)
    order = []
    for minute in (30, 40, 50):
        ticket = _call(world, minute)
        order.append(ticket.number)
        _act(world, ticket, TicketAction.NO_SHOW, minute + 1)
    assert order == [first_b.number, first_a.number, second_b.number] == ["B001", "A001", "B002"]


def test_the_green_channel_is_called_first_whatever_its_reason(world, hall):
    a, b, _c02 = hall
    take(a, 1)
    elderly = take(b, 5, priority=Priority.ELDERLY)
    pregnant = take(a, 3, priority=Priority.PREGNANT)
    assert _call(world, 30).pk == pregnant.pk  # the older of the two priorities
    _act(world, pregnant, TicketAction.NO_SHOW, 31)
    assert _call(world, 32).pk == elderly.pk


def test_a_window_calls_only_its_own_categories(world, hall):
    a, _b, c02 = hall
    take(a, 1)
    clerk2 = _second_clerk(world)
    logged_in(clerk2, c02)
    with translation.override("zh-hans"), pytest.raises(DomainError) as refused:
        call_next(clerk=clerk2, window=c02, at=at(30))
    assert "没有" in str(refused.value.message)


def _second_clerk(world):
    from onewindow.organisations.choices import Role
    from onewindow.organisations.factories import AssignmentFactory, StaffFactory, UserFactory

    staff = StaffFactory(user=UserFactory(username="clerk_a2"))
    AssignmentFactory(staff=staff, role=Role.WINDOW_CLERK, place=world.center_a)
    return staff.user


def test_calling_for_a_window_one_is_not_logged_in_to_is_refused(world, hall):
    a, _b, c02 = hall
    take(a, 1)
    with translation.override("zh-hans"), pytest.raises(DomainError) as refused:
        call_next(clerk=world.clerk_a, window=c02, at=at(30))
    assert "未登录" in str(refused.value.message) or "登录" in str(refused.value.message)
    assert not CallEvent.objects.exists()


def test_a_clerk_of_another_center_cannot_log_in_here(world, hall):
    with pytest.raises(NotPermitted):
        svc.session_login(clerk=world.clerk_b, window=world.window_a)


def test_one_clerk_per_window_and_one_window_per_clerk(world, hall):
    _a, _b, c02 = hall
    with pytest.raises(DomainError):
        svc.session_login(clerk=world.clerk_a, window=c02)
    with pytest.raises(DomainError):
        svc.session_login(clerk=_second_clerk(world), window=world.window_a)


def test_a_window_on_a_break_calls_nobody(world, hall):
    take(hall[0], 1)
    svc.session_break(clerk=world.clerk_a, window=world.window_a, on=True, at=at(10))
    with pytest.raises(DomainError):
        _call(world)
    svc.session_break(clerk=world.clerk_a, window=world.window_a, on=False, at=at(20))
    assert _call(world).number == "A001"


def test_call_recall_serve_finish_writes_the_periods_and_the_board_events(world, hall):
    ticket = take(hall[0], 1)
    _call(world, 30)
    _act(world, ticket, TicketAction.RECALL, 31)
    _act(world, ticket, TicketAction.START, 32)
    _act(world, ticket, TicketAction.FINISH, 40)
    ticket.refresh_from_db()
    assert ticket.state == TicketState.DONE
    periods = list(
        Visit.objects.filter(ticket=ticket).values_list("kind", "started_at", "ended_at")
    )
    assert periods == [
        (VisitKind.WAITING, at(1), at(30)),
        (VisitKind.CALLED, at(30), at(31)),
        (VisitKind.CALLED, at(31), at(32)),
        (VisitKind.SERVING, at(32), at(40)),
    ]
    events = list(CallEvent.objects.values_list("kind", "number", "window_number"))
    assert events == [("call", "A001", "C01"), ("recall", "A001", "C01")]


def test_hold_lets_the_window_call_the_next_and_resume_later(world, hall):
    first = take(hall[0], 1)
    second = take(hall[0], 2)
    _call(world, 30)
    _act(world, first, TicketAction.START, 31)
    _act(world, first, TicketAction.HOLD, 35)
    assert _call(world, 36).pk == second.pk
    _act(world, second, TicketAction.NO_SHOW, 37)
    _act(world, first, TicketAction.RESUME, 38)
    first.refresh_from_db()
    assert first.state == TicketState.SERVING
    kinds = list(Visit.objects.filter(ticket=first).values_list("kind", flat=True))
    assert kinds == ["waiting", "called", "serving", "on_hold", "serving"]


def test_no_show_only_for_a_called_ticket(world, hall):
    ticket = take(hall[0], 1)
    _call(world, 30)
    _act(world, ticket, TicketAction.START, 31)
    with pytest.raises(DomainError):
        _act(world, ticket, TicketAction.NO_SHOW, 32)
    ticket.refresh_from_db()
    assert ticket.state == TicketState.SERVING


def test_transfer_to_a_category_keeps_the_place_in_line(world, hall):
    a, b, c02 = hall
    ticket = take(a, 1)
    later_b = take(b, 10)
    _call(world, 30)
    ticket.refresh_from_db()
    ticket_transfer(
        clerk=world.clerk_a,
        window=world.window_a,
        ticket=ticket,
        expected_revision=ticket.revision,
        category=b,
        note="需办理企业开办",
        at=at(31),
    )
    ticket.refresh_from_db()
    assert (ticket.state, ticket.category_id, ticket.number) == ("waiting", b.pk, "A001")
    # At C02, which serves only B, the transferred ticket comes before a later B ticket.
    clerk2 = _second_clerk(world)
    logged_in(clerk2, c02)
    assert call_next(clerk=clerk2, window=c02, at=at(40)).pk == ticket.pk
    assert later_b.pk != ticket.pk


def test_transfer_to_a_window_is_called_only_there(world, hall):
    a, _b, c02 = hall
    ticket = take(a, 1)
    _call(world, 30)
    ticket.refresh_from_db()
    ticket_transfer(
        clerk=world.clerk_a,
        window=world.window_a,
        ticket=ticket,
        expected_revision=ticket.revision,
        target_window=c02,
        note="请到C02",
        at=at(31),
    )
    with pytest.raises(DomainError):
        _call(world, 32)  # C01 serves A, but the ticket now belongs to C02
    clerk2 = _second_clerk(world)
    logged_in(clerk2, c02)
    assert call_next(clerk=clerk2, window=c02, at=at(40)).pk == ticket.pk


def test_a_transfer_needs_exactly_one_destination(world, hall):
    a, b, c02 = hall
    ticket = take(a, 1)
    _call(world, 30)
    ticket.refresh_from_db()
    for where in ({}, {"category": b, "target_window": c02}):
        with pytest.raises(DomainError):
            ticket_transfer(
                clerk=world.clerk_a,
                window=world.window_a,
                ticket=ticket,
                expected_revision=ticket.revision,
                **where,
            )
    ticket.refresh_from_db()
    assert ticket.state == TicketState.CALLED


def test_another_window_cannot_act_on_a_ticket(world, hall):
    a, _b, c02 = hall
    ticket = take(a, 1)
    _call(world, 30)
    clerk2 = _second_clerk(world)
    logged_in(clerk2, c02)
    ticket.refresh_from_db()
    with pytest.raises(DomainError):
        ticket_act(
            clerk=clerk2,
            window=c02,
            ticket=ticket,
            action=TicketAction.START,
            expected_revision=ticket.revision,
        )


def test_logout_is_refused_while_a_ticket_is_at_the_window(world, hall):
    take(hall[0], 1)
    _call(world, 30)
    with pytest.raises(DomainError):
        svc.session_logout(clerk=world.clerk_a, window=world.window_a)


@pytest.mark.django_db(transaction=True)
def test_the_queue_survives_a_restart(world, hall):
    """Nothing lives in memory: a new connection (a restarted server) calls the same line."""
    a, b, _c02 = hall
    take(b, 1)
    take(a, 2)
    connection.close()
    assert _call(world, 30).number == "B001"
    assert svc.callable_tickets(world.window_a, T0.date()).count() == 1
