"""Dispatching: backoff on failure, failed after the last attempt, retry, never twice."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from onewindow.core.errors import DomainError, NotPermitted
from onewindow.notifications import tasks
from onewindow.notifications.choices import Event, MessageStatus
from onewindow.notifications.models import Message
from onewindow.notifications.services import (
    backoff_after,
    message_retry,
    notification_queue,
    outbox_dispatch,
)
from onewindow.notifications.tests.conftest import FlakyChannel, ReentrantChannel

PHONE = "13812345678"
MINUTE = datetime.timedelta(minutes=1)


def _queue(world, channel: str = "recording", **kwargs) -> Message:
    (message,) = notification_queue(
        event=Event.CASE_DECIDED,
        subject="办结通知",
        body="您的申请已办结。",
        recipient_phone=PHONE,
        case_number="YZ-2026-0002",
        place=world.center_a,
        channels=[channel],
        **kwargs,
    )
    return message


def test_backoff_schedule() -> None:
    waits = [backoff_after(n) for n in range(1, 8)]
    assert waits[:5] == [
        datetime.timedelta(minutes=1),
        datetime.timedelta(minutes=5),
        datetime.timedelta(minutes=30),
        datetime.timedelta(hours=2),
        datetime.timedelta(hours=6),
    ]
    assert waits[5] == waits[6] == datetime.timedelta(hours=6)


def test_dispatch_sends_due_messages(world, test_channels) -> None:
    message = _queue(world)
    assert outbox_dispatch() == 1
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert test_channels == [str(message.public_id)]


def test_a_second_dispatch_does_not_send_again(world, test_channels) -> None:
    _queue(world)
    _queue(world)
    assert outbox_dispatch() == 2
    assert outbox_dispatch() == 0
    assert outbox_dispatch(now=timezone.now() + datetime.timedelta(days=1)) == 0
    assert len(test_channels) == 2


def test_claimed_rows_are_invisible_to_a_concurrent_dispatch(world, test_channels) -> None:
    # While the first dispatch sends, its rows are claimed: a second one finds nothing due.
    first = _queue(world, channel="reentrant")
    second = _queue(world, channel="reentrant")
    assert outbox_dispatch() == 2
    assert ReentrantChannel.inner == [0, 0]
    assert test_channels == [str(first.public_id), str(second.public_id)]


def test_failing_channel_is_retried_with_backoff_until_sent(world, test_channels) -> None:
    FlakyChannel.failures = 2
    message = _queue(world, channel="flaky")
    start = timezone.now()

    # First attempt fails: next one in a minute.
    assert outbox_dispatch(now=start) == 0
    message.refresh_from_db()
    assert (message.status, message.attempts) == (MessageStatus.PENDING, 1)
    assert message.next_attempt_at == start + MINUTE
    # The number in the gateway's error is stored masked.
    assert PHONE not in message.last_error
    assert "138****5678" in message.last_error

    # Not due yet half a minute later.
    assert outbox_dispatch(now=start + MINUTE / 2) == 0
    assert FlakyChannel.calls == 1

    # Second attempt fails: next one five minutes later.
    second = start + MINUTE
    assert outbox_dispatch(now=second) == 0
    message.refresh_from_db()
    assert message.attempts == 2
    assert message.next_attempt_at == second + 5 * MINUTE

    # Third attempt succeeds.
    assert outbox_dispatch(now=second + 5 * MINUTE) == 1
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert message.attempts == 3
    assert test_channels == [str(message.public_id)]


def test_after_the_last_attempt_the_message_fails_and_an_administrator_retries(
    world, test_channels, settings
) -> None:
    settings.ONEWINDOW_NOTIFY_MAX_ATTEMPTS = 3
    FlakyChannel.failures = 3
    message = _queue(world, channel="flaky")
    now = timezone.now()
    for _ in range(3):
        outbox_dispatch(now=now)
        now += datetime.timedelta(days=1)
    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED
    assert message.attempts == 3
    # A failed message is not picked up again by the dispatcher.
    assert outbox_dispatch(now=now + datetime.timedelta(days=30)) == 0
    assert FlakyChannel.calls == 3

    # Only an administrator of the region may put it back.
    with pytest.raises(NotPermitted):
        message_retry(message=message, actor=world.clerk_a)
    with pytest.raises(NotPermitted):
        message_retry(message=message, actor=world.admin_b)
    message = message_retry(message=message, actor=world.admin_a)
    assert (message.status, message.attempts) == (MessageStatus.PENDING, 0)

    assert outbox_dispatch() == 1
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert test_channels == [str(message.public_id)]


def test_only_failed_messages_can_be_retried(world) -> None:
    message = _queue(world)
    with pytest.raises(DomainError):
        message_retry(message=message, actor=world.admin_a)


def test_unknown_channel_counts_as_a_failed_attempt(world, settings) -> None:
    message = _queue(world)
    settings.ONEWINDOW_NOTIFY_CHANNEL_CLASSES = {
        "sms_log": "onewindow.notifications.channels.SmsLogChannel"
    }
    assert outbox_dispatch() == 0
    message.refresh_from_db()
    assert message.status == MessageStatus.PENDING
    assert message.attempts == 1
    assert "not configured" in message.last_error


def test_limit_caps_a_batch(world, test_channels) -> None:
    for _ in range(3):
        _queue(world)
    assert outbox_dispatch(limit=2) == 2
    assert outbox_dispatch(limit=2) == 1


def test_management_command_drains_the_outbox(world, test_channels, capsys) -> None:
    for _ in range(5):
        _queue(world)
    call_command("notifications_dispatch", batch=2)
    assert "5" in capsys.readouterr().out
    assert len(test_channels) == 5
    assert not Message.objects.filter(status=MessageStatus.PENDING).exists()


def test_tasks_call_the_dispatcher(world, test_channels) -> None:
    _queue(world)
    tasks.dispatch_outbox()  # huey immediate mode: runs now
    _queue(world)
    tasks.dispatch_outbox_every_minute.call_local()
    assert len(test_channels) == 2


def test_a_killed_consumers_claims_are_sent_within_a_minute(world, test_channels, settings):
    """Issue 17 item 12: messages a consumer claimed and never sent (it was killed) are sent by the
    next dispatch a minute later, not after five; while the lease runs nobody sends them twice."""
    from onewindow.notifications.services import _claim, claim_lease

    first, second = _queue(world), _queue(world)
    killed_at = timezone.now()
    claimed, _lease_until = _claim(limit=100, now=killed_at)  # then the consumer is killed
    assert {m.pk for m in claimed} == {first.pk, second.pk}

    assert outbox_dispatch(now=killed_at + 30 * datetime.timedelta(seconds=1)) == 0
    assert outbox_dispatch(now=killed_at + MINUTE + datetime.timedelta(seconds=1)) == 2
    assert sorted(test_channels) == sorted([str(first.public_id), str(second.public_id)])
    # A slow webhook lengthens the lease: one send must end inside half of it.
    settings.ONEWINDOW_NOTIFY_WEBHOOK_TIMEOUT = 30
    assert claim_lease() == datetime.timedelta(minutes=2)
