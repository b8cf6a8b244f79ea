"""Reads of the queue for the kiosk, the ticket page, the console and the boards."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q
from django.utils import timezone

from onewindow.queue.choices import TicketState, VisitKind
from onewindow.queue.models import CallEvent, Category, Ticket, Visit, WindowSession

RECENT_CALLS = 8


def waiting_counts(place_id: int, day: datetime.date) -> list[dict[str, Any]]:
    """Each active category of the place with its number of waiting tickets."""
    rows = (
        Category.objects.filter(place_id=place_id, is_active=True)
        .annotate(
            waiting=Count("tickets", filter=Q(tickets__day=day, tickets__state=TicketState.WAITING))
        )
        .order_by("position", "letter")
    )
    return [{"letter": c.letter, "name": c.name, "waiting": c.waiting} for c in rows]


def people_ahead(ticket: Ticket) -> int:
    """Waiting tickets called before this one by the rule of ``services.window.callable_tickets``
    (green channel first, then the time taken), among the tickets of its category."""
    if ticket.state != TicketState.WAITING:
        return 0
    same = Ticket.objects.filter(
        place_id=ticket.place_id,
        day=ticket.day,
        category_id=ticket.category_id,
        state=TicketState.WAITING,
    ).exclude(pk=ticket.pk)
    earlier = Q(queued_at__lt=ticket.queued_at) | Q(queued_at=ticket.queued_at, id__lt=ticket.pk)
    if ticket.priority:
        return same.exclude(priority="").filter(earlier).count()
    return same.filter(Q(~Q(priority="")) | (Q(priority="") & earlier)).count()


def minutes_per_visitor(category: Category, day: datetime.date) -> float:
    """Today's mean service time of the category (its finished service periods), or the
    category's typical minutes before anyone has been served."""
    duration = ExpressionWrapper(F("ended_at") - F("started_at"), output_field=DurationField())
    mean = (
        Visit.objects.filter(
            category=category,
            kind=VisitKind.SERVING,
            ended_at__isnull=False,
            ticket__day=day,
        )
        .annotate(d=duration)
        .aggregate(m=Avg("d"))["m"]
    )
    if mean:
        return max(1.0, mean.total_seconds() / 60)
    return float(category.minutes)


def estimated_wait(ticket: Ticket) -> int:
    """Minutes: people ahead × minutes per visitor ÷ the open windows serving the category."""
    ahead = people_ahead(ticket)
    if ahead == 0:
        return 0
    windows = WindowSession.objects.filter(
        ended_at__isnull=True, window__queue_categories=ticket.category
    ).count()
    return round(ahead * minutes_per_visitor(ticket.category, ticket.day) / max(1, windows))


def call_payload(event: CallEvent) -> dict[str, Any]:
    return {
        "id": event.pk,
        "kind": event.kind,
        "number": event.number,
        "window": event.window_number,
        "window_name": event.window_name,
        "at": timezone.localtime(event.at).strftime("%H:%M:%S"),
    }


def calls_after(place_id: int, last_id: int, day: datetime.date) -> list[dict[str, Any]]:
    """The day's calls after ``last_id`` (what a reconnecting board missed), oldest first; at
    most the last ``RECENT_CALLS`` of them (older ones are no longer on the screen)."""
    events = list(
        CallEvent.objects.filter(place_id=place_id, pk__gt=last_id, at__date=day).order_by("-id")[
            :RECENT_CALLS
        ]
    )
    return [call_payload(e) for e in reversed(events)]


def last_call_id(place_id: int) -> int:
    last = CallEvent.objects.filter(place_id=place_id).order_by("-id").values_list("id", flat=True)
    return last.first() or 0


def recent_calls(place_id: int, day: datetime.date) -> list[dict[str, Any]]:
    return calls_after(place_id, 0, day)


def console_tickets(window_id: int) -> list[Ticket]:
    """The tickets at a window now (called, served or held there)."""
    return list(
        Ticket.objects.filter(
            window_id=window_id,
            state__in=(TicketState.CALLED, TicketState.SERVING, TicketState.ON_HOLD),
        )
        .select_related("category", "entry")
        .order_by("called_at")
    )


@dataclass(frozen=True)
class WindowLine:
    categories: list[Category]
    waiting: int


def window_line(window_id: int, place_id: int, day: datetime.date) -> WindowLine:
    categories = list(Category.objects.filter(windows=window_id, is_active=True))
    waiting = Ticket.objects.filter(
        Q(target_window__isnull=True, category__in=categories) | Q(target_window_id=window_id),
        place_id=place_id,
        day=day,
        state=TicketState.WAITING,
    ).count()
    return WindowLine(categories=categories, waiting=waiting)
