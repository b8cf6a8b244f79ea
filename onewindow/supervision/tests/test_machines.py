"""Urgings and cards on the workflow engine: every page offers exactly what the engine accepts,
for every persona in every state, and a form posted against an older revision (or with a
malformed one) is refused and changes nothing, for every action."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.db import transaction
from django.utils.html import escape
from django.utils.translation import override

from onewindow.cases.factories import accepted_case, licence_entry
from onewindow.cases.models import Case
from onewindow.core.errors import DomainError
from onewindow.core.models import AuditEntry
from onewindow.notifications.models import Message
from onewindow.organisations.choices import Role
from onewindow.organisations.factories import AssignmentFactory, StaffFactory, UserFactory
from onewindow.supervision import cards
from onewindow.supervision import urging as services
from onewindow.supervision.choices import (
    CardAction,
    CardColour,
    CardRuleKind,
    CardState,
    UrgingAction,
    UrgingState,
)
from onewindow.supervision.machines import CARD, URGING
from onewindow.supervision.models import Card, Urging
from onewindow.workflow.engine import Stale, available_actions, stale_message, transition

ACCEPTED = datetime.datetime(2026, 6, 1, 2, tzinfo=datetime.UTC)  # Monday 1 June
SENT = datetime.datetime(2026, 6, 2, 2, tzinfo=datetime.UTC)  # reply due Thursday 4 June
PERSONAS = (
    "supervisor_a",
    "reviewer_x",
    "approver_x",
    "reviewer_y",
    "manager_a",
    "clerk_a",
    "admin_a",
    "supervisor_b",
    "reviewer_z",
    "manager_b",
    "admin_b",
    "system",
)
REASON = "多次在窗口要求申请人提供清单外材料，群众投诉较多。"
TEXT = "已组织全体窗口人员学习办事指南。"


class Rollback(Exception):
    """Leaves the engine's block so that its transaction rolls back."""


@pytest.fixture
def people(world) -> SimpleNamespace:
    staff = StaffFactory(user=UserFactory(username="supervisor_b"))
    AssignmentFactory(staff=staff, role=Role.SUPERVISOR, region=world.county_b)
    world.supervisor_b = staff.user
    world.system = None
    return world


def _case(world) -> Case:
    return accepted_case(
        clerk=world.clerk_a,
        place=world.center_a,
        entry=licence_entry(world.dept_x),
        applicant=world.person,
        at=ACCEPTED,
    )


def _send(world, case: Case) -> Urging:
    return services.urging_send(
        case=case, actor=world.supervisor_a, message="请说明进度。", at=SENT
    )


def _accepted(machine, actor, obj, action) -> bool:
    """Whether the engine accepts ``action`` now; nothing is kept either way."""
    revision = machine.revision_of(obj) if obj.pk else None
    try:
        with (
            transaction.atomic(),
            transition(machine, obj, action, actor=actor, expected_revision=revision),
        ):
            raise Rollback
    except Rollback:
        return True
    except DomainError:
        return False


def _walk(machine, world, objects: dict[str, object]) -> dict[tuple[str, str], set[str]]:
    """Offered == accepted for every persona and object; returns what was offered."""
    offered_by = {}
    for persona in PERSONAS:
        actor = getattr(world, persona)
        for label, obj in objects.items():
            offered = set(available_actions(machine, actor, obj))
            accepted = {a for a in machine.table if _accepted(machine, actor, obj, a)}
            assert offered == accepted, (persona, label)
            offered_by[(persona, label)] = offered
    return offered_by


