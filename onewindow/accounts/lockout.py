"""Sign-in lockout (django-axes): what axes counts failures by, and the page a locked-out
visitor gets.

Axes locks an account and, separately, an address after ``AXES_FAILURE_LIMIT`` wrong passwords
(settings, "Sign-in protection"). A citizen signs in with their ID number, which must not be
kept in clear in axes' table: such a user name is counted by a keyed digest instead.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from onewindow.core.masking import mask_text


def attempt_username(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str:
    """The user name axes counts failures by: as typed for staff, a keyed digest when it holds
    a personal number (an ID or mobile number)."""
    username = ""
    if credentials:
        username = str(credentials.get("username") or "")
    elif request is not None:
        username = str(request.POST.get("username", ""))
    if mask_text(username) == username:
        return username
    digest = hmac.new(settings.SECRET_KEY.encode(), username.encode(), hashlib.sha256)
    return "h:" + digest.hexdigest()[:40]


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """The page shown instead of the sign-in form while the account or address is locked:
    429, in the visitor's language, saying how long to wait."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = _(
        "Too many failed sign-in attempts. Sign-in is locked for %(minutes)d minutes for this "
        "account or this address; try again later, or ask an administrator."
    ) % {"minutes": minutes}
    return render(
        request,
        "accounts/locked_out.html",
        {"title": _("Sign-in locked"), "message": message},
        status=429,
    )
