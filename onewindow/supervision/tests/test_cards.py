"""黄牌 / 红牌: the rules count what a direct count finds, cards are issued once, their life is
guarded by role and state, and the pages show each role what it may see."""

from __future__ import annotations

import datetime
from collections import Counter
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from onewindow.cases.choices import Action, CaseState, ProcedureKind
from onewindow.cases.factories import licence_entry, receive_case
from onewindow.cases.models import Case, CaseEvent, CaseFee
from onewindow.cases.services import acceptance, backoffice
from onewindow.cases.services.fees import case_fee_record
from onewindow.core.errors import DomainError, NotPermitted
from onewindow.core.models import AuditEntry
from onewindow.documents.render import document_html
from onewindow.notifications.models import Message
from onewindow.organisations.choices import Role
from onewindow.organisations.factories import AssignmentFactory, StaffFactory, UserFactory
from onewindow.supervision import cards, findings, selectors
from onewindow.supervision.choices import CardColour, CardRuleKind, CardState
from onewindow.supervision.models import Card, CardRule

JUNE = datetime.date(2026, 6, 1)
MAY = datetime.date(2026, 5, 1)
JULY_1 = datetime.date(2026, 7, 1)
LONG_REASON = "申请人提交的经营场所位于外县行政区域内，不属于本机关的法定管辖范围"
EXTRA = "房屋租赁合同原件（清单外）"


def at(day: str, hour: int = 10, minute: int = 0) -> datetime.datetime:
    """A local (Beijing) moment."""
    return timezone.make_aware(
        datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(hour, minute))
    )


def _user(username: str, role: Role, **scope):
    staff = StaffFactory(user=UserFactory(username=username))
    AssignmentFactory(staff=staff, role=role, **scope)
    return staff.user


# --- building cases through the services -----------------------------------------------------


class Desk:
    """The people of one department's cases: window, manager, reviewer, approver."""

    def __init__(self, entry, clerk, place, manager, reviewer, approver, person) -> None:
        self.entry, self.clerk, self.place, self.manager = entry, clerk, place, manager
        self.reviewer, self.approver, self.person = reviewer, approver, person

    def received(self, when: datetime.datetime, **kwargs) -> Case:
        return receive_case(
            clerk=self.clerk,
            place=self.place,
            entry=self.entry,
            applicant=self.person,
            at=when,
            **kwargs,
        )

    def accepted(self, day: str) -> Case:
        case = self.received(at(day, 9))
        acceptance.case_accept(
            case=case, expected_revision=case.revision, actor=self.clerk, at=at(day, 10)
        )
        return case

    def decided(self, accepted_on: str, decided_on: str, *, reason: str = "") -> Case:
        case = self.accepted(accepted_on)
        backoffice.case_step_pass(
            case=case,
            expected_revision=case.revision,
            actor=self.reviewer,
            opinion="符合条件",
            at=at(decided_on, 9),
        )
        backoffice.case_decide(
            case=case,
            expected_revision=case.revision,
            actor=self.approver,
            approved=not reason,
            opinion="决定",
            reason=reason,
            basis="" if not reason else "《市场主体登记管理条例》第十条",
            at=at(decided_on, 11),
        )
        return case

    def refused(self, day: str, reason: str) -> Case:
        case = self.received(at(day, 9))
        acceptance.case_propose_refusal(
            case=case,
            expected_revision=case.revision,
            actor=self.clerk,
            reason=reason,
            basis="行政许可法第三十二条",
            at=at(day, 10),
        )
        acceptance.case_confirm_refusal(
            case=case, expected_revision=case.revision, actor=self.manager, at=at(day, 15)
        )
        return case

    def corrected(self, day: str, *, extra: list[str] | None = None) -> Case:
        missing = () if extra else ("经营场所使用证明",)
        case = self.received(at(day, 9), missing=missing)
        acceptance.case_request_correction(
            case=case,
            expected_revision=case.revision,
            actor=self.clerk,
            extra_materials=extra,
            at=at(day, 10),
        )
        return case

    def returned(self, accepted_on: str, returned_on: str, *, extra: list[str] | None) -> Case:
        case = self.accepted(accepted_on)
        position = case.materials.get(name="经营场所使用证明").position
        backoffice.case_step_return(
            case=case,
            expected_revision=case.revision,
            actor=self.reviewer,
            opinion="场所证明不清晰",
            materials=[position],
            extra_materials=extra,
            at=at(returned_on, 10),
        )
        return case


