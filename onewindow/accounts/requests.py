"""The request type of views behind a sign-in guard, for the type checker."""

from __future__ import annotations

from django.http import HttpRequest

from onewindow.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """A request that passed ``role_required``, ``applicant_required`` or ``login_required``.

    Django types ``request.user`` as ``User | AnonymousUser``; behind those guards it is always a
    signed-in ``User``. Views annotate their request with this class (it is never instantiated).
    """

    user: User
