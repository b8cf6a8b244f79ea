"""Test channels, registered through the channel setting like any real one."""

from __future__ import annotations

import pytest

from onewindow.notifications.channels import Channel, ChannelError

SENT: list[str] = []  # public ids, in the order the test channels delivered them


class RecordingChannel(Channel):
    """Delivers every message and remembers it."""

    code = "recording"
    label = "Recording"

    def send(self, message) -> None:
        SENT.append(str(message.public_id))


class ReentrantChannel(RecordingChannel):
    """Starts another dispatch while sending, as a second consumer would meanwhile."""

    code = "reentrant"
    inner: list[int] = []  # what each inner dispatch sent

    def send(self, message) -> None:
        from onewindow.notifications.services import outbox_dispatch

        type(self).inner.append(outbox_dispatch())
        super().send(message)


class FlakyChannel(Channel):
    """Fails ``failures`` times (class attribute), then delivers."""

    code = "flaky"
    label = "Flaky"
    failures = 0
    calls = 0

    def send(self, message) -> None:
        type(self).calls += 1
        if type(self).calls <= type(self).failures:
            # The error text quotes the number, as gateways do: it must be stored masked.
            raise ChannelError(f"gateway busy for {message.recipient_phone}")
        SENT.append(str(message.public_id))


@pytest.fixture(autouse=True)
def test_channels(settings):
    settings.ONEWINDOW_NOTIFY_CHANNEL_CLASSES = {
        **settings.ONEWINDOW_NOTIFY_CHANNEL_CLASSES,
        "recording": "onewindow.notifications.tests.conftest.RecordingChannel",
        "flaky": "onewindow.notifications.tests.conftest.FlakyChannel",
        "reentrant": "onewindow.notifications.tests.conftest.ReentrantChannel",
    }
    settings.ONEWINDOW_NOTIFY_WEBHOOK_URL = ""
    SENT.clear()
    FlakyChannel.failures = 0
    FlakyChannel.calls = 0
    ReentrantChannel.inner = []
    yield SENT
    SENT.clear()
