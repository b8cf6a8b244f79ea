"""The main paths of a case, service by service: window intake, back office, delivery."""

from __future__ import annotations

import datetime

import pytest

from onewindow.cases.choices import Action, CaseState, MaterialStatus, Outcome
from onewindow.cases.factories import inputs_for, receive_case
from onewindow.cases.services import acceptance, backoffice, delivery
from onewindow.core.errors import DomainError, NotPermitted
from onewindow.documents.choices import DocumentKind
from onewindow.notifications.models import Message


def actions(case) -> list[str]:
    return list(case.events.order_by("at", "id").values_list("action", flat=True))


def kinds(case) -> list[str]:
    return list(case.documents.order_by("id").values_list("kind", flat=True))


def test_window_intake_review_decision_pickup(world, entry_x):
    # Given a clerk receives a complete application
    case = receive_case(
        clerk=world.clerk_a, place=world.center_a, entry=entry_x, applicant=world.person
    )
    assert case.state == CaseState.RECEIVED
    assert case.number.startswith(entry_x.code)
    assert case.acceptance_due is not None
    # When the window accepts, the reviewer passes and the approver approves
    acceptance.case_accept(case=case, expected_revision=case.revision, actor=world.clerk_a)
    assert case.state == CaseState.IN_REVIEW
    assert case.due_date is not None
    backoffice.case_step_pass(
        case=case,
        expected_revision=case.revision,
        actor=world.reviewer_x,
        opinion="材料齐全，符合条件",
    )
    backoffice.case_decide(
        case=case,
        expected_revision=case.revision,
        actor=world.approver_x,
        approved=True,
        opinion="准予登记",
    )
    assert case.state == CaseState.DECIDED
    assert case.outcome == Outcome.APPROVED
    assert case.result_number
    # Then the delivery window hands it over against the pickup code
    delivery.case_ready(case=case, expected_revision=case.revision, actor=world.clerk_a)
    assert len(case.pickup_code) == 6
    with pytest.raises(DomainError):
        delivery.case_deliver(
            case=case, expected_revision=case.revision, actor=world.clerk_a, pickup_code="000000x"
        )
    delivery.case_deliver(
        case=case,
        expected_revision=case.revision,
        actor=world.clerk_a,
        pickup_code=case.pickup_code,
    )
    assert case.state == CaseState.COMPLETED
    assert actions(case) == [
        Action.RECEIVE,
        Action.ACCEPT,
        Action.PASS,
        Action.APPROVE,
        Action.READY,
        Action.DELIVER,
    ]
    assert kinds(case) == [
        DocumentKind.RECEIPT,
        DocumentKind.ACCEPTANCE,
        DocumentKind.APPROVAL,
        DocumentKind.COMPLETION,
        DocumentKind.DELIVERY_RECEIPT,
    ]
    events = set(Message.objects.filter(case_number=case.number).values_list("event", flat=True))
    assert {"case.received", "case.accepted", "case.decided", "case.ready_for_pickup"} <= events


def test_clerk_cannot_skip_or_invent_materials(world, entry_x):
    answers = ["self"]
    lines = inputs_for(entry_x, answers)
    with pytest.raises(DomainError):
        receive_case(
            clerk=world.clerk_a,
            place=world.center_a,
            entry=entry_x,
            applicant=world.person,
            materials=lines[:-1],
        )


def test_clerk_cannot_decide_and_reviewer_cannot_accept(world, entry_x):
    case = receive_case(
        clerk=world.clerk_a, place=world.center_a, entry=entry_x, applicant=world.person
    )
    with pytest.raises(NotPermitted):
        acceptance.case_accept(case=case, expected_revision=case.revision, actor=world.reviewer_x)
    acceptance.case_accept(case=case, expected_revision=case.revision, actor=world.clerk_a)
    with pytest.raises(NotPermitted):
        backoffice.case_step_pass(
            case=case, expected_revision=case.revision, actor=world.clerk_a, opinion="ok"
        )
    with pytest.raises(NotPermitted):
        backoffice.case_step_pass(
            case=case, expected_revision=case.revision, actor=world.reviewer_y, opinion="ok"
        )
    # the approver cannot skip the reviewer's step
    with pytest.raises(DomainError):
        backoffice.case_decide(
            case=case,
            expected_revision=case.revision,
            actor=world.approver_x,
            approved=True,
            opinion="ok",
        )


