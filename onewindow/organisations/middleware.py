"""The second factor, enforced: a staff member who has an authenticator app enters its code after
the password; with ``ONEWINDOW_OTP_REQUIRED`` on, holders of ``ONEWINDOW_OTP_REQUIRED_ROLES``
(administrators and supervisors by default) must set one up before any other page.

Whether the signed-in user needs a second factor is decided once per session (one query for the
devices, one for the roles) and kept in the session; the set-up page marks it when a device is
added.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from onewindow.accounts.second_factor import has_second_factor
from onewindow.organisations import scope

STATE_KEY = "ow_2fa"  # "device": has one; "required": must set one up; "none"

# Pages a user between password and code may open.
_OPEN_NAMES = ("accounts:otp-setup", "accounts:otp-verify", "accounts:logout", "set_language")


def _state(request: HttpRequest) -> str:
    user = request.user
    if has_second_factor(user):  # type: ignore[arg-type]
        return "device"
    if settings.ONEWINDOW_OTP_REQUIRED and scope.has_role(
        user,  # type: ignore[arg-type]
        *settings.ONEWINDOW_OTP_REQUIRED_ROLES,
    ):
        return "required"
    return "none"


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        # is_verified is added to the user by django_otp.middleware.OTPMiddleware.
        if user.is_authenticated and not user.is_verified():  # type: ignore[attr-defined]
            state = request.session.get(STATE_KEY)
            if state is None:
                state = request.session[STATE_KEY] = _state(request)
            if state != "none" and not self._open(request):
                target = "accounts:otp-verify" if state == "device" else "accounts:otp-setup"
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse(target)}?{query}")
        return self.get_response(request)

    @staticmethod
    def _open(request: HttpRequest) -> bool:
        path = request.path_info
        if path.startswith(settings.STATIC_URL) or path == reverse("admin:logout"):
            return True
        return any(path == reverse(name) for name in _OPEN_NAMES)
