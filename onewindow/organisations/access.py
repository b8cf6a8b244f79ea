"""View guards. Pages a role is not entitled to answer 403; objects outside a user's scope are
fetched through ``visible_to`` and answer 404, the same as a missing object."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase

from onewindow.accounts.selectors import is_applicant
from onewindow.organisations import scope
from onewindow.organisations.choices import Role

View = Callable[..., HttpResponseBase]


def role_required(*roles: Role) -> Callable[[View], View]:
    """Allow the view only to staff holding one of ``roles`` (deny by default)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not scope.has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        # A function attribute mypy does not know: the roles stay readable on the wrapped view.
        wrapper.required_roles = roles  # type: ignore[attr-defined]
        return wrapper

    return decorator


def applicant_required(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_applicant(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