@pytest.fixture
def desks(world):
    approver_y = _user("approver_y", Role.APPROVER, department=world.dept_y)
    approver_z = _user("approver_z", Role.APPROVER, department=world.dept_z)
    x = Desk(
        licence_entry(world.dept_x),
        world.clerk_a,
        world.center_a,
        world.manager_a,
        world.reviewer_x,
        world.approver_x,
        world.person,
    )
    y = Desk(
        licence_entry(world.dept_y),
        world.clerk_a,
        world.center_a,
        world.manager_a,
        world.reviewer_y,
        approver_y,
        world.person,
    )
    z = Desk(
        licence_entry(world.dept_z),
        world.clerk_b,
        world.center_b,
        world.manager_b,
        world.reviewer_z,
        approver_z,
        world.person,
    )
    return SimpleNamespace(x=x, y=y, z=z, approver_y=approver_y, approver_z=approver_z)


@pytest.fixture
def june(world, desks):
    """Findings of every rule in May and June 2026 in departments X, Y (county A) and Z (B)."""
    x, y, z = desks.x, desks.y, desks.z
    c = SimpleNamespace()
    # overdue: accepted Monday 1 June, due Thursday 4 June
    c.x_late = x.decided("2026-06-01", "2026-06-12")
    c.x_on_time = x.decided("2026-06-01", "2026-06-02")
    c.x_running = x.accepted("2026-06-01")
    c.y_running = y.accepted("2026-06-01")
    c.z_running = z.accepted("2026-06-01")
    c.x_may_late = x.decided("2026-05-11", "2026-05-25")
    c.x_end_of_june = x.accepted("2026-06-25")
    c.x_paused = x.accepted("2026-06-01")  # paused before its deadline: its days do not count
    backoffice.case_procedure_start(
        case=c.x_paused,
        expected_revision=c.x_paused.revision,
        actor=world.reviewer_x,
        kind=ProcedureKind.INSPECTION,
        reason="需现场核查经营场所",
        basis="行政许可法第四十五条",
        at=at("2026-06-02"),
    )
    # refusals and decisions not to approve
    c.x_vague_refusal = x.refused("2026-06-05", "不符合条件")
    c.x_reasoned_refusal = x.refused("2026-06-05", LONG_REASON)
    c.x_vague_denial = x.decided("2026-06-01", "2026-06-03", reason="材料不全")
    c.y_reasoned_denial = y.decided("2026-06-01", "2026-06-03", reason=LONG_REASON)
    c.x_may_refusal = x.refused("2026-05-20", "不符合")
    c.z_vague_refusal = z.refused("2026-06-10", "不予受理")
    # materials outside the checklist
    c.x_extra_correction = x.corrected("2026-06-02", extra=[EXTRA])
    c.x_plain_correction = x.corrected("2026-06-02")
    c.x_extra_return = x.returned("2026-06-01", "2026-06-03", extra=["股东会决议"])
    c.y_plain_return = y.returned("2026-06-01", "2026-06-03", extra=None)
    c.z_extra_correction = z.corrected("2026-06-04", extra=["村委会证明"])
    c.x_may_extra = x.corrected("2026-05-20", extra=["村委会证明"])
    # fees: the guide of these items publishes none, so every fee is irregular
    fee_entry = licence_entry(
        world.dept_x,
        name="不动产登记",
        fees=[{"name": "不动产登记费", "standard": "每件80元", "basis": "", "waivable": False}],
    )
    c.x_fee_case = Desk(
        fee_entry,
        world.clerk_a,
        world.center_a,
        world.manager_a,
        world.reviewer_x,
        world.approver_x,
        world.person,
    ).decided("2026-06-01", "2026-06-02")
    case_fee_record(
        case=c.x_fee_case, actor=world.clerk_a, name="不动产登记费", amount=80, at=at("2026-06-08")
    )
    case_fee_record(
        case=c.x_on_time, actor=world.clerk_a, name="工本费", amount=10, at=at("2026-06-08")
    )
    case_fee_record(
        case=c.y_reasoned_denial,
        actor=desks.approver_y,
        name="工本费",
        amount=10,
        at=at("2026-05-28"),
    )
    return c


# --- the direct count, case by case in Python --------------------------------------------------


def _in(moment: datetime.datetime, month: datetime.date, today: datetime.date) -> bool:
    start, end = findings.month_bounds(month)
    return start <= timezone.localdate(moment) <= min(end, today)