def test_accept_refused_when_required_material_missing(world, entry_x):
    case = receive_case(
        clerk=world.clerk_a,
        place=world.center_a,
        entry=entry_x,
        applicant=world.person,
        missing=("个体工商户登记申请书",),
    )
    with pytest.raises(DomainError):
        acceptance.case_accept(case=case, expected_revision=case.revision, actor=world.clerk_a)
    assert case.state == CaseState.RECEIVED
    assert case.events.count() == 1


def test_correction_then_accept(world, entry_x):
    case = receive_case(
        clerk=world.clerk_a,
        place=world.center_a,
        entry=entry_x,
        applicant=world.person,
        missing=("个体工商户登记申请书", "经营场所使用证明"),
    )
    acceptance.case_request_correction(
        case=case, expected_revision=case.revision, actor=world.clerk_a, opinion="请补齐"
    )
    assert case.state == CaseState.CORRECTION
    notice = case.documents.get(kind=DocumentKind.CORRECTION)
    # one notice lists every missing material at once
    assert {m["name"] for m in notice.data["materials"]} == {
        "个体工商户登记申请书",
        "经营场所使用证明",
    }
    acceptance.case_resubmit(
        case=case,
        expected_revision=case.revision,
        actor=world.clerk_a,
        materials=inputs_for(entry_x, ["self"]),
    )
    assert case.state == CaseState.RECEIVED
    acceptance.case_accept(case=case, expected_revision=case.revision, actor=world.clerk_a)
    assert case.state == CaseState.IN_REVIEW


def test_refusal_goes_through_the_manager(world, entry_x):
    case = receive_case(
        clerk=world.clerk_a, place=world.center_a, entry=entry_x, applicant=world.person
    )
    with pytest.raises(DomainError):
        acceptance.case_propose_refusal(
            case=case,
            expected_revision=case.revision,
            actor=world.clerk_a,
            reason="不属于本部门职权",
            basis="",
        )
    acceptance.case_propose_refusal(
        case=case,
        expected_revision=case.revision,
        actor=world.clerk_a,
        reason="申请事项不属于本行政机关职权范围",
        basis="《中华人民共和国行政许可法》第三十二条第一款第（二）项",
    )
    assert case.state == CaseState.REFUSAL_PENDING
    # the window cannot confirm its own refusal
    with pytest.raises(NotPermitted):
        acceptance.case_confirm_refusal(
            case=case, expected_revision=case.revision, actor=world.clerk_a
        )
    # sent back once, proposed again, then confirmed
    acceptance.case_reject_refusal(
        case=case, expected_revision=case.revision, actor=world.manager_a, opinion="请核实职权"
    )
    assert case.state == CaseState.RECEIVED
    acceptance.case_propose_refusal(
        case=case,
        expected_revision=case.revision,
        actor=world.clerk_a,
        reason="不属于本机关职权",
        basis="行政许可法第三十二条",
    )
    acceptance.case_confirm_refusal(
        case=case, expected_revision=case.revision, actor=world.manager_a, opinion="同意"
    )
    assert case.state == CaseState.REFUSED
    notice = case.documents.get(kind=DocumentKind.REFUSAL)
    assert notice.data["reason"] == "不属于本机关职权"
    assert notice.data["appeal_government"].endswith("人民政府")


def test_not_approved_needs_reasons(world, entry_x):
    case = receive_case(
        clerk=world.clerk_a, place=world.center_a, entry=entry_x, applicant=world.person
    )
    acceptance.case_accept(case=case, expected_revision=case.revision, actor=world.clerk_a)
    backoffice.case_step_pass(
        case=case,
        expected_revision=case.revision,
        actor=world.reviewer_x,
        opinion="经营场所不符合要求",
    )
    with pytest.raises(DomainError):
        backoffice.case_decide(
            case=case,
            expected_revision=case.revision,
            actor=world.approver_x,
            approved=False,
            opinion="不予",
        )
    backoffice.case_decide(
        case=case,
        expected_revision=case.revision,
        actor=world.approver_x,
        approved=False,
        opinion="不予许可",
        reason="经营场所位于禁止经营区域",
        basis="《个体工商户条例》第八条",
    )
    assert case.outcome == Outcome.DENIED
    denial = case.documents.get(kind=DocumentKind.DENIAL)
    assert denial.data["reason"] == "经营场所位于禁止经营区域"


