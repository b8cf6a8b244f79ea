"""The second factor's pages: set up an authenticator app, and enter a code after the password."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp import login as otp_login

from onewindow.accounts import second_factor
from onewindow.accounts.forms import TokenForm
from onewindow.accounts.requests import AuthenticatedHttpRequest
from onewindow.accounts.selectors import is_applicant


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "accounts:workspace"


@login_required
def setup(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Add (or replace) the authenticator app of a staff member."""
    if is_applicant(request.user):
        raise PermissionDenied
    key = request.session.get(second_factor.SESSION_KEY)
    if not key:
        key = second_factor.new_key()
        request.session[second_factor.SESSION_KEY] = key
    device = second_factor.pending_device(request.user, key)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if second_factor.first_code_matches(device, form.cleaned_data["token"]):
            codes = second_factor.confirm(request.user, device)
            del request.session[second_factor.SESSION_KEY]
            otp_login(request, device)
            return render(
                request,
                "accounts/otp_done.html",
                {"title": _("Two-step sign-in is on"), "codes": codes, "next": _next(request)},
            )
        form.add_error("token", _("This code is not right. Enter the current code of the app."))
    return render(
        request,
        "accounts/otp_setup.html",
        {
            "title": _("Set up two-step sign-in"),
            "form": form,
            "qr_svg": second_factor.qr_svg(device),
            "secret": device.config_url.split("secret=")[1].split("&")[0],
            "has_device": second_factor.has_second_factor(request.user),
            "next": request.GET.get("next", ""),
        },
    )


@login_required
def verify(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The code from the authenticator app (or a recovery code), after the password."""
    if request.user.is_verified():  # type: ignore[attr-defined]  # set by OTPMiddleware
        return redirect(_next(request))
    if not second_factor.has_second_factor(request.user):
        return redirect("accounts:otp-setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = second_factor.verify(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error(
            "token",
            _("This code is not right, or too many wrong codes were tried: wait and try again."),
        )
    return render(
        request,
        "accounts/otp_verify.html",
        {"title": _("Two-step sign-in"), "form": form, "next": request.GET.get("next", "")},
    )