def python_count(
    kind: str, month: datetime.date, today: datetime.date, min_chars: int = 15
) -> Counter:
    start, end = findings.month_bounds(month)
    found: Counter = Counter()
    if kind == CardRuleKind.OVERDUE:
        for case in Case.objects.all():
            if not case.department_id or case.due_date is None:
                continue
            if not (start <= case.due_date <= end and case.due_date < today):
                continue
            if case.decided_at is not None:
                late = timezone.localdate(case.decided_at) > case.due_date
            elif case.state == CaseState.IN_REVIEW:
                late = True
            elif case.state == CaseState.SUSPENDED:
                late = not any(
                    p.ended_on is None and p.kind != "extension" and p.started_on <= case.due_date
                    for p in case.procedures.all()
                )
            else:
                late = False
            found[case.department_id] += late
    elif kind == CardRuleKind.REFUSAL_WITHOUT_REASONS:
        for event in CaseEvent.objects.filter(action__in=[Action.CONFIRM_REFUSAL, Action.DENY]):
            if not _in(event.at, month, today):
                continue
            reason = event.case.decision_reason
            if event.action == Action.CONFIRM_REFUSAL:
                reason = event.data.get("reason") or reason
            found[event.case.department_id] += len(reason.strip()) < min_chars
    elif kind == CardRuleKind.RETURN_OUTSIDE_CHECKLIST:
        for event in CaseEvent.objects.filter(
            action__in=[Action.REQUEST_CORRECTION, Action.RETURN]
        ):
            if _in(event.at, month, today):
                found[event.case.department_id] += bool(event.data.get("extra"))
    elif kind == CardRuleKind.IRREGULAR_FEE:
        for fee in CaseFee.objects.all():
            if _in(fee.charged_at, month, today):
                found[fee.case.department_id] += bool(fee.irregularity)
    return +found  # departments with findings only


def _rule(kind: str, colour: str = CardColour.YELLOW) -> CardRule:
    return CardRule.objects.get(kind=kind, colour=colour)


def _sql_count(kind: str, month: datetime.date, today: datetime.date) -> Counter:
    rule = CardRule.objects.filter(kind=kind).order_by("threshold").first()
    assert rule is not None
    return Counter(findings.findings_count(rule, month, today))


# --- counting --------------------------------------------------------------------------------


def test_overdue_counts_equal_a_direct_count(world, june):
    for month, today in [(JUNE, JULY_1), (JUNE, datetime.date(2026, 6, 30)), (MAY, JULY_1)]:
        assert _sql_count(CardRuleKind.OVERDUE, month, today) == python_count(
            CardRuleKind.OVERDUE, month, today
        )
    assert june.x_end_of_june.due_date == datetime.date(2026, 6, 30)
    june_counts = _sql_count(CardRuleKind.OVERDUE, JUNE, JULY_1)
    # late decision, still running, due on the 30th; not the one decided on time, not the paused
    assert june_counts == {world.dept_x.pk: 3, world.dept_y.pk: 1, world.dept_z.pk: 1}
    # on the 30th the deadline of the 30th has not passed yet
    assert _sql_count(CardRuleKind.OVERDUE, JUNE, datetime.date(2026, 6, 30))[world.dept_x.pk] == 2
    assert _sql_count(CardRuleKind.OVERDUE, MAY, JULY_1) == {world.dept_x.pk: 1}


def test_refusal_reason_counts_equal_a_direct_count(world, june):
    kind = CardRuleKind.REFUSAL_WITHOUT_REASONS
    for month in (JUNE, MAY):
        assert _sql_count(kind, month, JULY_1) == python_count(kind, month, JULY_1)
    assert _sql_count(kind, JUNE, JULY_1) == {world.dept_x.pk: 2, world.dept_z.pk: 1}
    # up to 4 June only the denial of the 3rd has happened
    assert _sql_count(kind, JUNE, datetime.date(2026, 6, 4)) == {world.dept_x.pk: 1}
    # a minimum of 5: "不符合条件" (5) is long enough, "材料不全" and "不予受理" (4) are not
    rule = _rule(kind)
    rule.min_reason_chars = 5
    assert findings.findings_count(rule, JUNE, JULY_1) == {world.dept_x.pk: 1, world.dept_z.pk: 1}
    assert python_count(kind, JUNE, JULY_1, min_chars=5) == {world.dept_x.pk: 1, world.dept_z.pk: 1}
    rule.min_reason_chars = 4
    assert findings.findings_count(rule, JUNE, JULY_1) == {}


def test_outside_checklist_counts_equal_a_direct_count(world, june):
    kind = CardRuleKind.RETURN_OUTSIDE_CHECKLIST
    for month in (JUNE, MAY):
        assert _sql_count(kind, month, JULY_1) == python_count(kind, month, JULY_1)
    assert _sql_count(kind, JUNE, JULY_1) == {world.dept_x.pk: 2, world.dept_z.pk: 1}
    assert _sql_count(kind, MAY, JULY_1) == {world.dept_x.pk: 1}


def test_irregular_fee_counts_equal_a_direct_count(world, june):
    kind = CardRuleKind.IRREGULAR_FEE
    for month in (JUNE, MAY):
        assert _sql_count(kind, month, JULY_1) == python_count(kind, month, JULY_1)
    assert _sql_count(kind, JUNE, JULY_1) == {world.dept_x.pk: 1}  # the published fee is regular
    assert _sql_count(kind, MAY, JULY_1) == {world.dept_y.pk: 1}