def test_urging_pages_offer_exactly_what_the_engine_accepts(people):
    world = people
    fresh, with_open, overdue, replied, closed = (_case(world) for _i in range(5))
    late = _send(world, overdue)
    assert services.urgings_overdue_sweep(today=datetime.date(2026, 6, 5)) == 1
    sent = _send(world, with_open)
    answered = _send(world, replied)
    services.urging_reply(
        urging=answered, actor=world.reviewer_x, reply="已办。", expected_revision=1, at=SENT
    )
    done = _send(world, closed)
    services.urging_close(
        urging=done, actor=world.supervisor_a, result="误发。", expected_revision=1, at=SENT
    )
    for urging in (sent, late, answered, done):
        urging.refresh_from_db()
    offered = _walk(
        URGING,
        world,
        {
            "new": services.unsent_urging(fresh),
            "new, one open": services.unsent_urging(with_open),
            "sent": sent,
            "overdue": late,
            "replied": answered,
            "closed": done,
        },
    )
    assert offered[("supervisor_a", "new")] == {UrgingAction.SEND}
    assert offered[("supervisor_a", "new, one open")] == set()
    assert offered[("supervisor_b", "new")] == set()
    assert offered[("supervisor_a", "sent")] == {UrgingAction.CLOSE}
    assert offered[("reviewer_x", "sent")] == {UrgingAction.REPLY}
    assert offered[("approver_x", "overdue")] == {UrgingAction.REPLY}
    assert offered[("system", "sent")] == {UrgingAction.MARK_OVERDUE}
    assert offered[("system", "overdue")] == set()
    assert offered[("supervisor_a", "replied")] == {UrgingAction.CLOSE}
    assert all(not offered[(p, "closed")] for p in PERSONAS)
    for persona in ("reviewer_y", "manager_a", "clerk_a", "admin_a", "reviewer_z", "admin_b"):
        assert all(not offered[(persona, state)] for state in ("new", "sent", "replied")), persona
    assert not Urging.objects.filter(case=fresh).exists()


def _card(world, state: str) -> Card:
    card = cards.card_issue(
        department=world.dept_x, colour=CardColour.YELLOW, reason=REASON, actor=world.supervisor_a
    )
    if state in (CardState.RECTIFIED, CardState.CLOSED):
        cards.card_report_rectification(
            card=card, actor=world.approver_x, response=TEXT, expected_revision=card.revision
        )
    if state == CardState.CLOSED:
        cards.card_close(
            card=card, actor=world.supervisor_a, note="整改到位。", expected_revision=card.revision
        )
    if state == CardState.WITHDRAWN:
        cards.card_withdraw(
            card=card, actor=world.supervisor_a, reason="误发撤回。", expected_revision=1
        )
    assert card.state == state
    return card


def test_card_pages_offer_exactly_what_the_engine_accepts(people):
    world = people
    objects: dict[str, object] = {
        "new": Card(department=world.dept_x, kind=CardRuleKind.OTHER, state="", revision=0),
        "new, county B": Card(department=world.dept_z, kind=CardRuleKind.OTHER, state=""),
    }
    for state in CardState.values:
        objects[state] = _card(world, state)
    issued_before = Card.objects.count()
    offered = _walk(CARD, world, objects)
    assert offered[("supervisor_a", "new")] == {CardAction.ISSUE}
    assert offered[("supervisor_a", "new, county B")] == set()
    assert offered[("supervisor_b", "new, county B")] == {CardAction.ISSUE}
    assert offered[("system", "new")] == {CardAction.ISSUE_BY_RULE}
    assert offered[("approver_x", "issued")] == {CardAction.REPORT}
    assert offered[("supervisor_a", "issued")] == {CardAction.WITHDRAW}
    assert offered[("supervisor_a", "rectified")] == {CardAction.CLOSE, CardAction.WITHDRAW}
    for state in (CardState.CLOSED, CardState.WITHDRAWN):
        assert all(not offered[(p, state)] for p in PERSONAS)
    for persona in ("reviewer_x", "reviewer_y", "manager_a", "clerk_a", "admin_a", "admin_b"):
        assert all(not offered[(persona, s)] for s in ("new", "issued", "rectified")), persona
    assert Card.objects.count() == issued_before


# --- stale and malformed revisions -----------------------------------------------------------


def _trail() -> tuple[int, int]:
    return AuditEntry.objects.count(), Message.objects.count()


@pytest.fixture
def sent(world) -> Urging:
    return _send(world, _case(world))


@pytest.mark.parametrize(
    ("action", "who", "text"),
    [("reply", "reviewer_x", {"reply": "回复"}), ("close", "supervisor_a", {"result": "结果"})],
)
def test_a_stale_urging_form_changes_nothing(world, sent, action, who, text):
    by_action: dict[str, Callable[..., Urging]] = {
        "reply": services.urging_reply,
        "close": services.urging_close,
    }
    service = by_action[action]
    # Someone else answered after the page was opened at revision 1.
    services.urging_reply(
        urging=Urging.objects.get(pk=sent.pk),
        actor=world.approver_x,
        reply="正在核查。",
        expected_revision=1,
    )
    sent.refresh_from_db()
    before = (sent.state, sent.revision, sent.result, _trail())
    with pytest.raises(Stale) as caught:
        service(urging=sent, actor=getattr(world, who), expected_revision=1, **text)
    assert caught.value.message == stale_message()
    sent.refresh_from_db()
    assert (sent.state, sent.revision, sent.result, _trail()) == before


