"""黄牌 / 红牌: cards to departments, issued by configurable rules over a calendar month or by a
supervisor, answered by the department's report of rectification and closed by a supervisor.

``cards_evaluate`` (run daily) counts the findings of each active rule per department in a month:

- overdue: cases of the department whose promised deadline fell in the month (and has passed)
  that were decided after it, or are still running undecided (a case paused by a §45 special
  procedure counts only if it was already late when the pause began: paused days are not counted);
- refusal_reasons: refusals to accept confirmed and decisions not to approve in the month whose
  stated reason is shorter than the rule's minimum (a reason such as "不符合条件" tells nothing);
- outside_checklist: corrections requested and returns to the applicant in the month that asked
  for materials outside the case's checklist (the event's ``data["extra"]``);
- irregular_fee: fees charged in the month that break the guide's published fees.

A department reaching a rule's threshold gets that rule's card for the month, once: running the
evaluation again issues nothing new. The yellow and red cards of one kind are separate rules; a
department may hold both for a month, and lists show the red one as superseding the yellow.
Counting is done in SQL, grouped by department, one query per rule.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Case as SqlCase
from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Coalesce, Length, Trim
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from onewindow.cases.choices import Action, CaseState, ProcedureKind
from onewindow.cases.models import Case, CaseEvent, CaseFee, SpecialProcedure
from onewindow.core.errors import DomainError, NotPermitted
from onewindow.notifications.choices import Event
from onewindow.notifications.services import notification_queue
from onewindow.organisations import scope
from onewindow.organisations.choices import Role
from onewindow.organisations.models import Department
from onewindow.organisations.selectors import supervisors_of, unique_users, users_in_roles
from onewindow.supervision import policies
from onewindow.supervision.choices import CardColour, CardRuleKind, CardState
from onewindow.supervision.models import Card, CardRule
from onewindow.supervision.trail import supervision_audit

if TYPE_CHECKING:
    from onewindow.accounts.models import User

MIN_THRESHOLD, MAX_THRESHOLD = 1, 99
MIN_REASON_CHARS, MAX_REASON_CHARS = 1, 200
MIN_TEXT, MAX_TEXT = 5, 2000
MAX_MANUAL_CASES = 50
# The colour that supersedes another for the same department, kind and month.
SUPERSEDING = {CardColour.YELLOW: CardColour.RED}


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


def _case_ids(found: Findings, department_ids: Iterable[int]) -> dict[int, list[int]]:
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


# --- notifications ---------------------------------------------------------------------------


def _recipients(department: Department) -> list[User]:
    """The department's approvers and the supervisors whose region holds it."""
    return unique_users(
        [
            *users_in_roles(Role.APPROVER, department_id=department.pk),
            *supervisors_of(department.region.code),
        ]
    )


def _notify(card: Card, *, text: str, exclude: User | None = None) -> None:
    department = card.department
    with override(settings.LANGUAGE_CODE):
        subject = str(CardColour(card.colour).label)
        body = _("%(card)s to %(department)s: %(text)s") % {
            "card": subject,
            "department": department.name,
            "text": text,
        }
    for user in _recipients(department):
        if exclude is not None and user.pk == exclude.pk:
            continue
        notification_queue(
            event=Event.SUPERVISION_CARD,
            subject=subject,
            body=body[:1000],
            recipient_user=user,
            region_code=department.region.code,
        )


# --- issuing ---------------------------------------------------------------------------------


def _rule_reason(rule: CardRule, count: int, start: datetime.date) -> str:
    with override(settings.LANGUAGE_CODE):
        return _(
            "%(month)s: %(count)d finding(s) of “%(kind)s”; the rule gives a %(card)s from "
            "%(threshold)d finding(s) a month."
        ) % {
            "month": month_label(start),
            "count": count,
            "kind": CardRuleKind(rule.kind).label,
            "card": CardColour(rule.colour).label,
            "threshold": rule.threshold,
        }


