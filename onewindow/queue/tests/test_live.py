"""The stream processes hear of a call: through Redis pub/sub when REDIS_URL is set (several
processes), by polling the call-event table otherwise (decision 0011)."""

from __future__ import annotations

import asyncio

import pytest
import redis

from onewindow.queue import live

REDIS = "redis://127.0.0.1:6379/8"


def _redis_up() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


@pytest.mark.skipif(not _redis_up(), reason="needs Redis on 127.0.0.1:6379")
def test_a_publish_wakes_the_streams_of_that_place_only(settings):
    settings.REDIS_URL = REDIS

    async def scenario() -> tuple[bool, bool]:
        hub = live.hub()
        mine, other = hub.subscribe(1), hub.subscribe(2)
        await asyncio.sleep(0.5)  # the subscription is in place
        await asyncio.to_thread(live.publish, 1, 42)
        try:
            await asyncio.wait_for(mine.wait(), timeout=5)
        finally:
            hub.task.cancel()
        return mine.is_set(), other.is_set()

    assert asyncio.run(scenario()) == (True, False)


def test_without_redis_publish_sends_nothing(settings):
    settings.REDIS_URL = ""
    live.publish(1, 1)  # no error, no connection: the embedded hub polls the tables


@pytest.mark.django_db(transaction=True)
def test_the_embedded_hub_wakes_a_board_when_a_ticket_is_taken(world, settings):
    from onewindow.queue.services.tickets import ticket_take

    from .factories import category, resident_id

    settings.REDIS_URL = ""
    settings.QUEUE_POLL_MS = 50
    cat = category(world.center_a, "A", "个人事务", world.window_a)

    async def scenario() -> bool:
        hub = live.hub()
        wake = hub.subscribe(world.center_a.pk)
        await asyncio.sleep(0.3)  # the hub has seen the tables once
        wake.clear()
        await asyncio.to_thread(
            ticket_take,
            place=world.center_a,
            category=cat,
            applicant_kind="person",
            number=resident_id(),
        )  # now: the hub watches today's tickets
        try:
            await asyncio.wait_for(wake.wait(), timeout=5)
        finally:
            hub.task.cancel()
        return wake.is_set()

    assert asyncio.run(scenario())
