"""Keeping deadlines true when the working-day calendar changes."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.dispatch import receiver
from django.utils.translation import gettext as _
from django.utils.translation import override

from onewindow.accounts.models import User
from onewindow.cases import clock
from onewindow.cases.choices import Action, CaseState
from onewindow.cases.models import Case, CaseEvent, CaseStep
from onewindow.deadlines.signals import calendar_changed
from onewindow.notifications.choices import Event
from onewindow.notifications.services import notification_build, notifications_save
from onewindow.organisations.models import ServicePlace

logger = logging.getLogger(__name__)


def _open(field: str, since: str, first_day: datetime.date, last_day: datetime.date) -> Q:
    """Started on or before the last changed day, due on or after the first (or not yet known)."""
    return Q(**{f"{since}__date__lte": last_day}) & (
        Q(**{f"{field}__gte": first_day}) | Q(**{f"{field}__isnull": True})
    )


def _chunks(rows: QuerySet[Any], size: int = 500) -> Iterator[list[int]]:
    """The rows' keys, read whole first, in chunks of ``size``.

    Iterating an open cursor while writing the same rows is what issue 17 item 11 found in the
    sweeps: on SQLite a cursor held open across writes keeps an old snapshot, and the next write
    fails with "database is locked" once another connection has written (it also may see a row
    again after updating the column it filters on). Each chunk is read anew, with its own query."""
    keys = list(rows.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(keys), size):
        yield keys[start : start + size]


@receiver(calendar_changed)
def recompute_open_deadlines(
    sender: object,
    first_day: datetime.date,
    last_day: datetime.date,
    place: ServicePlace | None = None,
    **kwargs: object,
) -> None:
    """Every running clock whose deadline could move: the promised limit of cases under review or
    suspended, the §32 acceptance notice of received cases, the §44 delivery of decided cases and
    the limits of open back-office steps."""
    clocks = [
        (
            [CaseState.IN_REVIEW, CaseState.SUSPENDED],
            "due_date",
            "accepted_at",
            clock.case_due_date,
        ),
        ([CaseState.RECEIVED], "acceptance_due", "received_at", clock.acceptance_due),
        ([CaseState.DECIDED], "delivery_due", "decided_at", clock.delivery_due),
    ]
    today = datetime.date.today()
    changed = 0
    moved: list[tuple[Case, datetime.date | None]] = []
    for states, field, since, compute in clocks:
        cases = Case.objects.filter(state__in=states).filter(
            _open(field, since, first_day, last_day)
        )
        if place is not None:
            cases = cases.filter(home_place=place)
        related = cases.select_related("version", "home_place").prefetch_related("procedures")
        for chunk in _chunks(cases):
            for case in related.filter(pk__in=chunk):
                due = compute(case)
                if due != getattr(case, field):
                    Case.objects.filter(pk=case.pk).update(
                        **{field: due, "next_level_change": today}
                    )
                    changed += 1
                    if field == "due_date":
                        moved.append((case, case.due_date))
                        case.due_date = due
    steps = CaseStep.objects.filter(
        finished_at__isnull=True, limit_days__gt=0, case__state=CaseState.IN_REVIEW
    ).filter(_open("due_date", "started_at", first_day, last_day))
    if place is not None:
        steps = steps.filter(case__home_place=place)
    for chunk in _chunks(steps):
        for step in steps.filter(pk__in=chunk).select_related("case", "case__home_place"):
            due = clock.step_due_date(step.case, step.started_at, step.limit_days)
            if due != step.due_date:
                CaseStep.objects.filter(pk=step.pk).update(due_date=due)
                Case.objects.filter(pk=step.case_id).update(next_level_change=today)
                changed += 1
    deadline_moved_notify(moved)
    logger.info(
        "calendar change %s–%s: %d open deadline(s) recomputed", first_day, last_day, changed
    )


def deadline_moved_notify(moved: list[tuple[Case, datetime.date | None]]) -> None:
    """Tell the applicant and the clerk who accepted each case that its deadline moved with the
    calendar (a schedule entered over a provisional or missing year), in the same transaction."""
    if not moved:
        return
    accepted_by = dict(
        CaseEvent.objects.filter(
            case__in=[case for case, _old in moved],
            action__in=[Action.ACCEPT, Action.AUTO_ACCEPT],
            actor__isnull=False,
        ).values_list("case_id", "actor_id")
    )
    clerks = {u.pk: u for u in User.objects.filter(pk__in=set(accepted_by.values()))}
    rows = []
    with override(settings.LANGUAGE_CODE):
        for case, old in moved:
            deadline = clock.deadline_shown(case)
            text = _(
                "The deadline of “%(title)s” (%(number)s) is now %(new)s (it was %(old)s): the "
                "holiday schedule of the working-day calendar was entered or changed."
            ) % {
                "title": case.title,
                "number": case.number,
                "new": case.due_date.isoformat() if case.due_date else _("to be set"),
                "old": old.isoformat() if old else _("to be set"),
            }
            if deadline.pending_reason:
                text = f"{text} {deadline.pending_reason}"
            subject = _("OneWindow: %(number)s") % {"number": case.number}
            if not case.parent_id:
                rows += notification_build(
                    event=Event.CASE_DEADLINE_MOVED,
                    subject=subject,
                    body=text,
                    recipient_phone=case.contact_phone,
                    recipient_user=case.submitted_by,
                    place=case.home_place,
                    case_number=case.number,
                    region_code=case.region_code,
                )
            clerk = clerks.get(accepted_by.get(case.pk, 0))
            if clerk is not None:
                rows += notification_build(
                    event=Event.CASE_DEADLINE_MOVED,
                    subject=subject,
                    body=text,
                    recipient_user=clerk,
                    channels=["inbox"],
                    place=case.home_place,
                    case_number=case.number,
                    region_code=case.region_code,
                )
    notifications_save(rows)
