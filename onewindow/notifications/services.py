"""Writes to the outbox: queue in the caller's transaction, dispatch after it, retry on failure.

The rows are inserted in the caller's transaction, so a message exists exactly when the case
change that caused it was committed; the dispatch task is enqueued with ``on_commit`` and carries
no personal data (it reads the due rows from the database). If the task queue is down, or a send
fails, the row stays pending and the every-minute dispatch picks it up: nothing is lost.
"""

from __future__ import annotations

import datetime
import logging
import time
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from onewindow.core.errors import DomainError, NotPermitted
from onewindow.core.masking import mask_text
from onewindow.notifications import policies
from onewindow.notifications.channels import Channel, ChannelError, channel_registry
from onewindow.notifications.choices import MessageStatus
from onewindow.notifications.models import Message

if TYPE_CHECKING:
    from onewindow.accounts.models import User
    from onewindow.organisations.models import ServicePlace

logger = logging.getLogger(__name__)

# Waits after the 1st, 2nd, 3rd... failed attempt; the last one repeats until MAX_ATTEMPTS.
BACKOFF_SECONDS = (60, 5 * 60, 30 * 60, 2 * 3600, 6 * 3600)
# A claimed row is invisible to other dispatchers for the lease. A batch stops sending at half of
# it and hands the rest back, so a row is never sent by two dispatchers at once as long as one send
# takes less than half the lease.
#
# The lease is also how long the rows a killed consumer had claimed wait before another consumer
# sends them (issue 17 item 12: 307-333 s with a five-minute lease). It is a minute now, and at
# least four webhook timeouts, so that one slow send still ends well inside the half. Releasing a
# dead consumer's claims when a consumer starts was the other way; but with consumers on several
# hosts (docs/deployment.md) a starting consumer cannot tell a dead one's claims from a live one's
# without a heartbeat of its own, and the lease is that heartbeat: a live dispatcher never holds a
# claim longer than half of it.
MIN_CLAIM_LEASE_SECONDS = 60


def claim_lease() -> datetime.timedelta:
    """How long a claimed row stays invisible to other dispatchers."""
    timeout = getattr(settings, "ONEWINDOW_NOTIFY_WEBHOOK_TIMEOUT", 5)
    return datetime.timedelta(seconds=max(MIN_CLAIM_LEASE_SECONDS, 4 * timeout))


def max_attempts() -> int:
    return max(1, getattr(settings, "ONEWINDOW_NOTIFY_MAX_ATTEMPTS", 6))


def backoff_after(attempts: int) -> datetime.timedelta:
    """The wait before the next attempt once ``attempts`` attempts have failed (1 → 1 min)."""
    index = min(max(attempts, 1), len(BACKOFF_SECONDS)) - 1
    return datetime.timedelta(seconds=BACKOFF_SECONDS[index])


def _default_channels(*, phone: str, user: User | None) -> list[str]:
    defaults = getattr(settings, "ONEWINDOW_NOTIFY_CHANNELS", {})
    if phone:
        return list(defaults.get("phone", ["sms_log"]))
    if user is not None:
        return list(defaults.get("user", ["inbox"]))
    return []


def notification_queue(
    *,
    event: str,
    subject: str,
    body: str,
    recipient_phone: str = "",
    recipient_user: User | None = None,
    case_number: str = "",
    place: ServicePlace | None = None,
    region_code: str = "",
    channels: list[str] | None = None,
) -> list[Message]:
    """Put a message in the outbox, one row per channel, inside the caller's transaction.

    See ``notification_build`` for the arguments; returns the rows written (``[]`` when the
    message has no recipient)."""
    return notifications_save(
        notification_build(
            event=event,
            subject=subject,
            body=body,
            recipient_phone=recipient_phone,
            recipient_user=recipient_user,
            case_number=case_number,
            place=place,
            region_code=region_code,
            channels=channels,
        )
    )


