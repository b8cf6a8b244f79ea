"""Session policy: how long a signed-in session lasts without activity, and whether it survives
closing the browser (等保 2.0 身份鉴别: session time-out).

Staff: ``ONEWINDOW_STAFF_IDLE_MINUTES`` without a request ends the session, and the cookie is a
browser-session cookie (closing the browser ends it). Citizens: ``ONEWINDOW_CITIZEN_IDLE_MINUTES``
without a request ends it; the cookie lasts that long, so a citizen on their own device is not
signed out by closing a tab. However active, no session lasts longer than ``SESSION_COOKIE_AGE``
from its first signed-in request.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

from onewindow.accounts.selectors import is_applicant

SEEN_KEY = "ow_seen"  # when the session last had a request (epoch seconds)
KIND_KEY = "ow_kind"  # "staff" or "citizen", decided once per session
START_KEY = "ow_start"  # when the session was first seen signed in
# A session is written at most once a minute for activity alone.
TOUCH_EVERY = 60


def idle_limit(kind: str) -> int:
    minutes = (
        settings.ONEWINDOW_CITIZEN_IDLE_MINUTES
        if kind == "citizen"
        else settings.ONEWINDOW_STAFF_IDLE_MINUTES
    )
    return int(minutes) * 60


class SessionPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            seen = request.session.get(SEEN_KEY)
            kind = request.session.get(KIND_KEY, "staff")
            start = request.session.get(START_KEY, time.time())
            now = time.time()
            if (seen is not None and now - seen > idle_limit(kind)) or (
                now - start > settings.SESSION_COOKIE_AGE
            ):
                # Signed out before the view runs: it answers as to any anonymous visitor (the
                # sign-in page for a page that needs one).
                logout(request)
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            self._touch(request)
        return response

    def _touch(self, request: HttpRequest) -> None:
        session = request.session
        now = int(time.time())
        seen = session.get(SEEN_KEY)
        if seen is not None and now - seen < TOUCH_EVERY:
            return
        kind = session.get(KIND_KEY)
        if kind is None:
            kind = "citizen" if is_applicant(request.user) else "staff"  # type: ignore[arg-type]
            session[KIND_KEY] = kind
            session.setdefault(START_KEY, now)
        session[SEEN_KEY] = now
        # 0: the cookie ends with the browser; a number: the cookie's (and session's) lifetime.
        session.set_expiry(
            0 if kind == "staff" else min(idle_limit(kind), settings.SESSION_COOKIE_AGE)
        )
