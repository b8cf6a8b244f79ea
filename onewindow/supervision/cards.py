"""黄牌 / 红牌: the services that issue, answer, close and withdraw cards, and set the rules.

A card changes only through ``machines.CARD`` (``onewindow.workflow.engine.transition``): the
engine locks the card, refuses a stale revision, checks the table and the actor's capacity,
bumps the revision, records the audit entry and queues the notices. These services check what
people wrote and fill the card's fields.

``cards_evaluate`` (run daily) counts each active rule's findings per department in a month
(``findings.py``). A department reaching a rule's threshold gets that rule's card for the month,
once: running the evaluation again issues nothing new. The yellow and red cards of one kind are
separate rules; a department may hold both for a month, and lists show the red one as
superseding the yellow.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from onewindow.cases.models import Case
from onewindow.core.errors import DomainError, NotPermitted
from onewindow.organisations.models import Department
from onewindow.supervision import policies
from onewindow.supervision.choices import CardAction, CardColour, CardRuleKind
from onewindow.supervision.common import acting, clean_text, sign, site_language
from onewindow.supervision.findings import (
    case_ids_by_department,
    findings_count,
    month_bounds,
    month_label,
    previous_month,
    rule_findings,
)
from onewindow.supervision.machines import CARD
from onewindow.supervision.models import Card, CardRule
from onewindow.supervision.trail import supervision_audit
from onewindow.workflow.engine import transition

if TYPE_CHECKING:
    from onewindow.accounts.models import User

MIN_THRESHOLD, MAX_THRESHOLD = 1, 99
MIN_REASON_CHARS, MAX_REASON_CHARS = 1, 200
MIN_TEXT = 5
MAX_MANUAL_CASES = 50
# The colour that supersedes another for the same department, kind and month.
SUPERSEDING = {CardColour.YELLOW: CardColour.RED}
# Where a closing or withdrawing supervisor's note goes (text, by, at).
CLOSING = ("closing_note", "closed_by", "closed_at")


# --- issuing by the rules --------------------------------------------------------------------


def _rule_reason(rule: CardRule, count: int, start: datetime.date) -> str:
    with site_language():
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
    card = Card(
        department=department,
        rule=rule,
        kind=rule.kind,
        colour=rule.colour,
        period_start=start,
        period_end=end,
        count=count,
        reason=_rule_reason(rule, count, start),
        issued_by=None,
        issued_at=at,
    )
    try:
        with (
            transaction.atomic(),
            transition(
                CARD, card, CardAction.ISSUE_BY_RULE, actor=None, expected_revision=None, at=at
            ) as change,
        ):
            change.extra.update(case_ids=case_ids, threshold=rule.threshold)
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
        cases = case_ids_by_department(found, due) if found is not None else {}
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


# --- a card's life ---------------------------------------------------------------------------


def _at_least(what: str) -> str:
    return what % {"n": MIN_TEXT}


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
    at = at or timezone.now()
    start, end = month_bounds(timezone.localdate(at))
    card = Card(
        department=department,
        rule=None,
        kind=CardRuleKind.OTHER,
        period_start=start,
        period_end=end,
        issued_by=actor,
        issued_at=at,
    )
    with transition(
        CARD, card, CardAction.ISSUE, actor=actor, expected_revision=None, at=at
    ) as change:
        if colour not in CardColour.values:
            raise DomainError(_("Choose a yellow or a red card."), field="colour")
        card.colour = colour
        card.reason = clean_text(
            reason,
            field="reason",
            missing=_at_least(_("Say why the department is carded (%(n)d characters at least).")),
            min_chars=MIN_TEXT,
        )
        attached = list(dict.fromkeys(cases))
        if len(attached) > MAX_MANUAL_CASES:
            raise DomainError(
                _("Attach %(n)d cases at most.") % {"n": MAX_MANUAL_CASES}, field="cases"
            )
        foreign = [c.number for c in attached if c.department_id != department.pk]
        if foreign:
            raise DomainError(
                _("These cases are not the department's: %(numbers)s.")
                % {"numbers": "、".join(foreign)},
                field="cases",
            )
        card.count = len(attached)
        change.extra["case_ids"] = [c.pk for c in attached]
    return card


def card_report_rectification(
    *,
    card: Card,
    actor: User,
    response: str,
    expected_revision: int | None,
    at: datetime.datetime | None = None,
) -> Card:
    """The department's approver reports what was put right."""
    missing = _("Describe the rectification (%(n)d characters at least).")
    return _answer(
        card,
        CardAction.REPORT,
        actor=actor,
        text=response,
        into=("response", "responded_by", "responded_at"),
        missing=missing,
        expected_revision=expected_revision,
        at=at,
    )


def _answer(
    card: Card,
    action: CardAction,
    *,
    actor: User,
    text: str,
    into: tuple[str, str, str],
    missing: str,
    expected_revision: int | None,
    at: datetime.datetime | None,
) -> Card:
    with acting(
        CARD, card, action, actor=actor, expected_revision=expected_revision, at=at
    ) as change:
        field = "note" if into[0] == "closing_note" else into[0]
        written = clean_text(text, field=field, missing=_at_least(missing), min_chars=MIN_TEXT)
        sign(change, written, into)
    return card


def card_close(
    *,
    card: Card,
    actor: User,
    note: str,
    expected_revision: int | None,
    at: datetime.datetime | None = None,
) -> Card:
    """The supervisor accepts the reported rectification and closes the card."""
    return _answer(
        card,
        CardAction.CLOSE,
        actor=actor,
        text=note,
        into=CLOSING,
        missing=_("Write a closing note (%(n)d characters at least)."),
        expected_revision=expected_revision,
        at=at,
    )


def card_withdraw(
    *,
    card: Card,
    actor: User,
    reason: str,
    expected_revision: int | None,
    at: datetime.datetime | None = None,
) -> Card:
    """The supervisor withdraws a card issued in error (before it is closed)."""
    return _answer(
        card,
        CardAction.WITHDRAW,
        actor=actor,
        text=reason,
        into=CLOSING,
        missing=_("Say why the card is withdrawn (%(n)d characters at least)."),
        expected_revision=expected_revision,
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
    threshold: int | str | None,  # as posted: checked here
    min_reason_chars: int | str | None = None,
    is_active: bool,
) -> CardRule:
    """A supervisor sets a rule's threshold, minimum reason length and whether it is active.
    Returns the rule; nothing is written when nothing changed."""
    if not policies.may_manage_rules(actor):
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