def test_withdrawal_before_decision(world, entry_x):
    case = receive_case(
        clerk=world.clerk_a, place=world.center_a, entry=entry_x, applicant=world.person
    )
    acceptance.case_accept(case=case, expected_revision=case.revision, actor=world.clerk_a)
    delivery.case_withdraw(
        case=case, expected_revision=case.revision, actor=world.clerk_a, reason="申请人书面申请撤回"
    )
    assert case.state == CaseState.WITHDRAWN
    assert DocumentKind.WITHDRAWAL in kinds(case)
    with pytest.raises(DomainError):
        backoffice.case_step_pass(
            case=case, expected_revision=case.revision, actor=world.reviewer_x, opinion="ok"
        )


def test_deferred_acceptance_tracks_missing_material(world, entry_x):
    case = receive_case(
        clerk=world.clerk_a,
        place=world.center_a,
        entry=entry_x,
        applicant=world.person,
        missing=("经营场所使用证明",),
    )
    today = datetime.date.today()
    acceptance.case_accept_deferred(
        case=case,
        expected_revision=case.revision,
        actor=world.clerk_a,
        due_date=today + datetime.timedelta(days=5),
    )
    assert case.state == CaseState.IN_REVIEW
    assert case.deferred
    row = case.materials.get(name="经营场所使用证明")
    assert row.status == MaterialStatus.DEFERRED
    assert DocumentKind.DEFERRAL_COMMITMENT in kinds(case)
    delivery.case_material_supply(
        case=case, expected_revision=case.revision, actor=world.clerk_a, position=row.position
    )
    row.refresh_from_db()
    assert row.status == MaterialStatus.SUPPLIED


def test_deferred_refused_for_key_material(world, entry_x):
    case = receive_case(
        clerk=world.clerk_a,
        place=world.center_a,
        entry=entry_x,
        applicant=world.person,
        missing=("个体工商户登记申请书",),
    )
    with pytest.raises(DomainError):
        acceptance.case_accept_deferred(
            case=case,
            expected_revision=case.revision,
            actor=world.clerk_a,
            due_date=datetime.date.today() + datetime.timedelta(days=5),
        )


def test_instant_item_decided_on_the_spot(world, entry_instant):
    case = receive_case(
        clerk=world.clerk_a, place=world.center_a, entry=entry_instant, applicant=world.person
    )
    acceptance.case_decide_on_spot(case=case, expected_revision=case.revision, actor=world.clerk_a)
    assert case.state == CaseState.DECIDED
    assert actions(case) == [Action.RECEIVE, Action.ACCEPT, Action.DECIDE_ON_SPOT]


def test_special_procedure_pauses_and_extension(world, entry_x):
    case = receive_case(
        clerk=world.clerk_a, place=world.center_a, entry=entry_x, applicant=world.person
    )
    acceptance.case_accept(case=case, expected_revision=case.revision, actor=world.clerk_a)
    with pytest.raises(DomainError):  # not provided for by this guide
        backoffice.case_procedure_start(
            case=case,
            expected_revision=case.revision,
            actor=world.reviewer_x,
            kind="hearing",
            reason="听证",
            basis="第四十六条",
        )
    backoffice.case_procedure_start(
        case=case,
        expected_revision=case.revision,
        actor=world.reviewer_x,
        kind="inspection",
        reason="需现场核查经营场所",
        basis="《中华人民共和国行政许可法》第四十五条",
    )
    assert case.state == CaseState.SUSPENDED
    backoffice.case_procedure_end(
        case=case, expected_revision=case.revision, actor=world.reviewer_x, result="核查合格"
    )
    assert case.state == CaseState.IN_REVIEW
    with pytest.raises(NotPermitted):  # only the approver grants extensions
        backoffice.case_extend(
            case=case,
            expected_revision=case.revision,
            actor=world.reviewer_x,
            days=5,
            reason="情况复杂",
        )
    before = case.due_date
    backoffice.case_extend(
        case=case,
        expected_revision=case.revision,
        actor=world.approver_x,
        days=5,
        reason="情况复杂",
    )
    assert case.extension_days == 5
    assert case.due_date > before
    with pytest.raises(DomainError):
        backoffice.case_extend(
            case=case,
            expected_revision=case.revision,
            actor=world.approver_x,
            days=6,
            reason="再延",
        )
    assert kinds(case).count(DocumentKind.SPECIAL_PROCEDURE) == 2