# --- issuing ---------------------------------------------------------------------------------


def _cards() -> set[tuple[str, str, int]]:
    return set(Card.objects.values_list("kind", "colour", "department_id"))


def test_evaluation_issues_the_cards_once(world, june):
    x, y, z = world.dept_x.pk, world.dept_y.pk, world.dept_z.pk
    issued = cards.cards_evaluate(month=datetime.date(2026, 6, 17), today=JULY_1)
    assert _cards() == {
        ("overdue", "yellow", x),
        ("overdue", "red", x),  # three overdue cases reach the red threshold
        ("overdue", "yellow", y),
        ("overdue", "yellow", z),
        ("refusal_reasons", "yellow", x),
        ("refusal_reasons", "yellow", z),
        ("outside_checklist", "yellow", x),
        ("outside_checklist", "yellow", z),
        ("irregular_fee", "red", x),
    }
    assert len(issued) == 9
    card = Card.objects.get(kind="overdue", colour="red", department=world.dept_x)
    assert (card.period_start, card.period_end) == (JUNE, datetime.date(2026, 6, 30))
    assert card.count == 3
    assert card.issued_by is None
    assert card.rule == _rule("overdue", "red")
    assert card.state == CardState.ISSUED
    assert set(card.cases.all()) == {june.x_late, june.x_running, june.x_end_of_june}
    assert "3" in card.reason
    # the approver of X and the supervisor of county A are told; not Y's staff
    told = set(
        Message.objects.filter(event="supervision.card", body__contains=world.dept_x.name)
        .values_list("recipient_user__username", flat=True)
        .distinct()
    )
    assert told == {"approver_x", "supervisor_a"}
    assert AuditEntry.objects.filter(kind="supervision.card.issued").count() == 9
    # again: nothing new, no new messages
    messages = Message.objects.count()
    with CaptureQueriesContext(connection) as queries:
        assert cards.cards_evaluate(month=JUNE, today=JULY_1) == []
    assert Card.objects.count() == 9
    assert Message.objects.count() == messages
    # grouped counts: a query or two per rule, whatever the number of cases
    assert len(queries) <= 1 + 2 * CardRule.objects.count()


def test_red_supersedes_yellow_in_lists(world, june):
    cards.cards_evaluate(month=JUNE, today=JULY_1)
    listed = {
        (c.kind, c.colour, c.department_id): c.superseded
        for c in selectors.cards_visible_to(world.supervisor_a)
    }
    assert listed[("overdue", "yellow", world.dept_x.pk)] is True
    assert listed[("overdue", "red", world.dept_x.pk)] is False
    assert listed[("overdue", "yellow", world.dept_y.pk)] is False
    assert ("overdue", "yellow", world.dept_z.pk) not in listed  # county B


def test_thresholds_and_inactive_rules(world, june):
    red = _rule("overdue", "red")
    red.threshold = 4
    red.save()
    outside = _rule("outside_checklist")
    outside.is_active = False
    outside.save()
    fee = _rule("irregular_fee", "red")
    fee.threshold = 2
    fee.save()
    cards.cards_evaluate(month=JUNE, today=JULY_1)
    kinds = _cards()
    assert ("overdue", "red", world.dept_x.pk) not in kinds  # 3 < 4
    assert ("overdue", "yellow", world.dept_x.pk) in kinds
    assert not any(k == "outside_checklist" for k, _c, _d in kinds)
    assert not any(k == "irregular_fee" for k, _c, _d in kinds)  # 1 < 2
    # the supervisor lowers the red threshold: the next run adds just that card
    cards.card_rule_update(rule=red, actor=world.supervisor_a, threshold=3, is_active=True)
    issued = cards.cards_evaluate(month=JUNE, today=JULY_1)
    assert [(c.kind, c.colour, c.department_id) for c in issued] == [
        ("overdue", "red", world.dept_x.pk)
    ]


def test_the_daily_run_covers_this_month_and_the_last(world, june):
    issued = cards.cards_evaluate_recent(today=datetime.date(2026, 7, 2))
    assert {c.period_start for c in issued} == {JUNE}  # nothing in July yet
    assert len(issued) == 9
    assert cards.cards_evaluate_recent(today=datetime.date(2026, 7, 3)) == []


def test_a_month_not_begun_issues_nothing(world, june):
    assert (
        cards.cards_evaluate(month=datetime.date(2026, 7, 15), today=datetime.date(2026, 6, 30))
        == []
    )
    assert not Card.objects.filter(period_start=datetime.date(2026, 7, 1)).exists()


# --- materials outside the checklist on correction and return ---------------------------------


