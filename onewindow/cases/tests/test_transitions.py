"""The case machine's table: every action has a row, every state is reachable, final states stay
final. (Its documentation, docs/states/case.md, is checked with every machine's by the workflow
tests.)"""

from __future__ import annotations

from onewindow.cases.choices import Action, CaseState
from onewindow.cases.machines import CASE, TABLE
from onewindow.workflow.docs import DOCS_DIR, machine_markdown


def test_every_action_has_a_rule_and_every_state_is_reachable():
    assert set(TABLE) == set(Action)
    reachable = {CaseState.DRAFT} | {t for r in TABLE.values() for t in r.targets}
    assert reachable == set(CaseState)


def test_final_states_have_no_way_out():
    for final in (CaseState.REFUSED, CaseState.COMPLETED, CaseState.WITHDRAWN, CaseState.RETURNED):
        assert not [a for a, r in TABLE.items() if final in r.sources], final


def test_the_case_machine_is_documented_in_docs_states():
    path = DOCS_DIR / "case.md"
    assert path.read_text(encoding="utf-8") == machine_markdown(CASE), (
        "run `manage.py workflow_states` to refresh docs/states/case.md"
    )


def test_every_row_says_why_it_exists():
    assert not [a for a, r in TABLE.items() if not r.why]