def _issue_by_rule(
    rule: CardRule,
    department: Department,
    *,
    count: int,
    case_ids: list[int],
    start: datetime.date,
    end: datetime.date,
    at: datetime.datetime,
) -> Card | None:
    reason = _rule_reason(rule, count, start)
    try:
        with transaction.atomic():
            card = Card.objects.create(
                department=department,
                rule=rule,
                kind=rule.kind,
                colour=rule.colour,
                period_start=start,
                period_end=end,
                count=count,
                reason=reason,
                issued_by=None,
                issued_at=at,
            )
            card.cases.set(case_ids)
            supervision_audit(
                "card.issued",
                ref=str(card.public_id),
                actor=None,
                at=at,
                content={
                    "department": department.pk,
                    "rule": rule.pk,
                    "kind": rule.kind,
                    "colour": rule.colour,
                    "threshold": rule.threshold,
                    "period": [start.isoformat(), end.isoformat()],
                    "count": count,
                    "cases": sorted(case_ids),
                },
            )
            _notify(card, text=reason)
    except IntegrityError:
        # Another run carded the department for this rule and month first.
        return None
    return card


def cards_evaluate(*, month: datetime.date, today: datetime.date | None = None) -> list[Card]:
    """Issue the cards the active rules give for the month of ``month`` (any day in it), counting
    findings up to ``today``. Returns the cards issued now; a second run issues nothing new."""
    today = today or timezone.localdate()
    start, end = month_bounds(month)
    at = timezone.now()
    issued: list[Card] = []
    rules = CardRule.objects.filter(is_active=True).exclude(kind=CardRuleKind.OTHER)
    # Red before yellow, so a department reaching both sees the red card first in its inbox.
    for rule in sorted(rules, key=lambda r: (r.kind, r.colour != CardColour.RED)):
        counts = findings_count(rule, month, today)
        reached = {d: n for d, n in counts.items() if n >= rule.threshold}
        if not reached:
            continue
        carded = set(
            Card.objects.filter(
                rule=rule, period_start=start, department_id__in=list(reached)
            ).values_list("department_id", flat=True)
        )
        due = {d: n for d, n in reached.items() if d not in carded}
        if not due:
            continue
        found = rule_findings(rule, month, today)
        cases = _case_ids(found, due)
        departments = Department.objects.select_related("region").in_bulk(list(due))
        for department_id, count in sorted(due.items()):
            card = _issue_by_rule(
                rule,
                departments[department_id],
                count=count,
                case_ids=cases.get(department_id, []),
                start=start,
                end=end,
                at=at,
            )
            if card is not None:
                issued.append(card)
    return issued


def cards_evaluate_recent(*, today: datetime.date | None = None) -> list[Card]:
    """The daily run: the month so far, and the month before (a deadline on its last day has
    only passed today, and late events may still be recorded in its first days)."""
    today = today or timezone.localdate()
    issued = cards_evaluate(month=previous_month(today), today=today)
    return issued + cards_evaluate(month=today, today=today)


# --- reading ---------------------------------------------------------------------------------


def card_departments(user: User | None) -> QuerySet[Department]:
    """Departments whose cards the user may read: the region's (supervisors, administrators), the
    user's own (reviewers, approvers), those stationed at the user's center (center managers)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Department.objects.none()
    if user.is_superuser:
        return Department.objects.all()
    condition = Q(pk__in=policies.watched_departments(user).values("pk"))
    condition |= Q(pk__in=policies.answering_department_ids(user))
    places = scope.place_ids(user, Role.CENTER_MANAGER)
    if places:
        condition |= Q(pk__in=Department.objects.filter(places__in=places).values("pk"))
    return Department.objects.filter(condition)


def cards_visible_to(user: User | None) -> QuerySet[Card]:
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


def may_close(user: User | None, card: Card) -> bool:
    return policies.may_supervise(user, card.department)


def may_report(user: User | None, card: Card) -> bool:
    return policies.may_report_rectification(user, card.department_id)


def may_manage_rules(user: User | None) -> bool:
    """Rules apply everywhere; supervisors set them, administrators only read them."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or scope.has_role(user, Role.SUPERVISOR)


# --- a card's life ---------------------------------------------------------------------------


def _text(value: str | None, *, field: str, message: str) -> str:
    text = (value or "").strip()
    if len(text) < MIN_TEXT:
        raise DomainError(message, field=field)
    if len(text) > MAX_TEXT:
        raise DomainError(
            _("Write %(n)d characters at most.") % {"n": MAX_TEXT},
            field=field,
        )
    return text


