"""The one place a case changes state: the case machine applied by the generic engine.

``case_transition`` is a thin wrapper over :func:`onewindow.workflow.engine.transition` with the
case machine (``cases/machines.py``): it opens a transaction, locks the case row, refuses a stale
revision, checks the table, the actor's capacity and the action's guard, and hands the locked case
to the calling service, which validates its own input and sets fields. When the block ends the
machine's hooks write the state, the event, the formal documents, the audit entry and the outbox
notification in the same transaction. Any exception inside the block rolls everything back.

    with case_transition(case=case, action=Action.ACCEPT, actor=user,
                         expected_revision=revision) as change:
        change.case.accepted_at = change.at
        change.issue(DocumentKind.ACCEPTANCE, {...})
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, cast

from onewindow.cases.choices import Action, Actor
from onewindow.cases.machines import CASE, CaseChange
from onewindow.cases.models import Case
from onewindow.deadlines.calendar import calendar_held
from onewindow.workflow import engine
from onewindow.workflow.engine import Stale

if TYPE_CHECKING:
    from onewindow.accounts.models import User

# The names the services have always used.
Change = CaseChange
StaleCase = Stale

__all__ = ["Change", "StaleCase", "case_transition", "lock"]


def lock(case: Case) -> Case:
    """Re-read ``case`` under a row lock (SQLite serialises writers at BEGIN IMMEDIATE)."""
    return engine.lock(CASE, case)


@contextmanager
def case_transition(
    *,
    case: Case,
    action: Action,
    actor: User | None,
    expected_revision: int | None,
    capacity: Actor | None = None,
    at: datetime.datetime | None = None,
) -> Iterator[CaseChange]:
    """``expected_revision`` is the revision the user saw: ``None`` only when the system acts or
    when the same request has just created or changed the case."""
    # One read of the calendar's version for the whole transition (its deadlines, the statutory
    # cap, the notice), also when a job or a test calls the service outside a request.
    with (
        calendar_held(),
        engine.transition(
            CASE,
            case,
            action,
            actor=actor,
            expected_revision=expected_revision,
            capacity=capacity,
            at=at,
        ) as change,
    ):
        yield cast(CaseChange, change)  # the case machine's change_class
    # The caller keeps using its own object: bring it up to date from the saved row.
    engine.carry(change.obj, case)
