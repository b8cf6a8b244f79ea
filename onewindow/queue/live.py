"""The boards' live stream: calls and waiting counts pushed by Server-Sent Events.

Every call writes a ``CallEvent`` row in the call's transaction; its id is the SSE event id. A
board that reconnects sends ``Last-Event-ID`` and gets the calls it missed from that table, then
the live ones; a call already sent is never sent twice (ids only grow).

How a stream process hears of a change (decision 0016-queue-live-streams):

* with ``REDIS_URL``: ``publish`` (run once the transaction commits) sends the place's id on the
  Redis channel; each stream process subscribes once and wakes its streams of that place;
* embedded (no Redis): each stream process polls, every ``QUEUE_POLL_MS``, the call-event table
  for ids above the last it saw (one indexed query per process, whatever the number of
  streams) and the tickets' latest change of the day for the counts.

The hub lives in the stream process's event loop; the streams are async views, so an open board
costs a coroutine, not a worker thread.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict
from collections.abc import AsyncIterator, Callable
from typing import Any, TypeVar

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import close_old_connections, connection
from django.db.models import Max
from django.utils import timezone

from onewindow.queue import selectors
from onewindow.queue.models import CallEvent, Ticket

log = logging.getLogger(__name__)
CHANNEL = "onewindow:queue"
T = TypeVar("T")


def publish(place_id: int, event_id: int | None) -> None:
    """Tell the stream processes that ``place_id``'s queue changed (after the commit)."""
    if not settings.REDIS_URL:
        return  # the embedded hub polls the tables
    import redis

    try:
        client = redis.Redis.from_url(settings.REDIS_URL)
        client.publish(CHANNEL, json.dumps({"place": place_id, "event": event_id}))
        client.close()
    except redis.RedisError:
        # The call is stored: boards catch up on their next reconnect or poll.
        log.warning("queue: could not publish to Redis", exc_info=True)


def as_request(fn: Callable[..., T]) -> Callable[..., T]:
    """Run ``fn`` in a worker thread as Django runs a request: connections too old for
    ``CONN_MAX_AGE`` (or broken, e.g. after a database restart) are closed before and after."""

    def run(*args: Any) -> T:
        # Inside an open transaction (a test's, when the stream runs on the caller's thread)
        # the connection is not ours to close.
        own = not connection.in_atomic_block
        if own:
            close_old_connections()
        try:
            return fn(*args)
        finally:
            if own:
                close_old_connections()

    return run


def _state() -> tuple[int, dict[int, Any]]:
    """The latest call-event id and each place's latest ticket change today."""
    last = CallEvent.objects.aggregate(m=Max("id"))["m"] or 0
    changed = dict(
        Ticket.objects.filter(day=timezone.localdate())
        .values_list("place_id")
        .annotate(m=Max("updated_at"))
        .values_list("place_id", "m")
    )
    return last, changed


class Hub:
    """One per stream process: wakes the streams of a place when its queue changed."""

    def __init__(self) -> None:
        self.loop = asyncio.get_running_loop()
        self.waiters: dict[int, set[asyncio.Event]] = defaultdict(set)
        self.task = self.loop.create_task(self._run())

    def subscribe(self, place_id: int) -> asyncio.Event:
        event = asyncio.Event()
        self.waiters[place_id].add(event)
        return event

    def unsubscribe(self, place_id: int, event: asyncio.Event) -> None:
        self.waiters[place_id].discard(event)

    def wake(self, place_id: int) -> None:
        for event in list(self.waiters.get(place_id, ())):
            event.set()

    async def _run(self) -> None:
        if settings.REDIS_URL:
            await self._listen()
        else:
            await self._poll()

    async def _poll(self) -> None:
        seen: tuple[int, dict[int, Any]] | None = None
        interval = max(50, settings.QUEUE_POLL_MS) / 1000
        while True:
            try:
                if any(self.waiters.values()):
                    state = await sync_to_async(as_request(_state), thread_sensitive=True)()
                    if seen is not None:
                        for place_id, at in state[1].items():
                            if seen[1].get(place_id) != at or state[0] != seen[0]:
                                self.wake(place_id)
                    seen = state
            except Exception:  # a database hiccup must not end every board's stream
                log.warning("queue: poll failed", exc_info=True)
            await asyncio.sleep(interval)

    async def _listen(self) -> None:
        import redis.asyncio as aioredis

        while True:
            try:
                client = aioredis.Redis.from_url(settings.REDIS_URL)
                async with client.pubsub() as pubsub:
                    await pubsub.subscribe(CHANNEL)
                    async for message in pubsub.listen():
                        if message.get("type") != "message":
                            continue
                        data = json.loads(message["data"])
                        self.wake(int(data["place"]))
            except Exception:
                log.warning("queue: Redis subscription lost; retrying", exc_info=True)
                await asyncio.sleep(1)


_HUB: Hub | None = None


def hub() -> Hub:
    global _HUB
    loop = asyncio.get_running_loop()
    if _HUB is None or _HUB.loop is not loop or _HUB.task.done():
        _HUB = Hub()
    return _HUB


def sse(event: str, data: Any, event_id: int | None = None) -> str:
    lines = []
    if event_id is not None:
        lines.append(f"id: {event_id}")
    lines.append(f"event: {event}")
    lines.append("data: " + json.dumps(data, ensure_ascii=False))
    return "\n".join(lines) + "\n\n"


def _snapshot(place_id: int, last_id: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    day = timezone.localdate()
    return selectors.calls_after(place_id, last_id, day), selectors.waiting_counts(place_id, day)


async def board_stream(place_id: int, last_id: int) -> AsyncIterator[str]:
    """The events of one board: missed calls, then counts and each new call, until the stream's
    time is up (the browser reconnects with ``Last-Event-ID``)."""
    the_hub = hub()
    wake = the_hub.subscribe(place_id)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + settings.QUEUE_STREAM_SECONDS
    snapshot = sync_to_async(as_request(_snapshot), thread_sensitive=True)
    try:
        yield "retry: 2000\n\n"
        counts_sent: list[dict[str, Any]] | None = None
        while True:
            wake.clear()
            calls, counts = await snapshot(place_id, last_id)
            for call in calls:
                yield sse("call", call, call["id"])
                last_id = call["id"]
            if counts != counts_sent:
                yield sse("counts", counts)
                counts_sent = counts
            remaining = deadline - loop.time()
            if remaining <= 0:
                return
            try:
                await asyncio.wait_for(wake.wait(), timeout=min(15.0, remaining))
            except TimeoutError:
                yield ": keep-alive\n\n"
    finally:
        the_hub.unsubscribe(place_id, wake)