def _refused(response, message: str) -> None:
    assert response.status_code == 200
    with override(settings.LANGUAGE_CODE):
        assert escape(message) in response.content.decode()


@pytest.mark.parametrize("revision", ["0", "", "abc", "-1", "1.0", None])
@pytest.mark.parametrize(
    ("action", "who", "text"),
    [("reply", "reviewer_x", {"reply": "回复"}), ("close", "supervisor_a", {"result": "结果"})],
)
def test_a_stale_or_malformed_urging_post_changes_nothing(
    world, login, sent, action, who, text, revision
):
    data = dict(text) if revision is None else {**text, "revision": revision}
    before = (_trail(), Urging.objects.values_list("state", "revision").get())
    response = login(getattr(world, who)).post(
        f"/supervision/urgings/{sent.public_id}/{action}/", data, follow=True
    )
    _refused(response, stale_message())
    assert (_trail(), Urging.objects.values_list("state", "revision").get()) == before


def test_the_overdue_mark_is_a_transition_a_page_opened_before_it_is_stale(world, sent):
    services.urgings_overdue_sweep(today=datetime.date(2026, 6, 5))
    with pytest.raises(Stale):
        services.urging_reply(
            urging=sent, actor=world.reviewer_x, reply="回复", expected_revision=1
        )
    sent.refresh_from_db()
    assert (sent.state, sent.overdue, sent.revision) == (UrgingState.SENT, True, 2)
    services.urging_reply(urging=sent, actor=world.reviewer_x, reply="回复", expected_revision=2)
    assert (sent.state, sent.revision) == (UrgingState.REPLIED, 3)


def test_a_person_must_say_which_revision_they_saw(world, sent):
    with pytest.raises(TypeError):
        services.urging_reply(
            urging=sent, actor=world.reviewer_x, reply="回复", expected_revision=None
        )
    with pytest.raises(TypeError):
        services.urging_reply(urging=sent, actor=world.reviewer_x, reply="回复")  # type: ignore[call-arg]


CARD_ACTIONS: dict[str, tuple[str, str, Callable[..., Card], CardState]] = {
    "report": ("approver_x", "response", cards.card_report_rectification, CardState.ISSUED),
    "close": ("supervisor_a", "note", cards.card_close, CardState.RECTIFIED),
    "withdraw": ("supervisor_a", "reason", cards.card_withdraw, CardState.ISSUED),
}


@pytest.mark.parametrize("action", sorted(CARD_ACTIONS))
def test_a_stale_card_form_changes_nothing(world, action):
    who, field, service, state = CARD_ACTIONS[action]
    card = _card(world, state)
    seen = card.revision
    # Another supervisor withdraws the card (or it is rectified) after the page was opened.
    other = Card.objects.get(pk=card.pk)
    if action == "withdraw":
        cards.card_report_rectification(
            card=other, actor=world.approver_x, response=TEXT, expected_revision=seen
        )
    else:
        cards.card_withdraw(
            card=other, actor=world.supervisor_a, reason="误发撤回。", expected_revision=seen
        )
    before = (other.state, other.revision, _trail())
    with pytest.raises(Stale) as caught:
        service(card=card, actor=getattr(world, who), expected_revision=seen, **{field: TEXT})
    assert caught.value.message == stale_message()
    card.refresh_from_db()
    assert (card.state, card.revision, _trail()) == before


@pytest.mark.parametrize("revision", ["stale", "", "x", None])
@pytest.mark.parametrize("action", sorted(CARD_ACTIONS))
def test_a_stale_or_malformed_card_post_changes_nothing(world, login, action, revision):
    who, field, _service, state = CARD_ACTIONS[action]
    card = _card(world, state)
    data = {field: TEXT}
    if revision == "stale":
        data["revision"] = str(card.revision - 1)
    elif revision is not None:
        data["revision"] = revision
    before = (_trail(), Card.objects.values_list("state", "revision").get())
    response = login(getattr(world, who)).post(
        f"/supervision/cards/{card.public_id}/{action}/", data, follow=True
    )
    _refused(response, stale_message())
    assert (_trail(), Card.objects.values_list("state", "revision").get()) == before
    # the same form with the revision the page showed goes through
    data["revision"] = str(card.revision)
    login(getattr(world, who)).post(f"/supervision/cards/{card.public_id}/{action}/", data)
    assert Card.objects.get().revision == card.revision + 1
