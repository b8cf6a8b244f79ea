"""The 差评 loop: verify (or appeal), rectify and reply, revisit, close; overdue; who sees what."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from onewindow.core.audit import audit_verify
from onewindow.core.errors import DomainError, NotPermitted
from onewindow.evaluation import services
from onewindow.evaluation.choices import ReviewState
from onewindow.evaluation.machines import REVIEW
from onewindow.evaluation.models import Review
from onewindow.notifications.models import Message
from onewindow.workflow.engine import Stale, available_actions

from .conftest import PHONE, completed_case

pytestmark = pytest.mark.django_db
VS = ReviewState


def _bad(world: Any, **extra: Any) -> Review:
    case = completed_case(world)
    rating = services.rate(
        case=case, actor=world.citizen, level=5, reasons=["attitude"], comment="态度不好", **extra
    )
    return Review.objects.get(rating=rating)


def test_the_whole_loop_reaches_the_applicant(world: Any, login: Any) -> None:
    review = _bad(world)
    manager, supervisor = world.manager_a, world.supervisor_a
    review = services.review_confirm(
        review=review, actor=manager, finding="经核实属实", expected_revision=review.revision
    )
    assert review.state == VS.RECTIFYING
    review = services.review_reply(
        review=review,
        actor=manager,
        rectification="对窗口人员进行批评教育并培训",
        reply="您反映的问题已整改，感谢监督。",
        expected_revision=review.revision,
    )
    assert review.state == VS.REPLIED
    sms = Message.objects.filter(event="evaluation.review", recipient_phone=PHONE)
    assert sms.exists()
    assert "已整改" in sms.first().body
    # The applicant's page shows the reply.
    page = login(world.citizen).get(f"/me/applications/{review.rating.case.number}/")
    assert "您反映的问题已整改" in page.content.decode()
    # A real-name 差评 is revisited before it is closed (100 % 回访).
    assert "close" not in available_actions(REVIEW, supervisor, review)
    with pytest.raises(DomainError, match=r"回访|revisit"):
        services.review_close(
            review=review, actor=supervisor, note="办结", expected_revision=review.revision
        )
    review = services.review_revisit(
        review=review,
        actor=manager,
        result="satisfied",
        note="电话回访，群众表示满意",
        expected_revision=review.revision,
    )
    review = services.review_close(
        review=review, actor=supervisor, note="整改到位，办结", expected_revision=review.revision
    )
    assert review.state == VS.CLOSED
    assert audit_verify() is None


def test_an_appeal_goes_to_the_supervisor(world: Any) -> None:
    review = _bad(world)
    with pytest.raises(DomainError) as caught:
        services.review_appeal(
            review=review, actor=world.approver_x, kind="", reason="x", expected_revision=0
        )
    assert caught.value.field == "kind"
    review = services.review_appeal(
        review=review,
        actor=world.approver_x,
        kind="malicious",
        reason="申请人因不予许可泄愤，附录音",
        expected_revision=review.revision,
    )
    assert review.state == VS.APPEALED
    # The unit cannot decide its own appeal.
    with pytest.raises(NotPermitted):
        services.review_decide_appeal(
            review=review,
            actor=world.manager_a,
            uphold=True,
            decision="成立",
            expected_revision=review.revision,
        )
    dismissed = services.review_decide_appeal(
        review=review,
        actor=world.supervisor_a,
        uphold=False,
        decision="证据不足，申诉不成立",
        expected_revision=review.revision,
    )
    assert dismissed.state == VS.RECTIFYING
    other = _bad(world)
    other = services.review_appeal(
        review=other,
        actor=world.reviewer_x,
        kind="mistaken",
        reason="评价对象错误，非本部门事项",
        expected_revision=other.revision,
    )
    upheld = services.review_decide_appeal(
        review=other,
        actor=world.supervisor_a,
        uphold=True,
        decision="核实评价对象错误",
        expected_revision=other.revision,
    )
    assert upheld.state == VS.VOID
    assert upheld.rating.level == 5  # the rating itself is never changed


def test_who_may_act_and_who_may_see(world: Any, login: Any) -> None:
    review = _bad(world)
    for outsider in (world.clerk_a, world.hotline_a, world.reviewer_y, world.manager_b):
        with pytest.raises(NotPermitted):
            services.review_confirm(
                review=review, actor=outsider, finding="x", expected_revision=review.revision
            )
    url = f"/evaluation/reviews/{review.public_id}/"
    assert login(world.manager_a).get(url).status_code == 200
    assert login(world.reviewer_x).get(url).status_code == 200
    assert login(world.supervisor_a).get(url).status_code == 200
    assert login(world.admin_a).get(url).status_code == 200
    # A department sees only its own 差评; county B sees nothing of county A's.
    assert login(world.reviewer_y).get(url).status_code == 404
    assert login(world.manager_b).get(url).status_code == 404
    assert login(world.clerk_a).get(url).status_code == 403
    listed = login(world.reviewer_y).get("/evaluation/reviews/").content.decode()
    assert str(review.public_id) not in listed
    # The page offers exactly the engine's actions.
    page = login(world.manager_a).get(url).content.decode()
    assert 'data-testid="confirm-form"' in page
    assert 'data-testid="close-form"' not in page
    page = login(world.supervisor_a).get(url).content.decode()
    assert 'data-testid="confirm-form"' not in page


def test_a_stale_form_or_an_empty_text_changes_nothing(world: Any, login: Any) -> None:
    review = _bad(world)
    client = login(world.manager_a)
    act = f"/evaluation/reviews/{review.public_id}/confirm/"
    client.post(act, {"finding": "属实", "revision": review.revision - 1})
    client.post(act, {"finding": "  ", "revision": review.revision})
    client.post(act, {"finding": "属实", "revision": "abc"})
    assert Review.objects.get(pk=review.pk).state == VS.VERIFYING
    with pytest.raises(Stale):
        services.review_confirm(
            review=review, actor=world.manager_a, finding="属实", expected_revision=99
        )
    client.post(act, {"finding": "属实", "revision": review.revision})
    assert Review.objects.get(pk=review.pk).state == VS.RECTIFYING


def test_an_unanswered_loop_is_marked_overdue_once(world: Any) -> None:
    review = _bad(world)
    assert services.reviews_overdue_sweep(today=review.due_date) == 0
    after = review.due_date + datetime.timedelta(days=1)
    assert services.reviews_overdue_sweep(today=after) == 1
    assert services.reviews_overdue_sweep(today=after) == 0
    review.refresh_from_db()
    assert review.overdue
    assert review.state == VS.VERIFYING
    told = Message.objects.filter(event="evaluation.review", subject__contains="逾期").values_list(
        "recipient_user__username", flat=True
    )
    assert "supervisor_a" in set(told)
