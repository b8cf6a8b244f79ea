"""督办: a supervisor urges the responsible department on a case and wants a reply by a day.

An urging is sent (the department's reviewers and approvers are told), replied to by the
department (the region's supervisors are told), and closed by a supervisor with a result. A
case has at most one urging awaiting a reply. The reply day is counted in working days on the
case's competent center's calendar; a reply that has not come by then makes the urging overdue
(``urgings_overdue_sweep``, run daily), and a late reply keeps that mark.

An urging changes only through ``machines.URGING`` (``onewindow.workflow.engine.transition``),
which locks it, refuses a stale revision, checks the table, the actor's capacity and the
guards, and writes the audit entry and the notices in the same transaction. These services
check what people wrote and fill the urging's fields.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from onewindow.cases.models import Case
from onewindow.core.errors import DomainError
from onewindow.deadlines.calendar import CalendarNotLoaded, calendar_for
from onewindow.supervision.choices import UrgingAction, UrgingState
from onewindow.supervision.common import acting, clean_text, sign
from onewindow.supervision.machines import URGING
from onewindow.supervision.models import Urging
from onewindow.supervision.selectors import latest_record, urgings_visible_to
from onewindow.workflow.engine import available_actions, refusal, transition
from onewindow.workflow.machine import NEW

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

    from onewindow.accounts.models import User

DEFAULT_DAYS = 2
MIN_DAYS, MAX_DAYS = 1, 10
RELATED = ("case", "case__home_place", "department", "sent_by", "replied_by", "closed_by")


# --- what may be done ------------------------------------------------------------------------


def unsent_urging(case: Case) -> Urging:
    """The urging a supervisor would send on ``case``: what "may urge" is asked about."""
    # Never saved, only asked about: a case without a department leaves it without one too.
    return Urging(case=case, department_id=case.department_id, state=NEW, revision=0)  # type: ignore[misc]


def urging_refusal(*, case: Case, actor: User | None) -> str | StrPromise | None:
    """Why ``actor`` may not urge ``case`` now (``None``: they may)."""
    refused = refusal(URGING, unsent_urging(case), UrgingAction.SEND, actor)
    return refused.message if refused is not None else None


def may_urge(user: User | None, case: Case) -> bool:
    return UrgingAction.SEND in available_actions(URGING, user, unsent_urging(case))


def urging_panel(case: Case, user: User | None) -> dict[str, Any]:
    """Context of ``supervision/urging_case_panel.html`` on the staff case page."""
    urgings = list(
        urgings_visible_to(user)
        .filter(case=case)
        .select_related("department", "sent_by")
        .order_by("-sent_at", "-id")
    )
    return {"case": case, "urgings": urgings, "may_urge": may_urge(user, case)}


# --- actions ---------------------------------------------------------------------------------


def urging_days_invalid() -> str:
    return _("Give the reply deadline as %(min)s to %(max)s working days.") % {
        "min": MIN_DAYS,
        "max": MAX_DAYS,
    }


def urging_send(
    *,
    case: Case,
    actor: User,
    message: str,
    days: int | None = DEFAULT_DAYS,
    link_record: bool = True,
    at: datetime.datetime | None = None,
) -> Urging:
    """Urge the case's department to act and reply within ``days`` working days from today.

    Nothing the supervisor saw can be stale here: the one-open-urging guard runs on the locked
    case, so two supervisors urging at once send one urging.
    """
    now = at or timezone.now()
    text = clean_text(
        message, field="message", missing=_("Write what the department is urged to do.")
    )
    if days is None:
        days = DEFAULT_DAYS
    if isinstance(days, bool) or not isinstance(days, int) or not MIN_DAYS <= days <= MAX_DAYS:
        raise DomainError(urging_days_invalid(), field="days")
    with transaction.atomic():
        # The lock serialises two supervisors urging the same case at once.
        case = (
            Case.objects.select_for_update(of=("self",))
            .select_related("department__region")
            .get(pk=case.pk)
        )
        urging = unsent_urging(case)
        with transition(
            URGING, urging, UrgingAction.SEND, actor=actor, expected_revision=None, at=now
        ) as change:
            try:
                reply_due = calendar_for(case.home_place_id).add_days(timezone.localdate(now), days)
            except CalendarNotLoaded as exc:
                raise DomainError(
                    _("The reply deadline cannot be counted: %(reason)s") % {"reason": exc.message},
                    field="days",
                ) from exc
            urging.record = latest_record(case) if link_record else None
            urging.message, urging.reply_due = text, reply_due
            urging.sent_by, urging.sent_at = actor, now
            change.extra["days"] = days
    return urging


def urging_reply(
    *,
    urging: Urging,
    actor: User,
    reply: str,
    expected_revision: int | None,
    at: datetime.datetime | None = None,
) -> Urging:
    """The urged department answers; a reply after the due day is (and stays) overdue."""
    with acting(
        URGING, urging, UrgingAction.REPLY, actor=actor, expected_revision=expected_revision, at=at
    ) as change:
        text = clean_text(reply, field="reply", missing=_("Write the department's reply."))
        locked = change.obj
        late = timezone.localdate(change.at) > locked.reply_due
        sign(change, text, ("reply", "replied_by", "replied_at"))
        locked.overdue = locked.overdue or late
        change.extra["late"] = late
    return urging


def urging_close(
    *,
    urging: Urging,
    actor: User,
    result: str,
    expected_revision: int | None,
    at: datetime.datetime | None = None,
) -> Urging:
    """A supervisor closes the urging with its result; without a reply the result says why."""
    with acting(
        URGING, urging, UrgingAction.CLOSE, actor=actor, expected_revision=expected_revision, at=at
    ) as change:
        if change.source == UrgingState.REPLIED:
            missing = _("Write the result of the urging.")
        else:
            missing = _(
                "The department has not replied yet: write why the urging is closed without "
                "a reply."
            )
        text = clean_text(result, field="result", missing=missing)
        sign(change, text, ("result", "closed_by", "closed_at"))
    return urging


def urgings_overdue_sweep(*, today: datetime.date | None = None) -> int:
    """Mark urgings still awaiting a reply after their due day as overdue, each exactly once.

    The department and the supervisor who sent it are told. Returns how many were marked.
    """
    today = today or timezone.localdate()
    due = Urging.objects.filter(state=UrgingState.SENT, reply_due__lt=today, overdue=False)
    # The keys first, then each urging in its own short transaction: a cursor held open across
    # the commits would keep an old SQLite snapshot, and the next write would fail with
    # "database is locked" as soon as another connection wrote (issue 17 item 11).
    keys = list(due.order_by("reply_due", "pk").values_list("pk", flat=True))
    marked = 0
    for start in range(0, len(keys), 500):
        chunk = due.in_bulk(keys[start : start + 500])
        marked += _mark_overdue(
            [chunk[pk] for pk in keys[start : start + 500] if pk in chunk], today
        )
    return marked


def _mark_overdue(urgings: list[Urging], today: datetime.date) -> int:
    marked = 0
    for urging in urgings:
        try:
            with transition(
                URGING, urging, UrgingAction.MARK_OVERDUE, actor=None, expected_revision=None
            ) as change:
                change.obj.overdue = True
                change.extra["today"] = today
        except DomainError:
            # A reply or another sweep in between: the locked row no longer qualifies.
            continue
        marked += 1
    return marked
