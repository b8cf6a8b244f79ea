"""What the card rules count: the findings of each rule in a calendar month, per department.

- overdue: cases of the department whose promised deadline fell in the month (and has passed)
  that were decided after it, or are still running undecided (a case paused by a §45 special
  procedure counts only if it was already late when the pause began: paused days are not counted);
- refusal_reasons: refusals to accept confirmed and decisions not to approve in the month whose
  stated reason is shorter than the rule's minimum (a reason such as "不符合条件" tells nothing);
- outside_checklist: corrections requested and returns to the applicant in the month that asked
  for materials outside the case's checklist (the event's ``data["extra"]``);
- irregular_fee: fees charged in the month that break the guide's published fees.

Counting is done in SQL, grouped by department, one query per rule. ``cards.cards_evaluate``
issues the cards.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Case as SqlCase
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, TextField, Value, When
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Coalesce, Length, Trim
from django.utils import formats, timezone

from onewindow.cases.choices import Action, CaseState, ProcedureKind
from onewindow.cases.models import Case, CaseEvent, CaseFee, SpecialProcedure
from onewindow.supervision.choices import CardRuleKind
from onewindow.supervision.models import CardRule

# --- months ----------------------------------------------------------------------------------


def month_bounds(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last day of the calendar month ``day`` is in."""
    last = calendar.monthrange(day.year, day.month)[1]
    return day.replace(day=1), day.replace(day=last)


def previous_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1) - datetime.timedelta(days=1)


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def month_label(day: datetime.date) -> str:
    return formats.date_format(day, "YEAR_MONTH_FORMAT")


# --- findings --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Findings:
    """What one rule counts in one month: a queryset of finding rows, and where in each row the
    department and the case are."""

    rows: QuerySet
    department: str
    case: str


def _overdue(start: datetime.date, last: datetime.date) -> Findings:
    # Deadlines up to ``last`` (the day before today at the latest) have passed.
    paused_on_time = SpecialProcedure.objects.filter(
        case=OuterRef("pk"), ended_on__isnull=True, started_on__lte=OuterRef("due_date")
    ).exclude(kind=ProcedureKind.EXTENSION)
    running = Q(decided_at__isnull=True, state=CaseState.IN_REVIEW) | (
        Q(decided_at__isnull=True, state=CaseState.SUSPENDED) & ~Exists(paused_on_time)
    )
    rows = Case.objects.filter(
        department__isnull=False, due_date__gte=start, due_date__lte=last
    ).filter(running | Q(decided_at__date__gt=F("due_date")))
    return Findings(rows, "department_id", "pk")


def _events(actions: Iterable[str], since: datetime.datetime, until: datetime.datetime) -> QuerySet:
    return CaseEvent.objects.filter(
        action__in=list(actions), at__gte=since, at__lt=until, case__department__isnull=False
    )


def _refusal_reasons(
    since: datetime.datetime, until: datetime.datetime, min_chars: int
) -> Findings:
    # A confirmed refusal carries the window's reason on the event; a decision not to approve
    # has it on the case (both are final, so the case's reason is the one given then).
    reason = Coalesce(
        SqlCase(
            When(action=Action.CONFIRM_REFUSAL, then=KeyTextTransform("reason", "data")),
            default=None,
            output_field=TextField(),
        ),
        F("case__decision_reason"),
        Value(""),
        output_field=TextField(),
    )
    rows = (
        _events([Action.CONFIRM_REFUSAL, Action.DENY], since, until)
        .annotate(reason_length=Length(Trim(reason)))
        .filter(reason_length__lt=min_chars)
    )
    return Findings(rows, "case__department_id", "case_id")


def _outside_checklist(since: datetime.datetime, until: datetime.datetime) -> Findings:
    rows = _events([Action.REQUEST_CORRECTION, Action.RETURN], since, until).filter(
        data__extra__0__isnull=False
    )
    return Findings(rows, "case__department_id", "case_id")


def _irregular_fees(since: datetime.datetime, until: datetime.datetime) -> Findings:
    rows = CaseFee.objects.filter(
        charged_at__gte=since, charged_at__lt=until, case__department__isnull=False
    ).exclude(irregularity="")
    return Findings(rows, "case__department_id", "case_id")


def rule_findings(rule: CardRule, month: datetime.date, today: datetime.date) -> Findings | None:
    """The findings ``rule`` counts in the month of ``month`` up to ``today`` (None: none can be,
    the month has not begun or the rule counts nothing by itself)."""
    start, end = month_bounds(month)
    if start > today:
        return None
    since, until = _local_midnight(start), _local_midnight(min(end, today) + datetime.timedelta(1))
    if rule.kind == CardRuleKind.OVERDUE:
        last = min(end, today - datetime.timedelta(days=1))
        return _overdue(start, last) if last >= start else None
    if rule.kind == CardRuleKind.REFUSAL_WITHOUT_REASONS:
        return _refusal_reasons(since, until, rule.min_reason_chars)
    if rule.kind == CardRuleKind.RETURN_OUTSIDE_CHECKLIST:
        return _outside_checklist(since, until)
    if rule.kind == CardRuleKind.IRREGULAR_FEE:
        return _irregular_fees(since, until)
    return None


def findings_count(rule: CardRule, month: datetime.date, today: datetime.date) -> dict[int, int]:
    """Findings per department id (one grouped query)."""
    found = rule_findings(rule, month, today)
    if found is None:
        return {}
    counts = found.rows.order_by().values(found.department).annotate(n=Count("pk"))
    return {row[found.department]: row["n"] for row in counts}


def case_ids_by_department(found: Findings, department_ids: Iterable[int]) -> dict[int, list[int]]:
    pairs = (
        found.rows.order_by()
        .filter(**{f"{found.department}__in": list(department_ids)})
        .values_list(found.department, found.case)
        .distinct()
    )
    result: dict[int, list[int]] = {}
    for department_id, case_id in pairs:
        result.setdefault(department_id, []).append(case_id)
    return result
