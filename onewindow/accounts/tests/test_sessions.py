"""Issue 17 item 2, sessions: staff sessions end after an idle time and with the browser;
citizens' after a longer idle time (docs/security.md)."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse

from onewindow.accounts.middleware import SEEN_KEY, START_KEY

WORKSPACE = "accounts:ws-window"


def _age_session(client, *, seen_ago: float, started_ago: float | None = None) -> None:
    session = client.session
    session[SEEN_KEY] = int(time.time() - seen_ago)
    if started_ago is not None:
        session[START_KEY] = int(time.time() - started_ago)
    session.save()


def test_a_staff_session_cookie_ends_with_the_browser(world, login):
    client = login(world.clerk_a)
    response = client.get(reverse(WORKSPACE))
    assert response.status_code == 200
    cookie = response.cookies["sessionid"]
    assert cookie["max-age"] == ""
    assert cookie["expires"] == ""


def test_a_staff_session_ends_after_the_idle_time(world, login, settings):
    settings.ONEWINDOW_STAFF_IDLE_MINUTES = 30
    client = login(world.clerk_a)
    assert client.get(reverse(WORKSPACE)).status_code == 200
    _age_session(client, seen_ago=29 * 60)
    assert client.get(reverse(WORKSPACE)).status_code == 200  # active again: it goes on
    _age_session(client, seen_ago=31 * 60)
    response = client.get(reverse(WORKSPACE))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session


def test_the_staff_idle_time_is_a_setting(world, login, settings):
    settings.ONEWINDOW_STAFF_IDLE_MINUTES = 5
    client = login(world.clerk_a)
    client.get(reverse(WORKSPACE))
    _age_session(client, seen_ago=6 * 60)
    assert client.get(reverse(WORKSPACE)).status_code == 302


def test_a_citizen_session_lasts_its_idle_time_beyond_the_browser(world, login, settings):
    settings.ONEWINDOW_CITIZEN_IDLE_MINUTES = 120
    client = login(world.citizen)
    response = client.get(reverse("portal:me"))
    assert response.status_code == 200
    assert response.cookies["sessionid"]["max-age"] == 7200
    _age_session(client, seen_ago=100 * 60)
    assert client.get(reverse("portal:me")).status_code == 200
    _age_session(client, seen_ago=121 * 60)
    assert client.get(reverse("portal:me")).status_code == 302


@pytest.mark.parametrize("who", ["clerk_a", "citizen"])
def test_no_session_outlives_its_maximum_however_active(world, login, settings, who):
    user = getattr(world, who)
    page = reverse("portal:me") if who == "citizen" else reverse(WORKSPACE)
    client = login(user)
    client.get(page)
    _age_session(client, seen_ago=10, started_ago=settings.SESSION_COOKIE_AGE + 60)
    assert client.get(page).status_code == 302
