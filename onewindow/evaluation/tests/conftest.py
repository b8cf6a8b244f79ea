from __future__ import annotations

from typing import Any

import pytest

from onewindow.cases.models import Case
from onewindow.cases.services import delivery
from onewindow.cases.tests.builders import Builder

PHONE = "13800138000"


def completed_case(world: Any, **received: Any) -> Case:
    """A case of county A's licence item, decided and handed out at the window."""
    build = Builder(world)
    case = build.in_review(contact_phone=PHONE, **received)
    from onewindow.cases.services import backoffice

    backoffice.case_step_pass(
        case=case, actor=world.reviewer_x, opinion="同意", expected_revision=case.revision
    )
    backoffice.case_decide(
        case=case,
        actor=world.approver_x,
        approved=True,
        opinion="准予",
        expected_revision=case.revision,
    )
    delivery.case_ready(case=case, actor=world.clerk_a, expected_revision=case.revision)
    delivery.case_deliver(
        case=case,
        actor=world.clerk_a,
        pickup_code=case.pickup_code,
        expected_revision=case.revision,
    )
    return Case.objects.get(pk=case.pk)


@pytest.fixture
def completed(world: Any) -> Case:
    return completed_case(world)
