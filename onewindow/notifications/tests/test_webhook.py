"""The webhook channel posts JSON to the configured URL; any non-2xx answer is a failure."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from onewindow.notifications.channels import WebhookChannel, get_channel
from onewindow.notifications.choices import Event, MessageStatus
from onewindow.notifications.services import notification_queue, outbox_dispatch

PHONE = "13912345678"


class _Gateway(BaseHTTPRequestHandler):
    status = 200
    received: list[tuple[dict, dict]] = []

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        type(self).received.append((json.loads(self.rfile.read(length)), dict(self.headers)))
        self.send_response(type(self).status)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args) -> None:  # keep the test output clean
        pass


@pytest.fixture
def gateway(settings):
    _Gateway.status = 200
    _Gateway.received = []
    server = HTTPServer(("127.0.0.1", 0), _Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.ONEWINDOW_NOTIFY_WEBHOOK_URL = f"http://127.0.0.1:{server.server_port}/sms"
    settings.ONEWINDOW_NOTIFY_WEBHOOK_TOKEN = "s3cret"
    settings.ONEWINDOW_NOTIFY_WEBHOOK_TIMEOUT = 2
    yield _Gateway
    server.shutdown()
    server.server_close()


def _queue(world):
    (message,) = notification_queue(
        event=Event.CASE_READY_FOR_PICKUP,
        subject="领取通知",
        body="您的证照已可领取。",
        recipient_phone=PHONE,
        case_number="YZ-2026-0003",
        place=world.center_a,
        channels=["webhook"],
    )
    return message


def test_disabled_until_a_url_is_configured(settings) -> None:
    settings.ONEWINDOW_NOTIFY_WEBHOOK_URL = ""
    assert not get_channel("webhook").enabled()
    settings.ONEWINDOW_NOTIFY_WEBHOOK_URL = "https://sms.example.gov.cn/send"
    assert isinstance(get_channel("webhook"), WebhookChannel)
    assert get_channel("webhook").enabled()


def test_posts_the_message_as_json(world, gateway) -> None:
    message = _queue(world)
    assert outbox_dispatch() == 1
    (payload, headers) = gateway.received[0]
    assert payload["id"] == str(message.public_id)
    assert payload["phone"] == PHONE  # the gateway needs the full number
    assert payload["event"] == "case.ready_for_pickup"
    assert payload["body"] == "您的证照已可领取。"
    assert payload["case_number"] == "YZ-2026-0003"
    assert headers["Authorization"] == "Bearer s3cret"
    assert headers["Content-Type"].startswith("application/json")
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT


def test_an_error_answer_is_retried(world, gateway) -> None:
    gateway.status = 503
    message = _queue(world)
    assert outbox_dispatch() == 0
    message.refresh_from_db()
    assert message.status == MessageStatus.PENDING
    assert message.attempts == 1
    assert "503" in message.last_error


def test_an_unreachable_gateway_is_retried(world, settings) -> None:
    settings.ONEWINDOW_NOTIFY_WEBHOOK_URL = "http://127.0.0.1:9/sms"  # discard port: refused
    settings.ONEWINDOW_NOTIFY_WEBHOOK_TIMEOUT = 1
    message = _queue(world)
    assert outbox_dispatch() == 0
    message.refresh_from_db()
    assert message.attempts == 1
    assert message.last_error


def test_only_http_urls(world, settings) -> None:
    settings.ONEWINDOW_NOTIFY_WEBHOOK_URL = "file:///etc/passwd"
    message = _queue(world)
    assert outbox_dispatch() == 0
    message.refresh_from_db()
    assert "http(s)" in message.last_error
