"""Helpers for queue tests: categories, logged-in windows, tickets with valid numbers."""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.utils import timezone

from onewindow.core.identity_makers import make_resident_id
from onewindow.organisations.factories import WindowFactory
from onewindow.queue.choices import ApplicantKind
from onewindow.queue.models import Category, Ticket
from onewindow.queue.services import tickets, window

_rng = random.Random(13)
T0 = timezone.make_aware(datetime.datetime(2026, 12, 2, 9, 0))


def resident_id() -> str:
    return make_resident_id(_rng, area="620123")


def category(place: Any, letter: str, name: str = "", *windows: Any, **extra: Any) -> Category:
    c = Category.objects.create(place=place, letter=letter, name=name or f"业务{letter}", **extra)
    c.windows.set(windows)
    return c


def take(category: Category, minute: float = 0, *, priority: str = "", **extra: Any) -> Ticket:
    return tickets.ticket_take(
        place=category.place,
        category=category,
        applicant_kind=ApplicantKind.PERSON,
        number=extra.pop("number", None) or resident_id(),
        priority=priority,
        at=T0 + datetime.timedelta(minutes=minute),
        **extra,
    )


def window_at(place: Any, number: str, **extra: Any) -> Any:
    return WindowFactory(place=place, number=number, name=f"综合受理{number}", **extra)


def logged_in(clerk: Any, w: Any) -> Any:
    return window.session_login(clerk=clerk, window=w, at=T0)
