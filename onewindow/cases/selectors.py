"""Reads: the work lists of each desk, the progress of a case, and supervision reports."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db.models import Case as When_
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from onewindow.cases.choices import CaseKind, CaseState, WarningLevel
from onewindow.cases.choices import MaterialStatus as MS
from onewindow.cases.machines import ACCEPTANCE_ACTIONS
from onewindow.cases.models import Case, CaseEvent, CaseMaterial, CaseStep, number_search_text
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


# The window desk's lists: the state filter of each (the workspace counts the same filters).
WINDOW_LISTS: dict[str, Q] = {
    "to_accept": Q(state=CaseState.RECEIVED),
    "correction": Q(state=CaseState.CORRECTION),
    "refusal_pending": Q(state=CaseState.REFUSAL_PENDING),
    "to_deliver": Q(state__in=[CaseState.DECIDED, CaseState.READY, CaseState.MAILED]),
}
WINDOW_ORDER: dict[str, tuple[str, ...]] = {
    # The §32 decision due soonest first; corrections back the longest first.
    "to_accept": ("acceptance_due", "pk"),
    "correction": ("updated_at", "pk"),
    "refusal_pending": ("pk",),
    "to_deliver": ("decided_at", "pk"),
}
# §32 notices count as due from two calendar days before the last day (the window's alert).
NOTICE_WARNING_DAYS = 2


def _window_cases(user: User) -> QuerySet[Case]:
    return Case.objects.filter(_place_q(user, Role.WINDOW_CLERK)).exclude(kind=CaseKind.PART)


def window_lists(*, user: User) -> dict[str, QuerySet[Case]]:
    """The window desk: what waits for a clerk of the user's places."""
    related = _window_cases(user).select_related(*LIST_RELATED)
    return {
        key: related.filter(condition).order_by(*WINDOW_ORDER[key])
        for key, condition in WINDOW_LISTS.items()
    }


def _notice_due_q(today: datetime.date) -> Q:
    return Q(
        state=CaseState.RECEIVED,
        acceptance_due__lte=today + datetime.timedelta(days=NOTICE_WARNING_DAYS),
    )


def acceptance_warnings(*, user: User, today: datetime.date | None = None) -> QuerySet[Case]:
    """§32: received cases whose notice is due within two days (or already overdue)."""
    today = today or timezone.localdate()
    return (
        Case.objects.filter(_place_q(user, Role.WINDOW_CLERK))
        .filter(_notice_due_q(today))
        .select_related(*LIST_RELATED)
        .order_by("acceptance_due", "pk")
    )


def window_counts(*, user: User, today: datetime.date | None = None) -> dict[str, int]:
    """The clerk's to-do counts in one query: each list of the window desk, and the §32 notices
    due within two days. Every count is the length of the list its link opens."""
    today = today or timezone.localdate()
    counts = {key: Count("pk", filter=condition) for key, condition in WINDOW_LISTS.items()}
    # acceptance_warnings does not leave out parts; a part is never "received" on its own, but
    # the count takes the same population as the list it links to.
    notices = Case.objects.filter(_place_q(user, Role.WINDOW_CLERK)).filter(_notice_due_q(today))
    result = _window_cases(user).aggregate(**counts)
    result["notices_due"] = notices.count()
    return result


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


URGENCY = When_(
    When(warning_level=WarningLevel.RED, then=Value(0)),
    When(warning_level=WarningLevel.YELLOW, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def department_inbox(*, user: User, role: Role, level: str = "") -> QuerySet[Case]:
    """Cases whose open step is for ``role`` in one of the user's departments: red warnings
    first, then yellow, then the rest, each by deadline. ``level`` keeps one warning level."""
    departments = scope.department_ids(user, role)
    step_role = "approver" if role == Role.APPROVER else "reviewer"
    open_step = CaseStep.objects.filter(
        case=OuterRef("pk"), finished_at__isnull=True, role=step_role
    )
    qs = Case.objects.filter(
        department_id__in=departments,
        state__in=[CaseState.IN_REVIEW, CaseState.SUSPENDED],
    ).filter(Exists(open_step))
    if level in WarningLevel.values:
        qs = qs.filter(warning_level=level)
    return (
        qs.select_related(*LIST_RELATED)
        .annotate(urgency=URGENCY)
        .order_by("urgency", "due_date", "pk")
    )


def inbox_counts(*, user: User, role: Role) -> dict[str, int]:
    """The inbox of ``role``: all, red, yellow, in one query (the inbox filtered by level shows
    the same numbers)."""
    return department_inbox(user=user, role=role).aggregate(
        total=Count("pk"),
        red=Count("pk", filter=Q(warning_level=WarningLevel.RED)),
        yellow=Count("pk", filter=Q(warning_level=WarningLevel.YELLOW)),
    )


def case_search(qs: QuerySet[Case], text: str) -> QuerySet[Case]:
    """Cases whose number contains the text (any part, any letter case, the short form's marks
    ignored), whose item name contains it, or whose applicant is named exactly so."""
    text = text.strip()
    if not text:
        return qs
    condition = Q(title__contains=text) | Q(applicant_name=text)
    fragment = number_search_text(text)
    if fragment:
        condition |= Q(number__icontains=fragment)
    return qs.filter(condition)


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