def test_overdue_deferred_material_is_flagged(world, entry_x):
    from onewindow.cases import selectors

    case = receive_case(
        clerk=world.clerk_a,
        place=world.center_a,
        entry=entry_x,
        applicant=world.person,
        missing=("经营场所使用证明",),
    )
    due = datetime.date.today() + datetime.timedelta(days=3)
    acceptance.case_accept_deferred(
        case=case, expected_revision=case.revision, actor=world.clerk_a, due_date=due
    )
    assert not selectors.overdue_materials(user=world.clerk_a, today=due).exists()
    late = selectors.overdue_materials(user=world.clerk_a, today=due + datetime.timedelta(days=1))
    assert [m.name for m in late] == ["经营场所使用证明"]
    # the supervisor of the county sees it too; the clerk of another county does not
    assert selectors.overdue_materials(
        user=world.supervisor_a, today=due + datetime.timedelta(days=1)
    ).exists()
    assert not selectors.overdue_materials(
        user=world.clerk_b, today=due + datetime.timedelta(days=1)
    ).exists()


def test_fetched_material_needs_no_entry(world):
    from onewindow.cases.factories import licence_entry
    from onewindow.catalog.factories import BASE_GUIDE

    materials = [dict(m) for m in BASE_GUIDE["materials"]]
    materials[1]["form"] = "fetched"  # 经营者身份证件 comes from the e-licence library
    entry = licence_entry(world.dept_x, materials=materials)
    lines = [i for i in inputs_for(entry, ["self"]) if i.position != 1]
    case = receive_case(
        clerk=world.clerk_a,
        place=world.center_a,
        entry=entry,
        applicant=world.person,
        materials=lines,
    )
    assert case.materials.get(position=1).status == MaterialStatus.FETCHED
    acceptance.case_accept(case=case, expected_revision=case.revision, actor=world.clerk_a)
    assert case.state == CaseState.IN_REVIEW


def test_an_empty_resubmission_is_refused_and_changes_nothing(world, login, entry_x):
    """Issue 17 item 8: §32(4) — a resubmission brings the lines the correction notice asked for.
    A clerk's empty POST used to move the case back to RECEIVED (restarting the §32 clock) with
    the materials still missing."""
    case = receive_case(
        clerk=world.clerk_a,
        place=world.center_a,
        entry=entry_x,
        applicant=world.person,
        missing=("经营场所使用证明",),
    )
    acceptance.case_request_correction(
        case=case, expected_revision=case.revision, actor=world.clerk_a, opinion="请补齐"
    )
    events, revision = case.events.count(), case.revision
    with pytest.raises(DomainError, match="经营场所使用证明"):
        acceptance.case_resubmit(
            case=case, expected_revision=case.revision, actor=world.clerk_a, materials=[]
        )
    # The page's empty POST: refused with the names of the lines still missing, nothing written.
    clerk = login(world.clerk_a)
    response = clerk.post(
        f"/cases/{case.number}/act/resubmit/", {"revision": case.revision}, follow=True
    )
    assert "经营场所使用证明" in response.content.decode()
    case.refresh_from_db()
    assert case.state == CaseState.CORRECTION
    assert (case.events.count(), case.revision) == (events, revision)
    # With the corrected line recorded as received, the same resubmission goes through.
    acceptance.case_resubmit(
        case=case,
        expected_revision=case.revision,
        actor=world.clerk_a,
        materials=inputs_for(entry_x, ["self"]),
    )
    assert case.state == CaseState.RECEIVED
