"""The back-office steps of a case, from the guide it was filed under.

Everything between the window's acceptance step and the delivery step is done in the back
office; the last of those steps is the decision (an approver), the others are reviewers'.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from onewindow.cases import clock
from onewindow.cases.choices import Actor
from onewindow.cases.models import Case, CaseStep
from onewindow.catalog.schema import Guide, Step

if TYPE_CHECKING:
    from onewindow.cases.services.engine import Change


# Steps the window does itself: acceptance before the back office, delivery after it.
FRONT_DESK_STEP = ("受理", "收件", "预审", "申报", "申请")
DELIVERY_STEP = ("送达", "出件", "领取", "发证", "寄递", "发放")


def review_steps(guide: Guide) -> list[dict]:
    """The back-office steps of a guide, each with the role that performs it."""
    inner = list(guide.steps)
    if inner and any(word in inner[0].name for word in FRONT_DESK_STEP):
        inner = inner[1:]
    if inner and any(word in inner[-1].name for word in DELIVERY_STEP):
        inner = inner[:-1]
    if not inner:
        inner = [Step(name=_("Decision"), limit=0)]
    last = len(inner) - 1
    return [
        {
            "name": s.name,
            "limit": s.limit or 0,
            "role": Actor.APPROVER if i == last else Actor.REVIEWER,
        }
        for i, s in enumerate(inner)
    ]


def open_step(case: Case, index: int, at: datetime.datetime) -> CaseStep:
    spec = review_steps(case.filed_version.guide)[index]
    case.step_index = index
    case.__dict__.pop("_current_step", None)
    return CaseStep.objects.create(
        case=case,
        index=index,
        name=spec["name"],
        role=spec["role"],
        limit_days=spec["limit"],
        started_at=at,
        due_date=clock.step_due_date(case, at, spec["limit"]),
    )


def current_step(case: Case) -> CaseStep | None:
    """The open step. Remembered on the case object for its revision: the page asks once per
    action it might offer, a transition once in its guard and again to close it. Opening or
    closing a step forgets it; any transition bumps the revision."""
    memo = case.__dict__.get("_current_step")
    if memo is not None and memo[0] == case.revision:
        return memo[1]
    step = case.steps.filter(finished_at__isnull=True).order_by("-started_at", "-id").first()
    case.__dict__["_current_step"] = (case.revision, step)
    return step


def close_step(case: Case, change: Change) -> CaseStep | None:
    step = current_step(case)
    case.__dict__.pop("_current_step", None)
    if step is not None:
        step.finished_at, step.actor = change.at, change.actor
        step.action, step.opinion = change.action, change.opinion
        # Only what closing sets: the sweep and calendar changes write a step's level and due
        # date with their own UPDATEs.
        step.save(update_fields=["finished_at", "actor", "action", "opinion"])
    return step


def review_resume(change: Change) -> None:
    """Back from the applicant after a return: the step that returned it starts again."""
    open_step(change.case, change.case.step_index, change.at)
