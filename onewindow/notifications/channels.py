"""Delivery channels of the outbox, pluggable through a setting.

``settings.ONEWINDOW_NOTIFY_CHANNEL_CLASSES`` maps a channel code to a dotted path of a
:class:`Channel` subclass. ``send`` returns quietly when the message went out and raises any
exception when it did not; the dispatcher then schedules another attempt, so a channel never has
to retry or swallow errors itself.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from onewindow.notifications.models import Message

DEFAULT_CHANNEL_CLASSES = {
    "sms_log": "onewindow.notifications.channels.SmsLogChannel",
    "inbox": "onewindow.notifications.channels.InboxChannel",
    "webhook": "onewindow.notifications.channels.WebhookChannel",
}


class ChannelError(Exception):
    """A channel could not deliver a message (the dispatcher will try again)."""


class Channel:
    """Base class of a delivery channel."""

    code: str = ""
    label: str | Promise = ""
    needs_phone: bool = False  # the message must carry a mobile number
    needs_user: bool = False  # the message must be addressed to a user

    def enabled(self) -> bool:
        """A disabled channel (e.g. not configured) is left out when messages are queued."""
        return True

    def send(self, message: Message) -> None:
        raise NotImplementedError


class SmsLogChannel(Channel):
    """短信记录: the message is recorded as delivered; staff read it in the message log.

    This is the embedded default, where no SMS gateway is connected: the text a citizen would
    receive is kept, with the number, so the center can read it out or send it by hand.
    """

    code = "sms_log"
    label = _("SMS log")
    needs_phone = True

    def send(self, message: Message) -> None:
        if not message.recipient_phone:
            raise ChannelError("no mobile number")


class InboxChannel(Channel):
    """An in-app message to a staff user, read on their inbox page."""

    code = "inbox"
    label = _("In-app message")
    needs_user = True

    def send(self, message: Message) -> None:
        if message.recipient_user_id is None:
            raise ChannelError("no recipient user")


class WebhookChannel(Channel):
    """POSTs the message as JSON to ``ONEWINDOW_NOTIFY_WEBHOOK_URL`` (e.g. an SMS gateway).

    Any answer other than 2xx, a timeout or a refused connection is a failure to be retried.
    The payload carries the full mobile number, because the gateway has to dial it.
    """

    code = "webhook"
    label = _("Webhook")

    def url(self) -> str:
        return getattr(settings, "ONEWINDOW_NOTIFY_WEBHOOK_URL", "") or ""

    def enabled(self) -> bool:
        return bool(self.url())

    def payload(self, message: Message) -> dict:
        return {
            "id": str(message.public_id),
            "event": message.event,
            "phone": message.recipient_phone,
            "user": message.recipient_user.username if message.recipient_user else "",
            "subject": message.subject,
            "body": message.body,
            "case_number": message.case_number,
            "region_code": message.region_code,
            "created_at": message.created_at.isoformat() if message.created_at else None,
        }

    def send(self, message: Message) -> None:
        url = self.url()
        if urllib.parse.urlsplit(url).scheme not in {"http", "https"}:
            raise ImproperlyConfigured("ONEWINDOW_NOTIFY_WEBHOOK_URL must be an http(s) URL")
        headers = {"Content-Type": "application/json; charset=utf-8"}
        token = getattr(settings, "ONEWINDOW_NOTIFY_WEBHOOK_TOKEN", "")
        if token:
            headers["Authorization"] = f"Bearer {token}"
        request = urllib.request.Request(  # noqa: S310 -- scheme checked above, URL from settings
            url,
            data=json.dumps(self.payload(message), ensure_ascii=False).encode("utf-8"),
            headers=headers,
            method="POST",
        )
        timeout = getattr(settings, "ONEWINDOW_NOTIFY_WEBHOOK_TIMEOUT", 5)
        # urlopen raises HTTPError for 4xx/5xx and URLError for network trouble.
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            if not 200 <= response.status < 300:
                raise ChannelError(f"webhook answered HTTP {response.status}")


def channel_registry() -> dict[str, Channel]:
    """Every configured channel, by code (read from settings on each call: cheap, and tests may
    override the setting)."""
    paths = getattr(settings, "ONEWINDOW_NOTIFY_CHANNEL_CLASSES", DEFAULT_CHANNEL_CLASSES)
    registry = {}
    for code, path in paths.items():
        channel = import_string(path)()
        if not isinstance(channel, Channel):
            raise ImproperlyConfigured(f"{path} is not a notifications Channel")
        registry[code] = channel
    return registry


def get_channel(code: str) -> Channel:
    try:
        return channel_registry()[code]
    except KeyError:
        raise ImproperlyConfigured(f"Unknown notification channel {code!r}") from None


def channel_label(code: str) -> str | Promise:
    channel = channel_registry().get(code)
    return channel.label if channel and channel.label else code
