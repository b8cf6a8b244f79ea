"""The one place a case changes state.

``case_transition`` is a context manager: it opens a transaction, locks the case row, checks the
transition table and the actor's capacity, and hands the locked case to the calling service, which
validates its own rules and sets fields. When the block ends it writes the state, the event, the
formal documents and the outbox notification in the same transaction. Any exception inside the
block rolls everything back.

    with case_transition(case=case, action=Action.ACCEPT, actor=user) as change:
        change.case.accepted_at = change.at
        change.issue(DocumentKind.ACCEPTANCE, {...})
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from onewindow.cases import policies
from onewindow.cases.choices import STATE_CLOCK, Action, Actor, CaseState, WarningLevel
from onewindow.cases.models import Case, CaseEvent
from onewindow.cases.services import notify, paperwork
from onewindow.cases.signals import case_transitioned
from onewindow.cases.transitions import TRANSITIONS, Rule
from onewindow.core.audit import audit_append
from onewindow.core.errors import DomainError, NotPermitted

if TYPE_CHECKING:
    from onewindow.accounts.models import User

# When a user holds several capacities the action allows, the event records the most specific.
CAPACITY_ORDER = (
    Actor.APPROVER,
    Actor.REVIEWER,
    Actor.MANAGER,
    Actor.CLERK,
    Actor.APPLICANT,
    Actor.SYSTEM,
)


class StaleCase(DomainError):
    """The case changed after the user opened it (another clerk acted first)."""


@dataclass
class Change:
    """What the calling service fills in while the case is locked."""

    case: Case
    action: Action
    rule: Rule
    actor: User | None
    capacity: Actor
    at: datetime.datetime
    source: str
    target: CaseState | None = None
    opinion: str = ""
    step_name: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    documents: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    notify: bool = True
    message: str = ""  # extra sentence for the applicant's notification

    def issue(self, kind: str, data: dict[str, Any]) -> None:
        """Queue a formal document; it is written with the event."""
        self.documents.append((kind, data))


def lock(case: Case) -> Case:
    """Re-read ``case`` under a row lock (SQLite serialises writers at BEGIN IMMEDIATE)."""
    return (
        Case.objects.select_for_update(of=("self",))
        .select_related(
            "entry",
            "version",
            "department",
            "department__region",
            "place",
            "home_place",
            "applicant_person",
            "applicant_org",
        )
        .get(pk=case.pk)
    )


def _capacity(rule: Rule, actor: User | None, case: Case, wanted: Actor | None) -> Actor:
    held = policies.capacities(actor, case) & rule.actors
    if wanted is not None:
        held &= {wanted}
    if not held:
        raise NotPermitted(_("You may not do this to this case."))
    return next(c for c in CAPACITY_ORDER if c in held)


@contextmanager
def case_transition(
    *,
    case: Case,
    action: Action,
    actor: User | None,
    expected_revision: int | None = None,
    capacity: Actor | None = None,
    at: datetime.datetime | None = None,
) -> Iterator[Change]:
    rule = TRANSITIONS[action]
    with transaction.atomic():
        locked = lock(case)
        if expected_revision is not None and locked.revision != expected_revision:
            raise StaleCase(
                _("Someone else has just handled this case. Reload it to see what changed.")
            )
        if locked.state not in rule.sources:
            raise StaleCase(
                _("The case is “%(state)s”: “%(action)s” is not possible now.")
                % {"state": locked.get_state_display(), "action": action.label}
            )
        change = Change(
            case=locked,
            action=action,
            rule=rule,
            actor=actor,
            capacity=_capacity(rule, actor, locked, capacity),
            at=at or timezone.now(),
            source=locked.state,
        )
        yield change
        _record(change)
    # The caller keeps using its own object: bring it up to date.
    case.refresh_from_db()


def _record(change: Change) -> None:
    rule, case = change.rule, change.case
    target = change.target or rule.targets[0]
    if target not in rule.targets:  # a programming error, not a user error
        raise AssertionError(f"{change.action} cannot lead to {target}")
    case.state = target
    case.revision += 1
    # A clock may have started or its deadline moved: the supervision sweep looks again today.
    # A new clock starts at normal, so its own yellow and red are recorded.
    clock = STATE_CLOCK.get(target)
    previous_level = case.warning_level
    case.next_level_change = timezone.localdate(change.at) if clock else None
    if clock and STATE_CLOCK.get(change.source, clock) != clock:
        case.warning_level = WarningLevel.NORMAL
    case.save()
    actor = change.actor
    event = CaseEvent.objects.create(
        case=case,
        action=change.action,
        from_state=change.source,
        to_state=target,
        at=change.at,
        actor=actor,
        actor_name=(actor.name or actor.username) if actor else _("System"),
        actor_role=change.capacity,
        department=case.department if change.capacity in (Actor.REVIEWER, Actor.APPROVER) else None,
        place=case.place if change.capacity in (Actor.CLERK, Actor.MANAGER) else None,
        step_name=change.step_name,
        opinion=change.opinion,
        data=change.data,
    )
    documents = [
        paperwork.document_create(case=case, kind=kind, data=data, event=event)
        for kind, data in change.documents
    ]
    audit_append(
        kind=f"case.{change.action}",
        ref=case.number,
        actor=actor.username if actor else "system",
        at=change.at,
        content={
            "event": event.pk,
            "from": change.source,
            "to": target,
            "as": change.capacity,
            "step": change.step_name,
            "opinion": change.opinion,
            "data": change.data,
            "documents": [{"kind": d.kind, "number": d.number} for d in documents],
        },
    )
    case_transitioned.send(
        sender=Case,
        case=case,
        event=event,
        source=change.source,
        target=target,
        previous_level=previous_level,
    )
    if change.notify and rule.event:
        notify.case_notify(case=case, event=rule.event, action=change.action, extra=change.message)