def _locked(card: Card) -> Card:
    return (
        Card.objects.select_for_update(of=("self",))
        .select_related("department__region")
        .get(pk=card.pk)
    )


def _refresh(card: Card, locked: Card) -> Card:
    for field in (
        "state",
        "response",
        "responded_by",
        "responded_at",
        "closing_note",
        "closed_by",
        "closed_at",
    ):
        setattr(card, field, getattr(locked, field))
    return card


def _wrong_state(card: Card) -> DomainError:
    return DomainError(
        _("The card is “%(state)s”: this is not possible now.")
        % {"state": CardState(card.state).label}
    )


def card_issue(
    *,
    department: Department,
    colour: str,
    reason: str,
    actor: User,
    cases: Iterable[Case] = (),
    at: datetime.datetime | None = None,
) -> Card:
    """A supervisor's own card to a department of the supervisor's region (kind "other")."""
    if not policies.may_supervise(actor, department):
        raise NotPermitted(_("You may not card this department."))
    if colour not in CardColour.values:
        raise DomainError(_("Choose a yellow or a red card."), field="colour")
    reason = _text(
        reason,
        field="reason",
        message=_("Say why the department is carded (%(n)d characters at least).")
        % {"n": MIN_TEXT},
    )
    cases = list(dict.fromkeys(cases))
    if len(cases) > MAX_MANUAL_CASES:
        raise DomainError(_("Attach %(n)d cases at most.") % {"n": MAX_MANUAL_CASES}, field="cases")
    foreign = [c.number for c in cases if c.department_id != department.pk]
    if foreign:
        raise DomainError(
            _("These cases are not the department's: %(numbers)s.")
            % {"numbers": "、".join(foreign)},
            field="cases",
        )
    at = at or timezone.now()
    start, end = month_bounds(timezone.localdate(at))
    with transaction.atomic():
        card = Card.objects.create(
            department=department,
            rule=None,
            kind=CardRuleKind.OTHER,
            colour=colour,
            period_start=start,
            period_end=end,
            count=len(cases),
            reason=reason,
            issued_by=actor,
            issued_at=at,
        )
        card.cases.set(cases)
        supervision_audit(
            "card.issued",
            ref=str(card.public_id),
            actor=actor,
            at=at,
            content={
                "department": department.pk,
                "rule": None,
                "kind": CardRuleKind.OTHER,
                "colour": colour,
                "reason": reason,
                "cases": sorted(c.pk for c in cases),
            },
        )
        _notify(card, text=reason, exclude=actor)
    return card


def card_report_rectification(
    *, card: Card, actor: User, response: str, at: datetime.datetime | None = None
) -> Card:
    """The department's approver reports what was put right."""
    if not may_report(actor, card):
        raise NotPermitted(_("Only an approver of the department reports its rectification."))
    response = _text(
        response,
        field="response",
        message=_("Describe the rectification (%(n)d characters at least).") % {"n": MIN_TEXT},
    )
    at = at or timezone.now()
    with transaction.atomic():
        locked = _locked(card)
        if locked.state != CardState.ISSUED:
            raise _wrong_state(locked)
        locked.state = CardState.RECTIFIED
        locked.response, locked.responded_by, locked.responded_at = response, actor, at
        locked.save(update_fields=["state", "response", "responded_by", "responded_at"])
        supervision_audit(
            "card.rectified",
            ref=str(locked.public_id),
            actor=actor,
            at=at,
            content={"department": locked.department_id, "response": response},
        )
        _notify_supervisors(locked, _("Rectification reported: %(text)s") % {"text": response})
    return _refresh(card, locked)


def _notify_supervisors(card: Card, text: str) -> None:
    with override(settings.LANGUAGE_CODE):
        subject = str(CardColour(card.colour).label)
        body = _("%(card)s to %(department)s: %(text)s") % {
            "card": subject,
            "department": card.department.name,
            "text": text,
        }
    for user in supervisors_of(card.department.region.code):
        notification_queue(
            event=Event.SUPERVISION_CARD,
            subject=subject,
            body=body[:1000],
            recipient_user=user,
            region_code=card.department.region.code,
        )