def notifications_save(rows: list[Message]) -> list[Message]:
    """Write built messages in one INSERT and dispatch them once the transaction commits."""
    if not rows:
        return []
    rows = Message.objects.bulk_create(rows)
    # One dispatch per transaction, however many messages it queued.
    if not any(hook[1] is _enqueue_dispatch for hook in connection.run_on_commit):
        transaction.on_commit(_enqueue_dispatch)
    return rows


def notification_build(
    *,
    event: str,
    subject: str,
    body: str,
    recipient_phone: str = "",
    recipient_user: User | None = None,
    case_number: str = "",
    place: ServicePlace | None = None,
    region_code: str = "",
    channels: list[str] | None = None,
) -> list[Message]:
    """The outbox rows of a message, one per channel, validated but not saved.

    Without ``channels`` a message to a mobile number goes out on the phone channels of
    ``ONEWINDOW_NOTIFY_CHANNELS`` (default: the SMS log) and a message only to a user on the user
    channels (default: the in-app inbox). Disabled channels (an unconfigured webhook) are left
    out, and a message with neither a number nor a user is not queued at all (``[]``).
    ``region_code`` defaults to the place's region. Raises ``ValueError`` on a programming error:
    no event or text, an unknown channel, or a named channel that lacks its recipient.
    """
    recipient_phone = (recipient_phone or "").strip()
    if not event:
        raise ValueError("a notification needs an event code")
    if not body:
        raise ValueError("a notification needs a text")
    if not recipient_phone and recipient_user is None:
        # An applicant who left no number cannot be told; the case goes on regardless.
        logger.warning("Notification %s (case %s) has no recipient: not queued", event, case_number)
        return []
    if place is not None and not region_code:
        region_code = place.region.code
    codes = list(
        dict.fromkeys(
            channels
            if channels is not None
            else _default_channels(phone=recipient_phone, user=recipient_user)
        )
    )
    registry = channel_registry()
    rows = []
    for code in codes:
        channel = registry.get(code)
        if channel is None:
            raise ValueError(f"unknown notification channel {code!r}")
        if channel.needs_phone and not recipient_phone:
            raise ValueError(f"channel {code!r} needs a mobile number")
        if channel.needs_user and recipient_user is None:
            raise ValueError(f"channel {code!r} needs a recipient user")
        if not channel.enabled():
            logger.info("Notification channel %s is not configured; %s not sent on it", code, event)
            continue
        rows.append(
            Message(
                event=event,
                channel=code,
                recipient_user=recipient_user,
                recipient_phone=recipient_phone,
                subject=subject[:200],
                body=body,
                case_number=case_number,
                place=place,
                region_code=region_code,
            )
        )
    return rows


def _enqueue_dispatch() -> None:
    # Imported here: tasks.py imports this module.
    from onewindow.notifications.tasks import dispatch_outbox

    try:
        dispatch_outbox()
    except Exception:
        # The rows are committed; the every-minute dispatch will send them.
        logger.exception("Could not enqueue the outbox dispatch; the periodic run will send")


def _claim(*, limit: int, now: datetime.datetime) -> tuple[list[Message], datetime.datetime]:
    """Take up to ``limit`` due rows and push their next attempt past a lease.

    PostgreSQL: ``FOR UPDATE SKIP LOCKED`` lets concurrent dispatchers take disjoint batches.
    SQLite ignores ``select_for_update``; its IMMEDIATE transactions take the write lock at BEGIN,
    so two claims run one after the other and the second no longer sees the rows as due.
    """
    lease_until = now + claim_lease()
    with transaction.atomic():
        rows = list(
            Message.objects.due(now)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient_user")[:limit]
        )
        if rows:
            Message.objects.filter(pk__in=[m.pk for m in rows]).update(next_attempt_at=lease_until)
    for message in rows:
        message.next_attempt_at = lease_until
    return rows, lease_until


def _error_text(exc: BaseException) -> str:
    return mask_text(f"{type(exc).__name__}: {exc}")[:1000]


