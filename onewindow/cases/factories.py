"""Test data for cases: entries with the guides the lifecycle needs, and cases built through the
services (never by writing rows), so every case has consistent events and documents."""

from __future__ import annotations

import datetime
from typing import Any

from onewindow.cases.choices import MaterialStatus
from onewindow.cases.models import Case
from onewindow.cases.services.acceptance import case_accept
from onewindow.cases.services.intake import MaterialInput, case_receive_at_window, checklist_lines
from onewindow.catalog.factories import make_entry
from onewindow.catalog.models import Entry


def licence_entry(department: Any, **content: Any) -> Entry:
    """个体工商户设立登记 style: 3 working days, a 容缺 material, on-site inspection allowed."""
    return make_entry(department=department, **content)


def instant_entry(department: Any, **content: Any) -> Entry:
    """A 即办件: decided on the spot, promised limit 0."""
    defaults: dict[str, Any] = {
        "name": "个体工商户注销登记（简易）",
        "case_type": "1",
        "promised_limit": {"value": 0, "unit": "working"},
        "statutory_limit": {"value": 20, "unit": "working"},
        "steps": [
            {"name": "受理", "handler": "综合受理窗口", "limit": 0},
            {"name": "审核办结", "handler": "综合受理窗口", "limit": 0},
            {"name": "出件", "handler": "统一出件窗口", "limit": 0},
        ],
    }
    defaults.update(content)
    return make_entry(department=department, **defaults)


def inputs_for(
    entry: Any,
    answers: list[str],
    *,
    missing: tuple[str, ...] = (),
    defective: tuple[str, ...] = (),
) -> list[MaterialInput]:
    """A MaterialInput for every checklist line: received unless named in missing/defective."""
    result = []
    for position, material in checklist_lines(entry.current_version, answers):
        status = MaterialStatus.RECEIVED
        if material.name in missing:
            status = MaterialStatus.MISSING
        elif material.name in defective:
            status = MaterialStatus.DEFECTIVE
        result.append(
            MaterialInput(
                position=position,
                status=status,
                copies=(material.copies or 0) if status == MaterialStatus.RECEIVED else 0,
                original_seen=status == MaterialStatus.RECEIVED,
                note="" if status == MaterialStatus.RECEIVED else "需补充",
            )
        )
    return result


def receive_case(
    *,
    clerk: Any,
    place: Any,
    entry: Any,
    applicant: Any,
    answers: list[str] | None = None,
    missing: tuple[str, ...] = (),
    at: datetime.datetime | None = None,
    **kwargs: Any,
) -> Case:
    answers = ["self"] if answers is None else answers
    kwargs.setdefault("materials", inputs_for(entry, answers, missing=missing))
    return case_receive_at_window(
        actor=clerk, place=place, entry=entry, applicant=applicant, answers=answers, at=at, **kwargs
    )


def accepted_case(
    *,
    clerk: Any,
    place: Any,
    entry: Any,
    applicant: Any,
    at: datetime.datetime | None = None,
    **kwargs: Any,
) -> Case:
    """A case received at the window and accepted there at ``at``, re-read from the database."""
    case = receive_case(clerk=clerk, place=place, entry=entry, applicant=applicant, at=at, **kwargs)
    case_accept(case=case, actor=clerk, expected_revision=case.revision, at=at)
    case.refresh_from_db()
    return case
