"""Demo hook: a couple of fees on demo cases, then the card rules over this month and the last,
so the supervision pages show cards the way a daily run would have left them."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from onewindow.accounts.models import User
from onewindow.cases.models import Case, CaseFee
from onewindow.cases.services import fees
from onewindow.organisations.choices import Role
from onewindow.organisations.models import Assignment
from onewindow.supervision.cards import cards_evaluate_recent


def _clerk(case: Case) -> User | None:
    assignment = (
        Assignment.objects.filter(
            Q(place_id=case.place_id) | Q(place_id=case.home_place_id),
            role=Role.WINDOW_CLERK,
            staff__user__is_active=True,
        )
        .select_related("staff__user")
        .order_by("pk")
        .first()
    )
    return assignment.staff.user if assignment else None


def _cases_with_fees(limit: int) -> list[Case]:
    """Decided demo cases whose guide publishes fees (identity cards, real estate …)."""
    found = []
    candidates = (
        Case.objects.filter(decided_at__isnull=False, department__isnull=False)
        .exclude(state__in=fees.NO_FEE_STATES)
        .select_related("version")
        .order_by("-decided_at", "pk")
    )
    for case in candidates.iterator(chunk_size=200):
        if fees.published_fees(case):
            found.append(case)
            if len(found) == limit:
                break
    return found


def _record_fees(today: datetime.date) -> int:
    if CaseFee.objects.exists():
        return 0
    now = timezone.now()
    # Charged today, so this month's run finds the irregular one.
    when = (
        now
        if timezone.localdate(now) == today
        else timezone.make_aware(datetime.datetime.combine(today, datetime.time(10)))
    )
    recorded = 0
    for index, case in enumerate(_cases_with_fees(2)):
        clerk = _clerk(case)
        if clerk is None:
            continue
        published = fees.published_fees(case)[0]
        highest = fees.highest_yuan(str(published.standard or "")) or Decimal(10)
        if index == 0:  # as published
            fees.case_fee_record(
                case=case,
                actor=clerk,
                name=published.name,
                amount=highest,
                receipt_number=f"FS{today:%Y%m%d}{index + 1:04d}",
                at=when,
            )
        else:  # a charge the guide does not publish
            fees.case_fee_record(
                case=case,
                actor=clerk,
                name="资料复印费",
                amount=Decimal("20.00"),
                at=when,
            )
        recorded += 1
    return recorded


def load(today: datetime.date) -> int:
    """Record the demo fees and run the card rules; returns the number of cards issued."""
    _record_fees(today)
    return len(cards_evaluate_recent(today=today))
