"""Sign-in events on the tamper-evident audit chain (等保 2.0 安全审计).

``accounts.sign_in_failed``: a wrong password (or unknown user name) on any sign-in form (the
site's and the Django admin's); ``accounts.locked_out``: the attempt that locked an account or
address, and every attempt refused while it stays locked. The user name is masked when it holds a
personal number (a citizen's ID number); the address is the one axes counts
(``core.network.client_ip``).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest

from onewindow.core.audit import audit_append
from onewindow.core.masking import mask_text
from onewindow.core.network import client_ip


def _record(kind: str, request: HttpRequest | None, username: str, extra: dict[str, Any]) -> None:
    shown = mask_text(username)[:150]
    content: dict[str, Any] = {"username": shown, **extra}
    if request is not None:
        content["address"] = getattr(request, "axes_ip_address", None) or client_ip(request)
        content["path"] = request.path[:200]
    with transaction.atomic():
        audit_append(kind=kind, ref=shown[:64] or "-", actor="anonymous", content=content)


def on_login_failed(
    sender: Any,
    credentials: dict[str, Any],
    request: HttpRequest | None = None,
    **kwargs: Any,
) -> None:
    # A refused attempt while locked is recorded by on_locked_out.
    if request is not None and getattr(request, "axes_locked_out", False):
        return
    if request is not None:
        request.ow_failure_audited = True  # type: ignore[attr-defined]  # read by on_locked_out
    _record("accounts.sign_in_failed", request, str(credentials.get("username") or ""), {})


def on_locked_out(
    sender: Any, request: HttpRequest | None = None, username: str = "", **kwargs: Any
) -> None:
    typed = ""
    if request is not None:
        credentials = getattr(request, "axes_credentials", None) or {}
        typed = str(credentials.get("username") or request.POST.get("username", ""))
    # The failure that reached the limit was just recorded: this is the lockout itself.
    event = "locked" if getattr(request, "ow_failure_audited", False) else "refused"
    _record("accounts.locked_out", request, typed, {"event": event})
