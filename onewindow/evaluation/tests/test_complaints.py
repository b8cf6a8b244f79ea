"""投诉 (GB/T 36113): 受理 → 调查 → 处置 → 反馈 → 归档; the person complained about never sees
it."""

from __future__ import annotations

from typing import Any

import pytest

from onewindow.core.errors import DomainError, NotPermitted
from onewindow.evaluation import services
from onewindow.evaluation.choices import ComplaintState
from onewindow.evaluation.machines import COMPLAINT
from onewindow.evaluation.models import Complaint
from onewindow.notifications.models import Message
from onewindow.workflow.engine import available_actions

pytestmark = pytest.mark.django_db
CS = ComplaintState


def _file(world: Any, **extra: Any) -> Complaint:
    fields = {
        "actor": world.clerk_a,
        "channel": "window",
        "place": world.center_a,
        "about": "staff",
        "content": "窗口人员态度恶劣，拒绝解释材料要求。",
        "name": "王小明",
        "phone": "13912345678",
        "staff_user": world.clerk_a,
    }
    return services.complaint_file(**(fields | extra))


def test_the_whole_complaint_reaches_the_complainant(world: Any, login: Any) -> None:
    complaint = _file(world)
    assert complaint.state == CS.RECEIVED
    assert complaint.due_date > complaint.filed_at.date()
    assert Message.objects.filter(
        event="evaluation.complaint", recipient_user=world.manager_a
    ).exists()
    manager = world.manager_a
    for action, text in (
        ("accept", None),
        ("handle", "调取录像属实，已对当事人批评教育。"),
        ("answer", "您的投诉已核实处理，感谢监督。"),
        ("archive", None),
    ):
        complaint = services.complaint_act(
            complaint=complaint,
            actor=manager,
            action=action,
            text=text,
            expected_revision=complaint.revision,
        )
    assert complaint.state == CS.ARCHIVED
    assert complaint.owner == manager
    answer = Message.objects.get(event="evaluation.complaint", recipient_phone="13912345678")
    assert "已核实处理" in answer.body


def test_the_person_complained_about_never_sees_or_handles_it(world: Any, login: Any) -> None:
    # The center's manager is complained about: the region's supervisors handle it.
    complaint = _file(world, staff_user=world.manager_a, about="staff")
    url = f"/evaluation/complaints/{complaint.public_id}/"
    assert login(world.manager_a).get(url).status_code == 404
    assert (
        str(complaint.public_id)
        not in login(world.manager_a).get("/evaluation/complaints/").content.decode()
    )
    assert available_actions(COMPLAINT, world.manager_a, complaint) == []
    with pytest.raises(NotPermitted):
        services.complaint_act(
            complaint=complaint,
            actor=world.manager_a,
            action="accept",
            text=None,
            expected_revision=complaint.revision,
        )
    told = Message.objects.filter(event="evaluation.complaint").values_list(
        "recipient_user__username", flat=True
    )
    assert "manager_a" not in set(told)
    assert "supervisor_a" in set(told)
    page = login(world.supervisor_a).get(url).content.decode()
    assert "13912345678" not in page  # masked for the handlers
    assert "139****5678" in page
    assert 'data-testid="complaint-actions"' in page


def test_who_files_on_which_channel(world: Any) -> None:
    with pytest.raises(NotPermitted):  # a clerk of county B at county A's window
        _file(world, actor=world.clerk_b, staff_user=None)
    with pytest.raises(NotPermitted):  # a citizen cannot pose as the complaint window
        _file(world, actor=world.citizen, staff_user=None)
    online = _file(world, actor=world.citizen, channel="portal", staff_user=None, about="service")
    assert online.complainant_user == world.citizen
    by_phone = _file(world, actor=world.hotline_a, channel="hotline", staff_user=None)
    assert by_phone.state == CS.RECEIVED


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"phone": "😀"}, "phone"),
        ({"phone": "-1"}, "phone"),
        ({"content": "  "}, "content"),
        ({"content": "投" * 2001}, "content"),
        ({"name": ""}, "name"),
        ({"about": "nonsense"}, "about"),
    ],
)
def test_bad_input_changes_nothing(world: Any, fields: dict, field: str) -> None:
    with pytest.raises(DomainError) as caught:
        _file(world, **fields)
    assert caught.value.field == field
    assert not Complaint.objects.exists()


def test_not_accepted_needs_a_reason_and_tells_the_complainant(world: Any) -> None:
    complaint = _file(world)
    with pytest.raises(DomainError):
        services.complaint_act(
            complaint=complaint,
            actor=world.manager_a,
            action="not_accept",
            text="",
            expected_revision=complaint.revision,
        )
    complaint = services.complaint_act(
        complaint=complaint,
        actor=world.manager_a,
        action="not_accept",
        text="属于司法程序事项，请依法向人民法院起诉。",
        expected_revision=complaint.revision,
    )
    assert complaint.state == CS.NOT_ACCEPTED
    assert Message.objects.filter(recipient_phone="13912345678", body__contains="司法").exists()


def test_the_portal_pages(world: Any, login: Any) -> None:
    client = login(world.citizen)
    bad = client.post(
        "/evaluation/complaints/new/",
        {
            "place": world.center_a.pk,
            "about": "service",
            "content": "",
            "name": "李华",
            "phone": "1",
        },
    )
    assert bad.status_code == 400
    assert not Complaint.objects.exists()
    response = client.post(
        "/evaluation/complaints/new/",
        {
            "place": world.center_a.pk,
            "about": "service",
            "content": "排队两小时无人叫号。",
            "name": "李华",
            "phone": "13800138000",
        },
    )
    assert response.status_code == 302
    mine = client.get("/evaluation/complaints/mine/").content.decode()
    assert "排队两小时无人叫号" in mine
    assert (
        "排队两小时无人叫号"
        not in login(world.company_user).get("/evaluation/complaints/mine/").content.decode()
    )
