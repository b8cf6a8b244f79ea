"""Tickets: numbering per category and day, the kiosk's checks, the machine's periods."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from onewindow.core.errors import DomainError
from onewindow.queue.choices import ApplicantKind, TicketState, VisitKind
from onewindow.queue.models import Ticket, Visit
from onewindow.queue.services import tickets

from .factories import T0, category, resident_id, take


@pytest.fixture
def cats(world):
    return (
        category(world.center_a, "A", "个人事务", world.window_a),
        category(world.center_a, "B", "企业开办", world.window_a),
    )


def test_numbers_restart_daily_per_category(world, cats):
    a, b = cats
    assert [take(a, i).number for i in range(3)] == ["A001", "A002", "A003"]
    assert take(b, 5).number == "B001"
    next_day = tickets.ticket_take(
        place=world.center_a,
        category=a,
        applicant_kind=ApplicantKind.PERSON,
        number=resident_id(),
        at=T0 + datetime.timedelta(days=1),
    )
    assert next_day.number == "A001"
    assert next_day.day == T0.date() + datetime.timedelta(days=1)


def test_a_thousandth_ticket_keeps_its_letter_and_every_digit():
    assert tickets.ticket_number("A", 7) == "A007"
    assert tickets.ticket_number("A", 1000) == "A1000"


def test_the_database_refuses_a_second_ticket_with_the_same_number(world, cats):
    first = take(cats[0])
    with pytest.raises(IntegrityError), transaction.atomic():
        Ticket.objects.create(
            place=first.place,
            category=first.category,
            day=first.day,
            serial=first.serial,
            number=first.number,
            applicant_kind="person",
            id_number=first.id_number,
            taken_at=T0,
            queued_at=T0,
        )


def test_a_taken_ticket_waits_in_an_open_period(world, cats):
    ticket = take(cats[0])
    assert ticket.state == TicketState.WAITING
    period = Visit.objects.get(ticket=ticket)
    assert (period.kind, period.ended_at) == (VisitKind.WAITING, None)


@pytest.mark.parametrize(
    ("kind", "number", "message"),
    [
        ("person", "62012319900101123", "公民身份号码应为18位"),
        ("person", "620123199013011234", "出生日期"),
        ("organisation", "91620123MA7XXXXX0", ""),
        ("nobody", "620123199001011234", "请选择"),
    ],
)
def test_a_bad_number_is_refused_in_chinese_and_takes_nothing(world, cats, kind, number, message):
    with translation.override("zh-hans"), pytest.raises(DomainError) as refused:
        tickets.ticket_take(
            place=world.center_a, category=cats[0], applicant_kind=kind, number=number, at=T0
        )
    text = str(refused.value.message)
    assert text
    assert text.isascii() is False
    if message:
        assert message in text
    assert not Ticket.objects.exists()


def test_a_category_of_another_center_is_refused(world, cats):
    other = category(world.center_b, "A", "个人事务", world.window_b)
    with translation.override("zh-hans"), pytest.raises(DomainError) as refused:
        tickets.ticket_take(
            place=world.center_a,
            category=other,
            applicant_kind="person",
            number=resident_id(),
            at=T0,
        )
    assert "不在本服务场所" in str(refused.value.message)
    assert not Ticket.objects.exists()


def test_a_day_left_open_is_closed_as_not_served(world, cats):
    from onewindow.queue.services.window import session_login

    ticket = take(cats[0])
    session = session_login(clerk=world.clerk_a, window=world.window_a, at=T0)
    assert tickets.close_past_days(T0.date() + datetime.timedelta(days=1)) == 1
    ticket.refresh_from_db()
    assert ticket.state == TicketState.NO_SHOW
    assert not Visit.objects.filter(ticket=ticket, ended_at__isnull=True).exists()
    session.refresh_from_db()
    assert session.ended_at is not None  # the window is free the next morning


def test_an_item_outside_the_category_is_refused_and_one_inside_is_carried(world, cats):
    from onewindow.cases.factories import licence_entry

    entry = licence_entry(world.dept_x)
    with pytest.raises(DomainError):
        take(cats[0], entry=entry)
    assert not Ticket.objects.exists()
    cats[0].entries.add(entry)
    assert take(cats[0], entry=entry).entry_id == entry.pk
