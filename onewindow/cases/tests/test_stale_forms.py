"""No stale writes: every action's form posted against an older revision of the case is refused
with "someone else has just handled this" and changes nothing; a missing or malformed revision is
refused too, never taken for the current one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from onewindow.cases.models import Case
from onewindow.cases.tests.builders import DEFERRABLE, Builder
from onewindow.core.models import AuditEntry
from onewindow.workflow.engine import stale_message

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def _position(case: Case) -> int:
    return case.materials.get(name=DEFERRABLE).position


def _received_rows(case: Case) -> dict[str, str]:
    data = {}
    for m in case.materials.all():
        data[f"m-{m.position}-status"] = "received"
        data[f"m-{m.position}-copies"] = "1"
    return data


# action of the staff page → (how to build the case, who acts, valid form data)
STAFF_FORMS: dict[str, tuple[str, str, Callable[[Case], dict[str, Any]]]] = {
    "window_decision": (
        "received",
        "clerk_a",
        lambda c: {"decision": "accept", **_received_rows(c)},
    ),
    "resubmit": ("correction", "clerk_a", _received_rows),
    "refusal_review confirm": ("refusal_pending", "manager_a", lambda c: {"confirm": "1"}),
    "refusal_review reject": (
        "refusal_pending",
        "manager_a",
        lambda c: {"confirm": "0", "opinion": "理由不成立"},
    ),
    "pass": ("in_review", "reviewer_x", lambda c: {"opinion": "同意"}),
    "return": (
        "in_review",
        "reviewer_x",
        lambda c: {"opinion": "请补正", "materials": _position(c)},
    ),
    "decide": ("at_decision", "approver_x", lambda c: {"approved": "1", "opinion": "准予"}),
    "procedure": (
        "in_review",
        "reviewer_x",
        lambda c: {"kind": "inspection", "reason": "现场核查", "basis": "第四十五条"},
    ),
    "end_procedure": ("suspended", "reviewer_x", lambda c: {"result": "核查合格"}),
    "extend": ("in_review", "approver_x", lambda c: {"days": "2", "reason": "情况复杂"}),
    "deliver_pickup": ("decided", "clerk_a", lambda c: {}),
    "deliver_mail": ("decided_by_mail", "clerk_a", lambda c: {"tracking_number": "1100000001"}),
    "handover": ("ready", "clerk_a", lambda c: {"pickup_code": c.pickup_code}),
    "withdraw": ("received", "clerk_a", lambda c: {"reason": "申请人书面申请撤回"}),
    "return_case": ("correction", "clerk_a", lambda c: {"reason": "逾期未补正"}),
    "supply": ("in_review", "clerk_a", lambda c: {"position": _position(c)}),
}


def _build(world: Any, how: str) -> Case:
    builder = Builder(world)
    if how == "decided_by_mail":
        return builder.decided(mail=True)
    return getattr(builder, how)()


def _footprint(case: Case) -> tuple:
    case.refresh_from_db()
    return (
        case.state,
        case.revision,
        case.events.count(),
        case.documents.count(),
        AuditEntry.objects.count(),
    )


def _stale_text() -> str:
    with translation.override("zh-hans"):
        return stale_message()


def _messages(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("name", list(STAFF_FORMS))
def test_a_stale_staff_form_is_refused_and_changes_nothing(world, login, name):
    how, who, data = STAFF_FORMS[name]
    case = _build(world, how)
    action = name.split()[0]
    before = _footprint(case)
    response = login(getattr(world, who)).post(
        f"/cases/{case.number}/act/{action}/", {"revision": case.revision - 1, **data(case)}
    )
    assert response.status_code == 302
    assert _messages(response) == [_stale_text()]
    assert _footprint(case) == before


@pytest.mark.parametrize("revision", [None, "", "abc", "1.0", "-1"])
def test_a_missing_or_malformed_revision_is_refused(world, login, revision):
    case = Builder(world).in_review()
    before = _footprint(case)
    data: dict[str, Any] = {"opinion": "同意"}
    if revision is not None:
        data["revision"] = revision
    response = login(world.reviewer_x).post(f"/cases/{case.number}/act/pass/", data)
    assert _messages(response) == [_stale_text()]
    assert _footprint(case) == before


def test_the_current_revision_goes_through(world, login):
    """The control: the same form with the revision the page showed is accepted."""
    case = Builder(world).in_review()
    before = _footprint(case)
    response = login(world.reviewer_x).post(
        f"/cases/{case.number}/act/pass/", {"revision": case.revision, "opinion": "同意"}
    )
    assert _messages(response) != [_stale_text()]
    assert _footprint(case)[1] == before[1] + 1


@pytest.mark.parametrize("action", ["withdraw", "resubmit"])
def test_a_stale_portal_form_is_refused_and_changes_nothing(world, login, action):
    builder = Builder(world)
    case = builder.correction()
    before = _footprint(case)
    data: dict[str, Any] = {"revision": case.revision - 1}
    if action == "withdraw":
        data["reason"] = "不想办了"
    else:
        data[f"material-{_position(case)}"] = SimpleUploadedFile(
            "scan.pdf", PDF, content_type="application/pdf"
        )
    response = login(world.citizen).post(f"/me/applications/{case.number}/{action}/", data)
    assert response.status_code == 200
    assert _stale_text() in response.content.decode()
    assert _footprint(case) == before
