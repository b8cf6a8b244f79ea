"""Rating a service once (national 好差评 rules: five levels, one evaluation per service, the
default 基本满意 after the period)."""

from __future__ import annotations

import datetime
import re
from typing import Any
from unittest import mock

import pytest
from django.core import signing
from django.utils import timezone

from onewindow.cases.models import Case
from onewindow.core.audit import audit_verify
from onewindow.core.errors import DomainError, NotPermitted
from onewindow.core.models import AuditEntry
from onewindow.evaluation import services
from onewindow.evaluation.choices import Level, RatingChannel, ReviewState
from onewindow.evaluation.models import Rating, Review
from onewindow.evaluation.receivers import EVENT_INVITE
from onewindow.notifications.models import Message

from .conftest import PHONE, completed_case

pytestmark = pytest.mark.django_db


def test_the_applicant_rates_once_and_a_second_attempt_says_so(world: Any, completed: Case) -> None:
    rating = services.rate(
        case=completed, actor=world.citizen, level=1, indices={"guide": 1, "usability": 2}
    )
    assert rating.level == Level.VERY_SATISFIED
    assert rating.indices == {"guide": 1, "usability": 2}
    assert rating.real_name
    assert rating.clerk == world.clerk_a
    assert rating.place == world.center_a
    assert rating.department == world.dept_x
    with pytest.raises(DomainError, match=r"已经评价|already been rated"):
        services.rate(case=completed, actor=world.citizen, level=5, comment="再评一次")
    assert Rating.objects.filter(case=completed).count() == 1
    assert Rating.objects.get().level == 1
    assert AuditEntry.objects.filter(kind="rating.rate").count() == 1


def test_only_the_applicant_rates_and_only_a_finished_service(world: Any, completed: Case) -> None:
    for stranger in (world.clerk_a, world.manager_a, world.supervisor_a, world.stranger):
        with pytest.raises(NotPermitted):
            services.rate(case=completed, actor=stranger, level=1)
    running = Builder_in_review(world)
    with pytest.raises(DomainError, match=r"办结|completed"):
        services.rate(case=running, actor=world.citizen, level=1)
    assert not Rating.objects.exists()


def Builder_in_review(world: Any) -> Case:
    from onewindow.cases.tests.builders import Builder

    return Builder(world).in_review()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"level": 0}, "level"),
        ({"level": 6}, "level"),
        ({"level": "abc"}, "level"),
        ({"level": None}, "level"),
        ({"level": 2, "indices": {"attitude": 1}}, "indices"),  # a hall index on the portal
        ({"level": 2, "indices": {"guide": 9}}, "index_guide"),
        ({"level": 2, "reasons": ["slow"]}, "reasons"),  # reasons only with a 差评
        ({"level": 5}, "reasons"),  # a 差评 says what went wrong
        ({"level": 5, "reasons": ["nonsense"]}, "reasons"),
        ({"level": 1, "comment": "好" * 501}, "comment"),  # refused, never cut
    ],
)
def test_bad_input_is_refused_with_its_field_and_changes_nothing(
    world: Any, completed: Case, fields: dict, field: str
) -> None:
    with pytest.raises(DomainError) as caught:
        services.rate(case=completed, actor=world.citizen, **fields)
    assert caught.value.field == field
    assert not Rating.objects.exists()
    assert not Review.objects.exists()


def test_a_bad_rating_opens_its_loop_at_the_unit_that_served(world: Any, completed: Case) -> None:
    rating = services.rate(
        case=completed, actor=world.citizen, level=5, reasons=["slow"], comment="等了很久"
    )
    review = Review.objects.get(rating=rating)
    assert review.state == ReviewState.VERIFYING
    assert (review.place, review.department) == (world.center_a, world.dept_x)
    # 10 working days by default (EVALUATION_RECTIFY_DAYS), counted on the center's calendar.
    assert review.due_date > timezone.localdate()
    told = set(
        Message.objects.filter(event="evaluation.review").values_list(
            "recipient_user__username", flat=True
        )
    )
    assert {"manager_a", "reviewer_x", "approver_x"} <= told
    assert "clerk_a" not in told  # the person rated does not handle the 差评


