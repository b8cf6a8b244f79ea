"""Cases in each state, built through the services (for the walks over states)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from onewindow.cases.factories import licence_entry, receive_case
from onewindow.cases.models import Case
from onewindow.cases.services import acceptance, backoffice, delivery

DEFERRABLE = "经营场所使用证明"


def due_date() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=7)


class Builder:
    """Cases of county A's licence item at its center, the deferrable material missing."""

    def __init__(self, world: Any, **content: Any) -> None:
        self.world = world
        self.entry = licence_entry(world.dept_x, **content)

    def received(self, **kwargs: Any) -> Case:
        return receive_case(
            clerk=self.world.clerk_a,
            place=self.world.center_a,
            entry=self.entry,
            applicant=self.world.citizen_person,
            missing=(DEFERRABLE,),
            **kwargs,
        )

    def correction(self) -> Case:
        case = self.received()
        acceptance.case_request_correction(
            case=case, actor=self.world.clerk_a, expected_revision=case.revision
        )
        return case

    def refusal_pending(self) -> Case:
        case = self.received()
        acceptance.case_propose_refusal(
            case=case,
            actor=self.world.clerk_a,
            reason="不属于本机关职权范围",
            basis="行政许可法第三十二条",
            expected_revision=case.revision,
        )
        return case

    def in_review(self, **kwargs: Any) -> Case:
        """Accepted with the deferrable material to follow (容缺), at the first step."""
        case = self.received(**kwargs)
        acceptance.case_accept_deferred(
            case=case,
            actor=self.world.clerk_a,
            due_date=due_date(),
            expected_revision=case.revision,
        )
        return case

    def at_decision(self, **kwargs: Any) -> Case:
        case = self.in_review(**kwargs)
        backoffice.case_step_pass(
            case=case, actor=self.world.reviewer_x, opinion="同意", expected_revision=case.revision
        )
        return case

    def suspended(self) -> Case:
        case = self.in_review()
        backoffice.case_procedure_start(
            case=case,
            actor=self.world.reviewer_x,
            kind="inspection",
            reason="现场核查",
            basis="行政许可法第四十五条",
            expected_revision=case.revision,
        )
        return case

    def decided(self, *, mail: bool = False) -> Case:
        extra = {"delivery_method": "mail", "delivery_address": "榆中县城关镇1号"} if mail else {}
        case = self.at_decision(**extra)
        backoffice.case_decide(
            case=case,
            actor=self.world.approver_x,
            approved=True,
            opinion="准予",
            expected_revision=case.revision,
        )
        return case

    def ready(self) -> Case:
        case = self.decided()
        delivery.case_ready(case=case, actor=self.world.clerk_a, expected_revision=case.revision)
        return case

    def mailed(self) -> Case:
        case = self.decided(mail=True)
        delivery.case_mail(
            case=case,
            actor=self.world.clerk_a,
            tracking_number="1100000001",
            expected_revision=case.revision,
        )
        return case
