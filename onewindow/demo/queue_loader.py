"""Today's queue in the demo county's center: categories by the comprehensive windows' business,
two clerks logged in, a morning of tickets — some served, one being served, some waiting.

Built through the queue's services (take, log in, call, start, finish), so the demo walks the
same machine as the hall. Small on purpose: the demo load time stays what it was."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from onewindow.catalog.models import Entry
from onewindow.organisations.choices import BusinessCategory, Role, WindowKind
from onewindow.organisations.models import Assignment, ServicePlace, Window
from onewindow.queue.choices import ApplicantKind, Priority, TicketAction
from onewindow.queue.models import Category
from onewindow.queue.services import tickets, window
from onewindow.registries.models import NaturalPerson

# Letter, name, business category of the comprehensive windows that call it.
CATEGORIES = [
    ("A", "企业经营", BusinessCategory.ENTERPRISE),
    ("B", "工程建设", BusinessCategory.CONSTRUCTION),
    ("C", "公民个人", BusinessCategory.PERSONAL),
    ("D", "社会事务", BusinessCategory.SOCIAL),
]


def load(center: ServicePlace, persons: list[NaturalPerson], seed: int) -> int:
    """Create the categories and today's tickets; returns the number of tickets."""
    rng = random.Random(seed + 13)
    categories = {}
    for position, (letter, name, business) in enumerate(CATEGORIES):
        category = Category.objects.create(
            place=center, letter=letter, name=name, business=business, position=position
        )
        category.windows.set(
            Window.objects.filter(place=center, kind=WindowKind.COMPREHENSIVE, category=business)
        )
        category.entries.set(Entry.objects.public().filter(item__category=business)[:12])
        categories[letter] = category
    # The 社会事务 windows also help with personal affairs when their own line is short.
    categories["C"].windows.add(*Window.objects.filter(place=center, number__in=["C04", "C05"]))

    now = timezone.now()
    start = max(
        now - datetime.timedelta(hours=2), timezone.localtime(now).replace(hour=8, minute=30)
    )
    if start >= now:  # before opening hours: the morning is just beginning
        start = now - datetime.timedelta(minutes=40)
    letters = ["C", "C", "A", "C", "D", "A", "C", "B", "C", "A", "C", "D", "C", "A"]
    taken = []
    for i, letter in enumerate(letters):
        at = start + (now - start) * (i / len(letters))
        taken.append(
            tickets.ticket_take(
                place=center,
                category=categories[letter],
                applicant_kind=ApplicantKind.PERSON,
                number=persons[i + 2].id_number,
                priority=Priority.ELDERLY if i == 9 else "",
                at=at,
            )
        )
    # Two clerks at their windows: C01 (the demo login "clerk") and A01; calls in time order.
    desks = []
    for number in ("C01", "A01"):
        w = Window.objects.get(place=center, number=number)
        post = Assignment.objects.filter(role=Role.WINDOW_CLERK, window=w).select_related(
            "staff__user"
        )[0]
        window.session_login(clerk=post.staff.user, window=w, at=start)
        desks.append((post.staff.user, w))
    for step in range(2):
        for offset, (clerk, w) in enumerate(desks):
            at = start + (now - start) * (0.5 + 0.2 * step + 0.05 * offset)
            ticket = window.call_next(clerk=clerk, window=w, at=at)
            ticket = _act(clerk, w, ticket, TicketAction.START, at + _minutes(rng, 1))
            if step == 0:
                _act(clerk, w, ticket, TicketAction.FINISH, at + _minutes(rng, 6))
    return len(taken)


def _minutes(rng: random.Random, base: int) -> datetime.timedelta:
    return datetime.timedelta(minutes=base + rng.random())


def _act(clerk, w, ticket, action, at):  # type: ignore[no-untyped-def]
    return window.ticket_act(
        clerk=clerk,
        window=w,
        ticket=ticket,
        action=action,
        expected_revision=ticket.revision,
        at=at,
    )
