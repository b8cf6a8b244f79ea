"""督办: a supervisor urges the responsible department on a case and wants a reply by a day.

An urging is sent (the department's reviewers and approvers are told), replied to by the
department (the region's supervisors are told), and closed by a supervisor with a result. A
case has at most one urging awaiting a reply. The reply day is counted in working days on the
case's competent center's calendar; a reply that has not come by then makes the urging overdue
(``urgings_overdue_sweep``, run daily), and a late reply keeps that mark.

Every action is appended to the audit chain in the transaction that makes it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from onewindow.cases.choices import FINAL_STATES, CaseState
from onewindow.cases.models import Case
from onewindow.core.errors import DomainError, NotPermitted
from onewindow.deadlines.calendar import CalendarNotLoaded, calendar_for
from onewindow.notifications.choices import Event
from onewindow.notifications.services import notification_queue
from onewindow.organisations import scope
from onewindow.organisations.choices import Role
from onewindow.organisations.selectors import supervisors_of, unique_users, users_in_roles
from onewindow.supervision import policies
from onewindow.supervision.choices import UrgingState
from onewindow.supervision.models import SupervisionRecord, Urging
from onewindow.supervision.trail import supervision_audit

if TYPE_CHECKING:
    from onewindow.accounts.models import User

DEFAULT_DAYS = 2
MIN_DAYS, MAX_DAYS = 1, 10
MAX_TEXT = 2000
RELATED = ("case", "case__home_place", "department", "sent_by", "replied_by", "closed_by")


# --- reading ---------------------------------------------------------------------------------


def urgings_visible_to(user: User | None) -> QuerySet[Urging]:
    """Urgings the user may read: the region's (supervisors, administrators), those addressed to
    the user's departments (reviewers, approvers), those on the cases of the user's center
    (center managers). Anything else is a 404."""
    if user is None or not user.is_authenticated or not user.is_active:
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


def latest_record(case: Case) -> SupervisionRecord | None:
    """The case's most recent warning, which an urging may refer to."""
    return SupervisionRecord.objects.filter(case=case).order_by("-raised_on", "-id").first()


def urging_check(*, case: Case, actor: User) -> None:
    """Raise ``DomainError`` when ``actor`` may not urge ``case`` now (the reason is shown)."""
    if case.department_id is None:
        raise DomainError(_("This case has no responsible department that could be urged."))
    if not policies.may_supervise(actor, case.department):
        raise NotPermitted(
            _("Only the supervisors of the department's region can urge it on this case.")
        )
    if case.state in FINAL_STATES:
        raise DomainError(_("This case is closed; it can no longer be urged."))
    if case.state == CaseState.DRAFT:
        raise DomainError(_("This application has not been submitted; it cannot be urged."))
    if Urging.objects.filter(case=case, state=UrgingState.SENT).exists():
        raise DomainError(
            _(
                "An urging on this case is still awaiting the department's reply; close it "
                "before sending another."
            )
        )


def may_urge(user: User | None, case: Case) -> bool:
    if user is None:
        return False
    try:
        urging_check(case=case, actor=user)
    except DomainError:
        return False
    return True


def may_reply(user: User | None, urging: Urging) -> bool:
    return urging.state == UrgingState.SENT and policies.may_answer(user, urging.department_id)


def may_close(user: User | None, urging: Urging) -> bool:
    return urging.state != UrgingState.CLOSED and policies.may_supervise(user, urging.department)


def urging_panel(case: Case, user: User | None) -> dict[str, Any]:
    """Context of ``supervision/urging_case_panel.html`` on the staff case page."""
    urgings = list(
        urgings_visible_to(user)
        .filter(case=case)
        .select_related("department", "sent_by")
        .order_by("-sent_at", "-id")
    )
    return {"case": case, "urgings": urgings, "may_urge": may_urge(user, case)}


# --- notices ---------------------------------------------------------------------------------


def _department_staff(department_id: int) -> list[User]:
    return users_in_roles(*policies.DEPARTMENT_ROLES, department_id=department_id)


def _notify(urging: Urging, users: Iterable[User], subject: str, body: str) -> None:
    case = urging.case
    for user in users:
        notification_queue(
            event=Event.SUPERVISION_URGING,
            subject=subject,
            body=body,
            recipient_user=user,
            case_number=case.number,
            place=case.home_place,
            region_code=case.region_code,
        )


def _facts(urging: Urging) -> dict[str, str]:
    return {
        "number": urging.case.number,
        "title": urging.case.title,
        "department": urging.department.name,
        "due": urging.reply_due.isoformat(),
    }