def test_correction_with_extra_materials_only(world, desks):
    case = desks.x.received(at("2026-06-02", 9))
    acceptance.case_request_correction(
        case=case,
        expected_revision=case.revision,
        actor=world.clerk_a,
        extra_materials=["  房屋租赁合同原件 ", "", "房屋租赁合同原件", "  ", "村委会证明"],
    )
    assert case.state == CaseState.CORRECTION
    event = case.events.get(action=Action.REQUEST_CORRECTION)
    assert event.data["extra"] == ["房屋租赁合同原件", "村委会证明"]
    assert event.data["materials"] == []
    notice = case.documents.get(kind="correction")
    assert notice.data["extra"] == ["房屋租赁合同原件", "村委会证明"]
    html = document_html(kind="correction", data=notice.data, verify_url="https://example.org/v")
    assert "村委会证明" in html
    assert 'data-testid="extra-materials"' in html
    # the audit chain has it too
    entry = AuditEntry.objects.get(kind="case.request_correction")
    assert entry.content["data"]["extra"] == ["房屋租赁合同原件", "村委会证明"]


def test_correction_without_anything_or_bad_extra_is_refused(world, desks):
    case = desks.x.received(at("2026-06-02", 9))
    revision = case.revision
    for extra in (
        None,
        [" ", ""],
        ["x" * 201],
        ["经营场所使用证明"],
        [f"材料{i}" for i in range(31)],
    ):
        with pytest.raises(DomainError):
            acceptance.case_request_correction(
                case=case,
                expected_revision=case.revision,
                actor=world.clerk_a,
                extra_materials=extra,
            )
    case.refresh_from_db()
    assert case.state == CaseState.RECEIVED
    assert case.revision == revision
    assert not case.documents.filter(kind="correction").exists()


def test_plain_correction_records_no_extra(world, desks):
    case = desks.x.corrected("2026-06-02")
    event = case.events.get(action=Action.REQUEST_CORRECTION)
    assert "extra" not in event.data
    assert event.data["materials"][0]["name"] == "经营场所使用证明"


def test_return_with_extra_materials(world, desks):
    case = desks.x.accepted("2026-06-01")
    backoffice.case_step_return(
        case=case,
        expected_revision=case.revision,
        actor=world.reviewer_x,
        opinion="需补充股东会决议",
        materials=[],
        extra_materials=["股东会决议"],
    )
    assert case.state == CaseState.CORRECTION
    event = case.events.get(action=Action.RETURN)
    assert event.data["extra"] == ["股东会决议"]
    assert case.documents.get(kind="correction").data["extra"] == ["股东会决议"]


def test_internal_return_cannot_ask_for_materials(world, desks):
    case = desks.x.accepted("2026-06-01")
    backoffice.case_step_pass(
        case=case, expected_revision=case.revision, actor=world.reviewer_x, opinion="同意"
    )
    with pytest.raises(DomainError):
        backoffice.case_step_return(
            case=case,
            expected_revision=case.revision,
            actor=world.approver_x,
            opinion="再审",
            extra_materials=["股东会决议"],
        )
    case.refresh_from_db()
    assert case.state == CaseState.IN_REVIEW
    assert case.step_index == 1


def _act(client, case, action, **data):
    return client.post(
        f"/cases/{case.number}/act/{action}/", {"revision": case.revision, **data}, follow=True
    )


def test_extra_materials_over_http(world, login, desks):
    case = desks.x.received(at("2026-06-02", 9))
    page = login(world.clerk_a).get(f"/cases/{case.number}/").content.decode()
    assert 'name="extra_materials"' in page
    data = {"decision": "correction", "extra_materials": "房屋租赁合同原件\r\n\r\n村委会证明\r\n"}
    for m in case.materials.all():
        data[f"m-{m.position}-status"] = "received"
    _act(login(world.clerk_a), case, "window_decision", **data)
    case.refresh_from_db()
    assert case.state == CaseState.CORRECTION
    assert case.events.get(action=Action.REQUEST_CORRECTION).data["extra"] == [
        "房屋租赁合同原件",
        "村委会证明",
    ]
    # a return from the first step, over HTTP
    other = desks.x.accepted("2026-06-01")
    response = _act(
        login(world.reviewer_x),
        other,
        "return",
        opinion="请补充",
        extra_materials="x" * 201,
    )
    assert response.status_code == 200
    other.refresh_from_db()
    assert other.state == CaseState.IN_REVIEW  # refused: nothing changed
    _act(login(world.reviewer_x), other, "return", opinion="请补充", extra_materials="股东会决议")
    other.refresh_from_db()
    assert other.state == CaseState.CORRECTION
    assert other.events.get(action=Action.RETURN).data["extra"] == ["股东会决议"]


# --- a card's life ---------------------------------------------------------------------------


