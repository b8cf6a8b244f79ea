"""Demo 好差评: ratings of the demo county's finished services, and 差评 in every loop state.

Through the evaluation services, so every rating and loop is on the audit chain as in real use.
Most services are rated within a few days of completion (mostly 非常满意 / 满意), some are left
to the default 基本满意 run, and a handful of 差评 at the county center are taken by the demo
manager and supervisor to each state of the loop, so the list shows all of them. Does nothing
when ratings exist already.
"""

from __future__ import annotations

import datetime
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from onewindow.cases.choices import CaseKind, CaseState
from onewindow.cases.models import Case
from onewindow.core.errors import DomainError
from onewindow.demo import county
from onewindow.evaluation import services
from onewindow.evaluation.models import Rating, Review

COMMENTS_GOOD = ("窗口工作人员很耐心，一次就办好了。", "办理速度快，比预想的简单。", "")
BAD = (
    (5, ["slow"], "材料交齐后等了很久才有结果，也没人告知进度。"),
    (4, ["trips"], "第一次来没有一次性告知所需材料，又跑了一趟。"),
    (5, ["attitude"], "窗口人员说话不耐烦。"),
    (4, ["guide"], "网上办事指南写的材料和窗口要求不一致。"),
    (5, ["materials"], "要求提供的证明太多。"),
    (4, ["slow"], "排队时间太长。"),
    (5, ["other"], "与本事项无关的诉求：要求退还多年前的罚款。"),
)
# How far each 差评 of BAD is taken through its loop by the demo manager and supervisor.
STAGES = ("verifying", "rectifying", "replied", "closed", "appealed", "void", "revisited")


def _at(done: datetime.datetime, rng: random.Random) -> datetime.datetime:
    return done + datetime.timedelta(hours=rng.randint(1, 96))


def load(*, now: datetime.datetime | None = None, seed: int = 7) -> int:
    if Rating.objects.exists():
        return 0
    now = now or timezone.now()
    rng = random.Random(seed)
    users = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=("manager", "supervisor"))
    }
    manager, supervisor = users.get("manager"), users.get("supervisor")
    finished = list(
        Case.objects.filter(state__in=(CaseState.COMPLETED, CaseState.REFUSED))
        .exclude(kind=CaseKind.JOINT)
        .select_related("place__region", "applicant_person__user", "applicant_org__user")
        .order_by("pk")
    )
    bad_left = list(BAD)
    made = 0
    for case in finished:
        done = case.completed_at or case.updated_at
        rated_at = _at(done, rng)
        at_center = case.place.region.code == county.COUNTY[0]
        if rated_at > now:
            continue  # not yet: the applicant still has time
        roll = rng.random()
        try:
            if bad_left and at_center and manager and roll < 0.25:
                level, reasons, comment = bad_left.pop(0)
                services.rate_by_link(
                    token=services.rating_link_token(case),
                    level=level,
                    reasons=reasons,
                    comment=comment,
                    at=rated_at,
                )
            elif roll < 0.8:
                level = rng.choice((1, 1, 1, 2, 2, 3))
                services.rate_by_link(
                    token=services.rating_link_token(case),
                    level=level,
                    indices={"guide": level, "convenience": rng.choice((1, 2))},
                    comment=rng.choice(COMMENTS_GOOD) if level < 3 else "",
                    at=rated_at,
                )
            else:
                continue  # left to the default run below
        except DomainError:
            continue  # the link expired: completed longer ago than the rating period
        made += 1
    made += services.ratings_default_sweep(now=now)
    if manager and supervisor:
        _walk_loops(manager, supervisor)
    # Loops of ratings given weeks ago and still unanswered are overdue, as the daily run says.
    services.reviews_overdue_sweep()
    return made


def _walk_loops(manager: object, supervisor: object) -> None:
    reviews = list(Review.objects.select_related("rating").order_by("rating__rated_at", "pk"))
    for review, stage in zip(reviews, STAGES, strict=False):
        r = review
        if stage in ("appealed", "void"):
            r = services.review_appeal(
                review=r,
                actor=manager,  # type: ignore[arg-type]
                kind="malicious" if stage == "void" else "mistaken",
                reason="经调取窗口录像，工作人员按规定一次性告知，申请人诉求与服务无关。",
                expected_revision=r.revision,
            )
            if stage == "void":
                services.review_decide_appeal(
                    review=r,
                    actor=supervisor,  # type: ignore[arg-type]
                    uphold=True,
                    decision="经核查，该评价与办事服务无关，申诉成立。",
                    expected_revision=r.revision,
                )
            continue
        if stage == "verifying":
            continue
        r = services.review_confirm(
            review=r,
            actor=manager,  # type: ignore[arg-type]
            finding="经核查，情况属实。",
            expected_revision=r.revision,
        )
        if stage == "rectifying":
            continue
        r = services.review_reply(
            review=r,
            actor=manager,  # type: ignore[arg-type]
            rectification="已对相关窗口人员进行提醒谈话，并组织一次性告知制度培训。",
            reply="您反映的问题已核实并整改，感谢您的监督。",
            expected_revision=r.revision,
        )
        if stage == "replied":
            continue
        r = services.review_revisit(
            review=r,
            actor=manager,  # type: ignore[arg-type]
            result="satisfied",
            note="电话回访，申请人对整改表示满意。",
            expected_revision=r.revision,
        )
        if stage == "closed":
            services.review_close(
                review=r,
                actor=supervisor,  # type: ignore[arg-type]
                note="整改到位，回访满意，办结。",
                expected_revision=r.revision,
            )
