"""督办: a supervisor urges a department with a reply day, the department replies, the supervisor
closes it; an unanswered urging turns overdue exactly once. Every step is on the audit chain."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape
from django.utils.translation import gettext, override

from onewindow.cases.factories import licence_entry, receive_case
from onewindow.cases.models import Case
from onewindow.cases.services import acceptance, delivery
from onewindow.core.audit import audit_verify
from onewindow.core.errors import DomainError, NotPermitted
from onewindow.core.models import AuditEntry
from onewindow.demo import supervision_urgings
from onewindow.notifications.models import Message
from onewindow.organisations.choices import Role
from onewindow.organisations.factories import AssignmentFactory, StaffFactory, UserFactory
from onewindow.supervision import urging as services
from onewindow.supervision.choices import UrgingState
from onewindow.supervision.models import SupervisionRecord, Urging
from onewindow.supervision.sweep import warnings_sweep

ACCEPTED = datetime.datetime(2026, 6, 1, 2, tzinfo=datetime.UTC)  # Monday 1 June, 10:00 Beijing
SENT = datetime.datetime(2026, 6, 2, 2, tzinfo=datetime.UTC)  # Tuesday 2 June, 10:00 Beijing
DUE = datetime.date(2026, 6, 4)  # two working days after Tuesday
EVENT = "supervision.urging"


def _tr(msgid: str, **values: object) -> str:
    """The message as the (Chinese by default) page shows it, HTML-escaped."""
    with override(settings.LANGUAGE_CODE):
        text = gettext(msgid)
        return escape(text % values if values else text)


def _case(world, at=ACCEPTED) -> Case:
    case = receive_case(
        clerk=world.clerk_a,
        place=world.center_a,
        entry=licence_entry(world.dept_x),
        applicant=world.person,
        at=at,
    )
    acceptance.case_accept(case=case, expected_revision=case.revision, actor=world.clerk_a, at=at)
    case.refresh_from_db()
    return case


@pytest.fixture
def running(world) -> Case:
    return _case(world)


@pytest.fixture
def sent(world, running) -> Urging:
    return services.urging_send(
        case=running, actor=world.supervisor_a, message="请说明进度并尽快办结。", days=2, at=SENT
    )


def _kinds(case: Case) -> list[str]:
    return list(
        AuditEntry.objects.filter(ref=case.number, kind__startswith="supervision.urging")
        .order_by("seq")
        .values_list("kind", flat=True)
    )


def _told(**filters: object) -> set[str]:
    return set(
        Message.objects.filter(event=EVENT, **filters).values_list(
            "recipient_user__username", flat=True
        )
    )


# --- the services ----------------------------------------------------------------------------


def test_send_reply_close(world, running):
    urging = services.urging_send(
        case=running, actor=world.supervisor_a, message="  请说明进度。 ", days=2, at=SENT
    )
    assert urging.state == UrgingState.SENT
    assert urging.reply_due == DUE
    assert urging.department == world.dept_x
    assert urging.message == "请说明进度。"
    assert urging.sent_by == world.supervisor_a
    assert urging.record is None  # the case has no warning yet
    sent_entry = AuditEntry.objects.get(kind="supervision.urging.sent")
    assert sent_entry.ref == running.number
    assert sent_entry.actor == "supervisor_a"
    assert sent_entry.content["reply_due"] == "2026-06-04"
    assert sent_entry.content["urging"] == str(urging.public_id)
    assert _told() == {"reviewer_x", "approver_x"}
    assert all(m.case_number == running.number for m in Message.objects.filter(event=EVENT))

    replied_at = datetime.datetime(2026, 6, 3, 7, tzinfo=datetime.UTC)
    services.urging_reply(
        urging=urging,
        expected_revision=urging.revision,
        actor=world.reviewer_x,
        reply="已加快审查。",
        at=replied_at,
    )
    urging.refresh_from_db()
    assert urging.state == UrgingState.REPLIED
    assert (urging.reply, urging.replied_by, urging.replied_at) == (
        "已加快审查。",
        world.reviewer_x,
        replied_at,
    )
    assert urging.overdue is False
    # county A has one supervisor, who also sent it: told once
    assert _told(subject=_tr("Urging replied")) == {"supervisor_a"}
    assert Message.objects.filter(event=EVENT, recipient_user=world.supervisor_a).count() == 1

    closed_at = datetime.datetime(2026, 6, 4, 2, tzinfo=datetime.UTC)
    services.urging_close(
        urging=urging,
        expected_revision=urging.revision,
        actor=world.supervisor_a,
        result="已办结。",
        at=closed_at,
    )
    urging.refresh_from_db()
    assert urging.state == UrgingState.CLOSED
    assert (urging.result, urging.closed_by, urging.closed_at) == (
        "已办结。",
        world.supervisor_a,
        closed_at,
    )
    assert _kinds(running) == [
        "supervision.urging.sent",
        "supervision.urging.replied",
        "supervision.urging.closed",
    ]
    replied_entry = AuditEntry.objects.get(kind="supervision.urging.replied")
    assert (replied_entry.actor, replied_entry.content["late"]) == ("reviewer_x", False)
    assert AuditEntry.objects.get(kind="supervision.urging.closed").content["replied"] is True
    assert audit_verify() is None
    # once closed, the case may be urged again
    assert services.may_urge(world.supervisor_a, running)


def test_the_urging_refers_to_the_latest_warning(world, running):
    warnings_sweep(today=datetime.date(2026, 6, 4))
    warnings_sweep(today=datetime.date(2026, 6, 5))
    latest = SupervisionRecord.objects.filter(case=running).order_by("-raised_on").first()
    assert latest.level == "red"
    urging = services.urging_send(
        case=running, actor=world.supervisor_a, message="红色预警，请说明。", days=1, at=SENT
    )
    assert urging.record == latest
    services.urging_close(
        urging=urging,
        expected_revision=urging.revision,
        actor=world.supervisor_a,
        result="误发，撤回。",
    )
    again = services.urging_send(
        case=running, actor=world.supervisor_a, message="再次督办。", link_record=False, at=SENT
    )
    assert again.record is None


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"message": "   "}, "message"),
        ({"message": "x" * 2001}, "message"),
        ({"days": 0}, "days"),
        ({"days": 11}, "days"),
        ({"days": "2"}, "days"),
    ],
)
def test_send_refuses_bad_input(world, running, kwargs, field):
    with pytest.raises(DomainError) as caught:
        services.urging_send(
            case=running, actor=world.supervisor_a, **{"message": "请说明。", **kwargs}
        )
    assert caught.value.field == field
    assert not Urging.objects.exists()
    assert not AuditEntry.objects.filter(kind__startswith="supervision.").exists()
    assert not Message.objects.filter(event=EVENT).exists()


def test_only_region_supervisors_urge_cases_that_are_not_final(world, running, sent):
    with pytest.raises(DomainError, match="等待部门回复"):
        services.urging_send(case=running, actor=world.supervisor_a, message="又一次")
    for actor in (world.admin_a, world.reviewer_x, world.manager_a):
        with pytest.raises(NotPermitted):
            services.urging_send(case=running, actor=actor, message="督办")
    other = _case(world)
    delivery.case_withdraw(
        case=other,
        expected_revision=other.revision,
        actor=world.clerk_a,
        reason="申请人书面申请撤回",
    )
    other.refresh_from_db()
    with pytest.raises(DomainError, match="已办结"):
        services.urging_send(case=other, actor=world.supervisor_a, message="督办")
    assert Urging.objects.count() == 1


def test_a_missing_calendar_year_is_a_clear_error(world, running):
    far = datetime.datetime(2031, 3, 3, 2, tzinfo=datetime.UTC)  # no schedule loaded for 2031
    with pytest.raises(DomainError, match="2031") as caught:
        services.urging_send(case=running, actor=world.supervisor_a, message="督办", at=far)
    assert caught.value.field == "days"
    assert not Urging.objects.exists()


def test_reply_and_close_are_refused_to_the_wrong_people_and_states(world, sent):
    for actor in (world.reviewer_y, world.reviewer_z, world.supervisor_a, world.manager_a):
        with pytest.raises(NotPermitted):
            services.urging_reply(
                urging=sent, expected_revision=sent.revision, actor=actor, reply="回复"
            )
    with pytest.raises(DomainError) as caught:
        services.urging_reply(
            urging=sent, expected_revision=sent.revision, actor=world.approver_x, reply=" "
        )
    assert caught.value.field == "reply"
    for actor in (world.admin_a, world.reviewer_x, world.manager_a):
        with pytest.raises(NotPermitted):
            services.urging_close(
                urging=sent, expected_revision=sent.revision, actor=actor, result="结果"
            )
    with pytest.raises(DomainError, match="尚未回复") as caught:
        services.urging_close(
            urging=sent, expected_revision=sent.revision, actor=world.supervisor_a, result=""
        )
    assert caught.value.field == "result"
    sent.refresh_from_db()
    assert sent.state == UrgingState.SENT
    assert _kinds(sent.case) == ["supervision.urging.sent"]
    # closing without a reply works once the reason is given; then nothing more is possible
    services.urging_close(
        urging=sent,
        expected_revision=sent.revision,
        actor=world.supervisor_a,
        result="案件已办结，无需回复。",
    )
    with pytest.raises(DomainError):
        services.urging_reply(
            urging=sent, expected_revision=sent.revision, actor=world.reviewer_x, reply="迟到的回复"
        )
    with pytest.raises(DomainError):
        services.urging_close(
            urging=sent,
            expected_revision=sent.revision,
            actor=world.supervisor_a,
            result="再次办结",
        )
    sent.refresh_from_db()
    assert (sent.state, sent.reply) == (UrgingState.CLOSED, "")
    assert AuditEntry.objects.get(kind="supervision.urging.closed").content["replied"] is False


# --- overdue ---------------------------------------------------------------------------------


def test_overdue_sweep_marks_exactly_once_and_a_late_reply_keeps_it(world, sent):
    assert services.urgings_overdue_sweep(today=DUE) == 0  # the due day itself is in time
    assert services.urgings_overdue_sweep(today=DUE + datetime.timedelta(days=1)) == 1
    sent.refresh_from_db()
    assert (sent.state, sent.overdue) == (UrgingState.SENT, True)
    assert services.urgings_overdue_sweep(today=DUE + datetime.timedelta(days=1)) == 0
    assert services.urgings_overdue_sweep(today=DUE + datetime.timedelta(days=4)) == 0
    assert _kinds(sent.case) == ["supervision.urging.sent", "supervision.urging.overdue"]
    overdue = AuditEntry.objects.get(kind="supervision.urging.overdue")
    assert (overdue.actor, overdue.content["reply_due"]) == ("system", "2026-06-04")
    told = _told(subject=_tr("Urging reply overdue"))
    assert told == {"reviewer_x", "approver_x", "supervisor_a"}

    late = datetime.datetime(2026, 6, 8, 2, tzinfo=datetime.UTC)
    services.urging_reply(
        urging=sent,
        expected_revision=sent.revision,
        actor=world.approver_x,
        reply="已办结。",
        at=late,
    )
    sent.refresh_from_db()
    assert (sent.state, sent.overdue) == (UrgingState.REPLIED, True)
    assert AuditEntry.objects.get(kind="supervision.urging.replied").content["late"] is True


def test_a_late_reply_before_the_sweep_ran_is_overdue(world, sent):
    late = datetime.datetime(2026, 6, 5, 2, tzinfo=datetime.UTC)
    services.urging_reply(
        urging=sent,
        expected_revision=sent.revision,
        actor=world.reviewer_x,
        reply="迟复。",
        at=late,
    )
    sent.refresh_from_db()
    assert sent.overdue is True
    assert services.urgings_overdue_sweep(today=datetime.date(2026, 6, 8)) == 0


def test_a_timely_reply_is_never_overdue(world, sent):
    services.urging_reply(
        urging=sent,
        expected_revision=sent.revision,
        actor=world.reviewer_x,
        reply="已办。",
        at=SENT,
    )
    assert services.urgings_overdue_sweep(today=datetime.date(2026, 6, 8)) == 0
    sent.refresh_from_db()
    assert sent.overdue is False


def test_a_sweep_with_nothing_due_reads_once(world, sent):
    with CaptureQueriesContext(connection) as queries:
        assert services.urgings_overdue_sweep(today=DUE) == 0
    assert len(queries) == 1


# --- pages -----------------------------------------------------------------------------------


def test_send_reply_close_through_the_pages(world, login, running):
    supervisor = login(world.supervisor_a)
    page = supervisor.get(f"/supervision/urgings/new/{running.number}/")
    assert page.status_code == 200
    assert running.number in page.content.decode()
    assert world.person.id_number not in page.content.decode()
    response = supervisor.post(
        f"/supervision/urgings/new/{running.number}/", {"message": "请尽快办结。", "days": "3"}
    )
    urging = Urging.objects.get()
    assert response.status_code == 302
    assert response.url == f"/supervision/urgings/{urging.public_id}/"
    assert urging.message == "请尽快办结。"
    assert (urging.reply_due - datetime.date.today()).days >= 3
    assert _kinds(running) == ["supervision.urging.sent"]

    reviewer = login(world.reviewer_x)
    detail = reviewer.get(response.url).content.decode()
    assert "请尽快办结。" in detail
    assert 'data-testid="urging-reply-form"' in detail
    assert 'data-testid="urging-close-form"' not in detail
    reply_url = f"/supervision/urgings/{urging.public_id}/reply/"
    assert reviewer.get(reply_url).status_code == 405
    assert (
        reviewer.post(reply_url, {"reply": "正在核查。", "revision": urging.revision}).status_code
        == 302
    )
    urging.refresh_from_db()
    assert (urging.state, urging.reply) == (UrgingState.REPLIED, "正在核查。")

    detail = supervisor.get(response.url).content.decode()
    assert "正在核查。" in detail
    assert 'data-testid="urging-close-form"' in detail
    close_url = f"/supervision/urgings/{urging.public_id}/close/"
    assert (
        supervisor.post(
            close_url, {"result": "督办办结。", "revision": urging.revision}
        ).status_code
        == 302
    )
    urging.refresh_from_db()
    assert (urging.state, urging.result) == (UrgingState.CLOSED, "督办办结。")
    assert _kinds(running) == [
        "supervision.urging.sent",
        "supervision.urging.replied",
        "supervision.urging.closed",
    ]
    final = supervisor.get(response.url).content.decode()
    assert "督办办结。" in final
    assert "<form" not in final.split('data-testid="urging-message"')[1]


def _days_problem() -> str:
    with override(settings.LANGUAGE_CODE):
        return escape(services.urging_days_invalid())


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"message": "", "days": "2"}, lambda: _tr("Write what the department is urged to do.")),
        ({"message": "  ", "days": "2"}, lambda: _tr("Write what the department is urged to do.")),
        ({"message": "督办", "days": "0"}, _days_problem),
        ({"message": "督办", "days": "11"}, _days_problem),
    ],
)
def test_bad_send_input_shows_a_message(world, login, running, data, expected):
    response = login(world.supervisor_a).post(f"/supervision/urgings/new/{running.number}/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert expected() in html
    assert "invalid-feedback" in html
    assert not Urging.objects.exists()
    assert not AuditEntry.objects.filter(kind__startswith="supervision.").exists()
    assert not Message.objects.filter(event=EVENT).exists()


def test_not_a_number_of_days_is_refused(world, login, running):
    response = login(world.supervisor_a).post(
        f"/supervision/urgings/new/{running.number}/", {"message": "督办", "days": "abc"}
    )
    assert response.status_code == 200
    assert "invalid-feedback" in response.content.decode()
    assert not Urging.objects.exists()


def test_a_second_open_urging_is_refused_on_the_page(world, login, running, sent):
    client = login(world.supervisor_a)
    expected = _tr(
        "An urging on this case is still awaiting the department's reply; close it before "
        "sending another."
    )
    page = client.get(f"/supervision/urgings/new/{running.number}/").content.decode()
    assert expected in page
    assert 'data-testid="urging-form"' not in page
    response = client.post(f"/supervision/urgings/new/{running.number}/", {"message": "又一次"})
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert Urging.objects.count() == 1


def test_closing_before_a_reply_without_a_result_is_refused(world, login, sent):
    client = login(world.supervisor_a)
    url = f"/supervision/urgings/{sent.public_id}/"
    response = client.post(f"{url}close/", {"result": "  ", "revision": sent.revision}, follow=True)
    assert response.status_code == 200
    assert (
        _tr("The department has not replied yet: write why the urging is closed without a reply.")
        in response.content.decode()
    )
    sent.refresh_from_db()
    assert sent.state == UrgingState.SENT
    assert _kinds(sent.case) == ["supervision.urging.sent"]


def test_a_reply_from_another_department_changes_nothing(world, login, sent):
    url = f"/supervision/urgings/{sent.public_id}/reply/"
    # a reviewer of another department does not even see the urging
    assert (
        login(world.reviewer_y).post(url, {"reply": "回复", "revision": sent.revision}).status_code
        == 404
    )
    assert (
        login(world.reviewer_z).post(url, {"reply": "回复", "revision": sent.revision}).status_code
        == 404
    )
    # the center manager sees it but may not answer for the department
    response = login(world.manager_a).post(
        url, {"reply": "回复", "revision": sent.revision}, follow=True
    )
    assert response.status_code == 200
    assert (
        _tr("Only the reviewers and approvers of the urged department can reply to it.")
        in response.content.decode()
    )
    # and a reviewer of the department may not close it
    response = login(world.reviewer_x).post(
        f"/supervision/urgings/{sent.public_id}/close/",
        {"result": "结束", "revision": sent.revision},
        follow=True,
    )
    assert _tr("Only the supervisors of the department's region can close it.") in (
        response.content.decode()
    )
    sent.refresh_from_db()
    assert (sent.state, sent.reply, sent.result) == (UrgingState.SENT, "", "")
    assert _kinds(sent.case) == ["supervision.urging.sent"]


@pytest.mark.parametrize(
    ("persona", "status", "listed"),
    [
        ("supervisor_a", 200, True),
        ("admin_a", 200, True),
        ("reviewer_x", 200, True),
        ("approver_x", 200, True),
        ("manager_a", 200, True),
        ("reviewer_y", 200, False),
        ("reviewer_z", 200, False),
        ("manager_b", 200, False),
        ("admin_b", 200, False),
        ("clerk_a", 403, False),
        ("hotline_a", 403, False),
        ("stranger", 403, False),
    ],
)
def test_list_per_role(world, login, sent, persona, status, listed):
    response = login(getattr(world, persona)).get("/supervision/urgings/")
    assert response.status_code == status
    assert (str(sent.public_id) in response.content.decode()) is listed


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("supervisor_a", 200),
        ("admin_a", 200),
        ("reviewer_x", 200),
        ("approver_x", 200),
        ("manager_a", 200),
        ("reviewer_y", 404),
        ("reviewer_z", 404),
        ("manager_b", 404),
        ("admin_b", 404),
        ("clerk_a", 403),
        ("citizen", 403),
    ],
)
def test_detail_per_role(world, login, sent, persona, status):
    response = login(getattr(world, persona)).get(f"/supervision/urgings/{sent.public_id}/")
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert sent.case.number in html
        assert "2026-06-04" in html
        assert world.person.id_number not in html
        # forms only for those who may use them
        assert ('data-testid="urging-reply-form"' in html) is (
            persona in ("reviewer_x", "approver_x")
        )
        assert ('data-testid="urging-close-form"' in html) is (persona == "supervisor_a")


def test_anonymous_visitors_are_sent_to_sign_in(world, login, sent):
    response = login(None).get(f"/supervision/urgings/{sent.public_id}/")
    assert response.status_code == 302
    assert "login" in response.url


def test_new_page_per_role(world, login, running):
    url = f"/supervision/urgings/new/{running.number}/"
    assert login(world.supervisor_a).get(url).status_code == 200
    for persona in ("admin_a", "reviewer_x", "manager_a", "clerk_a"):
        assert login(getattr(world, persona)).get(url).status_code == 403
    staff = StaffFactory(user=UserFactory(username="supervisor_b"))
    AssignmentFactory(staff=staff, role=Role.SUPERVISOR, region=world.county_b)
    client = login(staff.user)
    assert client.get(url).status_code == 404
    assert client.post(url, {"message": "督办", "days": "2"}).status_code == 404
    assert login(world.supervisor_a).get("/supervision/urgings/new/NO-SUCH/").status_code == 404
    assert not Urging.objects.exists()


def test_list_filters(world, login, running, sent):
    other = _case(world)
    second = services.urging_send(case=other, actor=world.supervisor_a, message="督办", at=SENT)
    services.urging_reply(
        urging=second,
        expected_revision=second.revision,
        actor=world.reviewer_x,
        reply="已回复",
        at=SENT,
    )
    services.urgings_overdue_sweep(today=datetime.date(2026, 6, 8))
    client = login(world.supervisor_a)

    def listed(query: str) -> set[str]:
        html = client.get(f"/supervision/urgings/?{query}").content.decode()
        return {u for u in (str(sent.public_id), str(second.public_id)) if u in html}

    assert listed("") == {str(sent.public_id), str(second.public_id)}
    assert listed("state=sent") == {str(sent.public_id)}
    assert listed("state=replied") == {str(second.public_id)}
    assert listed("overdue=yes") == {str(sent.public_id)}
    assert listed("overdue=no") == {str(second.public_id)}
    assert listed("state=bogus&overdue=maybe") == {str(sent.public_id), str(second.public_id)}


def test_case_panel(world, running):
    panel = services.urging_panel(running, world.supervisor_a)
    assert panel == {"case": running, "urgings": [], "may_urge": True}
    html = render_to_string("supervision/urging_case_panel.html", panel)
    assert f"/supervision/urgings/new/{running.number}/" in html
    assert (
        render_to_string(
            "supervision/urging_case_panel.html", services.urging_panel(running, world.reviewer_x)
        ).strip()
        == ""
    )

    urging = services.urging_send(case=running, actor=world.supervisor_a, message="督办", at=SENT)
    panel = services.urging_panel(running, world.supervisor_a)
    assert (panel["urgings"], panel["may_urge"]) == ([urging], False)
    reviewer_panel = services.urging_panel(running, world.reviewer_x)
    assert (reviewer_panel["urgings"], reviewer_panel["may_urge"]) == ([urging], False)
    html = render_to_string("supervision/urging_case_panel.html", reviewer_panel)
    assert f"/supervision/urgings/{urging.public_id}/" in html
    assert "/supervision/urgings/new/" not in html
    assert services.urging_panel(running, world.reviewer_z)["urgings"] == []


# --- demo ------------------------------------------------------------------------------------


def test_demo_hook(world):
    world.supervisor_a.username = supervision_urgings.SUPERVISOR
    world.supervisor_a.save()
    cases = [_case(world) for _i in range(4)]
    warnings_sweep(today=datetime.date(2026, 6, 10))
    assert all(Case.objects.get(pk=c.pk).warning_level == "red" for c in cases)

    assert supervision_urgings.load(datetime.date(2026, 6, 10)) == 3
    states = sorted(Urging.objects.values_list("state", "overdue"))
    assert states == [
        (UrgingState.CLOSED, False),
        (UrgingState.REPLIED, False),
        (UrgingState.SENT, True),
    ]
    assert all(u.sent_at >= u.case.accepted_at for u in Urging.objects.select_related("case"))
    assert Urging.objects.filter(replied_by=world.reviewer_x).count() == 2
    assert supervision_urgings.load(datetime.date(2026, 6, 10)) == 0  # already there
    assert audit_verify() is None
