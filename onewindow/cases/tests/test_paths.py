"""Less common paths: §32 auto-acceptance, online drafts, 通办, joint applications, returns."""

from __future__ import annotations

import datetime
import uuid

import pytest

from onewindow.cases.choices import Action, CaseKind, CaseState, Channel, Outcome
from onewindow.cases.factories import inputs_for, licence_entry, receive_case
from onewindow.cases.models import Case, JointService, JointServiceItem
from onewindow.cases.services import acceptance, backoffice, delivery, intake, joint
from onewindow.core.errors import DomainError
from onewindow.organisations.choices import Role
from onewindow.organisations.factories import AssignmentFactory, StaffFactory, UserFactory


def test_auto_acceptance_after_five_working_days(world, entry_x):
    received = datetime.datetime(2026, 9, 24, 10, tzinfo=datetime.UTC)  # a Thursday
    case = receive_case(
        clerk=world.clerk_a,
        place=world.center_a,
        entry=entry_x,
        applicant=world.person,
        at=received,
    )
    # 25 Sep, 28 Sep (make-up Saturday?) ... the calendar decides: five working days later
    assert case.acceptance_due is not None
    assert case.acceptance_due > received.date()
    assert acceptance.case_auto_accept_due(today=case.acceptance_due) == []
    accepted = acceptance.case_auto_accept_due(
        today=case.acceptance_due + datetime.timedelta(days=1)
    )
    assert accepted == [case]
    case.refresh_from_db()
    assert case.state == CaseState.IN_REVIEW
    assert case.auto_accepted
    # accepted from the day of receipt, so the deadline runs from then
    assert case.accepted_at == case.received_at
    assert case.events.filter(action=Action.AUTO_ACCEPT, actor__isnull=True).exists()


def test_online_draft_submit_is_idempotent(world, entry_x):
    key = uuid.uuid4()
    answers = ["self"]
    kwargs = {
        "user": world.citizen,
        "entry": entry_x,
        "applicant": world.citizen_person,
        "answers": answers,
        "materials": [],
        "submission_key": key,
        "contact_phone": "13800001111",
    }
    draft = intake.case_draft_save(**kwargs)
    again = intake.case_draft_save(**kwargs)  # a double click
    assert draft.pk == again.pk
    assert Case.objects.count() == 1
    assert draft.state == CaseState.DRAFT
    assert draft.channel == Channel.PC
    with pytest.raises(DomainError):  # required uploads are missing
        intake.case_submit(case=draft, expected_revision=draft.revision, actor=world.citizen)
    files = inputs_for(entry_x, answers)
    from django.core.files.uploadedfile import SimpleUploadedFile

    for line in files:
        line.upload = SimpleUploadedFile("scan.pdf", b"%PDF-1.4 test", "application/pdf")
    intake.case_draft_save(**{**kwargs, "materials": files})
    intake.case_submit(case=draft, expected_revision=draft.revision, actor=world.citizen)
    intake.case_submit(
        case=draft, expected_revision=draft.revision, actor=world.citizen
    )  # resubmitting changes nothing
    draft.refresh_from_db()
    assert draft.state == CaseState.RECEIVED
    assert draft.events.filter(action=Action.SUBMIT).count() == 1
    # the clerk of the competent center pre-reviews it
    acceptance.case_accept(case=draft, expected_revision=draft.revision, actor=world.clerk_a)
    assert draft.state == CaseState.IN_REVIEW


def test_renamed_file_is_refused(world, entry_x):
    from django.core.files.uploadedfile import SimpleUploadedFile

    files = inputs_for(entry_x, ["self"])
    files[0].upload = SimpleUploadedFile("scan.pdf", b"MZ\x90\x00 evil", "application/pdf")
    with pytest.raises(DomainError):
        intake.case_draft_save(
            user=world.citizen,
            entry=entry_x,
            applicant=world.citizen_person,
            answers=["self"],
            materials=files,
            submission_key=uuid.uuid4(),
        )
    assert Case.objects.count() == 0


def _town_clerk(world):
    staff = StaffFactory(user=UserFactory(username="clerk_town"))
    AssignmentFactory(staff=staff, role=Role.WINDOW_CLERK, place=world.town_center_a)
    return staff.user


def test_tongban_routes_to_the_competent_center(world):
    entry = licence_entry(world.dept_x, tongban_scope="county")
    clerk_town = _town_clerk(world)
    case = receive_case(
        clerk=clerk_town, place=world.town_center_a, entry=entry, applicant=world.person
    )
    assert case.place == world.town_center_a
    assert case.home_place == world.center_a
    assert case.events.filter(action=Action.ROUTE).exists()
    # both centers see it
    assert Case.objects.visible_to(clerk_town).filter(pk=case.pk).exists()
    assert Case.objects.visible_to(world.clerk_a).filter(pk=case.pk).exists()
    assert not Case.objects.visible_to(world.clerk_b).filter(pk=case.pk).exists()


