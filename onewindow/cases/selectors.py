"""Reads: the work lists of each desk, the progress of a case, and supervision reports."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from onewindow.cases.choices import CaseKind, CaseState
from onewindow.cases.choices import MaterialStatus as MS
from onewindow.cases.machines import ACCEPTANCE_ACTIONS
from onewindow.cases.models import Case, CaseEvent, CaseMaterial, CaseStep
from onewindow.cases.services.backoffice import DECISION_ACTIONS
from onewindow.cases.services.steps import review_steps
from onewindow.organisations import scope
from onewindow.organisations.choices import Role

if TYPE_CHECKING:
    from onewindow.accounts.models import User

LIST_RELATED = ("department", "place", "home_place", "entry")


def case_get_for_user(*, user: User, number: str) -> Case:
    """The case if the user may see it; otherwise 404, the same as a missing one."""
    case = (
        Case.objects.visible_to(user)
        .select_related(
            *LIST_RELATED,
            "version",
            "applicant_person",
            "applicant_org",
            "agent",
            "parent",
            "joint",
            "department__region",
            "place__region",
        )
        .filter(number=number)
        .first()
    )
    if case is None:
        raise Http404
    return case


def _place_q(user: User, role: Role) -> Q:
    places = scope.place_ids(user, role)
    return Q(place_id__in=places) | Q(home_place_id__in=places)


def window_lists(*, user: User) -> dict[str, QuerySet[Case]]:
    """The window desk: what waits for a clerk of the user's places."""
    mine = Case.objects.filter(_place_q(user, Role.WINDOW_CLERK)).exclude(kind=CaseKind.PART)
    related = mine.select_related(*LIST_RELATED)
    return {
        "to_accept": related.filter(state=CaseState.RECEIVED).order_by("acceptance_due", "pk"),
        "correction": related.filter(state=CaseState.CORRECTION).order_by("-updated_at"),
        "refusal_pending": related.filter(state=CaseState.REFUSAL_PENDING).order_by("pk"),
        "to_deliver": related.filter(
            state__in=[CaseState.DECIDED, CaseState.READY, CaseState.MAILED]
        ).order_by("decided_at", "pk"),
    }


def acceptance_warnings(*, user: User, today: datetime.date | None = None) -> QuerySet[Case]:
    """§32: received cases whose notice is due within two days (or already overdue)."""
    today = today or timezone.localdate()
    return (
        Case.objects.filter(_place_q(user, Role.WINDOW_CLERK), state=CaseState.RECEIVED)
        .filter(acceptance_due__lte=today + datetime.timedelta(days=2))
        .select_related(*LIST_RELATED)
        .order_by("acceptance_due")
    )


def overdue_materials(*, user: User, today: datetime.date | None = None) -> QuerySet[CaseMaterial]:
    """容缺 materials past their due date, for the window (and supervision) to chase."""
    today = today or timezone.localdate()
    staff = Case.objects.visible_to(user)
    return (
        CaseMaterial.objects.filter(status=MS.DEFERRED, due_date__lt=today, case__in=staff)
        .select_related("case")
        .order_by("due_date")
    )


def manager_refusals(*, user: User) -> QuerySet[Case]:
    return (
        Case.objects.filter(_place_q(user, Role.CENTER_MANAGER), state=CaseState.REFUSAL_PENDING)
        .select_related(*LIST_RELATED)
        .order_by("updated_at")
    )


def department_inbox(*, user: User, role: Role) -> QuerySet[Case]:
    """Cases whose open step is for ``role`` in one of the user's departments."""
    departments = scope.department_ids(user, role)
    step_role = "approver" if role == Role.APPROVER else "reviewer"
    open_step = CaseStep.objects.filter(
        case=OuterRef("pk"), finished_at__isnull=True, role=step_role
    )
    return (
        Case.objects.filter(
            department_id__in=departments,
            state__in=[CaseState.IN_REVIEW, CaseState.SUSPENDED],
        )
        .filter(Exists(open_step))
        .select_related(*LIST_RELATED)
        .order_by("due_date", "pk")
    )


def applicant_cases(*, user: User) -> QuerySet[Case]:
    return (
        Case.objects.of_applicant(user)
        .exclude(kind=CaseKind.PART)
        .select_related(*LIST_RELATED)
        .order_by("-created_at")
    )


def backdoor_decisions(*, user: User) -> QuerySet[CaseEvent]:
    """受审分离: decisions with no acceptance at a window on record (for the case, or for the
    joint application a part belongs to). By construction there are none; this report catches
    rows that arrive some other way (imports, direct database edits)."""
    accepted = CaseEvent.objects.filter(action__in=ACCEPTANCE_ACTIONS)
    return (
        CaseEvent.objects.filter(
            action__in=DECISION_ACTIONS, case__in=Case.objects.visible_to(user)
        )
        .exclude(Exists(accepted.filter(case=OuterRef("case"))))
        .exclude(Exists(accepted.filter(case=OuterRef("case__parent"))))
        .select_related("case", "case__department")
        .order_by("-at")
    )


def timeline(case: Case) -> list[CaseEvent]:
    return list(case.events.select_related("department", "place").order_by("at", "id"))


def expected_steps(case: Case) -> list[dict]:
    """The back-office steps with their status, for the progress page."""
    if case.version is None:
        return []
    done = {s.index for s in case.steps.all() if s.finished_at}
    current = case.step_index if case.state in (CaseState.IN_REVIEW, CaseState.SUSPENDED) else -1
    return [
        {
            **step,
            "status": "current" if i == current else "done" if i in done else "todo",
        }
        for i, step in enumerate(review_steps(case.version.guide))
    ]


def progress_lookup(*, number: str, id_number: str) -> Case | None:
    """The public progress look-up: the case number and the applicant's ID or USCC must match."""
    # Numbers are upper case (credit code letters); one typed in lower case or with spaces is the
    # same number, not a failed try.
    number = "".join((number or "").split()).upper()
    id_number = (id_number or "").strip().upper()
    if not number or not id_number:
        return None
    case = (
        Case.objects.select_related("applicant_person", "applicant_org", *LIST_RELATED)
        .exclude(state=CaseState.DRAFT)
        .exclude(kind=CaseKind.PART)
        .filter(number=number)
        .first()
    )
    if case is None or case.id_number.upper() != id_number:
        return None
    return case