@pytest.fixture
def card_x(world, desks):
    case = desks.x.accepted("2026-06-01")
    return cards.card_issue(
        department=world.dept_x,
        colour=CardColour.YELLOW,
        reason="多次在窗口要求申请人提供清单外材料，群众投诉较多。",
        actor=world.supervisor_a,
        cases=[case],
    )


@pytest.fixture
def card_y(world):
    return cards.card_issue(
        department=world.dept_y,
        colour=CardColour.RED,
        reason="办件超期情况严重，督办后仍未整改。",
        actor=world.supervisor_a,
    )


def test_manual_card_is_issued_audited_and_told(world, card_x):
    assert card_x.kind == CardRuleKind.OTHER
    assert card_x.rule is None
    assert card_x.issued_by == world.supervisor_a
    assert card_x.count == 1
    assert card_x.cases.count() == 1
    assert card_x.period_start.day == 1
    entry = AuditEntry.objects.get(kind="supervision.card.issued")
    assert entry.ref == str(card_x.public_id)
    assert entry.actor == "supervisor_a"
    told = set(
        Message.objects.filter(event="supervision.card").values_list(
            "recipient_user__username", flat=True
        )
    )
    assert told == {"approver_x"}  # the issuing supervisor is not told of their own card


@pytest.mark.parametrize(
    ("who", "department", "colour", "reason", "error"),
    [
        ("supervisor_a", "dept_z", "red", "县外部门的黄牌理由", NotPermitted),
        ("admin_a", "dept_x", "red", "管理员不能发牌的理由", NotPermitted),
        ("approver_x", "dept_x", "red", "审批人不能发牌的理由", NotPermitted),
        ("supervisor_a", "dept_x", "green", "颜色不对的理由说明", DomainError),
        ("supervisor_a", "dept_x", "red", "  短  ", DomainError),
    ],
)
def test_manual_card_refusals(world, who, department, colour, reason, error):
    with pytest.raises(error):
        cards.card_issue(
            department=getattr(world, department),
            colour=colour,
            reason=reason,
            actor=getattr(world, who),
        )
    assert not Card.objects.exists()
    assert not AuditEntry.objects.filter(kind__startswith="supervision.").exists()


def test_manual_card_cases_must_be_the_departments(world, desks):
    case_y = desks.y.accepted("2026-06-01")
    with pytest.raises(DomainError):
        cards.card_issue(
            department=world.dept_x,
            colour=CardColour.RED,
            reason="附上的办件属于其他部门",
            actor=world.supervisor_a,
            cases=[case_y],
        )
    assert not Card.objects.exists()


def test_rectification_then_close(world, card_x):
    with pytest.raises(NotPermitted):  # a reviewer does not answer for the department
        cards.card_report_rectification(
            card=card_x,
            expected_revision=card_x.revision,
            actor=world.reviewer_x,
            response="已组织全体窗口人员学习办事指南。",
        )
    with pytest.raises(DomainError):
        cards.card_report_rectification(
            card=card_x, expected_revision=card_x.revision, actor=world.approver_x, response=" "
        )
    with pytest.raises(DomainError):  # nothing to close before a report
        cards.card_close(
            card=card_x,
            expected_revision=card_x.revision,
            actor=world.supervisor_a,
            note="整改到位，予以销号。",
        )
    card_x.refresh_from_db()
    assert card_x.state == CardState.ISSUED

    cards.card_report_rectification(
        card=card_x,
        expected_revision=card_x.revision,
        actor=world.approver_x,
        response="已组织全体窗口人员学习办事指南。",
    )
    assert card_x.state == CardState.RECTIFIED
    assert card_x.responded_by == world.approver_x
    with pytest.raises(DomainError):  # reported once
        cards.card_report_rectification(
            card=card_x,
            expected_revision=card_x.revision,
            actor=world.approver_x,
            response="再次报告整改情况。",
        )
    with pytest.raises(NotPermitted):  # administrators look, they do not act
        cards.card_close(
            card=card_x,
            expected_revision=card_x.revision,
            actor=world.admin_a,
            note="整改到位，予以销号。",
        )
    cards.card_close(
        card=card_x,
        expected_revision=card_x.revision,
        actor=world.supervisor_a,
        note="整改到位，予以销号。",
    )
    card_x.refresh_from_db()
    assert card_x.state == CardState.CLOSED
    assert card_x.closed_by == world.supervisor_a
    with pytest.raises(DomainError):
        cards.card_withdraw(
            card=card_x,
            expected_revision=card_x.revision,
            actor=world.supervisor_a,
            reason="误发，撤回此牌。",
        )
    kinds = list(
        AuditEntry.objects.filter(kind__startswith="supervision.card")
        .order_by("seq")
        .values_list("kind", flat=True)
    )
    assert kinds == [
        "supervision.card.issued",
        "supervision.card.rectified",
        "supervision.card.closed",
    ]


