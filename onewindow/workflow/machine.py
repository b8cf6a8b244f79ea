"""A workflow is a table of transitions plus one function that applies them.

Every workflow of OneWindow (a case, an urging, a card, and the queue, evaluation and licence
workflows that follow) declares a :class:`Machine`: which actions move an object from which states
to which, in which capacities an actor may take each action, and why the edge exists (the statute
or rule that demands it). :func:`onewindow.workflow.engine.transition` is the only code that
applies a machine; :func:`onewindow.workflow.engine.available_actions` is what pages ask before
offering an action, so a page offers exactly what the engine accepts.

A machine knows its object through a handful of hooks rather than a base class, so that existing
models (``Case`` with its ``CaseEvent`` rows) and small ones (``Urging``) fit alike:

* ``capacities(actor, obj)``: every capacity in which the actor may act on the object (``None``
  as actor is the system: scheduled jobs, cascades);
* ``guards[action](obj, actor, capacities)``: the object's own preconditions of an action beyond
  the table (e.g. "only at the last review step"); it raises ``DomainError``/``NotPermitted``
  with the reason. The engine runs it on the locked row; ``available_actions`` runs the same
  function, which is why the offered set equals the accepted set;
* ``prepare(change)``: sets fields derived from the move before the row is saved (optional);
* ``record(change)``: after the row is saved, writes the machine's transition record
  (``CaseEvent``, documents…) and returns the audit content; the engine appends it to the audit
  chain itself;
* ``after(change)``: notifications (outbox rows, written in the same transaction) and signals.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.db import models
from django.utils.functional import Promise

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

    from onewindow.accounts.models import User

M = TypeVar("M", bound=models.Model)

# The capacity in which the system acts (scheduled jobs, cascades of another transition).
SYSTEM = "system"
# The source "state" of an action that creates its object (an urging is sent, a card issued):
# ``transition`` is then given an unsaved object, and the service locks whatever the creation
# must be serialised on (e.g. the case being urged).
NEW = ""


@dataclass(frozen=True)
class Transition:
    """One row of a machine's table."""

    action: str
    sources: frozenset[str]
    # Where the action leads. Several targets: the service picks one (``change.target``).
    targets: tuple[str, ...]
    # The capacities that may take the action (see ``Machine.capacities``).
    actors: frozenset[str]
    # Why this edge exists: the statute or the rule that demands it (rendered in docs/states/).
    why: str = ""
    # A key the machine's ``after`` hook uses (e.g. the applicant's notification event).
    event: str = ""
    # What an actor without one of ``actors`` is told (a lazy translation); empty: the engine's
    # general "You may not do this here."
    denied: str | Promise = ""


def edge(
    action: str,
    sources: Iterable[str],
    targets: str | Iterable[str],
    actors: Iterable[str],
    *,
    why: str = "",
    event: str = "",
    denied: str | Promise = "",
) -> Transition:
    """Shorthand for a table row: ``edge(A.ACCEPT, {S.RECEIVED}, S.IN_REVIEW, {A.CLERK}, ...)``."""
    target_tuple = (targets,) if isinstance(targets, str) else tuple(targets)
    return Transition(
        action=str(action),
        sources=frozenset(str(s) for s in sources),
        targets=tuple(str(t) for t in target_tuple),
        actors=frozenset(str(a) for a in actors),
        why=why,
        event=event,
        denied=denied,
    )


Guard = Callable[[Any, "User | None", frozenset[str]], None]
# A check of what the calling service has set on the locked object, run when the block is left
# and before anything is written: the rule of an action that depends on the input it brings
# (a resubmission must bring the lines its correction notice asked for). Raises the reason.
Check = Callable[["Change[Any]"], None]


@dataclass
class Change(Generic[M]):
    """What the calling service fills in while the object is locked."""

    machine: Machine[M]
    obj: M
    transition: Transition
    actor: User | None
    capacity: str
    at: datetime.datetime
    source: str
    target: str | None = None
    opinion: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    # Anything the machine's hooks need beyond the common fields (documents to issue…).
    extra: dict[str, Any] = field(default_factory=dict)
    notify: bool = True

    @property
    def action(self) -> str:
        return self.transition.action


@dataclass
class Machine(Generic[M]):
    """A workflow: its table and the hooks the engine calls."""

    name: str
    model: type[M]
    # The action and state enumerations (TextChoices): labels for pages and docs.
    actions: type[models.TextChoices]
    states: type[models.TextChoices]
    table: Mapping[str, Transition]
    capacities: Callable[[User | None, M], set[str]]
    # When an actor holds several capacities an action allows, the most specific is recorded.
    capacity_order: tuple[str, ...]
    record: Callable[[Change[M]], dict[str, Any]]
    prepare: Callable[[Change[M]], None] | None = None
    after: Callable[[Change[M]], None] | None = None
    # The audit entry's kind; default ``<machine name>.<action>``.
    audit_kind: Callable[[Transition], str] | None = None
    guards: Mapping[str, Guard] = field(default_factory=dict)
    # Checks of the finished change, per action (see ``Check``); the guard still decides the offer.
    checks: Mapping[str, Check] = field(default_factory=dict)
    # How the object is named on the audit chain (its public number).
    ref: Callable[[M], str] = str
    # Relations read with the locked row (keep it narrow: every transition pays for it).
    lock_related: tuple[str, ...] = ()
    # A subclass of ``Change`` with the machine's own fields (a case's documents to issue…).
    change_class: type[Change[Any]] = Change
    state_field: str = "state"
    revision_field: str = "revision"
    # The capacity labels for docs (value → label).
    capacity_labels: Mapping[str, str | StrPromise] = field(default_factory=dict)
    description: str = ""

    def __post_init__(self) -> None:
        states = {str(s) for s in self.states.values} | {NEW}
        for key, row in self.table.items():
            if key != row.action:  # a programming error in the table
                raise ValueError(f"{self.name}: row {key!r} is for action {row.action!r}")
            unknown = set(row.sources | set(row.targets)) - states
            if NEW in row.targets:
                unknown.add(NEW)
            if unknown:
                raise ValueError(f"{self.name}.{key}: unknown states {sorted(unknown)}")
        for key in self.guards:
            if key not in self.table:
                raise ValueError(f"{self.name}: guard for unknown action {key!r}")
        for key in self.checks:
            if key not in self.table:
                raise ValueError(f"{self.name}: check for unknown action {key!r}")

    def state_of(self, obj: M) -> str:
        return str(getattr(obj, self.state_field))

    def revision_of(self, obj: M) -> int:
        return int(getattr(obj, self.revision_field))

    def kind_of(self, row: Transition) -> str:
        return self.audit_kind(row) if self.audit_kind else f"{self.name}.{row.action}"

    def action_label(self, action: str) -> str:
        return str(self.actions(action).label)

    def state_label(self, state: str) -> str:
        return str(self.states(state).label) if state != NEW else "—"


_REGISTRY: dict[str, Machine[Any]] = {}


def register(machine: Machine[M]) -> Machine[M]:
    """Make a machine known to ``manage.py workflow_states`` and the docs test."""
    existing = _REGISTRY.get(machine.name)
    if existing is not None and existing is not machine:
        raise ValueError(f"two machines are named {machine.name!r}")
    _REGISTRY[machine.name] = machine
    return machine


def machines() -> list[Machine[Any]]:
    return [_REGISTRY[name] for name in sorted(_REGISTRY)]