def test_completion_sends_the_rating_link_and_the_link_works_once(world: Any, client: Any) -> None:
    case = completed_case(world)
    invite = Message.objects.get(event=EVENT_INVITE, case_number=case.number)
    assert invite.recipient_phone == PHONE
    link = re.search(r"(/evaluation/r/[^ ]+/)", invite.body)
    assert link is not None
    # No personal data in the link: the token holds the case's opaque id only.
    token = link.group(1).split("/")[3]
    assert case.id_number not in token
    assert signing.loads(token, salt=services.TOKEN_SALT) == {"c": str(case.public_id)}

    page = client.get(link.group(1))
    assert page.status_code == 200
    assert 'data-testid="rate-form"' in page.content.decode()
    response = client.post(link.group(1), {"level": "2"})
    assert response.status_code == 302
    rating = Rating.objects.get(case=case)
    assert (rating.level, rating.channel, rating.rated_by) == (2, RatingChannel.SMS, None)
    again = client.post(link.group(1), {"level": "5", "reasons": ["slow"]})
    assert 'data-testid="already-rated"' in again.content.decode()
    assert Rating.objects.get(case=case).level == 2


def test_a_forged_or_expired_link_is_refused(world: Any, client: Any, completed: Case) -> None:
    forged = services.rating_link_token(completed)[:-3] + "xyz"
    response = client.post(f"/evaluation/r/{forged}/", {"level": "1"})
    assert response.status_code == 404
    assert "无效" in response.content.decode() or "not valid" in response.content.decode()
    other_salt = signing.dumps({"c": str(completed.public_id)}, salt="elsewhere")
    assert client.post(f"/evaluation/r/{other_salt}/", {"level": "1"}).status_code == 404
    token = services.rating_link_token(completed)
    later = timezone.now() + datetime.timedelta(days=services.default_days(), minutes=1)
    with (
        mock.patch("django.core.signing.time.time", return_value=later.timestamp()),
        pytest.raises(DomainError, match=r"过期|expired"),
    ):
        services.case_of_token(token)
    assert not Rating.objects.exists()


def test_the_default_rating_after_seven_natural_days(world: Any, completed: Case) -> None:
    done = completed.completed_at
    assert done is not None
    # Day 7 after completion, a minute early: nothing yet.
    assert services.ratings_default_sweep(now=done + datetime.timedelta(days=7, minutes=-1)) == 0
    assert services.ratings_default_sweep(now=done + datetime.timedelta(days=7)) == 1
    rating = Rating.objects.get(case=completed)
    assert rating.level == Level.BASICALLY_SATISFIED
    assert rating.is_default
    assert rating.channel == RatingChannel.DEFAULT
    assert not rating.real_name
    assert not Review.objects.exists()  # 基本满意 is not a 差评
    # Once is enough; and the applicant can no longer rate.
    assert services.ratings_default_sweep(now=done + datetime.timedelta(days=9)) == 0
    with pytest.raises(DomainError):
        services.rate(case=completed, actor=world.citizen, level=1)
    assert audit_verify() is None


def test_the_portal_offers_rating_on_the_applicants_page(
    world: Any, login: Any, completed: Case
) -> None:
    client = login(world.citizen)
    page = client.get(f"/me/applications/{completed.number}/").content.decode()
    assert f"/evaluation/rate/{completed.number}/" in page
    response = client.post(
        f"/evaluation/rate/{completed.number}/",
        {"level": "4", "reasons": ["trips"], "comment": "跑了两次", "index_guide": "4"},
    )
    assert response.status_code == 302
    page = client.get(f"/me/applications/{completed.number}/").content.decode()
    assert f"/evaluation/rate/{completed.number}/" not in page
    assert 'data-testid="my-rating"' in page
    # A bad POST shows the reason in Chinese and keeps what was typed.
    other = completed_case(world)
    bad = client.post(f"/evaluation/rate/{other.number}/", {"level": "5", "comment": ""})
    assert bad.status_code == 400
    assert "请选择原因或填写意见" in bad.content.decode()
    assert not Rating.objects.filter(case=other).exists()