def _finish(
    card: Card,
    *,
    actor: User,
    note: str,
    state: CardState,
    allowed: set[str],
    action: str,
    message: str,
    at: datetime.datetime | None,
) -> Card:
    if not may_close(actor, card):
        raise NotPermitted(_("Only a supervisor of the department's region may do this."))
    note = _text(note, field="note", message=message)
    at = at or timezone.now()
    with transaction.atomic():
        locked = _locked(card)
        if locked.state not in allowed:
            raise _wrong_state(locked)
        locked.state = state
        locked.closing_note, locked.closed_by, locked.closed_at = note, actor, at
        locked.save(update_fields=["state", "closing_note", "closed_by", "closed_at"])
        supervision_audit(
            action,
            ref=str(locked.public_id),
            actor=actor,
            at=at,
            content={"department": locked.department_id, "note": note},
        )
        _notify(locked, text=note, exclude=actor)
    return _refresh(card, locked)


def card_close(*, card: Card, actor: User, note: str, at: datetime.datetime | None = None) -> Card:
    """The supervisor accepts the reported rectification and closes the card."""
    return _finish(
        card,
        actor=actor,
        note=note,
        state=CardState.CLOSED,
        allowed={CardState.RECTIFIED},
        action="card.closed",
        message=_("Write a closing note (%(n)d characters at least).") % {"n": MIN_TEXT},
        at=at,
    )


def card_withdraw(
    *, card: Card, actor: User, reason: str, at: datetime.datetime | None = None
) -> Card:
    """The supervisor withdraws a card issued in error (before it is closed)."""
    return _finish(
        card,
        actor=actor,
        note=reason,
        state=CardState.WITHDRAWN,
        allowed={CardState.ISSUED, CardState.RECTIFIED},
        action="card.withdrawn",
        message=_("Say why the card is withdrawn (%(n)d characters at least).") % {"n": MIN_TEXT},
        at=at,
    )


# --- rules -----------------------------------------------------------------------------------


def _bounded(value: Any, low: int, high: int, *, field: str, message: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise DomainError(message, field=field) from None
    if not low <= number <= high:
        raise DomainError(message, field=field)
    return number


def card_rule_update(
    *,
    rule: CardRule,
    actor: User,
    threshold: int,
    min_reason_chars: int | None = None,
    is_active: bool,
) -> CardRule:
    """A supervisor sets a rule's threshold, minimum reason length and whether it is active.
    Returns the rule; nothing is written when nothing changed."""
    if not may_manage_rules(actor):
        raise NotPermitted(_("Only supervisors set the card rules."))
    new = {
        "threshold": _bounded(
            threshold,
            MIN_THRESHOLD,
            MAX_THRESHOLD,
            field="threshold",
            message=_("The threshold is a whole number from %(low)d to %(high)d.")
            % {"low": MIN_THRESHOLD, "high": MAX_THRESHOLD},
        ),
        "min_reason_chars": rule.min_reason_chars
        if min_reason_chars is None
        else _bounded(
            min_reason_chars,
            MIN_REASON_CHARS,
            MAX_REASON_CHARS,
            field="min_reason_chars",
            message=_("The minimum reason length is a whole number from %(low)d to %(high)d.")
            % {"low": MIN_REASON_CHARS, "high": MAX_REASON_CHARS},
        ),
        "is_active": bool(is_active),
    }
    with transaction.atomic():
        locked = CardRule.objects.select_for_update().get(pk=rule.pk)
        old = {k: getattr(locked, k) for k in new}
        if old == new:
            return rule
        for key, value in new.items():
            setattr(locked, key, value)
        locked.updated_by = actor
        locked.save(update_fields=[*new, "updated_by", "updated_at"])
        supervision_audit(
            "rule.changed",
            ref=f"card-rule:{locked.pk}",
            actor=actor,
            content={"kind": locked.kind, "colour": locked.colour, "old": old, "new": new},
        )
    for key, value in new.items():
        setattr(rule, key, value)
    rule.updated_by = actor
    return rule
