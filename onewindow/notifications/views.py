"""Pages of the outbox: the message log (短信记录) and a staff member's in-app inbox."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from onewindow.accounts.requests import AuthenticatedHttpRequest
from onewindow.core.errors import DomainError
from onewindow.notifications import policies, selectors, services
from onewindow.notifications.channels import channel_registry
from onewindow.notifications.forms import MessageFilterForm
from onewindow.notifications.models import Message
from onewindow.organisations.access import role_required
from onewindow.organisations.choices import Role

PAGE_SIZE = 50


@role_required(*policies.LOG_ROLES)
def message_log(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = MessageFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.message_log(
        user=request.user,
        event=filters.get("event", ""),
        status=filters.get("status", ""),
        case_number=filters.get("case_number", ""),
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    labels = {code: channel.label for code, channel in channel_registry().items()}
    for m in page:
        m.channel_label = labels.get(m.channel, m.channel)  # type: ignore[attr-defined]  # for the template, not a field
    return render(
        request,
        "notifications/log.html",
        {
            "title": _("Message log"),
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "retryable": {m.pk for m in page if policies.may_retry(request.user, m)},
        },
    )


@role_required(Role.ADMINISTRATOR)
@require_POST
def message_retry(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    message = get_object_or_404(Message.objects.visible_to(request.user), public_id=public_id)
    try:
        services.message_retry(message=message, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The message is back in the outbox."))
    # Back to the same filtered page; re-encoding drops anything that is not a query string.
    query = QueryDict(request.POST.get("query", "")).urlencode()
    return redirect(reverse("notifications:log") + (f"?{query}" if query else ""))


@role_required(*Role)
def inbox(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(selectors.inbox_messages(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "notifications/inbox.html",
        {
            "title": _("My messages"),
            "page": page,
            "query": "",
            "unread": selectors.inbox_unread_count(user=request.user),
        },
    )


@role_required(*Role)
@require_POST
def inbox_read(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.inbox_mark_read(user=request.user)
    return redirect("notifications:inbox")
