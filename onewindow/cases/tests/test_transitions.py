"""The state machine as documented is the state machine as coded."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.utils.translation import override

from onewindow.cases.choices import Action, CaseState
from onewindow.cases.transitions import TRANSITIONS, transition_table_markdown


def test_docs_match_the_table():
    with override("en"):
        expected = transition_table_markdown()
    current = (Path(settings.BASE_DIR) / "docs" / "case-states.md").read_text(encoding="utf-8")
    assert current == expected, "run `manage.py case_states` to refresh docs/case-states.md"


def test_every_action_has_a_rule_and_every_state_is_reachable():
    assert set(TRANSITIONS) == set(Action)
    reachable = {CaseState.DRAFT} | {t for r in TRANSITIONS.values() for t in r.targets}
    assert reachable == set(CaseState)


def test_final_states_have_no_way_out():
    for final in (CaseState.REFUSED, CaseState.COMPLETED, CaseState.WITHDRAWN, CaseState.RETURNED):
        assert not [a for a, r in TRANSITIONS.items() if final in r.sources], final
