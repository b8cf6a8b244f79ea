"""Puts the signed-in user's menu into every template."""

from __future__ import annotations

from django.http import HttpRequest

from onewindow.workspaces.navigation import tools_for, workspaces_for


def navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_workspaces": [], "nav_tools": []}
    return {"nav_workspaces": workspaces_for(user), "nav_tools": tools_for(user)}
