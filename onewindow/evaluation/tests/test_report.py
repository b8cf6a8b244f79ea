"""The monthly satisfaction figures equal a count made rating by rating."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from onewindow.evaluation import report, services
from onewindow.evaluation.choices import ReviewState
from onewindow.evaluation.models import Rating

from .conftest import completed_case

pytestmark = pytest.mark.django_db


def _rated(world: Any, levels: list[int]) -> list[Rating]:
    made = []
    for level in levels:
        case = completed_case(world)
        extra: dict[str, Any] = {"reasons": ["slow"]} if level >= 4 else {}
        made.append(services.rate(case=case, actor=world.citizen, level=level, **extra))
    return made


def _direct(ratings: list[Rating]) -> dict[str, Any]:
    bad = [r for r in ratings if r.level >= 4]
    replied = [
        r
        for r in bad
        if r.review.state in (ReviewState.REPLIED, ReviewState.REVISITED, ReviewState.CLOSED)
    ]
    void = [r for r in bad if r.review.state == ReviewState.VOID]
    return {
        "ratings": len(ratings),
        "levels": tuple(sum(1 for r in ratings if r.level == n) for n in range(1, 6)),
        "bad": len(bad),
        "replied": len(replied),
        "void": len(void),
        "satisfied": sum(1 for r in ratings if r.level <= 3),
    }


def test_figures_equal_a_direct_count(world: Any, login: Any) -> None:
    ratings = _rated(world, [1, 1, 2, 3, 4, 5, 5])
    bad = [r.review for r in ratings if r.level >= 4]
    first = services.review_confirm(
        review=bad[0], actor=world.manager_a, finding="属实", expected_revision=bad[0].revision
    )
    services.review_reply(
        review=first,
        actor=world.manager_a,
        rectification="已整改",
        reply="已整改，感谢监督",
        expected_revision=first.revision,
    )
    second = services.review_appeal(
        review=bad[1],
        actor=world.manager_a,
        kind="mistaken",
        reason="评价对象错误",
        expected_revision=bad[1].revision,
    )
    services.review_decide_appeal(
        review=second,
        actor=world.supervisor_a,
        uphold=True,
        decision="成立",
        expected_revision=second.revision,
    )
    fresh = list(Rating.objects.select_related("review"))
    expected = _direct(fresh)
    lines = report.satisfaction(
        Rating.objects.all(), month=timezone.localdate().replace(day=1), by="center"
    )
    assert len(lines) == 1
    line = lines[0]
    assert line.name == world.center_a.name
    assert (line.ratings, line.levels, line.bad, line.replied, line.void) == (
        expected["ratings"],
        expected["levels"],
        expected["bad"],
        expected["replied"],
        expected["void"],
    )
    # 满意率 = levels 1–3 / all = 4 / 7; 整改率 = replied / (差评 − voided) = 1 / 2.
    assert str(line.satisfaction_rate) == "57.1"
    assert str(line.rectify_rate) == "50.0"
    # Another month is empty; the page and the xlsx show the same figures.
    last_month = timezone.localdate().replace(day=1) - datetime.timedelta(days=1)
    assert report.satisfaction(Rating.objects.all(), month=last_month, by="center") == []
    client = login(world.manager_a)
    page = client.get("/evaluation/report/?by=clerk").content.decode()
    assert "57.1" in page
    book = load_workbook(io.BytesIO(client.get("/evaluation/report/?format=xlsx").content))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[1][0] == world.center_a.name
    assert rows[1][1] == 7
    assert rows[1][8] == pytest.approx(57.1)


def test_the_report_reads_only_what_the_viewer_may_see(world: Any, login: Any) -> None:
    _rated(world, [1, 5])
    assert "report-line" in login(world.manager_a).get("/evaluation/report/").content.decode()
    assert "report-line" not in login(world.manager_b).get("/evaluation/report/").content.decode()
    # A department sees its own ratings only.
    assert "report-line" not in login(world.reviewer_y).get("/evaluation/report/").content.decode()


def test_a_bad_month_is_refused_with_a_message(world: Any, login: Any) -> None:
    response = login(world.manager_a).get("/evaluation/report/?month=2026-13")
    assert response.status_code == 400
    assert "请按“年-月”填写月份" in response.content.decode()