def test_withdraw(world, card_x):
    with pytest.raises(DomainError):
        cards.card_withdraw(
            card=card_x, expected_revision=card_x.revision, actor=world.supervisor_a, reason=""
        )
    cards.card_withdraw(
        card=card_x,
        expected_revision=card_x.revision,
        actor=world.supervisor_a,
        reason="误发，撤回此牌。",
    )
    assert card_x.state == CardState.WITHDRAWN
    with pytest.raises(DomainError):
        cards.card_report_rectification(
            card=card_x,
            expected_revision=card_x.revision,
            actor=world.approver_x,
            response="已组织全体窗口人员学习。",
        )
    assert AuditEntry.objects.filter(kind="supervision.card.withdrawn").count() == 1


# --- rules -----------------------------------------------------------------------------------


def test_rule_changes_are_checked_and_audited(world):
    rule = _rule("refusal_reasons")
    for bad in (0, 100, "x", None, -1):
        with pytest.raises(DomainError):
            cards.card_rule_update(
                rule=rule, actor=world.supervisor_a, threshold=bad, is_active=True
            )
    with pytest.raises(DomainError):
        cards.card_rule_update(
            rule=rule, actor=world.supervisor_a, threshold=2, min_reason_chars=0, is_active=True
        )
    with pytest.raises(NotPermitted):
        cards.card_rule_update(rule=rule, actor=world.admin_a, threshold=2, is_active=True)
    rule.refresh_from_db()
    assert (rule.threshold, rule.min_reason_chars, rule.updated_by) == (1, 15, None)
    assert not AuditEntry.objects.filter(kind="supervision.rule.changed").exists()

    cards.card_rule_update(
        rule=rule, actor=world.supervisor_a, threshold="2", min_reason_chars=20, is_active=False
    )
    rule.refresh_from_db()
    assert (rule.threshold, rule.min_reason_chars, rule.is_active) == (2, 20, False)
    assert rule.updated_by == world.supervisor_a
    entry = AuditEntry.objects.get(kind="supervision.rule.changed")
    assert entry.content["old"] == {"threshold": 1, "min_reason_chars": 15, "is_active": True}
    assert entry.content["new"] == {"threshold": 2, "min_reason_chars": 20, "is_active": False}


# --- pages -----------------------------------------------------------------------------------


def test_card_list_per_role(world, login, card_x, card_y):
    for who, sees_x, sees_y in [
        ("supervisor_a", True, True),
        ("admin_a", True, True),
        ("approver_x", True, False),
        ("reviewer_x", True, False),
        ("manager_a", True, True),  # both departments are stationed at center A
        ("reviewer_z", False, False),
        ("manager_b", False, False),
        ("admin_b", False, False),
    ]:
        response = login(getattr(world, who)).get("/supervision/cards/")
        assert response.status_code == 200, who
        page = response.content.decode()
        assert (str(card_x.public_id) in page) is sees_x, who
        assert (str(card_y.public_id) in page) is sees_y, who
    for who in ("clerk_a", "hotline_a", "stranger"):
        assert login(getattr(world, who)).get("/supervision/cards/").status_code == 403, who
    assert login(None).get("/supervision/cards/").status_code == 302


def test_card_list_filters_and_tally(world, login, card_x, card_y):
    client = login(world.supervisor_a)
    page = client.get("/supervision/cards/", {"colour": "red"}).content.decode()
    assert str(card_y.public_id) in page
    assert str(card_x.public_id) not in page
    month = card_x.period_start.strftime("%Y-%m")
    page = client.get("/supervision/cards/", {"month": month, "state": "issued"}).content.decode()
    assert str(card_x.public_id) in page
    page = client.get("/supervision/cards/", {"month": "2020-01"}).content.decode()
    assert str(card_x.public_id) not in page
    # nonsense filters are ignored, never an error page
    response = client.get("/supervision/cards/", {"month": "junk", "state": "x", "page": "z"})
    assert response.status_code == 200
    assert str(card_x.public_id) in response.content.decode()
    tally = response.context["tally"]
    assert {r["department__name"]: (r["red"], r["yellow"]) for r in tally} == {
        world.dept_x.name: (0, 1),
        world.dept_y.name: (1, 0),
    }