def _send_one(
    message: Message,
    *,
    registry: dict[str, Channel],
    now: datetime.datetime,
    lease_until: datetime.datetime,
) -> bool:
    # Every write below is conditional on still holding the claim.
    ours = Message.objects.filter(
        pk=message.pk, status=MessageStatus.PENDING, next_attempt_at=lease_until
    )
    attempts = message.attempts + 1
    try:
        channel = registry.get(message.channel)
        if channel is None:
            raise ChannelError(f"channel {message.channel!r} is not configured")
        channel.send(message)
    except Exception as exc:
        error = _error_text(exc)
        if attempts >= max_attempts():
            ours.update(
                status=MessageStatus.FAILED,
                attempts=attempts,
                last_error=error,
                next_attempt_at=now,
                updated_at=timezone.now(),
            )
            logger.error(
                "Message %s (%s) failed for good after %d attempts: %s",
                message.public_id,
                message.channel,
                attempts,
                error,
            )
        else:
            ours.update(
                attempts=attempts,
                last_error=error,
                next_attempt_at=now + backoff_after(attempts),
                updated_at=timezone.now(),
            )
            logger.warning(
                "Message %s (%s) attempt %d failed, retrying later: %s",
                message.public_id,
                message.channel,
                attempts,
                error,
            )
        return False
    ours.update(
        status=MessageStatus.SENT,
        attempts=attempts,
        sent_at=now,
        next_attempt_at=now,
        updated_at=timezone.now(),
    )
    return True


def _dispatch_batch(*, limit: int, now: datetime.datetime) -> tuple[int, int]:
    rows, lease_until = _claim(limit=limit, now=now)
    registry = channel_registry()
    started = time.monotonic()
    half_lease = claim_lease().total_seconds() / 2
    sent = 0
    for index, message in enumerate(rows):
        if time.monotonic() - started > half_lease:
            # Slow channel: hand the rest back before our lease could run out.
            Message.objects.filter(
                pk__in=[m.pk for m in rows[index:]],
                status=MessageStatus.PENDING,
                next_attempt_at=lease_until,
            ).update(next_attempt_at=now)
            break
        sent += _send_one(message, registry=registry, now=now, lease_until=lease_until)
    return sent, len(rows)


def outbox_dispatch(*, limit: int = 100, now: datetime.datetime | None = None) -> int:
    """Send up to ``limit`` due messages; return how many went out.

    A message that fails is tried again after 1 min, 5 min, 30 min, 2 h, 6 h...; after
    ``ONEWINDOW_NOTIFY_MAX_ATTEMPTS`` attempts it is marked failed. Call it outside any
    transaction: the sends happen after the claim is committed.
    """
    sent, _claimed = _dispatch_batch(limit=limit, now=now or timezone.now())
    return sent


def outbox_drain(*, batch: int = 100, seconds: float = 50.0) -> int:
    """Dispatch batch after batch until nothing is due or ``seconds`` have passed."""
    started = time.monotonic()
    total = 0
    while True:
        sent, claimed = _dispatch_batch(limit=batch, now=timezone.now())
        total += sent
        if claimed < batch or time.monotonic() - started > seconds:
            return total


def message_retry(*, message: Message, actor: User) -> Message:
    """Put a failed message back in the outbox for a fresh round of attempts."""
    if not policies.may_retry(actor, message):
        raise NotPermitted(_("You may not retry this message."))
    with transaction.atomic():
        locked = Message.objects.select_for_update().get(pk=message.pk)
        if locked.status != MessageStatus.FAILED:
            raise DomainError(_("Only a failed message can be retried."))
        locked.status = MessageStatus.PENDING
        locked.attempts = 0
        locked.next_attempt_at = timezone.now()
        locked.save(update_fields=["status", "attempts", "next_attempt_at", "updated_at"])
        transaction.on_commit(_enqueue_dispatch)
    logger.info("Message %s put back in the outbox by user %s", locked.public_id, actor.pk)
    return locked


def inbox_mark_read(*, user: User) -> int:
    """Mark every unread in-app message of the user as read; return how many."""
    return (
        Message.objects.inbox_of(user)
        .filter(read_at__isnull=True)
        .update(read_at=timezone.now(), updated_at=timezone.now())
    )
