"""Taking a ticket at the kiosk, and closing a finished day."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from onewindow.catalog.models import Entry
from onewindow.core.errors import DomainError
from onewindow.core.identity import clean_resident_id, clean_uscc
from onewindow.organisations.models import ServicePlace
from onewindow.queue.choices import ApplicantKind, Priority, TicketAction, TicketState
from onewindow.queue.machines import TICKET
from onewindow.queue.models import (
    Category,
    SessionBreak,
    Ticket,
    TicketCounter,
    WindowSession,
)
from onewindow.workflow.engine import transition


def next_serial(category: Category, day: datetime.date) -> int:
    """The category's next serial of ``day`` (1, 2, …), under the counter row's lock.

    ``UPDATE … SET last = last + 1`` waits for a concurrent taker's lock on PostgreSQL (SQLite
    serialises writers); a missing row is created once, and a concurrent creator's unique
    violation sends the loser back to the increment.
    """
    manager = TicketCounter.objects
    for _attempt in range(3):
        with transaction.atomic():
            if not manager.filter(category=category, day=day).update(last=F("last") + 1):
                try:
                    with transaction.atomic():
                        manager.create(category=category, day=day, last=1)
                except IntegrityError:
                    continue
            return int(
                manager.filter(category=category, day=day).values_list("last", flat=True).get()
            )
    raise DomainError(_("Could not number the ticket; please try again."))


def ticket_number(letter: str, serial: int) -> str:
    """``A001`` … ``A999``, then ``A1000``: the letter and at least three digits."""
    return f"{letter}{serial:03d}"


def clean_applicant_number(kind: str, value: str) -> str:
    """The canonical resident ID number or USCC, or a ``DomainError`` saying what is wrong."""
    try:
        if kind == ApplicantKind.PERSON:
            return clean_resident_id(value)
        if kind == ApplicantKind.ORGANISATION:
            return clean_uscc(value)
    except ValidationError as exc:
        raise DomainError(exc.messages[0], field="number") from None
    raise DomainError(_("Choose a resident ID number or a unified social credit code."))


def ticket_take(
    *,
    place: ServicePlace,
    category: Category,
    applicant_kind: str,
    number: str,
    entry: Entry | None = None,
    priority: str = "",
    at: datetime.datetime | None = None,
) -> Ticket:
    """A walk-in's ticket: validated number, a category of this center, optionally its item."""
    at = at or timezone.now()
    id_number = clean_applicant_number(applicant_kind, number)
    if category.place_id != place.pk or not category.is_active:
        raise DomainError(_("This business category is not offered at this service place."))
    if entry is not None and not category.entries.filter(pk=entry.pk).exists():
        raise DomainError(_("This item does not belong to the chosen business category."))
    if priority not in Priority.values:
        raise DomainError(_("Unknown green-channel reason."))
    day = timezone.localdate(at)
    with transaction.atomic():
        serial = next_serial(category, day)
        ticket = Ticket(
            place=place,
            category=category,
            day=day,
            serial=serial,
            number=ticket_number(category.letter, serial),
            applicant_kind=applicant_kind,
            id_number=id_number,
            entry=entry,
            priority=priority,
            taken_at=at,
            queued_at=at,
        )
        with transition(
            TICKET, ticket, TicketAction.TAKE, actor=None, expected_revision=None, at=at
        ):
            pass
    return ticket


def close_past_days(today: datetime.date | None = None) -> int:
    """Close every ticket of an earlier day still open (waiting, called, on hold) as not served,
    and the window sessions of earlier days; returns how many tickets. Run nightly (tasks.py).
    Yesterday's tickets never leak into today's calls either way: call-next reads today only."""
    today = today or timezone.localdate()
    open_states = (TicketState.WAITING, TicketState.CALLED, TicketState.ON_HOLD)
    closed = 0
    for ticket in Ticket.objects.filter(day__lt=today, state__in=open_states).iterator():
        with transition(
            TICKET, ticket, TicketAction.CLOSE_DAY, actor=None, expected_revision=None
        ) as change:
            change.obj.ended_at = change.at
        closed += 1
    # A clerk who forgot to log out is logged out: the window is free the next morning.
    now = timezone.now()
    stale = WindowSession.objects.filter(day__lt=today, ended_at__isnull=True)
    SessionBreak.objects.filter(session__in=stale, ended_at__isnull=True).update(ended_at=now)
    stale.update(ended_at=now, break_since=None)
    return closed
