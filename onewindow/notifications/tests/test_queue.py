"""Queueing: rows exist exactly when the caller commits, and go out once it has."""

from __future__ import annotations

import pytest
from django.db import transaction
from huey.contrib.djhuey import HUEY

from onewindow.notifications.choices import Event, MessageStatus
from onewindow.notifications.models import Message
from onewindow.notifications.services import notification_queue

PHONE = "13812345678"


def _queue(world, **kwargs):
    defaults = {
        "event": Event.CASE_ACCEPTED,
        "subject": "受理通知",
        "body": "您的申请已受理。",
        "recipient_phone": PHONE,
        "case_number": "YZ-2026-0001",
        "place": world.center_a,
    }
    return notification_queue(**{**defaults, **kwargs})


def test_tasks_run_inline_in_tests() -> None:
    assert HUEY.immediate


def test_queued_message_is_sent_once_the_caller_commits(
    world, django_capture_on_commit_callbacks
) -> None:
    # Given a service that queues a message inside its transaction
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        (message,) = _queue(world)
        # then nothing is sent before the commit
        assert Message.objects.get(pk=message.pk).status == MessageStatus.PENDING
    # when it commits, the dispatch task runs (inline in tests) and the SMS log delivers it
    assert len(callbacks) == 1
    message.refresh_from_db()
    assert message.channel == "sms_log"
    assert message.status == MessageStatus.SENT
    assert message.attempts == 1
    assert message.sent_at is not None
    # and the region used for scoping comes from the place
    assert message.region_code == world.county_a.code


@pytest.mark.django_db(transaction=True)
def test_real_commit_enqueues_the_dispatch(world) -> None:
    with transaction.atomic():
        (message,) = _queue(world)
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT


def test_rollback_leaves_no_row_and_sends_nothing(
    world, django_capture_on_commit_callbacks
) -> None:
    def change_that_fails() -> None:
        with transaction.atomic():
            _queue(world)
            raise RuntimeError("the case change failed")

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        change_that_fails()
    assert callbacks == []
    assert not Message.objects.exists()


def test_default_channels_follow_the_recipient(world) -> None:
    (sms,) = _queue(world, recipient_user=world.citizen)
    (inbox,) = _queue(world, recipient_phone="", recipient_user=world.clerk_a)
    assert sms.channel == "sms_log"
    assert sms.recipient_user == world.citizen
    assert inbox.channel == "inbox"


def test_default_channels_come_from_the_setting(world, settings) -> None:
    settings.ONEWINDOW_NOTIFY_CHANNELS = {"phone": ["sms_log", "recording"], "user": ["inbox"]}
    rows = _queue(world)
    assert [m.channel for m in rows] == ["sms_log", "recording"]


def test_one_row_per_channel_and_unconfigured_webhook_left_out(world) -> None:
    rows = _queue(world, recipient_user=world.clerk_a, channels=["sms_log", "inbox", "webhook"])
    assert sorted(m.channel for m in rows) == ["inbox", "sms_log"]


def test_webhook_row_when_configured(world, settings) -> None:
    settings.ONEWINDOW_NOTIFY_WEBHOOK_URL = "http://127.0.0.1:9/sms"
    (row,) = _queue(world, channels=["webhook"])
    assert row.channel == "webhook"


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"channels": ["pigeon"]}, "unknown notification channel"),
        ({"channels": ["inbox"]}, "needs a recipient user"),
        ({"recipient_phone": "", "recipient_user": "clerk_a", "channels": ["sms_log"]}, "mobile"),
        ({"body": ""}, "text"),
    ],
)
def test_programming_errors_are_refused(world, kwargs, error) -> None:
    if kwargs.get("recipient_user") == "clerk_a":
        kwargs["recipient_user"] = world.clerk_a
    with pytest.raises(ValueError, match=error):
        _queue(world, **kwargs)
    assert not Message.objects.exists()


def test_nobody_to_tell_queues_nothing(world) -> None:
    assert _queue(world, recipient_phone="  ") == []
    assert not Message.objects.exists()


def test_explicit_region_without_place(world) -> None:
    (row,) = _queue(world, place=None, region_code=world.county_b.code)
    assert row.place is None
    assert row.region_code == world.county_b.code


def test_str_masks_the_number(world) -> None:
    (row,) = _queue(world)
    assert PHONE not in str(row)
    assert "138****5678" in str(row)