def test_no_tongban_outside_scope(world):
    entry = licence_entry(world.dept_x)  # tongban_scope none
    with pytest.raises(DomainError):
        receive_case(clerk=world.clerk_b, place=world.center_b, entry=entry, applicant=world.person)
    city_wide = licence_entry(world.dept_x, tongban_scope="city")
    case = receive_case(
        clerk=world.clerk_b, place=world.center_b, entry=city_wide, applicant=world.person
    )
    assert case.home_place == world.center_a


@pytest.fixture
def construction(world):
    """Three stages: 立项 → (用地, 规划 in parallel) → 施工."""
    j = JointService.objects.create(
        code="YJS620123001", name="工程建设项目审批一件事", region=world.county_a
    )
    approver_y = StaffFactory.create(user=UserFactory(username="approver_y"))
    AssignmentFactory(staff=approver_y.user.staff, role=Role.APPROVER, department=world.dept_y)
    entries = [
        (1, licence_entry(world.dept_x, name="企业投资项目备案")),
        (2, licence_entry(world.dept_x, name="建设用地规划许可")),
        (2, licence_entry(world.dept_y, name="建设工程规划许可")),
        (3, licence_entry(world.dept_x, name="建筑工程施工许可")),
    ]
    for stage, entry in entries:
        JointServiceItem.objects.create(joint=j, entry=entry, stage=stage)
    return j, approver_y.user


def _decide(case, world, approver, *, approved=True):
    reviewer = world.reviewer_x if case.department == world.dept_x else world.reviewer_y
    backoffice.case_step_pass(
        case=case, expected_revision=case.revision, actor=reviewer, opinion="同意"
    )
    backoffice.case_decide(
        case=case,
        expected_revision=case.revision,
        actor=approver,
        approved=approved,
        opinion="决定",
        reason="" if approved else "不符合规划",
        basis="" if approved else "城乡规划法",
    )


def test_joint_case_runs_stages_and_completes(world, construction):
    j, approver_y = construction
    answers = {item.entry.code: ["self"] for item in j.items.all()}
    _clean, lines = joint.joint_checklist(j, answers)
    from onewindow.cases.services.intake import MaterialInput

    parent = joint.case_receive_joint(
        actor=world.clerk_a,
        place=world.center_a,
        joint=j,
        applicant=world.company,
        answers=answers,
        materials=[MaterialInput(position=p, status="received", copies=1) for p, _m in lines],
    )
    # one checklist: shared materials appear once
    names = [m.name for _p, m in lines]
    assert len(names) == len(set(names))
    acceptance.case_accept(case=parent, expected_revision=parent.revision, actor=world.clerk_a)
    parts = {p.title: p for p in parent.parts.all()}
    assert parts["企业投资项目备案"].state == CaseState.IN_REVIEW
    assert parts["建设用地规划许可"].state == CaseState.WAITING
    assert parts["建筑工程施工许可"].state == CaseState.WAITING
    # reviewers of Y see only their part
    assert set(Case.objects.visible_to(world.reviewer_y).values_list("title", flat=True)) == {
        "建设工程规划许可"
    }
    _decide(parts["企业投资项目备案"], world, world.approver_x)
    for p in parts.values():
        p.refresh_from_db()
    assert parts["建设用地规划许可"].state == CaseState.IN_REVIEW
    assert parts["建设工程规划许可"].state == CaseState.IN_REVIEW
    assert parts["建筑工程施工许可"].state == CaseState.WAITING
    _decide(parts["建设用地规划许可"], world, world.approver_x)
    parts["建筑工程施工许可"].refresh_from_db()
    assert parts["建筑工程施工许可"].state == CaseState.WAITING  # its sibling is still running
    _decide(parts["建设工程规划许可"], world, approver_y)
    parts["建筑工程施工许可"].refresh_from_db()
    assert parts["建筑工程施工许可"].state == CaseState.IN_REVIEW
    _decide(parts["建筑工程施工许可"], world, world.approver_x)
    parent.refresh_from_db()
    assert parent.state == CaseState.DECIDED
    assert parent.outcome == Outcome.APPROVED
    delivery.case_ready(case=parent, expected_revision=parent.revision, actor=world.clerk_a)
    delivery.case_deliver(
        case=parent,
        expected_revision=parent.revision,
        actor=world.clerk_a,
        pickup_code=parent.pickup_code,
    )
    assert parent.state == CaseState.COMPLETED
    assert set(parent.parts.values_list("state", flat=True)) == {CaseState.COMPLETED}
    assert parent.kind == CaseKind.JOINT


