"""Pages offer exactly what is allowed: every persona × every case state × every action.

For each combination the engine's offer (``available_actions``) must equal what the engine
accepts (entering ``transition`` succeeds; rolled back at once), and, with valid input, what the
real service accepts. The staff page shows the form of an action iff it is offered, and so does
the applicant's page in the portal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from django.db import transaction

from onewindow.cases import policies
from onewindow.cases.choices import Action, CaseState, Channel
from onewindow.cases.choices import MaterialStatus as MS
from onewindow.cases.factories import inputs_for, licence_entry
from onewindow.cases.machines import CASE, TABLE, procedure_kinds
from onewindow.cases.models import Case, JointService, JointServiceItem
from onewindow.cases.services import acceptance, backoffice, delivery, intake, joint
from onewindow.cases.services.intake import MaterialInput
from onewindow.cases.tests.builders import DEFERRABLE, Builder, due_date
from onewindow.cases.views.detail import PANEL_ACTIONS
from onewindow.core.errors import DomainError
from onewindow.organisations.choices import Role
from onewindow.organisations.factories import AssignmentFactory, StaffFactory, UserFactory
from onewindow.workflow.engine import available_actions, transition

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


class _Rollback(Exception):
    """Raised inside a savepoint to undo what a probe did."""


def _fresh(case: Case) -> Case:
    return Case.objects.get(pk=case.pk)


def _position(case: Case, name: str) -> int:
    # A draft has no lines yet: a position no checklist has.
    found = case.materials.filter(name=name).values_list("position", flat=True).first()
    return 999 if found is None else found


# Each action a persona can take through a page, called with valid input.
SERVICES: dict[str, Callable[[Case, Any], Any]] = {
    Action.SUBMIT: lambda c, u: intake.case_submit(case=c, actor=u, expected_revision=c.revision),
    Action.RECEIVE: lambda c, u: intake.receive(
        c, actor=u, action=Action.RECEIVE, expected_revision=c.revision, at=None
    ),
    Action.ACCEPT: lambda c, u: acceptance.case_accept(
        case=c,
        actor=u,
        materials=inputs_for(c.entry, c.answers),
        expected_revision=c.revision,
    ),
    # 容缺: the deferrable line is marked missing on the form (after a resubmission it may be in).
    Action.ACCEPT_DEFERRED: lambda c, u: acceptance.case_accept_deferred(
        case=c,
        actor=u,
        due_date=due_date(),
        materials=[MaterialInput(position=_position(c, DEFERRABLE), status=MS.MISSING)],
        expected_revision=c.revision,
    ),
    Action.ACCEPT_COMMITMENT: lambda c, u: acceptance.case_accept_commitment(
        case=c, actor=u, expected_revision=c.revision
    ),
    Action.REQUEST_CORRECTION: lambda c, u: acceptance.case_request_correction(
        case=c,
        actor=u,
        materials=[MaterialInput(position=_position(c, DEFERRABLE), status=MS.MISSING)],
        expected_revision=c.revision,
    ),
    Action.RESUBMIT: lambda c, u: acceptance.case_resubmit(
        case=c,
        actor=u,
        materials=inputs_for(c.entry, c.answers),
        expected_revision=c.revision,
    ),
    Action.PROPOSE_REFUSAL: lambda c, u: acceptance.case_propose_refusal(
        case=c,
        actor=u,
        reason="不属于本机关职权范围",
        basis="行政许可法第三十二条",
        expected_revision=c.revision,
    ),
    Action.CONFIRM_REFUSAL: lambda c, u: acceptance.case_confirm_refusal(
        case=c, actor=u, opinion="同意", expected_revision=c.revision
    ),
    Action.REJECT_REFUSAL: lambda c, u: acceptance.case_reject_refusal(
        case=c, actor=u, opinion="理由不成立", expected_revision=c.revision
    ),
    Action.PASS: lambda c, u: backoffice.case_step_pass(
        case=c, actor=u, opinion="同意", expected_revision=c.revision
    ),
    Action.RETURN: lambda c, u: backoffice.case_step_return(
        case=c,
        actor=u,
        opinion="请补正",
        materials=[_position(c, DEFERRABLE)] if c.step_index == 0 else None,
        expected_revision=c.revision,
    ),
    Action.START_PROCEDURE: lambda c, u: backoffice.case_procedure_start(
        case=c,
        actor=u,
        kind=(procedure_kinds(c) or ["inspection"])[0],
        reason="现场核查",
        basis="行政许可法第四十五条",
        expected_revision=c.revision,
    ),
    Action.END_PROCEDURE: lambda c, u: backoffice.case_procedure_end(
        case=c, actor=u, result="核查合格", expected_revision=c.revision
    ),
    Action.EXTEND: lambda c, u: backoffice.case_extend(
        case=c, actor=u, days=1, reason="情况复杂", expected_revision=c.revision
    ),
    Action.APPROVE: lambda c, u: backoffice.case_decide(
        case=c, actor=u, approved=True, opinion="准予", expected_revision=c.revision
    ),
    Action.DENY: lambda c, u: backoffice.case_decide(
        case=c,
        actor=u,
        approved=False,
        opinion="不予",
        reason="不符合条件",
        basis="条例第十条",
        expected_revision=c.revision,
    ),
    Action.SUPPLY_MATERIAL: lambda c, u: delivery.case_material_supply(
        case=c, actor=u, position=_position(c, DEFERRABLE), expected_revision=c.revision
    ),
    Action.READY: lambda c, u: delivery.case_ready(case=c, actor=u, expected_revision=c.revision),
    Action.MAIL: lambda c, u: delivery.case_mail(
        case=c, actor=u, tracking_number="1100000001", expected_revision=c.revision
    ),
    Action.DELIVER: lambda c, u: delivery.case_deliver(
        case=c, actor=u, pickup_code=c.pickup_code, expected_revision=c.revision
    ),
    Action.WITHDRAW: lambda c, u: delivery.case_withdraw(
        case=c, actor=u, reason="申请人书面申请撤回", expected_revision=c.revision
    ),
    Action.RETURN_CASE: lambda c, u: delivery.case_return(
        case=c, actor=u, reason="逾期未补正", expected_revision=c.revision
    ),
}


def _personas(world) -> dict[str, Any]:
    town = StaffFactory(user=UserFactory(username="clerk_town"))
    AssignmentFactory(staff=town, role=Role.WINDOW_CLERK, place=world.town_center_a)
    return {
        "clerk": world.clerk_a,
        "clerk of the town": town.user,
        "reviewer": world.reviewer_x,
        "reviewer of another department": world.reviewer_y,
        "approver": world.approver_x,
        "manager": world.manager_a,
        "supervisor": world.supervisor_a,
        "hotline": world.hotline_a,
        "admin": world.admin_a,
        "applicant": world.citizen,
        "stranger": world.stranger,
        "clerk of county B": world.clerk_b,
        "manager of county B": world.manager_b,
        "reviewer of county B": world.reviewer_z,
        "system": None,
    }


def _cases(world) -> dict[str, Case]:
    build = Builder(world, allows_commitment=True)
    entry, clerk = build.entry, world.clerk_a
    cases: dict[str, Case] = {}
    cases["draft"] = intake.case_new(
        entry=entry,
        place=world.center_a,
        applicant=world.citizen_person,
        channel=Channel.PC,
        answers=["self"],
        submitted_by=world.citizen,
    )
    cases["received"] = build.received()
    cases["correction"] = build.correction()
    cases["refusal pending"] = build.refusal_pending()
    c = cases["refused"] = build.refusal_pending()
    acceptance.case_confirm_refusal(case=c, actor=world.manager_a, expected_revision=c.revision)
    cases["in review, first step"] = build.in_review()
    cases["in review, decision step"] = build.at_decision()
    cases["suspended"] = build.suspended()
    cases["decided"] = build.decided()
    cases["decided, to be mailed"] = build.decided(mail=True)
    cases["ready"] = build.ready()
    cases["mailed"] = build.mailed()
    c = cases["completed"] = build.ready()
    delivery.case_deliver(
        case=c, actor=clerk, pickup_code=c.pickup_code, expected_revision=c.revision
    )
    c = cases["withdrawn"] = build.received()
    delivery.case_withdraw(case=c, actor=clerk, reason="撤回", expected_revision=c.revision)
    c = cases["returned"] = build.correction()
    delivery.case_return(case=c, actor=clerk, reason="逾期", expected_revision=c.revision)
    # A joint application: the parent under review while its parts run in stages.
    service = JointService.objects.create(code="YJS1", name="开店一件事", region=world.county_a)
    for stage, name in ((1, "食品经营许可"), (2, "户外广告设置")):
        JointServiceItem.objects.create(
            joint=service, entry=licence_entry(world.dept_x, name=name), stage=stage
        )
    answers = {item.entry.code: ["self"] for item in service.items.all()}
    _clean, lines = joint.joint_checklist(service, answers)
    parent = joint.case_receive_joint(
        actor=clerk,
        place=world.center_a,
        joint=service,
        applicant=world.citizen_person,
        answers=answers,
        materials=[MaterialInput(position=p, status=MS.RECEIVED, copies=1) for p, _m in lines],
    )
    acceptance.case_accept(case=parent, actor=clerk, expected_revision=parent.revision)
    cases["joint application"] = _fresh(parent)
    cases["part under review"] = parent.parts.get(stage=1)
    cases["part waiting"] = parent.parts.get(stage=2)
    for name, case in cases.items():
        cases[name] = _fresh(case)
    assert {c.state for c in cases.values()} == set(CaseState), "a state is missing"
    return cases


def _engine_accepts(case: Case, action: str, user: Any) -> bool:
    try:
        with (
            transaction.atomic(),
            transition(CASE, case, action, actor=user, expected_revision=case.revision),
        ):
            raise _Rollback
    except _Rollback:
        return True
    except DomainError:
        return False


def _service_accepts(case: Case, action: str, user: Any) -> bool | str | StrPromise:
    try:
        with transaction.atomic():
            SERVICES[action](_fresh(case), user)
            raise _Rollback
    except _Rollback:
        return True
    except DomainError as exc:
        return exc.message


@pytest.mark.django_db
def test_every_persona_is_offered_exactly_what_the_engine_and_the_services_accept(world, login):
    personas = _personas(world)
    cases = _cases(world)
    wrong: list[str] = []
    everything_offered: set[str] = set()
    for state_name, case in cases.items():
        for who, user in personas.items():
            offered = set(available_actions(CASE, user, case))
            if user is not None:
                everything_offered |= offered
            # Outside the table's sources the engine refuses before anything else: no probe.
            possible = [a for a, row in TABLE.items() if case.state in row.sources]
            assert not offered - set(possible)
            acts = bool(policies.capacities(user, case))
            for action in possible:
                entered = _engine_accepts(case, action, user)
                if entered != (action in offered):
                    wrong.append(
                        f"{state_name} / {who} / {action}: offered "
                        f"{action in offered}, engine {entered}"
                    )
                if acts and action in SERVICES:
                    result = _service_accepts(case, action, user)
                    if (result is True) != (action in offered):
                        wrong.append(
                            f"{state_name} / {who} / {action}: offered "
                            f"{action in offered}, service {result}"
                        )
            if user is None:
                continue
            # The pages show a form exactly for what is offered.
            if user == world.citizen:
                html = login(user).get(f"/me/applications/{case.number}/").content.decode()
                shown = {
                    Action.WITHDRAW: 'id="withdraw"' in html,
                    Action.RESUBMIT: 'id="resubmit-form"' in html,
                }
                for action, present in shown.items():
                    if present != (action in offered):
                        wrong.append(f"portal {state_name} / {who} / {action}: shown {present}")
                continue
            response = login(user).get(f"/cases/{case.number}/")
            if response.status_code != 200:
                if offered:
                    wrong.append(f"{state_name} / {who}: no page but offered {sorted(offered)}")
                continue
            html = response.content.decode()
            for panel, actions in PANEL_ACTIONS.items():
                present = f"/cases/{case.number}/act/{panel}/" in html
                if present != bool(offered & set(actions)):
                    wrong.append(f"page {state_name} / {who} / {panel}: shown {present}")
    assert not wrong, "\n".join(wrong)
    # The walk reaches every action a person takes through a page.
    assert set(SERVICES) - {Action.RECEIVE} <= everything_offered
