"""Reads of electronic supervision: the clocks a case runs against and its supervision history
(the staff case page), and which urgings and cards a user may read (anything else is a 404)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict, TypeGuard

from django.db.models import Case as SqlCase
from django.db.models import Exists, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone

from onewindow.cases.choices import STATE_CLOCK, CaseState, WarningLevel
from onewindow.cases.clock import CORRECTION_NOTICE_DAYS, DELIVERY_DAYS, Deadline, case_deadline
from onewindow.cases.models import Case
from onewindow.catalog.choices import LimitUnit
from onewindow.deadlines.calendar import CalendarNotLoaded, DayNote, calendar_for
from onewindow.organisations import scope
from onewindow.organisations.choices import Role
from onewindow.organisations.models import Department
from onewindow.supervision import policies
from onewindow.supervision.choices import CardColour, CardState, Clock
from onewindow.supervision.models import Card, SupervisionRecord, Urging

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    from onewindow.accounts.models import User


@dataclass(frozen=True)
class ClockRow:
    clock: str
    label: str
    started: datetime.date | None
    due: datetime.date | None
    running: bool
    level: str
    # Day by day from the start to the deadline (the promised limit has its own table).
    notes: tuple[DayNote, ...] = ()
    # The promised limit's qualifications: paused, provisional, pending, capped (issue 11).
    deadline: Deadline | None = None

    @property
    def level_label(self) -> str:
        return str(WarningLevel(self.level).label)


def _notes(case: Case, start: datetime.date | None, days: int) -> tuple[DayNote, ...]:
    if start is None or not days:
        return ()
    try:
        return tuple(
            calendar_for(case.home_place_id).explain(start, days, unit=LimitUnit.WORKING_DAYS)
        )
    except CalendarNotLoaded:
        return ()


def case_clocks(case: Case) -> list[ClockRow]:
    """Every statutory clock of the case: when it started, its deadline, whether it runs now,
    and the days each working-day clock counted and skipped."""
    current = STATE_CLOCK.get(case.state)
    level = case.warning_level
    received = timezone.localdate(case.received_at) if case.received_at else None
    deadline = case_deadline(case)
    rows = [
        ClockRow(
            Clock.ACCEPTANCE,
            str(Clock.ACCEPTANCE.label),
            received,
            case.acceptance_due,
            current == Clock.ACCEPTANCE,
            level if current == Clock.ACCEPTANCE else WarningLevel.NORMAL,
            _notes(case, received, CORRECTION_NOTICE_DAYS) if case.acceptance_due else (),
        ),
        ClockRow(
            Clock.DECISION,
            str(Clock.DECISION.label),
            timezone.localdate(case.accepted_at) if case.accepted_at else None,
            deadline.due,
            current == Clock.DECISION,
            level if current == Clock.DECISION else WarningLevel.NORMAL,
            deadline=deadline,
        ),
    ]
    if case.state == CaseState.IN_REVIEW:
        step = case.steps.filter(finished_at__isnull=True).order_by("-started_at", "-id").first()
        if step is not None and step.due_date is not None:
            started = timezone.localdate(step.started_at)
            rows.append(
                ClockRow(
                    Clock.STEP,
                    f"{Clock.STEP.label} · {step.name}",
                    started,
                    step.due_date,
                    True,
                    step.warning_level,
                    _notes(case, started, step.limit_days),
                )
            )
    if not case.parent_id:
        decided = timezone.localdate(case.decided_at) if case.decided_at else None
        rows.append(
            ClockRow(
                Clock.DELIVERY,
                str(Clock.DELIVERY.label),
                decided,
                case.delivery_due,
                current == Clock.DELIVERY,
                level if current == Clock.DELIVERY else WarningLevel.NORMAL,
                _notes(case, decided, DELIVERY_DAYS) if case.delivery_due else (),
            )
        )
    return rows


def case_records(case: Case) -> QuerySet[SupervisionRecord]:
    return case.supervision.select_related("step").order_by("raised_on", "id")


def latest_record(case: Case) -> SupervisionRecord | None:
    """The case's most recent warning, which an urging may refer to."""
    return SupervisionRecord.objects.filter(case=case).order_by("-raised_on", "-id").first()


def _reader(user: User | None) -> TypeGuard[User]:
    return bool(user is not None and user.is_authenticated and user.is_active)


def urgings_visible_to(user: User | None) -> QuerySet[Urging]:
    """Urgings the user may read: the region's (supervisors, administrators), those addressed to
    the user's departments (reviewers, approvers), those on the cases of the user's center
    (center managers). Anything else is a 404."""
    if not _reader(user):
        return Urging.objects.none()
    if user.is_superuser:
        return Urging.objects.all()
    conditions: list[Q] = []
    if scope.region_prefixes(user, *policies.WATCHING_ROLES):
        conditions.append(Q(department__in=policies.watched_departments(user)))
    departments = policies.answering_department_ids(user)
    if departments:
        conditions.append(Q(department_id__in=departments))
    places = scope.place_ids(user, Role.CENTER_MANAGER)
    if places:
        conditions.append(Q(case__place_id__in=places) | Q(case__home_place_id__in=places))
    if not conditions:
        return Urging.objects.none()
    condition = conditions[0]
    for more in conditions[1:]:
        condition |= more
    return Urging.objects.filter(condition)


def card_departments(user: User | None) -> QuerySet[Department]:
    """Departments whose cards the user may read: the region's (supervisors, administrators), the
    user's own (reviewers, approvers), those stationed at the user's center (center managers)."""
    if not _reader(user):
        return Department.objects.none()
    if user.is_superuser:
        return Department.objects.all()
    condition = Q(pk__in=policies.watched_departments(user).values("pk"))
    condition |= Q(pk__in=policies.answering_department_ids(user))
    places = scope.place_ids(user, Role.CENTER_MANAGER)
    if places:
        condition |= Q(pk__in=Department.objects.filter(places__in=places).values("pk"))
    return Department.objects.filter(condition)


class Superseded(TypedDict):
    superseded: bool  # a yellow card a red one of the same rule kind and month supersedes


def cards_visible_to(user: User | None) -> QuerySet[WithAnnotations[Card, Superseded]]:
    """Cards the user may read, each marked ``superseded`` when a red card of the same rule kind
    and month was issued to the same department (the red one supersedes the yellow)."""
    superseding = Card.objects.filter(
        department=OuterRef("department"),
        kind=OuterRef("kind"),
        period_start=OuterRef("period_start"),
        colour=CardColour.RED,
        rule__isnull=False,
    ).exclude(state=CardState.WITHDRAWN)
    return Card.objects.filter(department__in=card_departments(user).values("pk")).annotate(
        superseded=SqlCase(
            When(
                Q(colour=CardColour.YELLOW, rule__isnull=False) & Exists(superseding),
                then=Value(True),
            ),
            default=Value(False),
        )
    )