def test_joint_case_stops_when_a_part_is_denied(world, construction):
    j, _approver_y = construction
    answers = {item.entry.code: ["self"] for item in j.items.all()}
    _clean, lines = joint.joint_checklist(j, answers)
    from onewindow.cases.services.intake import MaterialInput

    parent = joint.case_receive_joint(
        actor=world.clerk_a,
        place=world.center_a,
        joint=j,
        applicant=world.company,
        answers=answers,
        materials=[MaterialInput(position=p, status="received", copies=1) for p, _m in lines],
    )
    acceptance.case_accept(case=parent, expected_revision=parent.revision, actor=world.clerk_a)
    first = parent.parts.get(stage=1)
    _decide(first, world, world.approver_x, approved=False)
    parent.refresh_from_db()
    assert parent.state == CaseState.DECIDED
    assert parent.outcome == Outcome.DENIED
    assert set(parent.parts.filter(stage__gt=1).values_list("state", flat=True)) == {
        CaseState.RETURNED
    }


def test_return_to_applicant_only_for_checklist_materials(world, entry_x):
    case = receive_case(
        clerk=world.clerk_a, place=world.center_a, entry=entry_x, applicant=world.person
    )
    acceptance.case_accept(case=case, expected_revision=case.revision, actor=world.clerk_a)
    with pytest.raises(DomainError):
        backoffice.case_step_return(
            case=case,
            expected_revision=case.revision,
            actor=world.reviewer_x,
            opinion="请补充房产证",
            materials=[],
        )
    with pytest.raises(DomainError):
        backoffice.case_step_return(
            case=case,
            expected_revision=case.revision,
            actor=world.reviewer_x,
            opinion="请补充房产证",
            materials=[99],
        )
    position = case.materials.get(name="经营场所使用证明").position
    backoffice.case_step_return(
        case=case,
        expected_revision=case.revision,
        actor=world.reviewer_x,
        opinion="场所证明不清晰",
        materials=[position],
    )
    assert case.state == CaseState.CORRECTION
    event = case.events.get(action=Action.RETURN)
    assert event.data["materials"] == ["经营场所使用证明"]
    acceptance.case_resubmit(
        case=case,
        expected_revision=case.revision,
        actor=world.clerk_a,
        materials=inputs_for(entry_x, ["self"]),
    )
    assert case.state == CaseState.IN_REVIEW  # back to the step that returned it


def test_stale_form_is_refused(world, entry_x):
    case = receive_case(
        clerk=world.clerk_a, place=world.center_a, entry=entry_x, applicant=world.person
    )
    opened = case.revision
    acceptance.case_accept(case=case, actor=world.clerk_a, expected_revision=opened)
    with pytest.raises(DomainError):
        acceptance.case_request_correction(case=case, actor=world.clerk_a, expected_revision=opened)


def test_decision_without_acceptance_is_impossible(world, entry_x):
    from onewindow.cases.models import CaseEvent

    case = receive_case(
        clerk=world.clerk_a, place=world.center_a, entry=entry_x, applicant=world.person
    )
    acceptance.case_accept(case=case, expected_revision=case.revision, actor=world.clerk_a)
    backoffice.case_step_pass(
        case=case, expected_revision=case.revision, actor=world.reviewer_x, opinion="同意"
    )
    CaseEvent.objects.filter(case=case, action=Action.ACCEPT).delete()  # a "back door" case
    with pytest.raises(DomainError):
        backoffice.case_decide(
            case=case,
            expected_revision=case.revision,
            actor=world.approver_x,
            approved=True,
            opinion="ok",
        )


def test_calendar_change_moves_open_deadlines(world, entry_x):
    from onewindow.deadlines.calendar import calendar_for
    from onewindow.deadlines.services import calendar_day_set

    accepted_at = datetime.datetime(2026, 6, 1, 2, tzinfo=datetime.UTC)  # a Monday
    case = receive_case(
        clerk=world.clerk_a,
        place=world.center_a,
        entry=entry_x,
        applicant=world.person,
        at=accepted_at,
    )
    acceptance.case_accept(
        case=case, expected_revision=case.revision, actor=world.clerk_a, at=accepted_at
    )
    before = case.due_date
    assert before == calendar_for(world.center_a).add_days(datetime.date(2026, 6, 1), 3)
    # an extra day off inside the counted days pushes the deadline one working day later
    calendar_day_set(
        day=datetime.date(2026, 6, 2), kind="closed", name="临时停电", actor=world.admin_province
    )
    case.refresh_from_db()
    assert case.due_date > before