def test_card_page_per_role_without_personal_data(world, login, card_x):
    url = f"/supervision/cards/{card_x.public_id}/"
    case = card_x.cases.get()
    for who in ("supervisor_a", "admin_a", "approver_x", "reviewer_x", "manager_a"):
        response = login(getattr(world, who)).get(url)
        assert response.status_code == 200, who
        page = response.content.decode()
        assert case.number in page
        assert case.title in page
        assert world.person.id_number not in page
        assert world.person.name not in page
    for who in ("reviewer_z", "manager_b", "admin_b"):
        assert login(getattr(world, who)).get(url).status_code == 404, who
    assert login(world.clerk_a).get(url).status_code == 403
    forms = login(world.approver_x).get(url).content.decode()
    assert 'data-testid="report-form"' in forms
    assert 'data-testid="close-form"' not in forms
    forms = login(world.supervisor_a).get(url).content.decode()
    assert 'data-testid="withdraw-form"' in forms
    assert 'data-testid="report-form"' not in forms
    forms = login(world.admin_a).get(url).content.decode()
    assert 'data-testid="withdraw-form"' not in forms
    assert 'data-testid="report-form"' not in forms


def test_card_actions_over_http(world, login, card_x):
    base = f"/supervision/cards/{card_x.public_id}"
    text = {"response": "已组织全体窗口人员学习办事指南，并公开承诺。", "revision": 1}
    assert login(world.reviewer_x).post(f"{base}/report/", text).status_code == 403
    assert login(world.approver_x).get(f"{base}/report/").status_code == 405
    # bad input: a message, nothing changes
    response = login(world.approver_x).post(
        f"{base}/report/", {"response": "", "revision": 1}, follow=True
    )
    assert response.status_code == 200
    card_x.refresh_from_db()
    assert card_x.state == CardState.ISSUED
    # the approver of another department does not see the card at all
    approver_y = _user("approver_y2", Role.APPROVER, department=world.dept_y)
    assert login(approver_y).post(f"{base}/report/", text).status_code == 404
    assert login(world.approver_x).post(f"{base}/report/", text).status_code == 302
    card_x.refresh_from_db()
    assert card_x.state == CardState.RECTIFIED
    note = {"note": "整改到位，予以销号。", "revision": 2}
    assert login(world.admin_a).post(f"{base}/close/", note).status_code == 403
    assert login(world.approver_x).post(f"{base}/close/", note).status_code == 403
    assert login(world.supervisor_a).post(f"{base}/close/", note).status_code == 302
    card_x.refresh_from_db()
    assert card_x.state == CardState.CLOSED
    # closing again is refused with a message, not an error page
    response = login(world.supervisor_a).post(
        f"{base}/withdraw/", {"reason": "误发撤回。", "revision": 3}
    )
    assert response.status_code == 302
    card_x.refresh_from_db()
    assert card_x.state == CardState.CLOSED


def test_manual_card_over_http(world, login, desks):
    case = desks.x.accepted("2026-06-01")
    assert login(world.admin_a).get("/supervision/cards/new/").status_code == 403
    assert login(world.approver_x).get("/supervision/cards/new/").status_code == 403
    client = login(world.supervisor_a)
    page = client.get("/supervision/cards/new/").content.decode()
    assert world.dept_x.name in page
    assert world.dept_z.name not in page
    data = {
        "department": world.dept_x.pk,
        "colour": "yellow",
        "reason": "窗口多次要求提供清单外材料。",
        "cases": f"{case.number}\nNO-SUCH-CASE",
    }
    response = client.post("/supervision/cards/new/", data)
    assert response.status_code == 200
    assert "NO-SUCH-CASE" in response.content.decode()
    response = client.post("/supervision/cards/new/", {**data, "department": world.dept_z.pk})
    assert response.status_code == 200
    assert not Card.objects.exists()
    response = client.post("/supervision/cards/new/", {**data, "cases": case.number})
    card = Card.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/supervision/cards/{card.public_id}/"
    assert list(card.cases.all()) == [case]


def test_rules_page(world, login):
    rule = _rule("overdue", "red")
    assert login(world.supervisor_a).get("/supervision/rules/").status_code == 200
    page = login(world.admin_a).get("/supervision/rules/")
    assert page.status_code == 200
    assert 'name="threshold"' not in page.content.decode()
    post = {"rule": rule.pk, "threshold": "5", "is_active": "on"}
    assert login(world.admin_a).post("/supervision/rules/", post).status_code == 403
    assert login(world.approver_x).get("/supervision/rules/").status_code == 403
    client = login(world.supervisor_a)
    response = client.post("/supervision/rules/", {**post, "threshold": "0"}, follow=True)
    assert response.status_code == 200
    rule.refresh_from_db()
    assert rule.threshold == 3
    assert client.post("/supervision/rules/", {**post, "rule": "999999"}).status_code == 404
    assert client.post("/supervision/rules/", post).status_code == 302
    rule.refresh_from_db()
    assert (rule.threshold, rule.is_active, rule.updated_by) == (5, True, world.supervisor_a)
    client.post("/supervision/rules/", {"rule": rule.pk, "threshold": "5"})  # unticked: inactive
    rule.refresh_from_db()
    assert rule.is_active is False