def _clip(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- actions ---------------------------------------------------------------------------------


def _text(value: str | None, *, field: str, missing: str) -> str:
    text = (value or "").strip()
    if not text:
        raise DomainError(missing, field=field)
    if len(text) > MAX_TEXT:
        raise DomainError(
            _("Keep it within %(n)s characters.") % {"n": MAX_TEXT},
            field=field,
        )
    return text


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
    """Urge the case's department to act and reply within ``days`` working days from today."""
    now = at or timezone.now()
    text = _text(message, field="message", missing=_("Write what the department is urged to do."))
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
        urging_check(case=case, actor=actor)
        today = timezone.localdate(now)
        try:
            reply_due = calendar_for(case.home_place_id).add_days(today, days)
        except CalendarNotLoaded as exc:
            raise DomainError(
                _("The reply deadline cannot be counted: %(reason)s") % {"reason": exc.message},
                field="days",
            ) from exc
        record = latest_record(case) if link_record else None
        urging = Urging.objects.create(
            case=case,
            record=record,
            department=case.department,
            message=text,
            reply_due=reply_due,
            sent_by=actor,
            sent_at=now,
        )
        supervision_audit(
            "urging.sent",
            ref=case.number,
            actor=actor,
            content={
                "urging": str(urging.public_id),
                "department": case.department_id,
                "record": record.pk if record else None,
                "message": text,
                "days": days,
                "reply_due": reply_due,
            },
            at=now,
        )
        with override(settings.LANGUAGE_CODE):
            subject = _("Urging: reply by %(due)s") % {"due": reply_due.isoformat()}
            body = _(
                "Electronic supervision urges %(department)s on case %(number)s “%(title)s”: "
                "%(message)s Reply by %(due)s."
            ) % {**_facts(urging), "message": _clip(text)}
        _notify(urging, _department_staff(case.department_id), subject, body)
    return urging


def _locked(urging: Urging) -> Urging:
    return (
        Urging.objects.select_for_update(of=("self",))
        .select_related("case__home_place", "department__region", "sent_by")
        .get(pk=urging.pk)
    )


def urging_reply(
    *, urging: Urging, actor: User, reply: str, at: datetime.datetime | None = None
) -> Urging:
    """The urged department answers; a reply after the due day is (and stays) overdue."""
    now = at or timezone.now()
    if not policies.may_answer(actor, urging.department_id):
        raise NotPermitted(
            _("Only the reviewers and approvers of the urged department can reply to it.")
        )
    text = _text(reply, field="reply", missing=_("Write the department's reply."))
    with transaction.atomic():
        urging = _locked(urging)
        if urging.state != UrgingState.SENT:
            raise DomainError(_("This urging has already been answered."))
        late = timezone.localdate(now) > urging.reply_due
        urging.state = UrgingState.REPLIED
        urging.reply, urging.replied_by, urging.replied_at = text, actor, now
        urging.overdue = urging.overdue or late
        urging.save(
            update_fields=["state", "reply", "replied_by", "replied_at", "overdue", "updated_at"]
        )
        supervision_audit(
            "urging.replied",
            ref=urging.case.number,
            actor=actor,
            content={
                "urging": str(urging.public_id),
                "department": urging.department_id,
                "reply": text,
                "late": late,
            },
            at=now,
        )
        with override(settings.LANGUAGE_CODE):
            subject = _("Urging replied")
            body = _(
                "%(department)s replied to the urging on case %(number)s “%(title)s”: %(reply)s"
            ) % {**_facts(urging), "reply": _clip(text)}
        supervisors = unique_users([urging.sent_by, *supervisors_of(urging.department.region.code)])
        _notify(urging, supervisors, subject, body)
    return urging


def urging_close(
    *, urging: Urging, actor: User, result: str, at: datetime.datetime | None = None
) -> Urging:
    """A supervisor closes the urging with its result; without a reply the result says why."""
    now = at or timezone.now()
    if not policies.may_supervise(actor, urging.department):
        raise NotPermitted(_("Only the supervisors of the department's region can close it."))
    with transaction.atomic():
        urging = _locked(urging)
        if urging.state == UrgingState.CLOSED:
            raise DomainError(_("This urging is already closed."))
        missing = (
            _("Write the result of the urging.")
            if urging.state == UrgingState.REPLIED
            else _(
                "The department has not replied yet: write why the urging is closed without "
                "a reply."
            )
        )
        text = _text(result, field="result", missing=missing)
        replied = urging.state == UrgingState.REPLIED
        urging.state = UrgingState.CLOSED
        urging.result, urging.closed_by, urging.closed_at = text, actor, now
        urging.save(update_fields=["state", "result", "closed_by", "closed_at", "updated_at"])
        supervision_audit(
            "urging.closed",
            ref=urging.case.number,
            actor=actor,
            content={
                "urging": str(urging.public_id),
                "department": urging.department_id,
                "result": text,
                "replied": replied,
                "overdue": urging.overdue,
            },
            at=now,
        )
        with override(settings.LANGUAGE_CODE):
            subject = _("Urging closed")
            body = _("The urging on case %(number)s “%(title)s” was closed: %(result)s") % {
                **_facts(urging),
                "result": _clip(text),
            }
        _notify(urging, _department_staff(urging.department_id), subject, body)
    return urging


def urgings_overdue_sweep(*, today: datetime.date | None = None) -> int:
    """Mark urgings still awaiting a reply after their due day as overdue, each exactly once.

    The department and the supervisor who sent it are told. Returns how many were marked.
    """
    today = today or timezone.localdate()
    due = (
        Urging.objects.filter(state=UrgingState.SENT, reply_due__lt=today, overdue=False)
        .select_related("case__home_place", "department", "sent_by")
        .order_by("reply_due", "pk")
    )
    marked = 0
    for urging in due.iterator(chunk_size=500):
        with transaction.atomic():
            # Conditional: a reply or another sweep in between leaves the row alone.
            updated = Urging.objects.filter(
                pk=urging.pk, state=UrgingState.SENT, overdue=False
            ).update(overdue=True, updated_at=timezone.now())
            if not updated:
                continue
            supervision_audit(
                "urging.overdue",
                ref=urging.case.number,
                actor=None,
                content={
                    "urging": str(urging.public_id),
                    "department": urging.department_id,
                    "reply_due": urging.reply_due,
                    "today": today,
                },
            )
            with override(settings.LANGUAGE_CODE):
                subject = _("Urging reply overdue")
                body = _(
                    "The reply of %(department)s to the urging on case %(number)s “%(title)s” "
                    "was due %(due)s and has not come."
                ) % _facts(urging)
            users = unique_users([*_department_staff(urging.department_id), urging.sent_by])
            _notify(urging, users, subject, body)
            marked += 1
    return marked
