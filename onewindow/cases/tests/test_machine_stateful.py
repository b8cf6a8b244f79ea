"""Random walks over the case machine: what no sequence of actions may ever break.

Hypothesis drives random sequences of actions by random personas over a handful of cases (a new
case may join the walk at any step) and checks, after every step:

* the offer and the services agree: an action a persona is offered succeeds with valid input, an
  action not offered is refused — and a refusal changes nothing (state, revision, events);
* a success moves the revision by one and records exactly one event, from the old state to the
  new one (the engine's stale-form check depends on it);
* 受审分离 (行政许可法 §32, §34): every decision traces back to an acceptance at the window;
* the clocks agree with the state: a case waiting for acceptance has its §32 date, a case under
  review or suspended its decision date, a decided case its §44 delivery date; a final case has
  none running and the 电子监察 warning is back to normal;
* a suspended case has exactly one open special procedure (§45), any other state none;
* the audit chain verifies at the end of every walk.

Each walk runs inside a savepoint that is rolled back, so walks do not see each other's cases.
"""

from __future__ import annotations

from typing import Any, ClassVar

import pytest
from django.db import transaction
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from onewindow.cases import policies
from onewindow.cases.choices import CaseState, ProcedureKind, WarningLevel
from onewindow.cases.machines import ACCEPTANCE_ACTIONS, CASE
from onewindow.cases.models import Case, CaseEvent, SpecialProcedure
from onewindow.cases.tests.builders import Builder
from onewindow.cases.tests.test_offered import SERVICES, _personas
from onewindow.core.audit import audit_verify
from onewindow.core.errors import DomainError
from onewindow.workflow.engine import available_actions

S = CaseState
DECIDED_OR_AFTER = frozenset({S.DECIDED, S.COMPLETED})
FINAL = frozenset({S.REFUSED, S.COMPLETED, S.WITHDRAWN, S.RETURNED})
# The walk starts from cases at the window: drafts (SUBMIT, RECEIVE) are walked by test_offered,
# and submitting twice is a deliberate no-op that would read as "refused but offered" here.
ACTIONS = sorted(set(SERVICES) - {"submit", "receive"})
ENDINGS = frozenset({"withdraw", "return_case", "propose_refusal"})


class _Rollback(Exception):
    pass


def _snapshot(case: Case) -> tuple[str, int, int]:
    return case.state, case.revision, case.events.count()


class CaseWalk(RuleBasedStateMachine):
    world: ClassVar[Any] = None
    personas: ClassVar[dict[str, Any]] = {}

    def __init__(self) -> None:
        super().__init__()
        # One savepoint per walk, rolled back in teardown.
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self.build = Builder(self.world, allows_commitment=True)
        self.cases: list[int] = [self.build.received().pk, self.build.in_review().pk]
        self.steps: list[tuple[str, str, str, bool]] = []

    def teardown(self) -> None:
        try:
            assert audit_verify() is None, "the audit chain broke during the walk"
        finally:
            transaction.set_rollback(True)
            self._atomic.__exit__(None, None, None)

    @rule()
    def a_new_case_arrives(self) -> None:
        if len(self.cases) < 5:
            self.cases.append(self.build.received().pk)

    @rule(pick=st.integers(min_value=0, max_value=4), data=st.data())
    def someone_takes_an_offered_action(self, pick: int, data: st.DataObject) -> None:
        """Mostly walk forward: a persona does one of the things the page offers them."""
        case = Case.objects.get(pk=self.cases[pick % len(self.cases)])
        offers = [
            (name, action)
            for name, user in sorted(self.personas.items())
            for action in sorted(available_actions(CASE, user, case))
            if action in ACTIONS
        ]
        # Ending a case early (withdraw, return) is offered at almost every step: take it rarely,
        # so walks reach the decision and the delivery.
        onward = [offer for offer in offers if offer[1] not in ENDINGS]
        if onward and data.draw(st.integers(0, 9), label="end it") != 0:
            offers = onward
        if offers:
            name, action = data.draw(st.sampled_from(offers), label="offered")
            self._act(case, name, action)

    @rule(
        pick=st.integers(min_value=0, max_value=4),
        action=st.sampled_from(ACTIONS),
        data=st.data(),
    )
    def anyone_tries_anything(self, pick: int, action: str, data: st.DataObject) -> None:
        name = data.draw(st.sampled_from(sorted(self.personas)), label="persona")
        self._act(Case.objects.get(pk=self.cases[pick % len(self.cases)]), name, action)

    def _act(self, case: Case, name: str, action: str) -> None:
        user = self.personas[name]
        offered = action in available_actions(CASE, user, case)
        acts = bool(policies.capacities(user, case))
        before = _snapshot(case)
        try:
            with transaction.atomic():
                SERVICES[action](Case.objects.get(pk=case.pk), user)
            succeeded = True
        except DomainError:
            succeeded = False
        after_case = Case.objects.get(pk=case.pk)
        after = _snapshot(after_case)
        self.steps.append((before[0], action, name, succeeded))
        where = f"{case.number} {before[0]} / {name} / {action}"
        if not succeeded:
            assert after == before, f"{where}: refused but changed {before} → {after}"
        else:
            assert after[1] == before[1] + 1, f"{where}: revision {before[1]} → {after[1]}"
            assert after[2] == before[2] + 1, f"{where}: {after[2] - before[2]} events"
            last = after_case.events.order_by("-at", "-pk").first()
            assert last is not None
            assert last.from_state == before[0]
            assert last.to_state == after[0]
        # With valid input the services accept exactly what is offered.
        if acts or offered:
            assert succeeded == offered, f"{where}: offered {offered}, service {succeeded}"

    @invariant()
    def nothing_is_broken(self) -> None:
        for case in Case.objects.filter(pk__in=self.cases):
            where = f"{case.number} ({case.state})"
            accepted = CaseEvent.objects.filter(case=case, action__in=ACCEPTANCE_ACTIONS).exists()
            decided = CaseEvent.objects.filter(case=case, action__in=("approve", "deny")).exists()
            if decided or case.state in DECIDED_OR_AFTER:
                assert accepted, f"{where}: decided without an acceptance (受审分离)"
            if case.state == S.RECEIVED:
                assert case.acceptance_due is not None, f"{where}: no §32 date"
            if case.state in (S.IN_REVIEW, S.SUSPENDED):
                assert case.due_date is not None, f"{where}: no decision deadline"
            if case.state == S.DECIDED:
                assert case.delivery_due is not None, f"{where}: no §44 date"
            if case.state in FINAL:
                assert case.warning_level == WarningLevel.NORMAL, f"{where}: warning left on"
            open_procedures = SpecialProcedure.objects.filter(
                case=case, ended_on__isnull=True
            ).exclude(kind=ProcedureKind.EXTENSION)
            expected = 1 if case.state == S.SUSPENDED else 0
            assert open_procedures.count() == expected, f"{where}: open procedures"


@pytest.mark.django_db
def test_no_sequence_of_actions_breaks_the_case_invariants(world: Any) -> None:
    CaseWalk.world = world
    CaseWalk.personas = {k: v for k, v in _personas(world).items() if v is not None}
    run_state_machine_as_test(
        CaseWalk,
        settings=settings(
            max_examples=15,
            stateful_step_count=40,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
            derandomize=True,
            # A failure prints its whole walk; shrinking a walk over the database takes minutes.
            phases=[Phase.explicit, Phase.reuse, Phase.generate],
        ),
    )
