"""The message log and the inbox: who sees what, numbers masked, the retry button."""

from __future__ import annotations

import pytest
from django.urls import reverse

from onewindow.notifications.choices import Event, MessageStatus
from onewindow.notifications.models import Message
from onewindow.notifications.services import notification_queue, outbox_dispatch

PHONE_A = "13812345678"
PHONE_B = "13987654321"
LOG = reverse("notifications:log")
INBOX = reverse("notifications:inbox")


@pytest.fixture
def outbox(world):
    """A message at county A's center, one at its township center, one at county B's center."""

    def queue(place, phone, number, event=Event.CASE_ACCEPTED):
        (message,) = notification_queue(
            event=event,
            subject="受理通知",
            # Texts may quote a number too: it is masked on the page as well.
            body=f"您的申请 {number} 已受理，联系电话 {phone}。",
            recipient_phone=phone,
            case_number=number,
            place=place,
        )
        return message

    return {
        "a": queue(world.center_a, PHONE_A, "A-0001"),
        "town": queue(world.town_center_a, PHONE_A, "T-0001", Event.CASE_DECIDED),
        "b": queue(world.center_b, PHONE_B, "B-0001"),
    }


def test_anonymous_is_sent_to_sign_in(client) -> None:
    response = client.get(LOG)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    assert client.get(INBOX).status_code == 302


@pytest.mark.parametrize(
    "persona", ["reviewer_x", "approver_x", "hotline_a", "stranger", "citizen"]
)
def test_other_roles_may_not_open_the_log(world, login, persona) -> None:
    assert login(getattr(world, persona)).get(LOG).status_code == 403


@pytest.mark.parametrize(
    ("persona", "visible"),
    [
        ("clerk_a", {"A-0001"}),
        ("manager_a", {"A-0001"}),
        ("clerk_b", {"B-0001"}),
        ("manager_b", {"B-0001"}),
        ("supervisor_a", {"A-0001", "T-0001"}),
        ("admin_a", {"A-0001", "T-0001"}),
        ("admin_b", {"B-0001"}),
    ],
)
def test_each_role_sees_its_own_place_or_region(world, login, outbox, persona, visible) -> None:
    html = login(getattr(world, persona)).get(LOG).content.decode()
    shown = {n for n in ("A-0001", "T-0001", "B-0001") if n in html}
    assert shown == visible


def test_numbers_are_masked_on_the_page(world, login, outbox) -> None:
    html = login(world.clerk_a).get(LOG).content.decode()
    assert PHONE_A not in html
    assert "138****5678" in html


def test_filters(world, login, outbox) -> None:
    client = login(world.admin_a)
    html = client.get(LOG, {"event": Event.CASE_DECIDED}).content.decode()
    assert "T-0001" in html
    assert "A-0001" not in html
    html = client.get(LOG, {"case_number": "A-0001"}).content.decode()
    assert "A-0001" in html
    assert "T-0001" not in html
    outbox_dispatch()
    assert "A-0001" not in client.get(LOG, {"status": MessageStatus.PENDING}).content.decode()
    assert "A-0001" in client.get(LOG, {"status": MessageStatus.SENT}).content.decode()


def test_log_page_queries_do_not_grow_with_rows(
    world, login, outbox, django_assert_max_num_queries
) -> None:
    client = login(world.admin_a)
    for n in range(30):
        notification_queue(
            event=Event.CASE_MAILED,
            subject="",
            body="已寄出。",
            recipient_phone=PHONE_A,
            recipient_user=world.citizen,
            case_number=f"M-{n}",
            place=world.center_a,
        )
    with django_assert_max_num_queries(12):
        assert client.get(LOG).status_code == 200


def _fail(message) -> None:
    Message.objects.filter(pk=message.pk).update(status=MessageStatus.FAILED, attempts=6)


def test_retry_button_for_administrators_only(world, login, outbox) -> None:
    _fail(outbox["a"])
    retry = reverse("notifications:retry", args=[outbox["a"].public_id])
    assert retry in login(world.admin_a).get(LOG).content.decode()
    assert retry not in login(world.manager_a).get(LOG).content.decode()
    assert retry not in login(world.supervisor_a).get(LOG).content.decode()


def test_retry_puts_the_message_back_and_sends_it(
    world, login, outbox, django_capture_on_commit_callbacks
) -> None:
    _fail(outbox["a"])
    url = reverse("notifications:retry", args=[outbox["a"].public_id])
    with django_capture_on_commit_callbacks(execute=True):
        response = login(world.admin_a).post(url, {"query": "status=failed"})
    assert response.status_code == 302
    assert response["Location"] == f"{LOG}?status=failed"
    outbox["a"].refresh_from_db()
    assert outbox["a"].status == MessageStatus.SENT


def test_retry_is_refused_outside_the_role_or_scope(world, login, outbox) -> None:
    _fail(outbox["a"])
    url = reverse("notifications:retry", args=[outbox["a"].public_id])
    assert login(world.manager_a).post(url).status_code == 403
    assert login(world.admin_b).post(url).status_code == 404  # outside the scope: not found
    assert login(world.admin_a).get(url).status_code == 405
    outbox["a"].refresh_from_db()
    assert outbox["a"].status == MessageStatus.FAILED


def test_inbox_shows_own_delivered_messages(world, login) -> None:
    for user, text in [(world.clerk_a, "请处理补正材料"), (world.reviewer_x, "别人的消息")]:
        notification_queue(
            event=Event.SUPERVISION_WARNING,
            subject="预警",
            body=text,
            recipient_user=user,
            place=world.center_a,
        )
    client = login(world.clerk_a)
    assert "请处理补正材料" not in client.get(INBOX).content.decode()  # not delivered yet
    outbox_dispatch()
    html = client.get(INBOX).content.decode()
    assert "请处理补正材料" in html
    assert "别人的消息" not in html
    assert reverse("notifications:inbox-read") in html

    assert client.post(reverse("notifications:inbox-read")).status_code == 302
    assert not Message.objects.filter(recipient_user=world.clerk_a, read_at__isnull=True).exists()
    assert Message.objects.filter(recipient_user=world.reviewer_x, read_at__isnull=True).exists()


@pytest.mark.parametrize("persona", ["reviewer_x", "hotline_a", "admin_a"])
def test_any_staff_member_has_an_inbox(world, login, persona) -> None:
    assert login(getattr(world, persona)).get(INBOX).status_code == 200


@pytest.mark.parametrize("persona", ["stranger", "citizen"])
def test_no_inbox_without_a_staff_role(world, login, persona) -> None:
    assert login(getattr(world, persona)).get(INBOX).status_code == 403
