"""Error pages: the same friendly layout for 403, 404 and 500, in the user's language."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import get_template


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request so no context processor touches the database: it may be
    # the very thing that failed.
    return HttpResponse(get_template("errors/500.html").render(), status=500)
