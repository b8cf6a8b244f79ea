"""The one function that changes the state of any workflow object, and what pages may offer.

``transition`` is a context manager::

    with transition(URGING, urging, UrgingAction.REPLY, actor=user, expected_revision=3) as change:
        change.obj.reply = text          # the service sets its own fields on the locked row
        change.opinion = text

On entering it opens a transaction, re-reads the object under a row lock
(``SELECT … FOR UPDATE``; SQLite serialises writers at ``BEGIN IMMEDIATE``), refuses a revision
other than the one the user saw, a state the table does not allow, an actor without a capacity
the row names, and a failing guard. On leaving it runs the action's check of what the service
set (``Machine.checks``: the rules that depend on the input the action brings), sets the state,
bumps the revision, lets the machine set derived fields, saves the row, lets the machine write its
transition record, appends the audit entry and runs the machine's ``after`` hook (outbox rows:
sent once the transaction commits). An exception inside the block rolls everything back.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from onewindow.core.audit import audit_append
from onewindow.core.errors import DomainError, NotPermitted
from onewindow.workflow.machine import NEW, SYSTEM, Change, Machine, Transition

if TYPE_CHECKING:
    from onewindow.accounts.models import User

M = TypeVar("M", bound=models.Model)


class Stale(DomainError):
    """The object changed after the user opened it, or its state no longer allows the action."""


def stale_message() -> str:
    return _("Someone else has just handled this. Reload the page to see what changed.")


def parse_revision(value: object) -> int:
    """The revision a form carried, as an int; anything else is refused (never ignored).

    A missing or malformed revision would switch the stale-form check off, so it is an error.
    """
    if isinstance(value, bool):
        raise Stale(stale_message())
    if isinstance(value, int):
        if value < 0:
            raise Stale(stale_message())
        return value
    text = str(value or "").strip()
    if not text.isdigit() or not text.isascii():
        raise Stale(stale_message())
    return int(text)


def _row(machine: Machine[M], action: str) -> Transition:
    try:
        return machine.table[str(action)]
    except KeyError:  # a programming error: the caller named an action of another machine
        raise AssertionError(f"{machine.name} has no action {action!r}") from None


def _denied(row: Transition) -> NotPermitted:
    return NotPermitted(str(row.denied) if row.denied else _("You may not do this here."))


def _capacity(
    machine: Machine[M], row: Transition, held: set[str], wanted: str | None
) -> str | None:
    allowed = set(held) & row.actors
    if wanted is not None:
        allowed &= {str(wanted)}
    if not allowed:
        return None
    return next((c for c in machine.capacity_order if c in allowed), sorted(allowed)[0])


def _admit(
    machine: Machine[M], obj: M, row: Transition, actor: User | None, wanted: str | None
) -> str:
    """Check the state, the actor's capacity and the guard; return the capacity to record.

    Raises the ``DomainError`` that says why not. ``transition`` runs it on the locked row and
    ``refusal`` on the row a page shows, so a page never offers what the engine refuses.
    """
    state = machine.state_of(obj)
    if state not in row.sources:
        raise Stale(
            _("It is “%(state)s”: “%(action)s” is not possible now.")
            % {"state": machine.state_label(state), "action": machine.action_label(row.action)}
        )
    held = machine.capacities(actor, obj)
    chosen = _capacity(machine, row, held, wanted)
    if chosen is None:
        raise _denied(row)
    guard = machine.guards.get(row.action)
    if guard is not None:
        guard(obj, actor, frozenset(held & row.actors))
    return chosen


def refusal(machine: Machine[M], obj: M, action: str, actor: User | None) -> DomainError | None:
    """Why ``actor`` may not take ``action`` on ``obj`` now (``None``: the engine accepts it)."""
    try:
        _admit(machine, obj, _row(machine, action), actor, None)
    except DomainError as exc:
        return exc
    return None


def available_actions(machine: Machine[M], actor: User | None, obj: M) -> list[str]:
    """The actions ``actor`` may take on ``obj`` now, in table order."""
    held = machine.capacities(actor, obj)
    if not held:
        return []
    state = machine.state_of(obj)
    offered = []
    for action, row in machine.table.items():
        if state not in row.sources or not (held & row.actors):
            continue
        guard = machine.guards.get(action)
        if guard is not None:
            try:
                guard(obj, actor, frozenset(held & row.actors))
            except DomainError:
                continue
        offered.append(action)
    return offered


def _cached(obj: models.Model, path: str) -> bool:
    """Whether ``obj`` holds the relation ``path`` (``a__b``) in memory all the way down."""
    current: models.Model | None = obj
    for name in path.split("__"):
        if current is None:
            return True
        field: Any = current._meta.get_field(name)
        if not field.is_cached(current):
            return False
        current = field.get_cached_value(current)
    return True


def lock(machine: Machine[M], obj: M) -> M:
    """Re-read ``obj`` under a row lock, with the relations the machine's hooks read.

    The row's own columns are always read afresh (another transaction may have changed them).
    The related rows the caller already holds (the entry, the places…) are handed over instead of
    being joined again, when the locked row still points at them; so is what the caller
    prefetched, when the revision it saw is still the row's (a transition bumps it).
    """
    manager: Any = machine.model._default_manager
    query = manager.select_for_update(of=("self",))
    tops: dict[str, list[str]] = {}
    for path in machine.lock_related:
        tops.setdefault(path.split("__", 1)[0], []).append(path)
    carried = {top: paths for top, paths in tops.items() if all(_cached(obj, p) for p in paths)}
    joined = [p for top, paths in tops.items() if top not in carried for p in paths]
    if joined:
        query = query.select_related(*joined)
    locked = query.get(pk=obj.pk)
    for top in carried:
        field: Any = obj._meta.get_field(top)
        value = field.get_cached_value(obj)
        if getattr(locked, field.attname) == (value.pk if value is not None else None):
            field.set_cached_value(locked, value)
    prefetched = getattr(obj, "_prefetched_objects_cache", None)
    if prefetched and machine.revision_of(locked) == machine.revision_of(obj):
        locked._prefetched_objects_cache = dict(prefetched)
    return locked


def carry(source: M, target: M) -> None:
    """Bring ``target`` (the caller's object) up to ``source`` (the row a transition saved)
    without reading the database: its columns, the related rows it holds and its prefetched
    sets. What ``refresh_from_db`` did after every transition, for one query less."""
    if source is target:
        return
    for field in source._meta.concrete_fields:
        # Setting a foreign key's id drops a cached relation that no longer matches.
        setattr(target, field.attname, getattr(source, field.attname))
    for field in source._meta.concrete_fields:
        if field.is_relation and field.is_cached(source):  # type: ignore[attr-defined]
            field.set_cached_value(target, field.get_cached_value(source))  # type: ignore[attr-defined]
    target._prefetched_objects_cache = dict(  # type: ignore[attr-defined]
        getattr(source, "_prefetched_objects_cache", {})
    )
    target._state.db = source._state.db
    target._state.adding = False


@contextmanager
def transition(
    machine: Machine[M],
    obj: M,
    action: str,
    *,
    actor: User | None,
    expected_revision: int | None,
    capacity: str | None = None,
    at: datetime.datetime | None = None,
) -> Iterator[Change[M]]:
    """Apply one row of ``machine``'s table to ``obj`` (see the module docstring).

    ``expected_revision`` is the revision the user saw; it may be ``None`` only when the system
    acts (``actor`` is ``None``) or when the same request made the object a moment ago. An
    unsaved ``obj`` is created by the action (its row's sources hold ``NEW``).
    """
    row = _row(machine, action)
    with transaction.atomic():
        if obj.pk is None:
            # A creating action: nothing to lock or compare yet (see ``machine.NEW``).
            locked = obj
            setattr(locked, machine.state_field, NEW)
            setattr(locked, machine.revision_field, 0)
        else:
            locked = lock(machine, obj)
            if expected_revision is not None and machine.revision_of(locked) != expected_revision:
                raise Stale(stale_message())
        chosen = _admit(machine, locked, row, actor, capacity)
        change = machine.change_class(
            machine=machine,
            obj=locked,
            transition=row,
            actor=actor,
            capacity=chosen,
            at=at or timezone.now(),
            source=machine.state_of(locked),
        )
        yield change
        _finish(change)


def _finish(change: Change[M]) -> None:
    machine, obj, row = change.machine, change.obj, change.transition
    check = machine.checks.get(row.action)
    if check is not None:
        check(change)
    target = change.target or row.targets[0]
    if target not in row.targets:  # a programming error, not a user error
        raise AssertionError(f"{machine.name}.{row.action} cannot lead to {target}")
    change.target = target
    setattr(obj, machine.state_field, target)
    setattr(obj, machine.revision_field, machine.revision_of(obj) + 1)
    if machine.prepare is not None:
        machine.prepare(change)
    obj.save()
    content = machine.record(change)
    actor = change.actor
    audit_append(
        kind=machine.kind_of(row),
        ref=machine.ref(obj),
        actor=actor.username if actor is not None else SYSTEM,
        at=change.at,
        content={
            "from": change.source,
            "to": target,
            "as": change.capacity,
            **content,
        },
    )
    if machine.after is not None:
        machine.after(change)
